"""Print hit@1, hit@5 and MRR@5 of the site's search box in chromium beside `mingbai search` (Whoosh).

Usage: python scripts/eval_browser_search.py [--root .] [--queries tests/search_queries.yml] [--site DIR] [-v]

Builds the project into a temporary folder (site and Whoosh index; ``site/`` is not touched) unless
--site names a built site, serves it on 127.0.0.1, types every question into the real search box of a
360 px phone page in Debian's chromium, reads the first five results, and runs the same questions
through the Whoosh index. Prints both engines' figures and every question either one misses or ranks
below first. Exits 1 when the browser misses the goals: MRR@5 ≥ --min-mrr, hit@5 ≥ --min-hit5, and
MRR@5 no more than --max-gap below Whoosh's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from whoosh.index import open_dir

from mingbai.build import build_site
from mingbai.perf.server import serve
from mingbai.project import Project
from mingbai.search.analysis import setup_project
from mingbai.search.browser_eval import evaluate_page
from mingbai.search.evaluate import Evaluation, evaluate_index, load_questions
from mingbai.search.query import Synonyms

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MINGBAI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def browser_figures(site: Path, questions: list) -> Evaluation:
    """The questions typed into the search box of ``site``, served on a free loopback port."""
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                          is_mobile=True, has_touch=True, locale="zh-CN")
            return evaluate_page(context.new_page(), base + "/", questions)
        finally:
            browser.close()


def whoosh_figures(project: Project, index_dir: Path, questions: list) -> Evaluation:
    setup_project(project)
    index = open_dir(str(index_dir))
    try:
        return evaluate_index(index, questions, Synonyms(project.taxonomy.synonyms))
    finally:
        index.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    parser.add_argument("--site", type=Path, help="a site already built from --root, with search_index/ beside it")
    laws = ROOT.parent / "shared" / "laws"
    parser.add_argument("--laws", type=Path, default=laws if laws.is_dir() else None)
    parser.add_argument("--min-mrr", type=float, default=0.85)
    parser.add_argument("--min-hit5", type=float, default=0.95)
    parser.add_argument("--max-gap", type=float, default=0.05, help="largest MRR@5 shortfall against Whoosh")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every question, not only misses")
    args = parser.parse_args(argv)

    project = Project(args.root)
    questions = load_questions(args.queries)
    with tempfile.TemporaryDirectory(prefix="mingbai-browser-eval-") as tmp:
        if args.site:
            site, index_dir = args.site, args.site.parent / "search_index"
        else:
            site, index_dir = Path(tmp) / "site", Path(tmp) / "search_index"
            build_site(project, args.laws, site_dir=site, index_dir=index_dir)
        browser = browser_figures(site, questions)
        whoosh = whoosh_figures(project, index_dir, questions)

    for mine, theirs in zip(browser.outcomes, whoosh.outcomes, strict=True):
        if args.verbose or mine.rank != 1 or theirs.rank != 1:
            def mark(rank: int) -> str:
                return f"#{rank}" if rank else "miss"
            print(f"browser {mark(mine.rank):>4}  whoosh {mark(theirs.rank):>4}  {mine.question.query}  "
                  f"want {', '.join(mine.question.expect)}")
            if mine.rank != 1:
                print(f"{'':8}browser got {', '.join(mine.got) or '(nothing)'}")
            if theirs.rank != 1:
                print(f"{'':8}whoosh  got {', '.join(theirs.got) or '(nothing)'}")
    print(f"browser  {browser.summary()}")
    print(f"whoosh   {whoosh.summary()}")
    problems = []
    if browser.mrr5 < args.min_mrr:
        problems.append(f"browser MRR@5 {browser.mrr5:.3f} is below {args.min_mrr}")
    if browser.hit5 < args.min_hit5:
        problems.append(f"browser hit@5 {browser.hit5:.3f} is below {args.min_hit5}")
    if whoosh.mrr5 - browser.mrr5 > args.max_gap:
        problems.append(f"browser MRR@5 is {whoosh.mrr5 - browser.mrr5:.3f} below Whoosh (more than {args.max_gap})")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
