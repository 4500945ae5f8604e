"""Markdown fragments the plugin adds to pages: answer box, 法规依据, dates, disclaimer and lists.

They are produced as Markdown (with ``md_in_html`` for the wrappers) rather than HTML so that the
theme styles them natively, the table of contents includes 法规依据, and links stay relative ``.md``
links that MkDocs validates and rewrites.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable
from html import escape as html_escape

from .articles import Article, Source
from .urls import relative_url

DISCLAIMER_URI = "about/disclaimer.md"
#: Where 相关阅读's list goes when the lists are computed while MkDocs renders (``search/background.py``):
#: an HTML comment passes through Markdown untouched, and ``fill_related`` replaces it in the page HTML.
RELATED_PLACEHOLDER = "<!-- mb-related-list -->"
_RELATED_HEADING = re.compile(r'\n?<h2 id="related">.*?</h2>\s*' + re.escape(RELATED_PLACEHOLDER) + r"\n?", re.S)
_PLACEHOLDER_LINE = re.compile(re.escape(RELATED_PLACEHOLDER) + r"\n?")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def escape(text: str) -> str:
    """Backslash-escape Markdown syntax in quoted law text and titles so it renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def link(from_uri: str, to_uri: str) -> str:
    """A relative link from one docs file to another, as MkDocs expects in Markdown."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def chinese_date(day: dt.date) -> str:
    """STYLE.md's date form: 2026 年 11 月 30 日."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def list_item(from_uri: str, article: Article) -> str:
    """One ``分类丨标题`` entry linking to the article."""
    return f"- [{escape(article.list_label())}]({link(from_uri, article.src_uri)})"


def article_list(from_uri: str, articles: Iterable[Article], css: str = "mb-list") -> str:
    """A list of ``分类丨标题`` entries wrapped in a styled block; empty text when there are none."""
    items = [list_item(from_uri, a) for a in articles]
    if not items:
        return ""
    return f'<div class="{css}" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


def answer_box(article: Article, answer: str | None = None) -> str:
    """The 先说结论 box shown before everything else: a named region a screen reader can jump to.
    ``answer`` is the answer's Markdown when its references have been made links (issue 12)."""
    return (
        '<section class="mb-answer" aria-label="先说结论" markdown>\n\n'
        f'<p class="mb-answer__label">先说结论</p>\n\n{article.answer if answer is None else answer}'
        "\n\n</section>\n\n"
    )


#: Gives the 法规依据 line of a source as a Markdown link to the law page, or None (issue 12).
SourceLink = Callable[[Source, str], "str | None"]


def sources_section(article: Article, source_link: SourceLink | None = None) -> str:
    """The 法规依据 section: each law, article and the verbatim quote; the law and article link to the
    article on its law page when ``source_link`` can make the link."""
    parts = ["## 法规依据 { #legal-basis }\n"]
    for source in article.sources:
        label = f"《{escape(source.law)}》{escape(source.article)}"
        linked = source_link(source, label) if source_link else None
        if linked:
            parts.append(f'<p class="mb-source" markdown="span">{linked}</p>\n')
        else:
            parts.append(f'<p class="mb-source">{label}</p>\n')
        parts.append(f"> {escape(source.quote)}\n")
    return "\n".join(parts) + "\n"


def dates_line(article: Article) -> str:
    """When the facts were last checked, and first published."""
    items = []
    if article.reviewed:
        items.append(f'最后核对：<time datetime="{article.reviewed.isoformat()}">'
                     f"{chinese_date(article.reviewed)}</time>")
    if article.date:
        items.append(f'首次发布：<time datetime="{article.date.isoformat()}">{chinese_date(article.date)}</time>')
    return f'<p class="mb-dates">{"　".join(items)}</p>\n\n' if items else ""


def disclaimer(article: Article) -> str:
    """The short disclaimer STYLE.md wants at the end of every article, rendered once here."""
    return (
        '<aside class="mb-disclaimer" aria-label="免责声明" markdown>\n\n'
        "本文是一般性的法律和金融知识介绍，不是针对个案的法律意见。法规和各机构的做法会变化，"
        "具体以合同约定、法院裁判和官方答复为准。"
        f"[免责声明]({link(article.src_uri, DISCLAIMER_URI)})\n\n</aside>\n"
    )


def related_section(article: Article, related: list[Article] | None) -> str:
    """相关阅读 as a headed section of ``分类丨标题`` links; with ``None``, the heading and a placeholder
    for ``fill_related``."""
    if related is None:
        return "## 相关阅读 { #related }\n\n" + RELATED_PLACEHOLDER + "\n\n"
    if not related:
        return ""
    return "## 相关阅读 { #related }\n\n" + article_list(article.src_uri, related, "mb-list mb-related")


def fill_related(html: str, page_url: str, related: list[Article]) -> str:
    """Put the related list where ``related_section(article, None)`` left its placeholder, as the same
    HTML Markdown makes of ``related_section(article, related)``; no list removes the heading too."""
    if not related:
        return _RELATED_HEADING.sub("", html, count=1)
    items = []
    for other in related:
        href = relative_url(page_url, other.url)
        items.append(f'<li><a href="{html_escape(href)}">{html_escape(other.list_label(), quote=False)}</a></li>')
    block = '<div class="mb-list mb-related">\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>"
    return _PLACEHOLDER_LINE.sub(lambda _: block, html, count=1)


def decorate(article: Article, markdown: str, related: list[Article] | None, answer: str | None = None,
             source_link: SourceLink | None = None) -> str:
    """The article page: answer first, then the body, 法规依据, related reading, dates, disclaimer.
    ``related`` None leaves a placeholder for the list (``fill_related``)."""
    return (
        answer_box(article, answer)
        + markdown.strip()
        + "\n\n"
        + sources_section(article, source_link)
        + related_section(article, related)
        + "\n"
        + dates_line(article)
        + disclaimer(article)
    )
