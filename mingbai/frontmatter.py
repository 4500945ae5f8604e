"""Split a Markdown file into YAML front matter and body, keeping the line of every key and item.

Editors need ``path:line`` for each problem, and PyYAML's plain ``safe_load`` forgets positions, so
the front matter is composed into nodes (which carry marks) and converted by hand. Timestamps are
kept as strings so that an impossible date such as 2026-02-30 becomes a checkable value instead of
a crash inside the YAML loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text; the checks parse and judge them."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser, where PyYAML has it: the pure-Python parser took 4 ms an article,
    8 s of a 2,000-article build. Its nodes carry the same lines; its error messages are terser, so a
    file it rejects is parsed again by ``_Loader`` for the message editors see."""


for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class FrontMatter:
    """Parsed front matter: values, the line of each top-level key, and lines of list items."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    start_line: int = 1
    body: str = ""
    body_line: int = 1

    def line(self, key: str) -> int:
        """Line of ``key``, or of the opening ``---`` when the key is missing."""
        return self.key_lines.get(key, self.start_line)

    def item_line(self, key: str, index: int) -> int:
        """Line of the ``index``-th item of list ``key``, falling back to the key's line."""
        lines = self.item_lines.get(key, [])
        return lines[index] if index < len(lines) else self.line(key)

    def item_key_line(self, key: str, index: int, subkey: str) -> int:
        """Line of ``subkey`` inside the ``index``-th mapping of list ``key`` (e.g. a source's quote)."""
        items = self.item_key_lines.get(key, [])
        if index < len(items) and subkey in items[index]:
            return items[index][subkey]
        return self.item_line(key, index)


class FrontMatterError(Exception):
    """Malformed or missing front matter, with the 1-based line where it went wrong."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def parse(text: str) -> FrontMatter:
    """Parse ``---``-delimited front matter at the top of ``text``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "front matter missing: the file must start with a line '---'")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise FrontMatterError(1, "front matter not closed: no second '---' line")
    source = "\n".join(lines[1:end])
    offset = 2  # line 1 is '---'; YAML's line 0 is the file's line 2
    try:
        try:
            node = yaml.compose(source, Loader=_FastLoader)
        except yaml.MarkedYAMLError:
            node = yaml.compose(source, Loader=_Loader)  # raises again, with PyYAML's clearer message
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + offset if mark else 1
        problem = error.problem or "malformed YAML"
        raise FrontMatterError(line, f"malformed YAML in front matter: {problem}") from error
    result = FrontMatter(start_line=1, body="\n".join(lines[end + 1 :]), body_line=end + 2)
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(offset, "front matter must be a mapping of 'key: value' lines")
    loader = _Loader("")
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        result.key_lines[key] = key_node.start_mark.line + offset
        result.data[key] = loader.construct_object(value_node, deep=True)
        if isinstance(value_node, yaml.SequenceNode):
            result.item_lines[key] = [item.start_mark.line + offset for item in value_node.value]
            result.item_key_lines[key] = [
                {
                    str(sub_key.value): sub_key.start_mark.line + offset
                    for sub_key, _ in (item.value if isinstance(item, yaml.MappingNode) else [])
                }
                for item in value_node.value
            ]
    return result
