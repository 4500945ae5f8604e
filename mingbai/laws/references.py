"""Find legal references in Markdown and data text, each with its line, columns and the law it names.

Forms (STYLE.md cites laws by name and article): ``《民法典》第五百四十六条``, ``民法典第一百九十二条第二款``,
``《刑法》第一百七十五条之一``, ``第三十八条第（五）项``; a bare ``第十六条`` (or ``本条例第十六条``) refers to
the law named last before it in the same section, and a bare ``第二款`` / ``第（五）项`` to the article
cited just before it. Which plain words name a law comes from the law library (names derived from the
files, short names and anaphora from ``laws.yml``), never from this module. Written by hand because the
grammar is the site's own; it is a scanner over tokens, not a parser of Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .numbers import NUMERAL, article_key, cn_int, to_cn

_N = rf"[{NUMERAL}\d]+"
ARTICLE = rf"第({_N})条(?:之({_N}))?(?:第({_N})款)?(?:第[（(]({_N})[）)]项)?"
SUB = rf"第({_N})款(?:第[（(]({_N})[）)]项)?|第[（(]({_N})[）)]项"
BRACKETED = r"《(?:[^《》\n]|《[^《》\n]*》)+》"
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#{1,6}\s")
# Spans whose text is no reference: link targets, inline code, HTML tags and comments, attribute lists.
_MASK = re.compile(r"\]\([^)]*\)|`[^`]*`|<!--.*?-->|<[^>\n]+>|\{[:#.][^}\n]*\}")
_LINK_TEXT = re.compile(r"\[[^\]\n]*\]\(")


@dataclass(frozen=True)
class Reference:
    """One reference to an article (or to a 款/项 of the article cited before it)."""

    line: int
    start: int  # column span of the reference's own text in the source line
    end: int
    text: str
    #: named 《法名》第N条 | short 法名第N条 | anaphora 本条例第N条 | bare 第N条 after a law named in its
    #: section | earlier 第N条 in a section naming no law, when one law only was cited before it |
    #: sub 第N款/第（N）项 of the article cited before it
    kind: str
    law: str | None  # the name as written (None: no law named before it in its section)
    article: str  # 第十六条 / 第二百九十三条之一, in the law texts' numerals
    paragraph: int | None = None  # 款
    item: int | None = None  # 项
    linkable: bool = True  # False inside a heading or a link's text, where a link cannot go
    section: int = 0
    law_start: int = -1  # where the law's name starts, when it is written right before (《民法典》第…)

    @property
    def link_start(self) -> int:
        """Where a link to the article starts: the law's name included when it is part of the reference."""
        return self.law_start if self.law_start >= 0 else self.start

    @property
    def cite(self) -> str:
        """How a message names it: 《法名》第十六条第二款第（五）项."""
        law = f"《{self.law}》" if self.law else ""
        extra = (f"第{to_cn(self.paragraph)}款" if self.paragraph else "")
        extra += f"第（{to_cn(self.item)}）项" if self.item else ""
        return f"{law}{self.article}{extra}"


@dataclass(frozen=True)
class Mention:
    """A law (or any document) named in the text: it is what a following bare 第N条 refers to."""

    line: int
    start: int
    end: int
    name: str
    section: int


@dataclass
class Found:
    """What a scan found in one piece of text (an article body, an answer, a data string)."""

    references: list[Reference] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


class Finder:
    """A scanner built once for a set of law names (plain names must be known; 《》 names need not be)."""

    def __init__(self, names: Iterable[str], anaphora: dict[str, tuple[str, ...]]) -> None:
        plain = sorted({n for n in names if n}, key=len, reverse=True)
        words = sorted({w for w in anaphora if w}, key=len, reverse=True)
        self.anaphora = anaphora
        parts = [f"(?P<bracket>{BRACKETED})"]
        if plain:
            parts.append("(?P<plain>" + "|".join(map(re.escape, plain)) + ")")
        if words:
            parts.append("(?P<ana>" + "|".join(map(re.escape, words)) + rf")(?=第{_N}条)")
        parts += [f"(?P<article>{ARTICLE})", f"(?P<sub>{SUB})"]
        self.token = re.compile("|".join(parts))

    def scan(self, lines: Iterable[tuple[int, str]], markdown: bool = True, breaks: frozenset[int] = frozenset(),
             cited: Iterable[str] = ()) -> Found:
        """References and mentions in ``(line number, text)`` pairs. A Markdown heading, or a line whose
        index is in ``breaks``, opens a section. ``cited`` are laws the text is known to rest on (an
        article's ``sources``) for a bare reference in a section naming none."""
        found = Found()
        section, context, last_article = 0, None, None
        basis = list(dict.fromkeys(cited))  # the laws the text rests on, used while it has cited none
        cited = []  # laws cited with an article so far in this unit, in order
        in_fence = False
        for index, (number, raw) in enumerate(lines):
            if index in breaks:
                section += 1
                context, last_article = None, None
            if markdown and FENCE.match(raw):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            heading = markdown and bool(HEADING.match(raw))
            if heading:
                section += 1
                context, last_article = None, None
            text = _MASK.sub(lambda m: " " * len(m.group()), raw) if markdown else raw
            link_spans = [(m.start(), raw.index("](", m.start())) for m in _LINK_TEXT.finditer(raw)] if markdown else []
            previous_end, previous_kind, previous_name, previous_start = -1, "", None, -1
            for match in self.token.finditer(text):
                start, end = match.span()
                adjacent = text[previous_end:start].strip() == "" and previous_end >= 0
                linkable = not heading and not any(a <= start < b for a, b in link_spans)
                group = match.lastgroup
                if group in ("bracket", "plain"):
                    name = match.group(group)
                    context = name.removeprefix("《").removesuffix("》") if group == "bracket" else name
                    found.mentions.append(Mention(number, start, end, context, section))
                    previous_kind, previous_name, previous_start = group, context, start
                elif group == "ana":
                    name = self._antecedent(match.group(group), context, basis[::-1] + cited)
                    previous_kind, previous_name, previous_start = "ana", name, start
                    context = previous_name or context  # 该办法第七十条 … 第七十条: the section now names it
                elif group == "article":
                    groups = _article_groups(match)
                    if adjacent and previous_kind in ("bracket", "plain"):
                        kind, law = ("named" if previous_kind == "bracket" else "short"), previous_name
                    elif adjacent and previous_kind == "ana":
                        kind, law = "anaphora", previous_name
                    elif context is not None:
                        kind, law = "bare", context
                    elif len(set(cited or basis)) == 1:  # no law named in this section, one cited before
                        kind, law = "earlier", (cited or basis)[0]
                    else:
                        kind, law = "bare", None
                    if law is not None:
                        cited.append(law)
                    joined = previous_start if kind in ("named", "short", "anaphora") else -1
                    ref = Reference(number, start, end, match.group(), kind, law, *groups, linkable, section, joined)
                    found.references.append(ref)
                    last_article = ref
                    previous_kind = "article"
                elif group == "sub":
                    paragraph, item = _sub_groups(match)
                    if last_article is not None:
                        ref = Reference(number, start, end, match.group(), "sub", last_article.law,
                                        last_article.article, paragraph or last_article.paragraph,
                                        item, linkable, section)
                    else:
                        ref = Reference(number, start, end, match.group(), "sub", None, "",
                                        paragraph, item, linkable, section)
                    found.references.append(ref)
                    previous_kind = "sub"
                previous_end = end
        return found


    def _antecedent(self, word: str, context: str | None, cited: list[str]) -> str | None:
        """The law ``本条例`` points to: the one named last in the section if its name fits the word
        (ends with 条例), else the one cited last before it whose name fits."""
        endings = self.anaphora.get(word, ())
        for name in ([context] if context else []) + cited[::-1]:
            if name.endswith(endings):
                return name
        return None


def _article_groups(match: re.Match[str]) -> tuple[str, int | None, int | None]:
    offset = match.re.groupindex["article"]
    number, suffix, paragraph, item = (match.group(offset + i) for i in range(1, 5))
    return (article_key(number, suffix), cn_int(paragraph) if paragraph else None,
            cn_int(item) if item else None)


def _sub_groups(match: re.Match[str]) -> tuple[int | None, int | None]:
    offset = match.re.groupindex["sub"]
    paragraph, item, lone_item = (match.group(offset + i) for i in range(1, 4))
    item = item or lone_item
    return (cn_int(paragraph) if paragraph else None), (cn_int(item) if item else None)


def body_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a Markdown text that starts at ``first_line`` of its file."""
    for offset, line in enumerate(text.split("\n")):
        yield first_line + offset, line
