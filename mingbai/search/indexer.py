"""Write the Whoosh index of all articles, and tell whether an existing index is still fresh.

``build_index`` is called by ``mingbai build`` (into a temporary folder that the build swaps in whole)
and by ``mingbai index``. Next to the Whoosh files it writes ``mingbai-index.json`` with a fingerprint
of every article file and of the taxonomy, so ``mingbai search`` can say "rebuild me" instead of
silently answering from yesterday's articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.filedb.filestore import RamStorage
from whoosh.index import EmptyIndexError, FileIndex, Index, create_in, exists_in, open_dir

from .analysis import setup_project
from .schema import SCHEMA_VERSION, make_related_schema, make_schema
from .text import headings, plain_text

if TYPE_CHECKING:
    from ..articles import Article
    from ..project import Project

STATE_FILE = "mingbai-index.json"
INDEX_FOLDER = "search_index"
BUILD_HINT = "运行 `mingbai index`（或 `mingbai build`）生成搜索索引"
README = """\
# search_index/

The Whoosh search index of 明白账, generated — do not edit or commit anything here but this README
(which the generator rewrites on every build).

- Built by `mingbai build` (with the site) and by `mingbai index` (alone), from the articles in
  `docs/<category>/<slug>.md` and the taxonomy in `taxonomy.yml`; code in `mingbai/search/`.
- Written into a temporary folder beside this one and renamed into place, so a failed build leaves
  the previous index untouched.
- `mingbai-index.json` holds a fingerprint of the articles and the taxonomy; `mingbai search` warns
  when the index is older than the content, and `mingbai index --check` exits 1 (for CI).
- Query it with `mingbai search 信用卡还不上了怎么办` (`--json`, `--limit N`, `--category`, `--tag`).
"""


def document(article: Article) -> dict[str, Any]:
    """The fields of one article as Whoosh wants them (text stripped of Markdown)."""
    fields: dict[str, Any] = {
        "title": article.title,
        "answer": article.answer,
        "description": article.description,
        "headings": "\n".join(headings(article.body)),
        "body": plain_text(article.body),
        "category": article.category,
        "tags": ",".join(article.tags),
        "url": article.url,
        "key": article.key,
    }
    if article.date is not None:
        fields["date"] = dt.datetime.combine(article.date, dt.time())
    return fields


def _fill(index: Index, documents: Iterable[dict[str, Any]]) -> None:
    writer = index.writer(limitmb=256)
    try:
        for fields in documents:
            writer.add_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def build_index(project: Project, articles: list[Article], dest: Path) -> None:
    """Write a complete index of ``articles`` into the existing empty folder ``dest``, and nothing else."""
    setup_project(project)
    index = create_in(str(dest), make_schema())
    _fill(index, (document(a) for a in articles))
    stamp = fingerprint(project, [a.path for a in articles])
    state = {
        "schema_version": SCHEMA_VERSION,
        "fingerprint": stamp,
        "articles": len(articles),
    }
    (dest / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (dest / "README.md").write_text(README, encoding="utf-8")
    _built[stamp] = dest


# Indexes written by this process, by fingerprint: during `mingbai build` the MkDocs plugin runs after
# build_index wrote the new index to a temporary folder, and its related lists can read that index
# instead of tokenising every article a second time.
_built: dict[str, Path] = {}


def fresh_index(project: Project, articles: list[Article]) -> Index | None:
    """An on-disk index built from exactly these articles and this taxonomy, if one exists; else None."""
    stamp = fingerprint(project, [a.path for a in articles])
    candidates = [p for p in (_built.get(stamp), project.root / INDEX_FOLDER) if p is not None]
    for folder in candidates:
        try:
            state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
            if state.get("fingerprint") == stamp and state.get("schema_version") == SCHEMA_VERSION:
                return open_dir(str(folder))
        except (OSError, ValueError, EmptyIndexError):
            continue
    return None


class _PrivateRamStorage(RamStorage):
    """RamStorage whose writer scratch space is in memory too.

    Whoosh's own RamStorage spills to ``<tempdir>/MAIN.tmp``, one folder shared by every process on
    the machine: two builds at once delete each other's scratch files.
    """

    def temp_storage(self, name: str | None = None) -> RamStorage:
        return RamStorage()


def build_ram_index(articles: list[Article]) -> Index:
    """A small in-memory index (title, body with term vectors, tags, key) for the related lists of a build
    that has no fresh on-disk index. jieba must already be set up (``analysis.setup_project``)."""
    index = _PrivateRamStorage().create_index(make_related_schema())
    _fill(index, ({"title": a.title, "body": plain_text(a.body), "tags": ",".join(a.tags), "key": a.key}
                  for a in articles))
    return index


def fingerprint(project: Project, paths: Iterable[Path]) -> str:
    """A hash of the schema version, the taxonomy (it makes the dictionary and synonyms) and each article file."""
    digest = hashlib.sha256(f"mingbai-index {SCHEMA_VERSION}\n".encode())
    taxonomy = project.root / "taxonomy.yml"
    digest.update(taxonomy.read_bytes() if taxonomy.exists() else b"")
    for path in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"\n{path.parent.name}/{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class IndexState:
    """Whether the index folder can be searched, and if not, what to tell the reader."""

    usable: bool
    fresh: bool
    message: str = ""


def index_state(project: Project, index_dir: Path) -> IndexState:
    """Missing, unreadable, stale or fresh, compared with the articles on disk now."""
    from ..articles import article_paths

    shown = index_dir.name if index_dir.parent == project.root else str(index_dir)
    state_file = index_dir / STATE_FILE
    if not index_dir.is_dir() or not exists_in(str(index_dir)):
        return IndexState(False, False, f"没有找到搜索索引 {shown}/。请先{BUILD_HINT}。")
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return IndexState(False, False, f"搜索索引 {shown}/ 不完整或不是本工具生成的。请重新{BUILD_HINT}。")
    if state.get("schema_version") != SCHEMA_VERSION:
        return IndexState(False, False, f"搜索索引 {shown}/ 由旧版本生成，格式已变。请重新{BUILD_HINT}。")
    current = fingerprint(project, article_paths(project.docs, project.taxonomy))
    if state.get("fingerprint") != current:
        return IndexState(True, False, f"提示：文章或 taxonomy.yml 在 {shown}/ 生成后有改动，结果可能过时。"
                                       f"请重新{BUILD_HINT}。")
    return IndexState(True, True)


def open_index(index_dir: Path) -> FileIndex:
    """Open an on-disk index; raises ``EmptyIndexError`` (or ``OSError``) when there is none."""
    return open_dir(str(index_dir))


__all__ = ["BUILD_HINT", "EmptyIndexError", "INDEX_FOLDER", "IndexState", "build_index", "build_ram_index",
           "document", "fingerprint", "fresh_index", "index_state", "open_index"]
