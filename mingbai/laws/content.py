"""The texts of the site that may cite laws: article bodies and answers, the glossary, the tool data.

Each comes as a ``Unit``: lines with their numbers in the file, scanned as one scope (a YAML string is
its own scope; a Markdown body is split into sections by its headings). Front-matter ``sources`` and
the data files' structured ``law``/``article``/``quote`` entries are not units: they are checked as
quotes (``checks.check_sources``, ``tools.check_quotes``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..articles import Article
from ..problems import display_path

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: same nodes and marks, 4× faster
#: Keys of the data files' structured quotes, verified as quotes rather than scanned as prose.
QUOTE_KEYS = frozenset({"law", "article", "quote"})


@dataclass(frozen=True)
class Unit:
    """One scope of text: where it is, its numbered lines, and the date it speaks from (if any)."""

    path: str
    lines: tuple[tuple[int, str], ...]
    markdown: bool
    date: dt.date | None = None
    article: Article | None = None
    part: str = "body"  # body | answer | glossary | data
    breaks: frozenset[int] = frozenset()  # indexes of lines that open a section (each YAML string)


def article_units(article: Article) -> list[Unit]:
    """The article's answer (one line of front matter) and its body."""
    date = article.date
    units = []
    if article.answer:
        units.append(Unit(article.display, ((article.meta.line("answer"), article.answer),), False, date,
                          article, "answer"))
    lines = tuple((article.meta.body_line + i, line) for i, line in enumerate(article.body.split("\n")))
    units.append(Unit(article.display, lines, True, date, article, "body"))
    return units


def yaml_units(path: Path, root: Path, under: str | None = None, part: str = "data") -> list[Unit]:
    """Every string of a YAML file (or of its top-level key ``under``) as a unit, at its own line."""
    if not path.is_file():
        return []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError:
        return []  # the file's own check reports it
    where = display_path(path, root)
    tops = [(k.value, v) for k, v in getattr(node, "value", []) if isinstance(k, yaml.ScalarNode)]
    if under is not None:
        tops = [(k, v) for k, v in tops if k == under]
    units = []
    for _, value in tops:  # one unit per entry (a rule, a letter, a glossary term), each string a section
        for entry in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            lines: list[tuple[int, str]] = []
            breaks = set()
            for scalar in _scalars(entry):
                breaks.add(len(lines))
                lines += scalar
            if lines:
                units.append(Unit(where, tuple(lines), False, None, None, part, frozenset(breaks)))
    return units


def _scalars(node: yaml.Node | None) -> Iterator[tuple[tuple[int, str], ...]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in QUOTE_KEYS:
                continue
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value:
        first = node.start_mark.line + 1
        if node.style in ("|", ">"):
            yield tuple((first + 1 + i, line) for i, line in enumerate(node.value.split("\n")))
        else:
            yield ((first, node.value.replace("\n", "")),)


def site_units(root: Path, articles: list[Article]) -> list[Unit]:
    """Every unit of the site: articles, the glossary in taxonomy.yml, and data/*.yml."""
    units = [unit for article in articles for unit in article_units(article)]
    units += yaml_units(root / "taxonomy.yml", root, under="glossary", part="glossary")
    for path in sorted((root / "data").glob("*.yml")):
        units += yaml_units(path, root)
    return units
