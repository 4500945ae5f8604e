"""Data behind the 工具 pages: the collection-conduct rules and the letter templates, loaded and checked.

The tools run in the reader's browser, but what they say about the law lives in two YAML files under
``data/`` (not in JavaScript), so an editor can correct a rule without touching code, and every quote
is checked against the law texts exactly like an article's ``sources`` (``quote_in``). Problems are
located ``path:line: message`` and all reported at once. The files are small and shaped by hand, so
the schema check is written here (a schema library would not give the line numbers editors need).
Letters are read by ``letterdata``; both use ``tooldata.DataReader``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .laws import LawLibrary, quote_in
from .letterdata import Letter, read_letters
from .problems import Problem, display_path
from .tooldata import DataReader, Path_, Quote, read_data_file

RULES_FILE = "data/collection_rules.yml"
LETTERS_FILE = "data/letters.yml"
VERDICTS = {
    "law": "可能违法",
    "regulation": "可能违反监管规定（约束受监管的机构，不是法律）",
    "self-regulation": "违反行业自律规范或推荐性标准（不是法律）",
    "none": "没有找到禁止它的规定",
}
# A cited rule is either a regulator's rule (部门规章、规范性文件: binding on the institutions it governs,
# the strongest basis for a complaint) or self-regulation / a recommended standard (REVIEW.md item 3).
TIERS = ("regulation", "self-regulation")
ID = re.compile(r"^[a-z][a-z0-9-]*$")
ATTRIBUTION = re.compile(r"^——\s*《([^》]+)》\s*(\S*)$")


@dataclass(frozen=True)
class Standard:
    """A regulator's rule, a self-regulation rule or a recommended standard: cited by name, never as law."""

    key: str
    name: str
    kind: str
    scope: str
    note: str
    tier: str = "self-regulation"


@dataclass(frozen=True)
class StandardRef:
    """What one standard says about a conduct: a reported ``quote`` or a plain ``summary``."""

    standard: Standard
    quote: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Rule:
    """One conduct the reader can tick, and the verdict, rules and next steps that go with it."""

    id: str
    group: str
    ask: str
    verdict: str
    finding: str
    law: tuple[Quote, ...] = ()
    standards: tuple[StandardRef, ...] = ()
    actions: tuple[str, ...] = ()
    read: tuple[str, ...] = ()


@dataclass
class RuleBook:
    """The whole collection-conduct file."""

    reviewed: str
    groups: list[tuple[str, str]]
    rules: list[Rule]



@dataclass
class ToolData:
    """What the tool pages need; ``None`` when the project has no such file (e.g. test projects)."""

    rules: RuleBook | None = None
    letters: list[Letter] | None = None
    quotes: list[tuple[str, Quote]] = field(default_factory=list)  # (display path, quote) to verify



def read_rules(reader: DataReader, data: Any, docs: Path) -> RuleBook:
    top = reader.mapping(data, (), {"reviewed", "standards", "groups", "rules"}, {"reviewed", "groups", "rules"})
    standards: dict[str, Standard] = {}
    for key, raw in (top.get("standards") or {}).items():
        path = ("standards", key)
        raw = reader.mapping(raw, path, {"name", "kind", "scope", "note", "tier"}, {"name", "kind", "scope", "note"})
        parts = (reader.text(raw.get(k), (*path, k)) for k in ("name", "kind", "scope", "note"))
        tier = reader.text(raw.get("tier"), (*path, "tier")) or "self-regulation"
        if tier not in TIERS:
            reader.add((*path, "tier"), f"unknown tier '{tier}' (known: {', '.join(TIERS)})")
        standards[key] = Standard(key, *parts, tier=tier)
    groups: list[tuple[str, str]] = []
    for i, raw in enumerate(top.get("groups") or []):
        raw = reader.mapping(raw, ("groups", i), {"id", "label"}, {"id", "label"})
        groups.append((reader.text(raw.get("id"), ("groups", i, "id")), reader.text(raw.get("label"), ("groups", i))))
    group_ids = {g for g, _ in groups}
    rules: list[Rule] = []
    seen: set[str] = set()
    keys = {"id", "group", "ask", "verdict", "finding", "law", "standards", "actions", "read"}
    for i, raw in enumerate(top.get("rules") or []):
        path: Path_ = ("rules", i)
        raw = reader.mapping(raw, path, keys, {"id", "group", "ask", "verdict", "finding", "actions"})
        if not raw:
            continue
        rule_id = reader.text(raw.get("id"), (*path, "id"))
        if rule_id and not ID.match(rule_id):
            reader.add((*path, "id"), f"rule id '{rule_id}' must be lowercase ASCII words joined by hyphens")
        if rule_id in seen:
            reader.add((*path, "id"), f"rule id '{rule_id}' is used twice")
        seen.add(rule_id)
        group = reader.text(raw.get("group"), (*path, "group"))
        if group and group not in group_ids:
            reader.add((*path, "group"), f"unknown group '{group}' (known: {', '.join(sorted(group_ids))})")
        verdict = reader.text(raw.get("verdict"), (*path, "verdict"))
        if verdict and verdict not in VERDICTS:
            reader.add((*path, "verdict"), f"unknown verdict '{verdict}' (known: {', '.join(VERDICTS)})")
        law = tuple(q for q, _ in reader.quotes(raw.get("law"), (*path, "law")))
        refs: list[StandardRef] = []
        for j, ref in enumerate(raw.get("standards") or []):
            ref_path = (*path, "standards", j)
            ref = reader.mapping(ref, ref_path, {"source", "quote", "summary"}, {"source"})
            source = reader.text(ref.get("source"), (*ref_path, "source"))
            quote, summary = reader.text(ref.get("quote"), ref_path), reader.text(ref.get("summary"), ref_path)
            if bool(quote) == bool(summary):
                reader.add(ref_path, "give exactly one of 'quote' (words reported verbatim) or 'summary'")
            if source and source not in standards:
                reader.add((*ref_path, "source"), f"unknown standard '{source}' (define it under 'standards:')")
            elif source:
                refs.append(StandardRef(standards[source], quote, summary))
        if verdict == "law" and not law:
            reader.add((*path, "verdict"), "verdict 'law' needs at least one verbatim quote under 'law:'")
        if verdict == "self-regulation" and not raw.get("standards"):
            reader.add((*path, "verdict"), "verdict 'self-regulation' needs the standard it breaks under 'standards:'")
        if verdict == "regulation" and not any(ref.standard.tier == "regulation" for ref in refs):
            reader.add((*path, "verdict"), "verdict 'regulation' needs a rule of tier 'regulation' under 'standards:'")
        rules.append(Rule(rule_id, group, reader.text(raw.get("ask"), (*path, "ask")), verdict,
                          reader.text(raw.get("finding"), (*path, "finding")), law, tuple(refs),
                          reader.texts(raw.get("actions"), (*path, "actions")),
                          reader.links(raw.get("read"), (*path, "read"), docs)))
    return RuleBook(reader.text(top.get("reviewed"), ("reviewed",)), groups, rules)



def load_tools(root: Path) -> tuple[ToolData, list[Problem]]:
    """Both data files, structurally checked; quotes are verified separately by ``check_tools``."""
    docs = root / "docs"
    tools, problems = ToolData(), []
    read = read_data_file(root, RULES_FILE)
    if read is not None:
        reader, data = read
        if data is not None:
            tools.rules = read_rules(reader, data, docs)
            tools.quotes += [(reader.display, q) for rule in tools.rules.rules for q in rule.law]
        problems += reader.problems
    read = read_data_file(root, LETTERS_FILE)
    if read is not None:
        reader, data = read
        if data is not None:
            tools.letters = read_letters(reader, data, docs)
            tools.quotes += [(reader.display, q) for letter in tools.letters for q, _ in letter.legal]
        problems += reader.problems
    return tools, problems


def page_quotes(root: Path) -> tuple[list[tuple[str, Quote]], list[Problem]]:
    """Block quotes in the tool pages: each must end with ``> ——《法名》第几条`` and is verified like data."""
    quotes: list[tuple[str, Quote]] = []
    problems: list[Problem] = []
    for path in sorted((root / "docs" / "tools").glob("*.md")):
        where = display_path(path, root)
        block: list[tuple[int, str]] = []
        for number, line in enumerate([*path.read_text(encoding="utf-8").split("\n"), ""], start=1):
            if line.startswith(">"):
                block.append((number, line[1:].strip()))
                continue
            if not block:
                continue
            start, (_, last) = block[0][0], block[-1]
            cite = ATTRIBUTION.match(last)
            text = "".join(t for _, t in block[:-1])
            if cite is None or not text:
                problems.append(Problem(where, start, "a quote in a tool page must end with a line "
                                        "'> ——《法名》第几条' naming where it is from"))
            else:
                quotes.append((where, Quote(cite.group(1), cite.group(2), text, start)))
            block = []
    return quotes, problems


def check_quotes(quotes: list[tuple[str, Quote]], laws: LawLibrary) -> list[Problem]:
    """Every quote must stand verbatim in the cited article; a law with no text here is a warning."""
    out: list[Problem] = []
    for where, quote in quotes:
        law = laws.get(quote.law)
        if law is None:
            out.append(Problem(where, quote.line, f"cannot verify: no text of 《{quote.law}》 in {laws.folder}",
                               warning=True))
            continue
        text = law.article_text(quote.article)
        if text is None:
            out.append(Problem(where, quote.line, f"《{quote.law}》 has no article '{quote.article}'"))
        elif not quote_in(quote.quote, text):
            elsewhere = law.find_article(quote.quote)
            hint = f" (it is in {elsewhere})" if elsewhere else ""
            out.append(Problem(where, quote.line, f"quote is not verbatim in 《{quote.law}》{quote.article}{hint}"))
    return out


def check_tools(root: Path, laws_dir: Path | None = None) -> list[Problem]:
    """All problems in the tools' data files: structure, links, look-alikes and (with laws) quotes."""
    tools, problems = load_tools(root)
    quotes, found = page_quotes(root)
    problems += found
    if laws_dir is not None:
        problems += check_quotes(tools.quotes + quotes, LawLibrary(laws_dir))
    return sorted(problems)
