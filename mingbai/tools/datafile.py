"""Hand-written YAML data files read with the line of every key, for ``path:line`` problems.

PyYAML's ``safe_load`` forgets positions, so the document is composed into nodes (which carry marks)
and converted here, keeping a map from each key's path to its line. ``DataReader`` then checks shapes
and collects every problem instead of stopping at the first, as editors want (DESIGN.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..checks import LOOKALIKE
from ..links import candidates, resolve
from ..problems import Problem, display_path

TOOL_PAGE = "tools/index.md"  # ``read:`` links are written as seen from a page in docs/tools/
FOLD_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Quote:
    """A verbatim quote from a law, with where it stands in the data file."""

    law: str
    article: str
    quote: str
    line: int = 0

    @property
    def cite(self) -> str:
        """How the page names it: 《法名》第几条."""
        return f"《{self.law}》{self.article}"



def load_located(text: str) -> tuple[Any, dict[Path_, int]]:
    """YAML data plus the 1-based line of every key and list item, addressed by its path."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[Path_, int] = {}
    loader = yaml.SafeLoader("")

    def walk(node: yaml.Node | None, path: Path_) -> Any:
        if node is None:
            return None
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key, value in node.value:
                name = str(loader.construct_object(key))
                lines[(*path, name)] = key.start_mark.line + 1
                out[name] = walk(value, (*path, name))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, (*path, index)) for index, item in enumerate(node.value)]
        value = loader.construct_object(node)
        return value if isinstance(value, str | bool | int) or value is None else str(value)

    return walk(node, ()), lines


class DataReader:
    """Reads one data file and collects located problems instead of stopping at the first."""

    def __init__(self, display: str, lines: dict[Path_, int]) -> None:
        self.display = display
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, path: Path_) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def add(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.display, self.line(path), message))

    def mapping(self, value: Any, path: Path_, keys: set[str], required: set[str]) -> dict[str, Any]:
        """A mapping with only known keys and all required ones present and non-empty."""
        if not isinstance(value, dict):
            self.add(path, "expected a mapping of 'key: value' lines")
            return {}
        for key in value:
            if key not in keys:
                self.add((*path, key), f"unknown key '{key}' (known: {', '.join(sorted(keys))})")
        for key in sorted(required):
            if value.get(key) in (None, "", []):
                self.add(path, f"missing required key '{key}'")
        return value

    def text(self, value: Any, path: Path_) -> str:
        """Stripped text; the space YAML's folded ``>`` puts between two Chinese lines is dropped."""
        if value is None:
            return ""
        if isinstance(value, bool):
            self.add(path, "write this as quoted text: YAML reads yes, no, on, off, true and false as yes/no values")
            return ""
        if not isinstance(value, str | int):
            self.add(path, "expected text")
            return ""
        return FOLD_SPACE.sub("", str(value).strip())

    def texts(self, value: Any, path: Path_) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(path, "expected a list")
            return ()
        return tuple(self.text(item, (*path, i)) for i, item in enumerate(value))

    def quotes(self, value: Any, path: Path_, extra: set[str] = frozenset()) -> list[tuple[Quote, dict]]:
        out = []
        for i, item in enumerate(value or []):
            raw = self.mapping(item, (*path, i), {"law", "article", "quote", *extra}, {"law", "article", "quote"})
            if raw:
                quote = Quote(self.text(raw.get("law"), (*path, i, "law")).strip("《》"),
                              self.text(raw.get("article"), (*path, i, "article")),
                              self.text(raw.get("quote"), (*path, i, "quote")), self.line((*path, i, "quote")))
                out.append((quote, raw))
        return out

    def links(self, value: Any, path: Path_, docs: Path) -> tuple[str, ...]:
        """``read:`` links, relative ``.md`` paths as seen from docs/tools/, that must reach a page."""
        targets = self.texts(value, path)
        existing = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
        for i, target in enumerate(targets):
            resolved = resolve(TOOL_PAGE, target)
            if resolved is None or not target.endswith(".md") or not any(c in existing for c in candidates(resolved)):
                self.add((*path, i), f"link '{target}' must be a relative .md link to a page in docs/")
        return targets



def read_data_file(root: Path, name: str) -> tuple[DataReader, Any] | None:
    """The file's reader and data, or None when the project has no such file."""
    path = root / name
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    reader = DataReader(display_path(path, root), {})
    for number, line in enumerate(text.split("\n"), start=1):
        for match in LOOKALIKE.finditer(line):
            reader.problems.append(Problem(reader.display, number, f"look-alike radical character '{match.group()}' "
                                           f"(U+{ord(match.group()):04X}); retype it as the ordinary character"))
    try:
        data, reader.lines = load_located(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reader.add((), f"malformed YAML: {error.problem or 'cannot parse'}")
        if mark is not None:
            reader.problems[-1] = Problem(reader.display, mark.line + 1, reader.problems[-1].message)
        return reader, None
    return reader, data

