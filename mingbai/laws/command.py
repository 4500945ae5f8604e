"""``mingbai laws [NAME [ARTICLE]]``: who cites what, for when a law changes.

With no name: every law on file with the number of places citing it, the laws nothing cites, and the
references found by kind (how many resolved to an article on file, how many name a law known to be
absent). With a name: every place citing the law, article by article; with an article too: only the
places citing that article. Places are ``path:line`` (body, answer, 法规依据, glossary, tool data).
"""

from __future__ import annotations

import argparse
import unicodedata
from collections import defaultdict
from pathlib import Path

from ..project import Project
from .library import Law, LawLibrary
from .numbers import article_key

KINDS = {
    "named": "《法名》第N条",
    "short": "法名第N条 (short name, no 《》)",
    "anaphora": "本条例/该办法第N条",
    "bare": "第N条 after a law named in its section",
    "earlier": "第N条, section names no law, one law cited before",
    "sub": "第N款/第（N）项 of the article before",
}


def places(project: Project, library: LawLibrary) -> dict[str, dict[str, set[str]]]:
    """law name → article key → ``path:line`` of every place citing it."""
    articles, _ = project.articles()
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    report = project.law_report(articles, library)
    for item in report.resolved:
        block = item.law.article(item.ref.article) if item.law else None
        if item.law is not None and block is not None:
            found[item.law.name][block.key].add(f"{item.unit.path}:{item.ref.line}")
    for article in articles:
        for index, source in enumerate(article.sources):
            law = library.get(source.law)
            block = law.article(source.article) if law else None
            if law is not None and block is not None:
                line = article.meta.item_key_line("sources", index, "article")
                found[law.name][block.key].add(f"{article.display}:{line}")
    return found


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


def _sorted(where: set[str]) -> list[str]:
    return sorted(where, key=lambda p: (p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])))


def _order(law: Law, keys: list[str]) -> list[str]:
    order = {key: index for index, key in enumerate(law.articles)}
    return sorted(keys, key=lambda k: order.get(k, 0))


def cmd_laws(args: argparse.Namespace) -> int:
    project = Project(args.root)
    library = project.law_library(args.laws)
    found = places(project, library)
    if args.name is None:
        articles, _ = project.articles()
        report = project.law_report(articles, library)
        print(f"{_pad('law', 28)}{'articles':>8} {'places':>7}")
        for law in sorted(library.laws.values(), key=lambda law: -sum(map(len, found[law.name].values()))):
            cited = found.get(law.name, {})
            if cited:
                print(f"{_pad(law.short, 28)}{len(cited):>8} {sum(map(len, cited.values())):>7}  /laws/{law.slug}/")
        uncited = [law for law in library.laws.values() if not found.get(law.name)]
        print(f"\nOn file, cited nowhere ({len(uncited)}):")
        for law in sorted(uncited, key=lambda law: law.slug):
            print(f"  {law.short}  /laws/{law.slug}/")
        counts = report.counts()
        total = {k: sum(c[k] for c in counts.values()) for k in ("found", "resolved", "absent", "unresolved")}
        print(f"\nReferences: {total['found']} found, {total['resolved']} resolved to an article on file, "
              f"{total['absent']} to a law known to be absent, {total['unresolved']} unresolved")
        for kind, label in KINDS.items():
            row = counts.get(kind)
            if row:
                print(f"  {kind:<9} {row['found']:>4} found  {row['resolved']:>4} resolved  "
                      f"{row['absent']:>3} absent  {row['unresolved']:>3} unresolved   {label}")
        quotes = report.quotes
        print(f"Quotes in bodies: {quotes['block quotes checked']} block quotes "
              f"({quotes['block quotes verbatim']} verbatim), {quotes['inline quotes checked']} inline "
              f"(「…」) quotes ({quotes['inline quotes verbatim']} verbatim)")
        return 0
    law = library.get(args.name)
    if law is None:
        print(f"no law called '{args.name}' in {library.where} (names: 民法典, 民诉法, 征信业管理条例 …)")
        return 1
    cited = found.get(law.name, {})
    if args.article:
        key = args.article if args.article.startswith("第") else article_key(args.article)
        block = law.article(key)
        if block is None:
            print(f"《{law.short}》 has no {key}")
            return 1
        where = cited.get(block.key, set())
        print(f"《{law.short}》{block.key}: {len(where)} place(s)")
        for place in _sorted(where):
            print(f"  {place}")
        return 0
    print(f"《{law.name}》 /laws/{law.slug}/ — {len(cited)} article(s) cited in "
          f"{sum(map(len, cited.values()))} place(s)")
    for key in _order(law, list(cited)):
        print(f"{key}")
        for place in _sorted(cited[key]):
            print(f"  {place}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``mingbai laws`` to the CLI."""
    laws = sub.add_parser("laws", help="which pages cite a law or an article; laws nothing cites")
    laws.add_argument("name", nargs="?", help="a law (any of its names: 民法典, 民诉法, 征信业管理条例 …)")
    laws.add_argument("article", nargs="?", help="one article: 第十六条, 十六 or 16")
    laws.add_argument("--laws", type=Path, help="folder of law texts (default: the project's laws/)")
    laws.set_defaults(func=cmd_laws)
