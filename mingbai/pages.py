"""Pages the site generates from the content model: category pages, the glossary, and list markers.

Category pages and the glossary are derived (DESIGN.md: never typed twice), so they are produced as
virtual files at build time. Editor-written pages such as the home page ask for generated lists with
markers like ``<!-- mingbai:latest 10 -->``; an unknown marker fails the build, as Material's own
``shortcodes.py`` hook does, so a typo never ships silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .articles import Article
from .render import article_list, escape, link
from .taxonomy import Taxonomy

GLOSSARY_URI = "about/glossary.md"
MARKER = re.compile(r"<!--\s*mingbai:([a-z-]+)((?:\s+[^\s>-][^\s>]*)*)\s*-->")


def category_uri(folder: str) -> str:
    """The generated page of a category folder."""
    return f"{folder}/index.md"


def newest_first(articles: list[Article]) -> list[Article]:
    """Stable order for lists: newest date first, then most recently reviewed, then title."""
    return sorted(
        articles,
        key=lambda a: (-(a.date.toordinal() if a.date else 0),
                       -(a.reviewed.toordinal() if a.reviewed else 0), a.title, a.key),
    )


def category_page(taxonomy: Taxonomy, folder: str, articles: list[Article]) -> str:
    """A category page: its scope and every article in it as ``分类丨标题`` entries."""
    category = taxonomy.by_folder[folder]
    mine = newest_first([a for a in articles if a.folder == folder])
    listing = article_list(category_uri(folder), mine) or "本分类还没有文章。\n"
    return (
        f"---\ntitle: {category.label}\ndescription: {category.scope}\n---\n\n"
        f"{escape(category.scope)}。共 {len(mine)} 篇。\n\n{listing}"
    )


def glossary_page(taxonomy: Taxonomy) -> str:
    """术语表: every glossary term with its plain definition, as a definition list."""
    entries = []
    for term in sorted(taxonomy.glossary, key=lambda t: t.term):
        also = f"（也叫：{'、'.join(term.aliases)}）" if term.aliases else ""
        entries.append(f"{escape(term.term)}{also}\n:   {escape(term.definition)}\n")
    return (
        "---\ntitle: 术语表\ndescription: 逾期、征信、协商还款和催收相关的常用词，一两句话讲清楚。\n---\n\n"
        "文章里第一次出现这些词时，把手指放在（或鼠标移到）带下划线的词上，也能看到解释。\n\n"
        + "\n".join(entries)
    )


def generated_pages(taxonomy: Taxonomy, articles: list[Article]) -> dict[str, str]:
    """docs-relative path → Markdown of every page the site generates."""
    pages = {category_uri(c.folder): category_page(taxonomy, c.folder, articles) for c in taxonomy.categories}
    if taxonomy.glossary:
        pages[GLOSSARY_URI] = glossary_page(taxonomy)
    return pages


class MarkerError(ValueError):
    """A ``mingbai:`` marker the site does not know, or with bad arguments."""


def expand_markers(markdown: str, page_uri: str, taxonomy: Taxonomy, articles: list[Article],
                   popular: Callable[[], list[Article]] | None = None) -> str:
    """Replace list markers in an editor-written page with generated ``分类丨标题`` lists."""

    def categories() -> str:
        lines = []
        for category in taxonomy.categories:
            count = sum(1 for a in articles if a.folder == category.folder)
            lines.append(f"- [{category.label}]({link(page_uri, category_uri(category.folder))})"
                         f"：{escape(category.scope)}（{count} 篇）")
        return '<div class="mb-categories" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"

    def replace(match: re.Match[str]) -> str:
        name, args = match.group(1), match.group(2).split()
        if name == "categories" and not args:
            return categories()
        if name == "latest" and len(args) <= 1 and all(a.isdigit() for a in args):
            return article_list(page_uri, newest_first(articles)[: int(args[0]) if args else 10])
        if name == "category" and len(args) == 1 and args[0] in taxonomy.by_folder:
            return article_list(page_uri, newest_first([a for a in articles if a.folder == args[0]]))
        if name == "popular" and popular is not None and not args:
            return article_list(page_uri, popular())
        raise MarkerError(f"unknown or malformed marker '{match.group(0)}' in {page_uri}")

    return MARKER.sub(replace, markdown)
