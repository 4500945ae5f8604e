"""Read a content file the way editors really save it, turning every way it can be unreadable into a
located problem instead of a traceback.

Windows editors write a byte-order mark and CRLF line ends; both are accepted (normalised, with one
warning each, which ``mingbai fix`` removes for good). Bytes that are not UTF-8, a folder or a dangling
symbolic link named like an article, or a file that cannot be opened become ``path:line: message``
problems among the others, so one run still reports everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, display_path

BOM = "\ufeff"


@dataclass
class SourceText:
    """A file's text with line ends as LF and no BOM (``None`` if unreadable), and what was met."""

    text: str | None
    problems: list[Problem] = field(default_factory=list)
    had_bom: bool = False
    had_crlf: bool = False


def _first_bad_byte(data: bytes, error: UnicodeDecodeError) -> tuple[int, int]:
    """1-based line and column (in bytes) of the byte that is not UTF-8."""
    before = data[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return line, column


def normalise(raw: str) -> tuple[str, bool, bool]:
    """``raw`` without a leading BOM and with LF line ends; whether each was there."""
    had_bom = raw.startswith(BOM)
    if had_bom:
        raw = raw[1:]
    had_crlf = "\r" in raw
    if had_crlf:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw, had_bom, had_crlf


def read_source(path: Path, root: Path) -> SourceText:
    """The text of ``path`` for the checks, or the problem that stops it being read."""
    where = display_path(path, root)

    def fail(line: int, message: str) -> SourceText:
        return SourceText(None, [Problem(where, line, message)])

    if path.is_symlink() and not path.exists():
        return fail(1, "symbolic link to a file that does not exist; remove it or point it at an article")
    if path.is_dir():
        return fail(1, "a folder named like a Markdown file; rename it (articles are files)")
    if not path.is_file():
        return fail(1, "not a regular file; articles must be plain files")
    try:
        data = path.read_bytes()
    except OSError as error:
        return fail(1, f"cannot be read: {error.strerror or error}")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _first_bad_byte(data, error)
        byte = data[error.start]
        return fail(line, f"byte 0x{byte:02x} at column {column} is not UTF-8; save the file as UTF-8")
    if "\x00" in raw:
        line = raw[: raw.index("\x00")].count("\n") + 1
        return fail(line, "NUL character: this is not a text file")
    text, had_bom, had_crlf = normalise(raw)
    found = SourceText(text, had_bom=had_bom, had_crlf=had_crlf)
    if had_bom:
        found.problems.append(Problem(where, 1, "starts with a byte-order mark (read without it; "
                                                "`mingbai fix` removes it)", warning=True))
    if had_crlf:
        line = raw[: raw.index("\r")].count("\n") + 1  # the first line that ends in CR
        found.problems.append(Problem(where, line, "Windows (CRLF) or old Mac (CR) line ends, read as LF; "
                                                   "`mingbai fix` rewrites them", warning=True))
    return found
