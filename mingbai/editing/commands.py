"""The editor commands of the CLI: ``new``, ``fix`` and ``review``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from .. import settings
from ..project import Project


def cmd_new(args: argparse.Namespace) -> int:
    """Start an article; refuse an unknown category or a bad or taken slug, saying why."""
    from .new import NewArticleError, new_article

    project = Project(args.root)
    try:
        path = new_article(project, args.category, args.slug)
    except NewArticleError as error:
        print(f"mingbai new: {error}", file=sys.stderr)
        return 1
    print(path.relative_to(project.root).as_posix())
    return 0


def cmd_fix(args: argparse.Namespace) -> int:
    """Apply the safe fixes in place and list what changed."""
    from .fixing import fix_tree

    project = Project(args.root)
    only = [Path(p).resolve() for p in args.paths] or None
    done = fix_tree(project.docs, project.root, only)
    for fixed in done:
        print(f"fixed {fixed.path.relative_to(project.root.resolve()) if fixed.path.is_absolute() else fixed.path}: "
              f"{', '.join(fixed.reasons)}")
    print(f"{len(done)} file(s) fixed.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Print what needs an editor's attention (exit 0: a report, not a check)."""
    from .lawstatus import law_status_for
    from .review import as_json, review

    project = Project(args.root)
    articles, _ = project.articles()
    today = args.today or settings.today()
    items = review(articles, project.taxonomy, (project.root / "taxonomy.yml").read_text(encoding="utf-8"),
                   today, args.days, law_status_for(project))
    if args.json:
        json.dump({"today": today.isoformat(), "items": as_json(items)}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for item in items:
            print(item)
        print(f"{len(items)} item(s) to look at (as of {today}).")
    return 0


def register(subparsers: Any) -> None:
    """Add the editor commands to the CLI's sub-parsers."""
    new = subparsers.add_parser("new", help="start an article: front matter, skeleton, URL registered")
    new.add_argument("category", help="its category: the label (征信知识) or the folder (credit-report)")
    new.add_argument("slug", help="short lowercase ASCII words joined by hyphens")
    new.set_defaults(func=cmd_new)

    fix = subparsers.add_parser("fix", help="apply the safe fixes (BOM, CRLF, typography) in place")
    fix.add_argument("paths", nargs="*", help="only these files (default: every Markdown file under docs/)")
    fix.set_defaults(func=cmd_fix)

    rev = subparsers.add_parser("review", help="what needs an editor's attention, most urgent first")
    rev.add_argument("--days", type=int, default=180, help="reviewed longer ago than this is due (default 180)")
    rev.add_argument("--today", type=dt.date.fromisoformat, help="judge dates as of this day (YYYY-MM-DD)")
    rev.add_argument("--json", action="store_true", help="print JSON for dashboards")
    rev.set_defaults(func=cmd_review)
