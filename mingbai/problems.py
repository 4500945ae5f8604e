"""One content problem, reported as ``path:line: message`` so editors can jump straight to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """A located problem. ``warning`` problems are shown but do not fail the check."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def display_path(path: Path, root: Path) -> str:
    """The path as editors see it: relative to the project root when it lies inside it."""
    # Absolute, not resolved, first: a symbolic link (even a dangling one) is shown where it lies.
    for mine, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return mine.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class ContentError(Exception):
    """Raised when content has problems; carries all of them so they are reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
