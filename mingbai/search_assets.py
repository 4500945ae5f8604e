"""Make Material's browser search index small: compact JSON, only what readers search, and a ``.gz`` copy.

Every reader's phone downloads ``search/search_index.json`` on the first page it opens (Material's search
worker fetches it at load), so its size is paid on mobile networks by everyone. As Material 9.8 writes
it, it is about 360 KB gzip per 100 articles (README, Performance), for three reasons this module undoes:

* it is serialised with ``ensure_ascii=True``: every Chinese character becomes a six-byte ``\\uXXXX``
  escape, and so does each zero-width space jieba's segmentation puts between words;
* it indexes every ``分类丨标题`` list entry (related reading, category pages, tag index, home page) as
  if the titles of *other* articles were the text of the page listing them, so a query finds the lists
  instead of the article; and the 相关阅读 section of every article is nothing but such a list;
* it repeats the page's tags on every section of the page; Material shows and boosts tags per page
  (a section's result is grouped under its page), so the copy on the page entry is the one that counts.

It also does the Chinese word segmentation that Material does itself only when Python's jieba is
installed: titles and texts are cut by ``segment`` (``analysis.segment_han``: jieba-rs with the site's
user dictionary, the segmenter of the Whoosh index), a dozen times faster than Material's pass.

The index stays in Material's format (``config`` + ``docs``, page entry before its sections), so
Material's worker reads it unchanged. Hand-written because Material has no option for any of this; the
supported alternative, ``data-search-exclude`` on list markup, would still leave the escapes.

A precompressed ``search_index.json.gz`` is written beside it for servers that serve ``.gz`` siblings
(nginx ``gzip_static on``, Caddy ``precompressed``); it is byte-for-byte reproducible (no timestamp).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .articles import LIST_SEPARATOR

INDEX_PATH = Path("search") / "search_index.json"
ZWSP = "\u200b"
#: Sections that only list other articles (render.py's ``## 相关阅读 { #related }``).
LIST_ONLY_SECTIONS = frozenset({"related"})
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_EMPTY_LIST = re.compile(r"<(ul|ol)>\s*</\1>")
_SPACES = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class SearchAssets:
    """What was written, for the build log and the budget script."""

    path: Path
    raw_bytes: int
    gzip_bytes: int
    entries: int


def _is_list_entry(item_html: str, labels: tuple[str, ...]) -> bool:
    """True for a ``分类丨标题`` entry: its visible text starts with a category label and the separator."""
    text = re.sub(r"<[^>]+>", "", item_html).replace(ZWSP, "").strip()
    return any(text.startswith(label + LIST_SEPARATOR) for label in labels)


def _strip_list_entries(text: str, labels: tuple[str, ...]) -> str:
    text = _ITEM.sub(lambda m: "" if _is_list_entry(m.group(1), labels) else m.group(0), text)
    text = _EMPTY_LIST.sub("", text)
    return _SPACES.sub(" ", text).strip()


def compact_index(data: dict[str, Any], category_labels: Iterable[str],
                  segment: Callable[[str], str] | None = None) -> dict[str, Any]:
    """A copy of Material's index without list-only sections, list entries, or per-section tags, with
    titles and texts cut into words by ``segment`` when one is given."""
    labels = tuple(category_labels)
    cut = segment or (lambda text: text)
    docs: list[dict[str, Any]] = []
    for doc in data["docs"]:
        location: str = doc["location"]
        page, _, anchor = location.partition("#")
        if anchor in LIST_ONLY_SECTIONS:
            continue
        entry = dict(doc)
        entry["text"] = cut(_strip_list_entries(entry.get("text", ""), labels))
        entry["title"] = cut(entry.get("title", ""))
        if anchor:
            entry.pop("tags", None)
        docs.append(entry)
    return {**data, "docs": docs}


def dumps(data: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON: CJK as three bytes, not a six-byte escape."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search_assets(site_dir: Path, category_labels: Iterable[str],
                        segment: Callable[[str], str] | None = None) -> SearchAssets | None:
    """Rewrite ``site_dir``'s search index in place and write its ``.gz``; None when search is off."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return None
    data = compact_index(json.loads(path.read_text(encoding="utf-8")), category_labels, segment)
    raw = dumps(data)
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(raw)
    tmp.replace(path)
    gz_path = path.with_name(path.name + ".gz")
    tmp.write_bytes(packed)
    tmp.replace(gz_path)
    return SearchAssets(path, len(raw), len(packed), len(data["docs"]))
