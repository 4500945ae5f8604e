"""Print hit@1, hit@5 and MRR@5 of the Whoosh search for the reader questions in tests/search_queries.yml.

Usage: python scripts/eval_search.py [--root .] [--queries tests/search_queries.yml] [--min 0.85] [-v]

The index is built from the project's articles into a temporary folder (search_index/ is not touched).
Exits 1 when MRR@5 is below --min, so it can gate a change to analysis, weights or synonyms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mingbai.project import Project
from mingbai.search.evaluate import evaluate_project, load_questions

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    parser.add_argument("--min", type=float, default=0.85, help="lowest acceptable MRR@5 (default 0.85)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every question, not only misses")
    args = parser.parse_args(argv)

    evaluation = evaluate_project(Project(args.root), load_questions(args.queries))
    for outcome in evaluation.outcomes:
        if args.verbose or outcome.rank != 1:
            mark = f"#{outcome.rank}" if outcome.rank else "miss"
            print(f"{mark:>5}  {outcome.question.query}  want {', '.join(outcome.question.expect)}")
            if outcome.rank != 1:
                print(f"       got {', '.join(outcome.got) or '(nothing)'}")
    print(evaluation.summary())
    if evaluation.mrr5 < args.min:
        print(f"MRR@5 {evaluation.mrr5:.3f} is below the floor {args.min}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
