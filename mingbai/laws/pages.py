"""The law pages: ``/laws/`` (法规原文, every law on file) and ``/laws/<slug>/`` (one law, article by article).

They are generated at build time from ``laws/`` (never hand-written in ``docs/``), so a text corrected
in ``laws/`` is corrected on the site. Each article is a ``<div id="a16">`` (anchors: ``numbers.anchor``),
so every reference on the site can link to it; each page says the text's status, source and snapshot
date, and which of the site's articles cite the law (and, folded under each article, which cite it).

The texts go in as one raw HTML block per chapter, under a Markdown heading per chapter (the table of
contents): Python-Markdown passes raw HTML through without parsing it, which keeps the 1.2 MB of texts
from slowing the build. Law pages are left out of the browser search index (``search: exclude``): the
statutes would multiply its size several times over, and their long sections would outrank the
articles that explain them; the 法规原文 index page stays searchable by every law's name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from ..articles import Article
from ..render import link
from .catalogue import Catalogue
from .library import Law, LawLibrary
from .numbers import anchor
from .refcheck import Resolved
from .text import Block

LAWS_INDEX_URI = "laws/index.md"
LAWS_TITLE = "法规原文"


def law_uri(slug: str) -> str:
    """The docs-relative path of a law's generated page."""
    return f"laws/{slug}.md"


def law_page_uris(library: LawLibrary) -> list[str]:
    """Every law page the site will have (the index and one per law with a slug)."""
    return [LAWS_INDEX_URI] + sorted(law_uri(law.slug) for law in library.laws.values() if law.slug)


@dataclass
class Citations:
    """Which articles of the site cite which law, and which article of it."""

    by_law: dict[str, list[Article]] = field(default_factory=dict)
    by_article: dict[tuple[str, str], list[Article]] = field(default_factory=dict)

    @classmethod
    def collect(cls, resolved: Iterable[Resolved], articles: Iterable[Article], library: LawLibrary) -> Citations:
        """From the checked references and the front-matter ``sources``."""
        out = cls()
        for item in resolved:
            block = item.law.article(item.ref.article) if item.law else None
            if item.law is not None and block is not None and item.unit.article is not None:
                out.add(item.law, block.key, item.unit.article)
        for article in articles:
            for source in article.sources:
                law = library.get(source.law)
                block = law.article(source.article) if law else None
                if law is not None and block is not None:
                    out.add(law, block.key, article)
        return out

    def add(self, law: Law, key: str, article: Article) -> None:
        for bucket, index in ((self.by_law, law.name), (self.by_article, (law.name, key))):
            found = bucket.setdefault(index, [])  # type: ignore[attr-defined]
            if article not in found:
                found.append(article)


def law_pages(library: LawLibrary, citations: Citations) -> dict[str, str]:
    """docs-relative path → Markdown of the index page and of every law's page."""
    assert library.catalogue is not None
    laws = sorted((law for law in library.laws.values() if law.slug), key=lambda law: law.slug)
    pages = {LAWS_INDEX_URI: index_page(laws, library.catalogue, citations)}
    for law in laws:
        pages[law_uri(law.slug)] = law_page(law, library.catalogue, citations)
    return pages


def index_page(laws: list[Law], catalogue: Catalogue, citations: Citations) -> str:
    """法规原文: every law on file, cited ones first, with its status and how many articles cite it."""
    cited = sorted((law for law in laws if citations.by_law.get(law.name)),
                   key=lambda law: (-len(citations.by_law[law.name]), law.slug))
    others = [law for law in laws if not citations.by_law.get(law.name)]

    def item(law: Law) -> str:
        count = len(citations.by_law.get(law.name, []))
        note = f"（本站 {count} 篇文章引用）" if count else ""
        status = "" if law.info is None or law.info.status == "in-force" else f"〔{law.info.status_label}〕"
        return f"- [{_md(law.name)}]({link(LAWS_INDEX_URI, law_uri(law.slug))}){status}{note}"

    parts = [
        f"---\ntitle: {LAWS_TITLE}\ndescription: 本站文章引用的法律、行政法规和司法解释原文，逐条可查。\n---\n",
        f"# {LAWS_TITLE}\n",
        "本站文章引用的每一条法律规定，都能在这里读到原文。文章里的条号可以点开，直接看到那一条。"
        f"文本来自{_md(catalogue.source)}，快照日期 {catalogue.snapshot}；以国家法律法规数据库等官方发布为准。\n",
        "## 本站引用的法规\n", "\n".join(item(law) for law in cited) + "\n",
    ]
    if others:
        parts += ["## 其他收录的法规\n", "\n".join(item(law) for law in others) + "\n"]
    return "\n".join(parts)


def law_page(law: Law, catalogue: Catalogue, citations: Citations) -> str:
    """One law: status and source, the articles citing it, then the text article by article."""
    uri = law_uri(law.slug)
    info = law.info
    history, blocks = law.parsed
    meta = (f"---\ntitle: {law.name}\ndescription: {law.name}全文，逐条标注；本站引用它的文章。\n"
            "search:\n  exclude: true\n---\n")
    status = info.status_label if info else "未登记"
    facts = [f"<p><strong>状态</strong>：{escape(status)}</p>"]
    if info and info.caution:
        facts.append(f"<p>{escape(info.caution)}</p>")
    facts.append(f"<p><strong>来源</strong>：{escape(catalogue.source)}，快照日期 {escape(catalogue.snapshot)}"
                 "。以官方发布的文本为准。</p>")
    if history:
        facts.append("<p><strong>制定和修改</strong>：" + "；".join(escape(h) for h in history) + "</p>")
    kind = "warning" if info and info.warns else "info"
    parts = [meta, f"# {_md(law.name)}\n",
             f'<div class="admonition {kind} mb-law-status" role="note" aria-label="文本状态">\n'
             + "\n".join(facts) + "\n</div>\n"]
    citing = citations.by_law.get(law.name, [])
    parts.append("## 本站引用本法的文章 { #citing }\n")
    if citing:
        parts.append("\n".join(f"- [{_md(a.list_label())}]({link(uri, a.src_uri)})" for a in citing) + "\n")
    else:
        parts.append("本站还没有文章引用它。\n")
    parts.append("## 原文 { #text }\n")
    parts += _body(law, blocks, citations, uri)
    return "\n".join(parts)


def _body(law: Law, blocks: list[Block], citations: Citations, uri: str) -> list[str]:
    """Chapter headings as Markdown (for the table of contents), each chapter's text as one HTML block."""
    top = min((b.level for b in blocks if b.kind == "heading"), default=1)
    parts: list[str] = []
    chunk: list[str] = []
    seen: set[str] = set()

    def flush() -> None:
        if chunk:
            parts.append('<div class="mb-law-text">\n' + "\n".join(chunk) + "\n</div>\n")
            chunk.clear()

    for block in blocks:
        if block.kind == "heading":
            flush()
            parts.append("#" * min(6, block.level - top + 3) + f" {_md(block.text)}\n")
        elif block.kind == "text":
            chunk.append(f"<p>{escape(block.text)}</p>")
        else:
            chunk.append(_article_html(law, block, citations, uri, seen))
    flush()
    return parts


def _article_html(law: Law, block: Block, citations: Citations, uri: str, seen: set[str]) -> str:
    """``<div id="a16">``: the number as a link to itself, the paragraphs, and which articles cite it."""
    ident = anchor(block.key)
    if ident in seen:  # a repeated number (a text quoting another) keeps the first anchor
        ident = ""
    seen.add(ident)
    first, *rest = block.lines
    number = escape(block.key) if block.key.startswith("第") else escape(block.key) + "、"
    text = escape(first[len(block.key):].lstrip("、 　"))
    head = f'<a class="mb-law-num" href="#{ident}">{number}</a>' if ident else f"<b>{number}</b>"
    lines = [f"<p>{head} {text}</p>"] + [f"<p>{escape(line)}</p>" for line in rest]
    citing = citations.by_article.get((law.name, block.key), [])
    if citing:  # folded (a native <details>), so the law's text stays readable between the lists
        items = "".join(f'<li><a href="{escape(_href(uri, a.src_uri))}">{escape(a.title)}</a></li>' for a in citing)
        lines.append(f'<details class="mb-law-cited"><summary>本站 {len(citing)} 篇文章引用这一条</summary>'
                     f"<ul>{items}</ul></details>")
    attr = f' id="{ident}"' if ident else ""
    return f'<div class="mb-law-article"{attr}>' + "".join(lines) + "</div>"


def _href(from_uri: str, to_uri: str) -> str:
    """A link in raw HTML, which MkDocs does not rewrite: the directory URL, relative."""
    target = to_uri.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
    here = posixpath.dirname(from_uri.removesuffix(".md") + "/x")
    return posixpath.relpath(target, here) + "/"


def _md(text: str) -> str:
    """Plain text safe in Markdown (law names contain 《》 and （）, never Markdown syntax but ``*``)."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[").replace("]", "\\]")
