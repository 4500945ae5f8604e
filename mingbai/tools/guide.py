"""The situation guide (我该先做什么, data/guide.yml): questions, legal deadlines, plan steps, home situations.

The plan is worked out in the reader's browser (``guide-plan.js``), so nothing the reader answers leaves
the page; what the plan may say lives here as data, so an editor changes the guide without code, and
it is checked like an article: every legal basis quoted verbatim (verified with the other tool quotes),
every article key, letter, tool and conduct rule named by a rule must exist, each a ``path:line`` problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafile import DataReader, Path_, Quote

GUIDE_FILE = "data/guide.yml"
QUESTION_TYPES = {"checks", "per-debt", "dates", "conduct"}
SECTIONS = {"week": "这周先做", "month": "这个月内做", "dont": "不要做", "complain": "去哪里投诉"}
BASIS = {
    "law": "法律规定",
    "regulator": "监管规定",
    "self-regulation": "行业自律规范或推荐性标准（不是法律）",
    "practice": "通常做法（不是法律要求）",
}
ID = re.compile(r"^[a-z][a-z0-9-]*$")
KEY = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class DebtField:
    """One thing asked about each debt of a ``per-debt`` question (how long overdue, how much)."""

    id: str
    label: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Question:
    """One screen of the questionnaire; every one can be skipped."""

    id: str
    type: str
    ask: str
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    of: str = ""
    fields: tuple[DebtField, ...] = ()


@dataclass(frozen=True)
class Condition:
    """``{q, any | none | answered}``: ``q`` is a question id, or ``question.field`` of a per-debt one."""

    q: str
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    answered: bool | None = None


@dataclass(frozen=True)
class Basis:
    """What a rule rests on: law or regulator rules quoted verbatim, a standard, or a practice's reason."""

    kind: str
    law: tuple[Quote, ...] = ()
    standards: tuple[tuple[str, str], ...] = ()  # (standard key, summary)
    note: str = ""


@dataclass(frozen=True)
class Links:
    """Where a rule sends the reader: article keys, a letter template and a tool page."""

    read: tuple[str, ...] = ()
    letter: str = ""
    tool: str = ""


@dataclass(frozen=True)
class Deadline:
    """A legal deadline that a court or arbitration paper starts: ``days`` after the date, or ``on`` it."""

    id: str
    paper: str
    date_label: str
    days: int | None
    on: bool
    title: str
    text: str
    missed: str
    basis: Basis
    links: Links
    end_label: str = "最后一天"  # what the computed date is, e.g. 开庭日期, 视为送达的日期
    passed: str = ""  # what to do when that date has gone by (the page has a general sentence)


@dataclass(frozen=True)
class Step:
    id: str
    section: str
    title: str
    text: str
    basis: Basis
    links: Links
    when: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Situation:
    """A home-page entry: to the guide (optionally at one question) and/or straight to a few articles."""

    id: str
    label: str
    text: str
    links: Links
    guide: bool = False
    start: str = ""


@dataclass
class Guide:
    reviewed: str
    questions: list[Question]
    counting: tuple[str, Basis]
    deadlines: list[Deadline]
    steps: list[Step]
    situations: list[Situation]

    def quotes(self) -> list[Quote]:
        """Every verbatim quote in the file, for ``check_quotes``."""
        bases = [self.counting[1], *(d.basis for d in self.deadlines), *(s.basis for s in self.steps)]
        return [q for b in bases for q in b.law]


@dataclass(frozen=True)
class Known:
    """What rules may name, from the rest of the project."""

    docs: Path
    letters: frozenset[str]
    rules: frozenset[str]
    standards: frozenset[str]

    def article(self, key: str) -> bool:
        return bool(KEY.match(key)) and (self.docs / f"{key}.md").is_file()

    def tool(self, name: str) -> bool:
        return bool(ID.match(name)) and (self.docs / "tools" / f"{name}.md").is_file()


def _id(reader: DataReader, raw: dict[str, Any], path: Path_, seen: set[str], what: str) -> str:
    value = reader.text(raw.get("id"), (*path, "id"))
    if value and not ID.match(value):
        reader.add((*path, "id"), f"{what} id '{value}' must be lowercase ASCII words joined by hyphens")
    if value in seen:
        reader.add((*path, "id"), f"{what} id '{value}' is used twice")
    seen.add(value)
    return value


def _choices(reader: DataReader, value: Any, path: Path_) -> tuple[Choice, ...]:
    out = []
    for i, raw in enumerate(value or []):
        raw = reader.mapping(raw, (*path, i), {"value", "label"}, {"value", "label"})
        out.append(Choice(reader.text(raw.get("value"), (*path, i, "value")),
                          reader.text(raw.get("label"), (*path, i, "label"))))
    if len({c.value for c in out}) != len(out):
        reader.add(path, "two choices share a value")
    return tuple(out)


def _questions(reader: DataReader, value: Any, known: Known) -> list[Question]:
    questions: list[Question] = []
    seen: set[str] = set()
    keys = {"id", "type", "ask", "hint", "choices", "of", "fields"}
    for i, raw in enumerate(value or []):
        path: Path_ = ("questions", i)
        raw = reader.mapping(raw, path, keys, {"id", "type", "ask"})
        if not raw:
            continue
        qid = _id(reader, raw, path, seen, "question")
        kind = reader.text(raw.get("type"), (*path, "type"))
        if kind not in QUESTION_TYPES:
            reader.add((*path, "type"), f"unknown question type '{kind}' (known: {', '.join(sorted(QUESTION_TYPES))})")
        choices: tuple[Choice, ...] = ()
        if kind == "conduct":
            ids = reader.texts(raw.get("choices"), (*path, "choices"))
            for j, rule in enumerate(ids):
                if rule not in known.rules:
                    reader.add((*path, "choices", j),
                               f"unknown conduct rule '{rule}' (rules are in data/collection_rules.yml)")
            choices = tuple(Choice(r, r) for r in ids)
        elif kind == "checks":
            choices = _choices(reader, raw.get("choices"), (*path, "choices"))
            if not choices:
                reader.add((*path, "type"), "a 'checks' question needs 'choices'")
        of = reader.text(raw.get("of"), (*path, "of"))
        if kind in ("per-debt", "dates") and of not in {q.id for q in questions if q.type == "checks"}:
            reader.add((*path, "of"), f"'of' must name an earlier 'checks' question, not '{of}'")
        fields = []
        for j, item in enumerate(raw.get("fields") or []):
            fpath = (*path, "fields", j)
            item = reader.mapping(item, fpath, {"id", "label", "choices"}, {"id", "label", "choices"})
            fields.append(DebtField(reader.text(item.get("id"), (*fpath, "id")),
                                    reader.text(item.get("label"), (*fpath, "label")),
                                    _choices(reader, item.get("choices"), (*fpath, "choices"))))
        if kind == "per-debt" and not fields:
            reader.add((*path, "type"), "a 'per-debt' question needs 'fields'")
        questions.append(Question(qid, kind, reader.text(raw.get("ask"), (*path, "ask")),
                                  reader.text(raw.get("hint"), (*path, "hint")), choices, of, tuple(fields)))
    return questions


def _basis(reader: DataReader, raw: dict[str, Any], path: Path_, known: Known) -> Basis:
    kind = reader.text(raw.get("basis"), (*path, "basis"))
    if kind not in BASIS:
        reader.add((*path, "basis"), f"unknown basis '{kind}' (known: {', '.join(BASIS)})")
    law = tuple(q for q, _ in reader.quotes(raw.get("law"), (*path, "law")))
    standards = []
    for j, ref in enumerate(raw.get("standards") or []):
        ref_path = (*path, "standards", j)
        ref = reader.mapping(ref, ref_path, {"source", "summary"}, {"source", "summary"})
        source = reader.text(ref.get("source"), (*ref_path, "source"))
        if source and source not in known.standards:
            reader.add((*ref_path, "source"),
                       f"unknown standard '{source}' (standards are in data/collection_rules.yml)")
        standards.append((source, reader.text(ref.get("summary"), (*ref_path, "summary"))))
    note = reader.text(raw.get("note"), (*path, "note"))
    if kind in ("law", "regulator") and not law:
        reader.add((*path, "basis"), f"basis '{kind}' needs at least one verbatim quote under 'law:'")
    if kind == "self-regulation" and not standards:
        reader.add((*path, "basis"), "basis 'self-regulation' needs the standard under 'standards:'")
    if kind == "practice" and not note:
        reader.add((*path, "basis"), "basis 'practice' needs a 'note:' saying why it is advised (it is not law)")
    if kind == "practice" and law:
        reader.add((*path, "law"), "a 'practice' rule quotes no law: make it basis 'law' or drop the quotes")
    return Basis(kind, law, tuple(standards), note)


def _links(reader: DataReader, raw: dict[str, Any], path: Path_, known: Known) -> Links:
    read = reader.texts(raw.get("read"), (*path, "read"))
    for j, key in enumerate(read):
        if not known.article(key):
            reader.add((*path, "read", j), f"unknown article key '{key}' (write folder/slug of a page in docs/)")
    letter = reader.text(raw.get("letter"), (*path, "letter"))
    if letter and letter not in known.letters:
        reader.add((*path, "letter"), f"unknown letter '{letter}' (letters are in data/letters.yml)")
    tool = reader.text(raw.get("tool"), (*path, "tool"))
    if tool and not known.tool(tool):
        reader.add((*path, "tool"), f"unknown tool '{tool}' (write the name of a page in docs/tools/)")
    return Links(read, letter, tool)


def _conditions(reader: DataReader, value: Any, path: Path_, questions: list[Question]) -> tuple[Condition, ...]:
    by_id = {q.id: q for q in questions}
    out = []
    for i, raw in enumerate(value or []):
        cpath = (*path, i)
        raw = reader.mapping(raw, cpath, {"q", "any", "none", "answered"}, {"q"})
        name = reader.text(raw.get("q"), (*cpath, "q"))
        qid, _, field = name.partition(".")
        question = by_id.get(qid)
        values: set[str] | None = None
        if question is None:
            reader.add((*cpath, "q"), f"unknown question '{qid}'")
        elif question.type == "per-debt":
            match = [f for f in question.fields if f.id == field]
            if not match:
                reader.add((*cpath, "q"), f"name a field of per-debt question '{qid}' as '{qid}.FIELD'")
            else:
                values = {c.value for c in match[0].choices}
        elif field:
            reader.add((*cpath, "q"), f"question '{qid}' has no fields")
        else:
            values = {c.value for c in question.choices}
        given = [k for k in ("any", "none", "answered") if k in raw]
        if len(given) != 1:
            reader.add(cpath, "give exactly one of 'any', 'none' or 'answered'")
        lists = {k: reader.texts(raw.get(k), (*cpath, k)) for k in ("any", "none")}
        for k, items in lists.items():
            for j, item in enumerate(items):
                if values is not None and item not in values:
                    reader.add((*cpath, k, j), f"'{item}' is not an answer of '{name}'")
        answered = raw.get("answered")
        if answered is not None and not isinstance(answered, bool):
            reader.add((*cpath, "answered"), "'answered' is true or false")
        out.append(Condition(name, lists["any"], lists["none"], answered if isinstance(answered, bool) else None))
    return tuple(out)


def _deadlines(reader: DataReader, value: Any, known: Known, papers: set[str]) -> list[Deadline]:
    out: list[Deadline] = []
    seen: set[str] = set()
    keys = {"id", "paper", "date-label", "days", "on-date", "title", "text", "missed", "basis", "law", "standards",
            "note", "read", "letter", "tool", "end-label", "passed"}
    for i, raw in enumerate(value or []):
        path: Path_ = ("deadlines", i)
        raw = reader.mapping(raw, path, keys, {"id", "paper", "date-label", "title", "text", "missed", "basis"})
        if not raw:
            continue
        did = _id(reader, raw, path, seen, "deadline")
        paper = reader.text(raw.get("paper"), (*path, "paper"))
        if paper not in papers:
            reader.add((*path, "paper"), f"'{paper}' is not a choice of the 'papers' question")
        days, on = raw.get("days"), raw.get("on-date") is True
        if on == (days is not None):
            reader.add(path, "give exactly one of 'days: N' (counted from the date) "
                       "or 'on-date: true' (the date itself)")
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days <= 0):
            reader.add((*path, "days"), "'days' must be a whole number of days above 0")
            days = None
        basis = _basis(reader, raw, path, known)
        if basis.kind != "law":
            reader.add((*path, "basis"), "a deadline must rest on the law texts (basis: law)")
        out.append(Deadline(did, paper, reader.text(raw.get("date-label"), (*path, "date-label")), days, on,
                            reader.text(raw.get("title"), (*path, "title")),
                            reader.text(raw.get("text"), (*path, "text")),
                            reader.text(raw.get("missed"), (*path, "missed")), basis, _links(reader, raw, path, known),
                            reader.text(raw.get("end-label"), (*path, "end-label")) or "最后一天",
                            reader.text(raw.get("passed"), (*path, "passed"))))
    return out


def _steps(reader: DataReader, value: Any, known: Known, questions: list[Question]) -> list[Step]:
    out: list[Step] = []
    seen: set[str] = set()
    keys = {"id", "section", "title", "text", "basis", "law", "standards", "note", "read", "letter", "tool", "when"}
    for i, raw in enumerate(value or []):
        path: Path_ = ("steps", i)
        raw = reader.mapping(raw, path, keys, {"id", "section", "title", "text", "basis"})
        if not raw:
            continue
        sid = _id(reader, raw, path, seen, "step")
        section = reader.text(raw.get("section"), (*path, "section"))
        if section not in SECTIONS:
            reader.add((*path, "section"), f"unknown section '{section}' (known: {', '.join(SECTIONS)})")
        out.append(Step(sid, section, reader.text(raw.get("title"), (*path, "title")),
                        reader.text(raw.get("text"), (*path, "text")), _basis(reader, raw, path, known),
                        _links(reader, raw, path, known),
                        _conditions(reader, raw.get("when"), (*path, "when"), questions)))
    return out


def _situations(reader: DataReader, value: Any, known: Known, questions: list[Question]) -> list[Situation]:
    out: list[Situation] = []
    seen: set[str] = set()
    for i, raw in enumerate(value or []):
        path: Path_ = ("situations", i)
        keys = {"id", "label", "text", "read", "tool", "guide", "start"}
        raw = reader.mapping(raw, path, keys, {"id", "label", "text"})
        if not raw:
            continue
        sid = _id(reader, raw, path, seen, "situation")
        links = _links(reader, raw, path, known)
        guide = raw.get("guide") is True
        start = reader.text(raw.get("start"), (*path, "start"))
        if start and start not in {q.id for q in questions}:
            reader.add((*path, "start"), f"unknown question '{start}'")
        if start and not guide:
            reader.add((*path, "start"), "'start' needs 'guide: true'")
        if not guide and not links.read:
            reader.add(path, "a situation leads to the guide (guide: true) or to articles (read:)")
        out.append(Situation(sid, reader.text(raw.get("label"), (*path, "label")),
                             reader.text(raw.get("text"), (*path, "text")), links, guide, start))
    return out


def read_guide(reader: DataReader, data: Any, known: Known) -> Guide:
    """The whole guide file, with its problems added to ``reader``."""
    top = reader.mapping(data, (), {"reviewed", "questions", "counting", "deadlines", "steps", "situations"},
                         {"reviewed", "questions", "counting", "deadlines", "steps"})
    questions = _questions(reader, top.get("questions"), known)
    papers = next((q for q in questions if q.id == "papers"), None)
    if papers is None or not any(q.type == "dates" for q in questions):
        reader.add(("questions",), "the guide needs a 'papers' checks question and a 'dates' question after it")
    counting = reader.mapping(top.get("counting"), ("counting",), {"text", "law"}, {"text", "law"})
    count_basis = Basis("law", tuple(q for q, _ in reader.quotes(counting.get("law"), ("counting", "law"))))
    deadlines = _deadlines(reader, top.get("deadlines"), known, {c.value for c in papers.choices} if papers else set())
    return Guide(reader.text(top.get("reviewed"), ("reviewed",)), questions,
                 (reader.text(counting.get("text"), ("counting", "text")), count_basis), deadlines,
                 _steps(reader, top.get("steps"), known, questions),
                 _situations(reader, top.get("situations"), known, questions))
