"""``laws/laws.yml``: what the site knows about each law text beyond the text itself.

The texts say what the law says; this file says what a writer and a reader need besides: the page
slug, the short names articles use (民诉法 …), whether the text is the one in force, and the caution to
quote when it is not. Names and statuses live here, never in code, so adding a law is an edit to data.
Problems are located ``laws/laws.yml:line`` (the file is composed with its node marks, as ``tooldata``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem, display_path

CATALOGUE = "laws.yml"
STATUSES = {"in-force": "现行有效", "amended": "已修正，此为修正前文本", "old-text": "已被修订，此为旧文本"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LAW_KEYS = {"slug", "short", "status", "caution", "replaced_on"}


@dataclass(frozen=True)
class LawInfo:
    """One law's metadata, keyed by its full name (the first heading of its text)."""

    name: str
    slug: str
    status: str
    short: tuple[str, ...] = ()
    caution: str = ""
    replaced_on: dt.date | None = None
    line: int = 0

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def warns(self) -> bool:
        """Whether citing it deserves a warning: the text is not the one in force."""
        return self.status != "in-force"


@dataclass(frozen=True)
class Absent:
    """A document articles name that has no text on file (a warning, not an error)."""

    name: str
    note: str
    kind: str = "law"


@dataclass
class Catalogue:
    """The whole file: provenance, the laws by full name, absent documents and anaphoric words."""

    path: Path
    source: str = ""
    snapshot: str = ""
    laws: dict[str, LawInfo] = field(default_factory=dict)
    absent: dict[str, Absent] = field(default_factory=dict)
    anaphora: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word → endings of the law's name
    problems: list[Problem] = field(default_factory=list)


def load_catalogue(path: Path, root: Path) -> Catalogue:
    """Read and check ``path``; a missing file is an empty catalogue (every text then lacks an entry)."""
    catalogue = Catalogue(path)
    if not path.is_file():
        return catalogue
    from ..tools.datafile import load_located  # tools → checks → laws: imported late to break the cycle

    where = display_path(path, root)
    try:
        data, lines = load_located(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        catalogue.problems.append(Problem(where, mark.line + 1 if mark else 1, f"invalid YAML: {error}"))
        return catalogue
    data = data if isinstance(data, dict) else {}

    def add(key: tuple[Any, ...], message: str) -> None:
        while key and key not in lines:  # a missing key: the line of the mapping that lacks it
            key = key[:-1]
        catalogue.problems.append(Problem(where, lines.get(key, 1), message))

    catalogue.source = str(data.get("source") or "")
    catalogue.snapshot = str(data.get("snapshot") or "")
    if not catalogue.source or not catalogue.snapshot:
        add((), "laws.yml needs 'source' and 'snapshot' (where the texts come from, and when)")
    raw_words = data.get("anaphora") or {}
    if not isinstance(raw_words, dict):
        add(("anaphora",), "anaphora must map each word to the endings of the names it points to")
        raw_words = {}
    catalogue.anaphora = {str(w): tuple(str(e) for e in (ends if isinstance(ends, list) else [ends]))
                          for w, ends in raw_words.items()}
    slugs: dict[str, str] = {}
    for name, raw in (data.get("laws") or {}).items():
        key = ("laws", name)
        if not isinstance(raw, dict):
            add(key, f"law '{name}' must be a mapping with slug and status")
            continue
        for unknown in sorted(set(raw) - LAW_KEYS):
            add((*key, unknown), f"unknown key '{unknown}' (known: {', '.join(sorted(LAW_KEYS))})")
        slug, status = str(raw.get("slug") or ""), str(raw.get("status") or "")
        if not SLUG.match(slug):
            add((*key, "slug"), f"law '{name}' needs a slug of lowercase ASCII words joined by hyphens")
        elif slug in slugs:
            add((*key, "slug"), f"slug '{slug}' is already used by {slugs[slug]}")
        slugs[slug] = name
        if status not in STATUSES:
            add((*key, "status"), f"unknown status '{status}' (known: {', '.join(STATUSES)})")
        replaced = raw.get("replaced_on")
        replaced_on = None
        if replaced is not None:
            try:
                replaced_on = dt.date.fromisoformat(str(replaced))
            except ValueError:
                add((*key, "replaced_on"), f"replaced_on '{replaced}' is not a date YYYY-MM-DD")
        if status != "in-force" and not raw.get("caution"):
            add((*key, "caution"), f"law '{name}' is '{status}': say what changed under 'caution'")
        catalogue.laws[name] = LawInfo(name, slug, status, tuple(str(s) for s in raw.get("short") or ()),
                                       str(raw.get("caution") or ""), replaced_on, lines.get(key, 1))
    for name, raw in (data.get("absent") or {}).items():
        raw = raw if isinstance(raw, dict) else {}
        catalogue.absent[name] = Absent(name, str(raw.get("note") or ""), str(raw.get("kind") or "law"))
    return catalogue

