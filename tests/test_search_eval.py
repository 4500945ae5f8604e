"""Search quality on the real site: the reader questions of ``search_queries.yml`` must keep finding
their articles. ``scripts/eval_search.py`` prints the figures (target MRR@5 ≥ 0.85); this test holds a
lower floor so that a change which hurts readers fails CI without making every content edit flaky."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingbai.project import Project
from mingbai.search.evaluate import evaluate_project, load_questions

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = Path(__file__).with_name("search_queries.yml")
FLOOR = 0.7


def test_questions_file_is_well_formed() -> None:
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 45
    assert len({q.query for q in questions}) == len(questions)
    project = Project(ROOT)
    articles, _ = project.articles()
    known = {a.key for a in articles}
    missing = sorted({key for q in questions for key in q.expect} - known)
    assert not missing, f"questions expect articles that do not exist: {missing}"


@pytest.mark.skipif(not (ROOT / "docs").is_dir(), reason="needs the real site")
def test_reader_questions_find_their_articles() -> None:
    evaluation = evaluate_project(Project(ROOT), load_questions(QUESTIONS))
    misses = [o.question.query for o in evaluation.outcomes if not o.rank]
    assert evaluation.mrr5 >= FLOOR, f"{evaluation.summary()}; not in the top 5: {misses}"
    assert evaluation.hit5 >= 0.85, evaluation.summary()
