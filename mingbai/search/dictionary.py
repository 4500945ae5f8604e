"""jieba's main dictionary as an on-disk lookup table, so a cold ``mingbai search`` need not load it.

jieba keeps its 350,000-word dictionary (500,000 entries with prefixes) in one dict that it unmarshals
on first use: most of a second on an idle machine, several on a busy one. Cutting a reader's question
looks up only a few hundred entries, so a one-shot ``mingbai search`` reads them from an SQLite copy
of the very same table instead. Same entries, same frequencies: the question is cut exactly as by
the loaded dictionary. The table lives in the project's ``.cache/mingbai/`` next to jieba's own cache.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

TABLE_NAME = "jieba-freq.sqlite3"
FORMAT = 1


def _signature(jieba: Any) -> str:
    """Which dictionary the table was made from: jieba's version and its dictionary file."""
    path = Path(jieba.dt.dictionary or Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
    try:
        stat = path.stat()
        stamp = f"{stat.st_size}-{int(stat.st_mtime)}"
    except OSError:
        stamp = "?"
    return f"{FORMAT} jieba {jieba.__version__} {path.name} {stamp}"


class FrequencyTable:
    """A read-mostly stand-in for ``jieba.Tokenizer.FREQ``: lookups go to SQLite and are remembered;
    words jieba adds (the user dictionary) stay in memory."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._known: dict[str, int | None] = {}
        row = self._db.execute("SELECT total, signature FROM meta").fetchone()
        self.total: int = row[0]
        self.signature: str = row[1]

    def _lookup(self, word: str) -> int | None:
        try:
            return self._known[word]
        except KeyError:
            row = self._db.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
            value = self._known[word] = row[0] if row else None
            return value

    def get(self, word: str, default: Any = None) -> Any:
        value = self._lookup(word)
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word: str, value: int) -> None:
        self._known[word] = value


def write_table(path: Path, freq: Mapping[str, int], total: int, signature: str) -> None:
    """Write the table atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".jieba-freq-", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.execute("CREATE TABLE meta (total INTEGER NOT NULL, signature TEXT NOT NULL)")
            db.execute("INSERT INTO meta VALUES (?, ?)", (total, signature))
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def attach(jieba: Any, folder: Path) -> bool:
    """Make ``jieba.dt`` use the table in ``folder`` instead of loading its dictionary; False if there
    is no table for this jieba and dictionary (the caller then loads it and may write one)."""
    path = folder / TABLE_NAME
    if not path.is_file():
        return False
    try:
        table = FrequencyTable(path)
    except sqlite3.Error:
        return False
    if table.signature != _signature(jieba):
        return False
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = table, table.total, True
    return True


def save(jieba: Any, folder: Path) -> None:
    """Write the table from jieba's freshly loaded dictionary (before any user words are added)."""
    try:
        write_table(folder / TABLE_NAME, jieba.dt.FREQ, jieba.dt.total, _signature(jieba))
    except (OSError, sqlite3.Error):
        pass  # only a start-up shortcut: without it the next search loads the dictionary as usual
