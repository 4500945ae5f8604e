"""Search quality against reader-phrased questions: hit@1, hit@5 and MRR@5.

The questions live in ``tests/search_queries.yml``; each names the article keys that answer it.
``scripts/eval_search.py`` prints the figures for the real site and a test runs the same function
with a lower floor, so a change to analysis, weights or synonyms that hurts readers fails CI.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from whoosh.index import Index, open_dir

from .analysis import setup_project
from .indexer import build_index
from .query import Synonyms
from .searcher import SiteSearch

if TYPE_CHECKING:
    from ..project import Project

DEPTH = 5


@dataclass(frozen=True)
class Question:
    """A reader's question and the article keys that answer it."""

    query: str
    expect: tuple[str, ...]


@dataclass
class Outcome:
    """Where the first right answer came (1-based rank, 0 if not in the top ``DEPTH``) and what came."""

    question: Question
    rank: int
    got: list[str]


@dataclass
class Evaluation:
    """All outcomes and the three summary figures."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, hit: int) -> float:
        return sum(1 for o in self.outcomes if 0 < o.rank <= hit) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def hit1(self) -> float:
        return self._share(1)

    @property
    def hit5(self) -> float:
        return self._share(DEPTH)

    @property
    def mrr5(self) -> float:
        if not self.outcomes:
            return 0.0
        return sum(1.0 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    def summary(self) -> str:
        return (f"queries {len(self.outcomes)}  hit@1 {self.hit1:.3f}  hit@5 {self.hit5:.3f}  "
                f"MRR@5 {self.mrr5:.3f}")


def load_questions(path: Path) -> list[Question]:
    """Read the questions file; a malformed entry is an error in the test data, so raise."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    questions = []
    for entry in data:
        expect = entry["expect"]
        questions.append(Question(str(entry["query"]), tuple(expect if isinstance(expect, list) else [expect])))
    return questions


def evaluate_index(index: Index, questions: list[Question], synonyms: Synonyms) -> Evaluation:
    """Run every question against an open index (jieba already set up for its project)."""
    evaluation = Evaluation()
    with SiteSearch(index, synonyms) as site:
        for question in questions:
            got = [hit.key for hit in site.search(question.query, limit=DEPTH, snippets=False)]
            rank = next((i + 1 for i, key in enumerate(got) if key in question.expect), 0)
            evaluation.outcomes.append(Outcome(question, rank, got))
    return evaluation


def evaluate_project(project: Project, questions: list[Question]) -> Evaluation:
    """Index the project's articles into a temporary folder, then evaluate the questions against it."""
    articles, problems = project.articles()
    if problems:
        raise ValueError("cannot index: " + "; ".join(map(str, problems)))
    with tempfile.TemporaryDirectory(prefix="mingbai-eval-") as tmp:
        build_index(project, articles, Path(tmp))
        setup_project(project)
        index = open_dir(tmp)
        try:
            return evaluate_index(index, questions, Synonyms(project.taxonomy.synonyms))
        finally:
            index.close()
