"""STYLE.md's typography rules as a check with ``path:line`` and as safe fixes.

What autocorrect (the Rust library behind ``autocorrect-py``, widely used for Chinese copywriting)
covers is left to it: spaces between Chinese and Latin letters or digits, and full-width punctuation
(，。？！：；) between Chinese characters. Written by hand, because autocorrect leaves them alone or does
something else: ASCII quotes around Chinese text (it keeps them), half-width parentheses around
Chinese text (it puts spaces around them instead of making them full-width), and ISO dates in
Chinese prose (STYLE.md writes 2026 年 11 月 30 日).

Never touched: the front matter except the values of ``title``, ``description`` and ``answer``; code
(fenced or inline); link targets, URLs and HTML; blockquotes (the law quotes); and text in quotation
marks (「…」, “…”), because quoted words — a law's above all — are quoted as they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py

from ..problems import Problem, display_path
from ..sourcefile import read_source

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Inline spans the hand-written rules never change: code, link targets, autolinks and HTML tags, URLs.
PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>\n]*>|https?://[^\s)）」”]+")
# A quotation right after a reference to an article (or 规定/写明) is taken to be the law's words.
# Quoted words are kept as they stand: 「」 and “” hold the law's words (the quote check compares them
# with the text on file) or another source's, and a reader is shown what was said, not our spacing.
# Run over every article, every spacing or punctuation finding inside quotation marks was such a
# verbatim quote (「自收到异议之日起20日内…」, 「…延期一年至2026年12月31日」), never our own prose.
QUOTED = re.compile(r"(?P<tag><[^>\n]*>)|(?P<quote>“[^”\n]*”|「[^」\n]*」|『[^』\n]*』)")
ASCII_QUOTED = re.compile(rf'"([^"\n]*[{HAN}][^"\n]*)"')
ASCII_PARENS = re.compile(rf"\(([^()+\-−×÷=*/\n]*[{HAN}][^()+\-−×÷=*/\n]*)\)")  # not formulas
# The space before the date is kept as it was (its absence is T1's to report); the one after goes.
ISO_DATE = re.compile(rf"(?<=[{HAN}，。：；、（])([ \t]*)(\d{{4}})-(\d{{2}})-(\d{{2}})[ \t]*(?=[{HAN}，。；、）]|$)")
FRONT_KEYS = ("title", "description", "answer")

# Rule ids (stable, for editors to look up) → (what it says, error or warning). Which is which was
# decided by running the rules over every article (see README, "Chinese typography").
RULES: dict[str, tuple[str, bool]] = {
    "T1": ("a space is needed between Chinese and Latin letters or digits", True),
    "T2": ("full-width punctuation in Chinese text (，。：；？！), not half-width", True),
    "T3": ("ASCII quotes around Chinese text: use “…” or 「…」", True),
    "T4": ("half-width parentheses around Chinese text: use （…）", True),
    "T5": ("a date in Chinese prose is written 2026 年 11 月 30 日, not 2026-11-30", False),
}


@dataclass(frozen=True)
class Finding:
    """One rule broken on one line, with the line as it would be after the fix."""

    line: int
    rule: str
    old: str
    new: str

    @property
    def error(self) -> bool:
        return RULES[self.rule][1]

    def message(self) -> str:
        return f"{self.rule} {RULES[self.rule][0]}: “{_excerpt(self.old, self.new)}”"


def _excerpt(old: str, new: str) -> str:
    """The part of the line that changes, with a little context, as the fixed text."""
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    return new[max(0, start - 6): end_new + 6].strip()


MASK = "\ue000"  # a private-use character: autocorrect leaves it and its neighbours alone


def _mask_quotes(line: str) -> tuple[str, list[str]]:
    """The line with each quotation and HTML tag replaced by MASK, and what was hidden, in order."""
    hidden: list[str] = []

    def hide(match: re.Match[str]) -> str:
        hidden.append(match[0])
        return MASK

    return QUOTED.sub(hide, line), hidden


def _own_rules(line: str) -> tuple[str, list[str]]:
    """T3–T5 applied outside code, link targets, URLs, HTML and masked quotes."""
    rules: list[str] = []
    out: list[str] = []
    position = 0
    pieces: list[tuple[str, bool]] = []
    for match in PROTECTED.finditer(line):
        pieces += [(line[position:match.start()], True), (match[0], False)]
        position = match.end()
    pieces.append((line[position:], True))
    for text, free in pieces:
        if free:
            for rule, pattern, replacement in (
                ("T3", ASCII_QUOTED, r"“\1”"),
                ("T4", ASCII_PARENS, r"（\1）"),
                ("T5", ISO_DATE, lambda m: f"{m[1]}{int(m[2])} 年 {int(m[3])} 月 {int(m[4])} 日"),
            ):
                fixed = pattern.sub(replacement, text)
                if fixed != text:
                    rules.append(rule)
                    text = fixed
        out.append(text)
    return "".join(out), rules


def _fix_line(line: str) -> tuple[str, list[str]]:
    """The line with every rule's fix applied, and the rules that changed it."""
    if not re.search(f"[{HAN}]", line):
        return line, []
    masked, quotes = _mask_quotes(line)
    masked, rules = _own_rules(masked)
    formatted = autocorrect_py.format_for(masked, "article.md")
    if formatted != masked:
        spaces_only = re.sub(r"\s", "", formatted) == re.sub(r"\s", "", masked)
        rules.append("T1" if spaces_only else "T2")
    for quote in quotes:
        formatted = formatted.replace(MASK, quote, 1)
    return formatted, rules


def _lines(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(line number, prefix kept as is, changeable rest, suffix) for each line the rules apply to."""
    lines = text.split("\n")
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for i in range(1, end):
                match = re.match(rf"^({'|'.join(FRONT_KEYS)}):(\s+)(.*)$", lines[i])
                if match and not match[3].startswith(("|", ">", "[", "{", "&", "*", "!")):
                    yield i + 1, lines[i][: match.start(3)], match[3], ""
            index = end + 1
    fence: str | None = None
    for i in range(index, len(lines)):
        line = lines[i]
        stripped = line.lstrip()
        marker = re.match(r"^(`{3,}|~{3,})", stripped)
        if marker:
            fence = None if fence and stripped.startswith(fence) else (fence or marker[1])
            continue
        if fence or stripped.startswith((">", "<!--", "|")) or not stripped:
            continue
        yield i + 1, "", line, ""


def lint(text: str) -> list[Finding]:
    """Every typography rule broken in ``text`` (a whole Markdown file), one finding per rule and line."""
    findings: list[Finding] = []
    for number, prefix, rest, suffix in _lines(text):
        fixed, rules = _fix_line(rest)
        for rule in dict.fromkeys(rules):
            findings.append(Finding(number, rule, prefix + rest + suffix, prefix + fixed + suffix))
    return findings


def fix(text: str) -> str:
    """``text`` with every safe fix applied; lines the rules do not cover come back byte-identical."""
    lines = text.split("\n")
    for number, prefix, rest, suffix in _lines(text):
        fixed, _ = _fix_line(rest)
        lines[number - 1] = prefix + fixed + suffix
    return "\n".join(lines)


def check_typography(docs: Path, root: Path) -> list[Problem]:
    """Every rule broken in every Markdown file under ``docs``, as located problems (unreadable files
    are reported by the article and link checks)."""
    out: list[Problem] = []
    for path in sorted(p for p in docs.rglob("*.md") if p.is_file()):
        text = read_source(path, root).text
        if text is None:
            continue
        where = display_path(path, root)
        out += [Problem(where, f.line, f.message() + " (`mingbai fix` applies it)", warning=not f.error)
                for f in lint(text)]
    return out
