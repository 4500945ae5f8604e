"""The ``mingbai search`` and ``mingbai index`` sub-commands.

``register`` is imported by every ``mingbai`` invocation, so this module imports nothing heavy at the
top: Whoosh, jieba and the project model are loaded only when one of these commands runs, and MkDocs
never (a cold ``mingbai search`` must start in well under two seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, TextIO

EXAMPLE = "信用卡还不上了怎么办"
BOLD = ("\x1b[1;33m", "\x1b[0m")
BRACKETS = ("【", "】")


def register(subparsers: Any) -> None:
    """Add ``search`` and ``index`` to the CLI's sub-parsers."""
    search = subparsers.add_parser("search", help="search the articles (uses search_index/)",
                                   description="按读者的问法搜索文章，例如：mingbai search 信用卡还不上了怎么办")
    search.add_argument("query", nargs="*", help="what to look for, in plain words")
    search.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--category", help="only this category: its label (征信知识) or folder (credit-report)")
    search.add_argument("--tag", help="only articles with this tag")
    search.set_defaults(func=cmd_search)

    index = subparsers.add_parser("index", help="build search_index/ alone, atomically")
    index.add_argument("--check", action="store_true", help="only say whether search_index/ is fresh (1 if not)")
    index.set_defaults(func=cmd_index)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"需要一个正整数，而不是 {value!r}")
    return number


def clean(text: str) -> str:
    """Text safe to analyse and echo: lone surrogates replaced, control and format characters dropped."""
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cf", "Cs") else " " for c in text)


def _echo(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


def _writable(stream: TextIO) -> TextIO:
    """Never die on a terminal that cannot show Chinese: replace what it cannot encode."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    return stream


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best matches as ``分类丨标题  URL`` lines with a snippet, or ``--json``."""
    from ..project import Project
    from .analysis import setup_project
    from .indexer import INDEX_FOLDER, index_state, open_index
    from .query import Synonyms
    from .searcher import render_snippet, search

    out, err = _writable(sys.stdout), _writable(sys.stderr)
    project = Project(args.root)
    try:
        taxonomy = project.taxonomy
    except (OSError, ValueError) as error:
        print(f"无法读取 taxonomy.yml：{error}", file=err)
        return 1
    index_dir = project.root / INDEX_FOLDER
    state = index_state(project, index_dir)
    if not state.usable:
        print(state.message, file=err)
        return 1
    if not state.fresh:
        print(state.message, file=err)
    category = _category(args.category, taxonomy)
    if args.category and category is None:
        labels = "、".join(f"{c.label}（{c.folder}）" for c in taxonomy.categories)
        print(f"没有这个分类：{_echo(clean(args.category))}。可选：{labels}", file=err)
        return 2
    if args.tag and args.tag not in taxonomy.tag_set:
        print(f"没有这个标签：{_echo(clean(args.tag))}。可选：{'、'.join(taxonomy.tags)}", file=err)
        return 2
    text = clean(" ".join(args.query))
    setup_project(project)
    try:
        index = open_index(index_dir)
    except Exception as error:  # a damaged index: tell how to rebuild it rather than show a traceback
        print(f"无法打开搜索索引 {index_dir}：{error}。请运行 `mingbai index` 重新生成。", file=err)
        return 1
    try:
        hits = search(index, text, Synonyms(taxonomy.synonyms), limit=args.limit, category=category, tag=args.tag)
    finally:
        index.close()
    base = os.environ.get("MINGBAI_SITE_URL", "").rstrip("/")
    if args.json:
        print(json.dumps([dict(h.as_dict(), url=base + h.url) for h in hits], ensure_ascii=False, indent=1),
              file=out)
    if not hits:
        if not text.strip():
            print(f"没有找到：请输入要搜索的问题，例如 mingbai search {EXAMPLE}", file=err if args.json else out)
        else:
            print(f"没有找到与「{_echo(text)}」相关的文章。试试换个说法，或写出更具体的情况，"
                  f"例如「{EXAMPLE}」。", file=err if args.json else out)
        return 0
    if not args.json:
        marks = BOLD if out.isatty() and not os.environ.get("NO_COLOR") else BRACKETS
        for hit in hits:
            print(f"{hit.category}丨{hit.title}  {base}{hit.url}", file=out)
            if hit.snippet:
                print(f"    {render_snippet(hit.snippet, marks)}", file=out)
    return 0


def _category(value: str | None, taxonomy: Any) -> str | None:
    """A category label from either its label or its folder name."""
    if not value:
        return None
    value = value.strip().strip("/")
    if value in taxonomy.by_label:
        return value
    if value in taxonomy.by_folder:
        return taxonomy.by_folder[value].label
    return None


def cmd_index(args: argparse.Namespace) -> int:
    """Build ``search_index/`` alone: into a temporary folder beside it, then renamed into place."""
    from ..project import Project
    from .indexer import INDEX_FOLDER, build_index, index_state

    project = Project(args.root)
    target = project.root / INDEX_FOLDER
    if args.check:
        state = index_state(project, target)
        print(state.message or f"{target} 是最新的。", file=sys.stdout if state.fresh else sys.stderr)
        return 0 if state.fresh else 1
    articles, problems = project.articles()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found; {target} left as it was.", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix=".index-", dir=project.root))
    try:
        build_index(project, articles, tmp)
        replace_dir(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Indexed {len(articles)} articles into {target}.")
    return 0


def replace_dir(new: Path, target: Path) -> None:
    """Rename ``new`` onto ``target``; if that fails, the old ``target`` is put back untouched."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{new.name}")
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
