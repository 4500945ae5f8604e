"""Hover definitions: the first use of each glossary term on a page becomes ``<abbr title=…>``.

Material shows ``abbr`` titles as tooltips (``content.tooltips``). Python-Markdown's own ``abbr``
extension cannot be used: it wraps matches in ``\\b`` word boundaries, which never occur between two
Chinese characters, and it marks every occurrence, which would underline half of a Chinese page.
This small tree processor marks the first occurrence of each term outside headings, links, code and
quoted law text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dt", "script", "style"}


class GlossaryTreeprocessor(Treeprocessor):
    """Wraps the first occurrence of each term in ``<abbr title="definition">``."""

    def __init__(self, md: Markdown, terms: dict[str, str]) -> None:
        super().__init__(md)
        self.terms = terms
        words = sorted(terms, key=len, reverse=True)  # longest first: 个性化分期协议 before 个性化分期
        self.pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self.seen: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP:
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text = self._mark(element.text, element, 0)
        for child in list(element):
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = self._mark(child.tail, element, list(element).index(child) + 1)

    def _mark(self, text: str, parent: etree.Element, index: int) -> str:
        """Mark new terms in ``text``; returns what stays as plain text before the first mark."""
        assert self.pattern is not None
        pieces: list[tuple[str, str]] = []  # (term, text after it)
        head = text
        position = 0
        for match in self.pattern.finditer(text):
            term = match.group(0)
            if term in self.seen:
                continue
            self.seen.add(term)
            if pieces:
                previous_term, _ = pieces[-1]
                pieces[-1] = (previous_term, text[position:match.start()])
            else:
                head = text[: match.start()]
            pieces.append((term, ""))
            position = match.end()
        if not pieces:
            return text
        last_term, _ = pieces[-1]
        pieces[-1] = (last_term, text[position:])
        for offset, (term, tail) in enumerate(pieces):
            abbr = etree.Element("abbr", {"title": self.terms[term]})
            abbr.text = AtomicString(term)
            abbr.tail = tail
            parent.insert(index + offset, abbr)
        return head


class GlossaryExtension(Extension):
    """Registers the tree processor with the site's glossary (terms and aliases → definition)."""

    def __init__(self, terms: dict[str, str]) -> None:
        super().__init__()
        self.terms = terms

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.terms), "mingbai-glossary", 6)
