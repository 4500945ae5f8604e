"""Markdown body → what the index should see: plain text and the ``##`` headings.

Markdown syntax (link targets, emphasis markers, table pipes, admonition keywords) would otherwise be
indexed as words and shown in snippets; readers search for what they read on the page.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t#]*(?:\{[^}]*\})?[ \t]*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M)
_ATTR_LIST = re.compile(r"\{\s*[:.#][^}]*\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\w+(?:\s+\"([^\"]*)\")?\s*$", re.M)
_LINE_MARKERS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)+", re.M)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def headings(markdown: str) -> list[str]:
    """The text of each ``##``–``######`` heading (the title is the ``#`` level, indexed separately)."""
    body = _FENCE.sub("", markdown)
    return [plain_text(match.group(1)) for match in _HEADING.finditer(body)]


def plain_text(markdown: str) -> str:
    """Readable text without Markdown or HTML syntax; line structure kept loosely for snippets."""
    text = _FENCE.sub("", markdown)
    text = _HTML_COMMENT.sub("", text)
    text = _LINK_DEF.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _ADMONITION.sub(lambda m: m.group(1) or "", text)
    text = _TABLE_RULE.sub("", text)
    text = _LINE_MARKERS.sub("", text)
    text = text.replace("|", " ")
    text = _EMPHASIS.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()
