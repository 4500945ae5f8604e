"""The letter templates of the 信件模板 tool (data/letters.yml): their fields, body and legal basis.

A body holds ``{field}`` placeholders and ``[[optional]]`` parts (see the file's header); the checks here
make sure every placeholder names a field, every ``when`` names a select field and one of its choices,
so a template error is an editor's ``path:line`` message and not a blank in a reader's letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafile import DataReader, Path_, Quote

FIELD_TYPES = {"text", "textarea", "money", "count", "date", "digits", "phone", "select", "checks"}
BUILTINS = {"today"}
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Condition:
    """``when:`` — show a quote or evidence item only for some answers of a select field."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    """One answer of a select or checks field; ``text`` is what the letter says (else ``label``)."""

    value: str
    label: str
    text: str = ""


@dataclass(frozen=True)
class Field:
    """One form field of a letter; ``type`` decides the input and its validation in the browser."""

    id: str
    label: str
    type: str
    required: bool = False
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    default: str = ""
    min: int | None = None
    max: int | None = None


@dataclass
class Letter:
    """A letter template: fields, body with ``{field}`` and ``[[optional]]`` parts, basis and evidence."""

    id: str
    title: str
    summary: str
    sign: str
    fields: list[Field]
    body: str
    legal: list[tuple[Quote, Condition | None]]
    evidence: list[tuple[str, Condition | None]]
    notes: list[str]
    read: list[str]



def _condition(reader: DataReader, raw: Any, path: Path_, fields: dict[str, Field]) -> Condition | None:
    if raw is None:
        return None
    raw = reader.mapping(raw, path, {"field", "in"}, {"field", "in"})
    name, values = reader.text(raw.get("field"), (*path, "field")), reader.texts(raw.get("in"), (*path, "in"))
    target = fields.get(name)
    if target is None or target.type != "select":
        reader.add((*path, "field"), f"'when' must name a select field of this letter, not '{name}'")
    else:
        known = {c.value for c in target.choices}
        for k, value in enumerate(values):
            if value not in known:
                reader.add((*path, "in", k), f"'{value}' is not a choice of field '{name}'")
    return Condition(name, values)


def _read_field(reader: DataReader, raw: Any, path: Path_) -> Field | None:
    keys = {"id", "label", "type", "required", "hint", "choices", "default", "min", "max"}
    raw = reader.mapping(raw, path, keys, {"id", "label", "type"})
    if not raw:
        return None
    field_id, kind = reader.text(raw.get("id"), (*path, "id")), reader.text(raw.get("type"), (*path, "type"))
    if field_id and not FIELD_ID.match(field_id):
        reader.add((*path, "id"), f"field id '{field_id}' must be lowercase ASCII letters, digits and '_'")
    if kind not in FIELD_TYPES:
        reader.add((*path, "type"), f"unknown field type '{kind}' (known: {', '.join(sorted(FIELD_TYPES))})")
    choices = []
    for j, choice in enumerate(raw.get("choices") or []):
        choice = reader.mapping(choice, (*path, "choices", j), {"value", "label", "text"}, {"value", "label"})
        parts = (reader.text(choice.get(k), (*path, "choices", j, k)) for k in ("value", "label", "text"))
        choices.append(Choice(*parts))
    if kind in ("select", "checks") and not choices:
        reader.add((*path, "type"), f"a '{kind}' field needs 'choices'")
    default = reader.text(raw.get("default"), (*path, "default"))
    if default and default not in {c.value for c in choices}:
        reader.add((*path, "default"), f"default '{default}' is not one of the choices")
    bounds = [raw.get(k) for k in ("min", "max")]
    for key, value in zip(("min", "max"), bounds, strict=True):
        if value is not None and not isinstance(value, int):
            reader.add((*path, key), f"'{key}' must be a whole number")
    return Field(field_id, reader.text(raw.get("label"), (*path, "label")), kind, raw.get("required") is True,
                 reader.text(raw.get("hint"), (*path, "hint")), tuple(choices), default,
                 *(b if isinstance(b, int) else None for b in bounds))


def read_letters(reader: DataReader, data: Any, docs: Path) -> list[Letter]:
    """Every letter of data/letters.yml, with its problems added to ``reader``."""
    top = reader.mapping(data, (), {"letters"}, {"letters"})
    letters: list[Letter] = []
    keys = {"id", "title", "summary", "sign", "fields", "body", "legal", "evidence", "notes", "read"}
    for i, raw in enumerate(top.get("letters") or []):
        path: Path_ = ("letters", i)
        raw = reader.mapping(raw, path, keys, {"id", "title", "summary", "sign", "fields", "body", "legal", "evidence"})
        if not raw:
            continue
        read = (_read_field(reader, item, (*path, "fields", j)) for j, item in enumerate(raw.get("fields") or []))
        fields = [f for f in read if f is not None]
        by_id = {f.id: f for f in fields}
        if len(by_id) != len(fields):
            reader.add((*path, "fields"), "two fields share an id")
        body = reader.text(raw.get("body"), (*path, "body"))
        texts = [body] + [c.text for f in fields for c in f.choices]
        for name in sorted({n for t in texts for n in PLACEHOLDER.findall(t)} - set(by_id) - BUILTINS):
            reader.add((*path, "body"), f"placeholder '{{{name}}}' names no field of this letter")
        if body.count("[[") != body.count("]]"):
            reader.add((*path, "body"), "unbalanced '[[ ... ]]' optional part")
        legal = [(q, _condition(reader, extra.get("when"), (*path, "legal", j, "when"), by_id))
                 for j, (q, extra) in enumerate(reader.quotes(raw.get("legal"), (*path, "legal"), {"when"}))]
        evidence: list[tuple[str, Condition | None]] = []
        for j, item in enumerate(raw.get("evidence") or []):
            item_path = (*path, "evidence", j)
            if isinstance(item, dict):
                item = reader.mapping(item, item_path, {"text", "when"}, {"text"})
                evidence.append((reader.text(item.get("text"), item_path),
                                 _condition(reader, item.get("when"), (*item_path, "when"), by_id)))
            else:
                evidence.append((reader.text(item, item_path), None))
        letters.append(Letter(
            reader.text(raw.get("id"), (*path, "id")), reader.text(raw.get("title"), (*path, "title")),
            reader.text(raw.get("summary"), (*path, "summary")), reader.text(raw.get("sign"), (*path, "sign")),
            fields, body, legal, evidence, list(reader.texts(raw.get("notes"), (*path, "notes"))),
            list(reader.links(raw.get("read"), (*path, "read"), docs))))
    return letters

