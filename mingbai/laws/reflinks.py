"""Turn an article's references into links to the law pages, and give the page the texts they cite.

Each reference to an article on file becomes a Markdown link ``[《民法典》第一百八十八条](…/laws/civil-code.md#a188)
{ .mb-ref }``: MkDocs rewrites it and, the build being strict, fails when the anchor does not exist.
Without JavaScript it is a plain link to the article on the law page. With it, ``laws.js`` shows the
article's text in place (a disclosure: ``aria-expanded``, keyboard and screen reader alike), reading
it from a JSON ``<script>`` the page carries with only the articles it cites (Material's search skips
scripts, so the texts do not enter the search index).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..articles import Article
from ..render import link
from .library import Law, LawLibrary
from .numbers import anchor
from .pages import law_uri
from .references import Finder, Reference

TEXTS_ID = "mb-law-texts"


@dataclass
class PageRefs:
    """The cited articles of one page, keyed ``slug#a16``, with what the in-place panel shows."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, law: Law, key: str) -> str:
        block = law.article(key)
        assert block is not None
        ident = f"{law.slug}#{anchor(block.key)}"
        if ident not in self.texts:
            entry = {"c": f"《{law.short}》{block.key}", "t": "\n".join(block.lines)}
            if law.info is not None and law.info.warns:
                entry["n"] = law.info.caution
            self.texts[ident] = entry
        return ident

    def script(self) -> str:
        """The JSON block for ``laws.js`` (``</`` escaped so the text can never end the script)."""
        if not self.texts:
            return ""
        data = json.dumps(self.texts, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        return f'<script type="application/json" id="{TEXTS_ID}">{data}</script>\n'


class RefLinker:
    """Links references in the Markdown of articles; one per build (the finder is compiled once)."""

    def __init__(self, library: LawLibrary, finder: Finder) -> None:
        self.library = library
        self.finder = finder

    def target(self, law_name: str | None, key: str) -> tuple[Law, str] | None:
        """The law and article a reference names, when both are on file and the law has a page."""
        law = self.library.get(law_name) if law_name else None
        if law is None or not law.slug or law.article(key) is None:
            return None
        return law, key

    def href(self, from_uri: str, law: Law, key: str) -> str:
        return f"{link(from_uri, law_uri(law.slug))}#{law.anchor(key)}"

    def link_text(self, text: str, article: Article, refs: PageRefs, markdown: bool = True) -> str:
        """``text`` (the body, or the answer) with every resolvable reference made a link."""
        lines = text.split("\n")
        basis = [s.law for s in article.sources]
        found = self.finder.scan(list(enumerate(lines)), markdown, cited=basis)
        by_line: dict[int, list[Reference]] = {}
        for ref in found.references:
            if ref.linkable and self.target(ref.law, ref.article):
                by_line.setdefault(ref.line, []).append(ref)
        for number, line_refs in by_line.items():
            line = lines[number]
            for ref in sorted(line_refs, key=lambda r: r.start, reverse=True):
                law, key = self.target(ref.law, ref.article)  # type: ignore[misc]
                refs.add(law, key)
                start = ref.link_start
                label = line[start:ref.end]
                line = line[:start] + f"[{label}]({self.href(article.src_uri, law, key)}){{ .mb-ref }}" + line[ref.end:]
            lines[number] = line
        return "\n".join(lines)

    def source_link(self, article: Article, law_name: str, key: str, label: str, refs: PageRefs) -> str | None:
        """The 法规依据 heading line of one source as a link, or None when it cannot link."""
        target = self.target(law_name, key)
        if target is None:
            return None
        refs.add(*target)
        return f"[{label}]({self.href(article.src_uri, *target)}){{ .mb-ref }}"
