"""``mingbai fix``: apply the safe fixes in place — byte-order marks, CRLF line ends, typography.

Only what a rule can fix without judgement is changed (typography.py lists what is never touched:
law quotes, code, URLs, front-matter keys). Each file is written whole through a temporary file, so
an interrupted run leaves every file either as it was or fixed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..sourcefile import read_source
from .typography import fix as fix_typography
from .typography import lint


@dataclass(frozen=True)
class Fixed:
    """One file the fixer changed, and why."""

    path: Path
    reasons: tuple[str, ...]


def fix_file(path: Path, root: Path) -> Fixed | None:
    """Fix ``path`` in place; None when it needed nothing (or cannot be read: the check says why)."""
    source = read_source(path, root)
    if source.text is None:
        return None
    reasons = [r for r, present in (("byte-order mark", source.had_bom), ("CRLF line ends", source.had_crlf))
               if present]
    rules = sorted({finding.rule for finding in lint(source.text)})
    fixed = fix_typography(source.text)
    if fixed != source.text:
        reasons += rules
    if not reasons:
        return None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fix-", suffix=".md")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(fixed.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Fixed(path, tuple(reasons))


def fix_tree(docs: Path, root: Path, only: list[Path] | None = None) -> list[Fixed]:
    """Fix every Markdown file under ``docs`` (or just ``only``)."""
    paths = only if only else sorted(p for p in docs.rglob("*.md") if p.is_file())
    return [done for done in (fix_file(p, root) for p in paths) if done is not None]
