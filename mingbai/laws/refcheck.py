"""Check every legal reference of the site against the law texts, and the words quoted from them.

A reference must name a law on file (or one on the ``absent`` list, a warning) and an article (款, 项)
that exists in it. Words presented as the law's — a block quote after a reference (or ending with one),
or quoted 「…」/“…” after a reference in the same sentence — must be verbatim in that article
(``quote_in``: ``……`` may skip words; whitespace and full/half-width punctuation are ignored). Citing a
text that is not the one in force (``status`` in ``laws.yml``) is a warning quoting the caution.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..problems import Problem
from .catalogue import Absent
from .content import Unit
from .library import Law, LawLibrary
from .numbers import cn_int, to_cn
from .references import Finder, Reference
from .text import ITEM, quote_in

_TRAILING_CITE = re.compile(r"[（(]([^（）()]*第[^（）()]*[条款项][^（）()]*)[）)]\s*$")
_DASH_CITE = re.compile(r"^\s*[—－-]{1,2}\s*")
_INLINE_QUOTE = re.compile(r"「([^「」]{4,})」|“([^“”]{4,})”")
_SENTENCE_END = re.compile(r"[。！？!?]")
_MIN_WORDS = 8
_ITEM_NUMBER = re.compile(r"^[（(]([^）)]+)[）)]")


@dataclass(frozen=True)
class Resolved:
    """A reference with what it resolved to (``law`` None: not on file)."""

    unit: Unit
    ref: Reference
    law: Law | None
    absent: Absent | None = None

    @property
    def ok(self) -> bool:
        return self.law is not None and self.law.article(self.ref.article) is not None


@dataclass
class Report:
    """Everything one run found: problems, resolved references and counts by kind."""

    problems: list[Problem] = field(default_factory=list)
    resolved: list[Resolved] = field(default_factory=list)
    quotes: Counter[str] = field(default_factory=Counter)

    def counts(self) -> dict[str, Counter[str]]:
        """kind → {found, resolved, absent (warning), unresolved}."""
        out: dict[str, Counter[str]] = {}
        for item in self.resolved:
            row = out.setdefault(item.ref.kind, Counter())
            row["found"] += 1
            row["resolved" if item.ok else "absent" if item.absent else "unresolved"] += 1
        return out


def make_finder(library: LawLibrary) -> Finder:
    """A finder that knows every name of every law on file and on the absent list."""
    assert library.catalogue is not None
    names = set(library.names) | {law.name for law in library.laws.values()}
    names |= {n for law in library.laws.values() if law.info for n in law.info.short}
    names |= set(library.catalogue.absent)
    return Finder(names, library.catalogue.anaphora)


def check_units(units: list[Unit], library: LawLibrary) -> Report:
    """References and quotes of every unit; problems are located ``path:line``."""
    finder = make_finder(library)
    report = Report()
    for unit in units:
        basis = [s.law for s in unit.article.sources] if unit.article else []
        found = finder.scan(unit.lines, unit.markdown, unit.breaks, basis)
        for ref in found.references:
            report.resolved.append(_check_ref(unit, ref, library, report.problems))
        if unit.markdown:
            _check_blockquotes(unit, found.references, library, report)
        _check_inline_quotes(unit, found.references, library, report)
    report.problems += _absent_warnings(report.resolved, library)
    return report


def _absent_warnings(resolved: list[Resolved], library: LawLibrary) -> list[Problem]:
    """One warning per file and absent law, at its first reference, listing the lines of the others."""
    lines: dict[tuple[str, str], list[int]] = {}
    notes: dict[str, str] = {}
    for item in resolved:
        if item.absent is not None:
            lines.setdefault((item.unit.path, item.absent.name), []).append(item.ref.line)
            notes[item.absent.name] = item.absent.note
    out = []
    for (path, name), found in lines.items():
        found = sorted(set(found))
        also = f"; also lines {', '.join(map(str, found[1:]))}" if len(found) > 1 else ""
        out.append(Problem(path, found[0], f"cannot verify references to 《{name}》: no text in {library.where} "
                           f"({notes[name]}){also}", warning=True))
    return out


def _check_ref(unit: Unit, ref: Reference, library: LawLibrary, out: list[Problem]) -> Resolved:
    def add(message: str, warning: bool = False) -> None:
        out.append(Problem(unit.path, ref.line, message, warning))

    if ref.law is None:
        if ref.kind == "sub":
            add(f"'{ref.text}' follows no article reference in its section; write the article (第N条{ref.text})")
        else:
            add(f"'{ref.text}' names no law: its section names none, and the text cites more than one law "
                f"before it; write the law's name before it (法名{ref.article})")
        return Resolved(unit, ref, None)
    law = library.get(ref.law)
    if law is None:
        absent = library.absent(ref.law)
        if absent is not None:  # one warning per file and law: see ``_absent_warnings``
            return Resolved(unit, ref, None, absent)
        add(f"unknown law 《{ref.law}》 in {ref.cite}: no text in {library.where} and not on the absent list "
            "of laws/laws.yml")
        return Resolved(unit, ref, None)
    block = law.article(ref.article)
    if block is None:
        last = next(reversed(law.articles), "")
        add(f"{ref.cite}: 《{law.short}》 has no {ref.article} (its last article is {last})")
        return Resolved(unit, ref, law)
    paragraphs = block.paragraphs()
    if ref.paragraph and ref.paragraph > len(paragraphs):
        add(f"{ref.cite}: {ref.article} of 《{law.short}》 has {len(paragraphs)} 款, not 第{to_cn(ref.paragraph)}款")
    elif ref.item:
        scope = [paragraphs[ref.paragraph - 1]] if ref.paragraph else paragraphs
        items = {_item_number(line) for text in scope for line in text.split("\n") if ITEM.match(line)}
        if ref.item not in items:
            add(f"{ref.cite}: {ref.article} of 《{law.short}》 has no 第（{to_cn(ref.item)}）项")
    info = law.info
    if info is not None and info.warns:
        stale = info.status != "old-text" or info.replaced_on is None or unit.date is None \
            or unit.date >= info.replaced_on
        if stale:
            add(f"{ref.cite} cites a text that is not the one in force: {info.caution}", warning=True)
    return Resolved(unit, ref, law)


def _item_number(line: str) -> int:
    match = _ITEM_NUMBER.match(line)
    try:
        return cn_int(match.group(1)) if match else 0
    except ValueError:
        return 0


def _verify(unit: Unit, line: int, quote: str, refs: list[Reference], library: LawLibrary,
            report: Report, kind: str) -> None:
    """``quote`` must be verbatim in one of ``refs`` (the nearest first); silent when none is on file."""
    candidates = []
    for ref in refs:
        law = library.get(ref.law) if ref.law else None
        block = law.article(ref.article) if law else None
        if law is not None and block is not None:
            candidates.append((ref, law, "\n".join(block.lines)))
    if not candidates:
        return
    report.quotes[f"{kind} checked"] += 1
    if any(quote_in(quote, text) for _, _, text in candidates):
        report.quotes[f"{kind} verbatim"] += 1
        return
    ref, law, _ = candidates[0]
    elsewhere = law.find_article(quote)
    hint = f" (it is in {elsewhere})" if elsewhere else ""
    shown = quote if len(quote) <= 24 else quote[:22] + "……"
    report.problems.append(Problem(unit.path, line, f"quote 「{shown}」 is not verbatim in {ref.cite}{hint}"))


def _check_blockquotes(unit: Unit, refs: list[Reference], library: LawLibrary, report: Report) -> None:
    """A block quote ending with a citation, or after a paragraph citing an article, quotes that article."""
    lines = list(unit.lines)
    index = 0
    while index < len(lines):
        number, text = lines[index]
        if not text.startswith(">"):
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index][1].startswith(">"):
            index += 1
        block = [line[1:].strip() for _, line in lines[start:index]]
        last_line = lines[index - 1][0]
        inside = [r for r in refs if number <= r.line <= last_line]
        quote = " ".join(block)
        cite = None
        if block and _DASH_CITE.match(block[-1]) and inside:
            cite = [r for r in inside if r.line == last_line]
            quote = " ".join(block[:-1])
        elif _TRAILING_CITE.search(quote) and inside:
            quote = _TRAILING_CITE.sub("", quote)
            cite = [r for r in inside if r.line == last_line][-1:]
        if not cite:
            before = _paragraph_before(lines, start)
            cite = [r for r in refs if r.line in before][::-1]
        if cite and quote.strip():
            _verify(unit, number, quote, cite, library, report, "block quotes")


def _paragraph_before(lines: list[tuple[int, str]], start: int) -> set[int]:
    """Line numbers of the paragraph just before a block quote (blank lines between are skipped)."""
    index = start - 1
    while index >= 0 and not lines[index][1].strip():
        index -= 1
    found = set()
    while index >= 0 and lines[index][1].strip() and not lines[index][1].startswith((">", "#")):
        found.add(lines[index][0])
        index -= 1
    return found


def _check_inline_quotes(unit: Unit, refs: list[Reference], library: LawLibrary, report: Report) -> None:
    """「…」 after a reference in the same sentence (not in a block quote) quotes the reference's article."""
    by_line: dict[int, list[Reference]] = {}
    for ref in refs:
        by_line.setdefault(ref.line, []).append(ref)
    for number, text in unit.lines:
        if text.startswith(">") or number not in by_line:
            continue
        for match in _INLINE_QUOTE.finditer(text):
            before = [r for r in by_line[number] if r.end <= match.start()
                      and not _SENTENCE_END.search(text[r.end:match.start()])]
            quoted = match.group(1) or match.group(2)
            # 「…」（第九十五条）: words, not a term named (「被执行人」（第二百四十七条）): eight or more
            after = [r for r in by_line[number] if r.start >= match.end() and len(quoted) >= _MIN_WORDS
                     and re.fullmatch(r"\s*[（(][^）)]{0,20}", text[match.end():r.start])]
            if before or after:
                _verify(unit, number, quoted, after[:1] + before[::-1], library,
                        report, "inline quotes")
