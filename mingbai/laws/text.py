"""The layout of a Chinese statute text, and verbatim quote matching against it.

The law folder holds one Markdown file per law (or per book of a code), as the public collection the
texts come from writes them: ``# 名称`` first, the enactment history, ``<!-- INFO END -->``, then
chapter headings (``## 第一章 总则``) and articles that start a line with their number (``第十六条 …``,
``第二百九十三条之一 …``), or, in amendments and replies, numbered sections (``一、…``). Quotes must be
verbatim, so they are compared with whitespace removed and half-width punctuation folded, and an
ellipsis (``……``) may stand for omitted words. Written by hand because no library knows this layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import NUMERAL

ARTICLE_HEAD = re.compile(rf"^(第[{NUMERAL}]+条(?:之[{NUMERAL}]+)?)[\s　]")
SECTION_HEAD = re.compile(rf"^([{NUMERAL}]+)、")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
INFO_END = "<!-- INFO END -->"
ITEM = re.compile(rf"^[（(][{NUMERAL}]+[）)]")
ELLIPSIS = re.compile(r"……|\.\.\.+|…")
WHITESPACE = re.compile(r"\s+")
_PUNCT_FOLD = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！",
                             "\"": "", "“": "", "”": "", "「": "", "」": "", "‘": "", "’": "", "'": ""})


def normalise(text: str) -> str:
    """Drop whitespace and quotation marks and fold half-width punctuation, which law copies mix freely
    (a quote inside a quote is written 「」 on the site and “” in the law)."""
    return WHITESPACE.sub("", text).translate(_PUNCT_FOLD)


def quote_in(quote: str, text: str) -> bool:
    """True when every ellipsis-separated fragment of ``quote`` occurs in ``text``, in order."""
    haystack = normalise(text)
    position = 0
    for fragment in ELLIPSIS.split(quote):
        needle = normalise(fragment)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


@dataclass
class Block:
    """One piece of a law text in order: a heading, an article (or section), or a loose paragraph."""

    kind: str  # "heading", "article" or "text"
    text: str = ""
    level: int = 0
    key: str = ""
    lines: list[str] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """An article's 款: its paragraphs, not counting the numbered items (（一）…) inside one."""
        out: list[str] = []
        for line in self.lines:
            if ITEM.match(line) and out:
                out[-1] += "\n" + line
            else:
                out.append(line)
        return out


def parse_blocks(text: str) -> tuple[str, list[str], list[Block]]:
    """The title (first ``#`` heading), the history lines before ``<!-- INFO END -->``, and the body
    (a book's own ``#`` heading, when the file is one book of a code, comes first)."""
    lines = text.splitlines()
    title, history = "", []
    blocks: list[Block] = []
    if INFO_END in lines:
        end = lines.index(INFO_END)
        for line in lines[:end]:
            head = HEADING.match(line)
            if head and not title:
                title = head.group(2)
            elif head:  # a book of a code: ``# 中华人民共和国民法典`` then ``# 合同编``
                blocks.append(Block("heading", head.group(2), level=len(head.group(1))))
            elif line.strip():
                history.append(line.strip())
        lines = lines[end + 1:]
    current: Block | None = None
    for line in lines:
        line = line.strip()
        if not line:
            continue
        head = HEADING.match(line)
        if head:
            if not title and head.group(1) == "#":
                title = head.group(2)
                continue
            blocks.append(Block("heading", head.group(2), level=len(head.group(1))))
            current = None
            continue
        start = ARTICLE_HEAD.match(line) or SECTION_HEAD.match(line)
        if start:
            current = Block("article", key=start.group(1), lines=[line])
            blocks.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            blocks.append(Block("text", line))
    return title, history, blocks


def split_articles(text: str) -> dict[str, str]:
    """Map each article (or section) key to its text, up to the next heading or article."""
    articles: dict[str, str] = {}
    for block in parse_blocks(text)[2]:
        if block.kind == "article":
            articles[block.key] = articles.get(block.key, "") + "\n".join(block.lines) + "\n"
    return articles
