"""The browser search's static index: sharded postings, a document table and a lexicon, written at build.

Why not Material's lunr index or Pagefind (issue 15): Material's index is downloaded whole before the
first search (1.53 MB gzip at 2,000 articles) and knows no synonyms; Pagefind cuts the reader's query
with its own segmenter (宽/限期 against an index holding 宽限期) and requires every word to match. This
index is cut by the very analyzer of the Whoosh index (``analysis.cut``: jieba-rs, the taxonomy's
dictionary, stop words), and its postings carry what Whoosh's BM25F needs, so the small client in
``docs/assets/javascripts/search.js`` ranks as ``mingbai search`` does. Everything the client knows
about words comes from here, derived from taxonomy.yml and the Python constants: nothing is typed twice.

Files under ``site/search/mb/`` (each with a ``.gz`` sibling for ``gzip_static`` servers):

* ``lexicon.json``: scoring constants and field weights, stop words, the numeral rule, synonym groups,
  and the segmentation vocabulary — every word the index holds, plus the stop and taxonomy words,
  each with its cost in jieba's own dictionary (−100·ln P), so the browser's maximum-probability cut
  over that vocabulary agrees with jieba's wherever it matters (a word the index lacks matches nothing);
  and ``docs``, one row per document ``[title, 分类, url, kind]`` (kind 0 article, 1 other page);
* ``t/<hex>.json``: the postings of every term whose FNV-1a hash falls in that shard, per field as
  delta-coded ``[doc, q, doc, q, …]`` where q is the BM25 term-frequency part (length-normalised,
  with the field's index boost, ×``SCALE``), so the client multiplies by idf and the query weight only;
* ``d/<doc>.json``: the texts a snippet is cut from (body, answer, description), fetched for shown results.

Articles are documents 0…A−1 in the order Whoosh numbers them (ties rank the same); other pages
(category, tag, tool, about pages: Material's index of them) follow and rank after every article.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import analysis, query, searcher
from .indexer import document
from .schema import FIELD_WEIGHTS, INDEX_BOOSTS, TAG_WEIGHT

if TYPE_CHECKING:
    from ..articles import Article
    from ..project import Project

FOLDER = Path("search") / "mb"
FORMAT = 1
K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, which SharedIdfBM25F keeps
SCALE = 100  # q is stored as an integer: 0.01 steps of a value ≤ K1 + 1
# Field keys in the files: title, answer, description, headings, body, tags.
FIELDS = {"title": "t", "answer": "a", "description": "d", "headings": "h", "body": "b", "tags": "g"}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Doc:
    """One searchable document: its shown fields and its text per field."""

    title: str
    label: str
    url: str
    kind: int  # 0 article, 1 other page
    fields: dict[str, str]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BrowserIndex:
    """What was written, for the build log and the budget script."""

    folder: Path
    documents: int
    terms: int
    shards: int
    files: int
    gzip_bytes: int


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: the shard of a term (the client computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_count(documents: int) -> int:
    """A power of two near the number of documents (16…4,096): measured at 2,000 articles, 2,048 shards
    keep a later query at 20 KB (median) and 46 KB (max) gzip, 512 shards at 25 and 77 KB, because a
    query's few words then share their shards with fewer others."""
    count = 16
    while count < documents and count < 4096:
        count *= 2
    return count


def article_docs(articles: Iterable[Article]) -> list[Doc]:
    """Articles with the Whoosh index's own field texts (``indexer.document``)."""
    docs = []
    for article in articles:
        fields = document(article)
        docs.append(Doc(article.title, article.category, article.url, 0,
                        {name: fields[name] for name in FIELD_WEIGHTS}, tuple(article.tags)))
    return docs


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).replace(analysis.ZWSP, "").split())


def other_docs(material_index: dict[str, Any], article_urls: set[str], category_folders: set[str]) -> list[Doc]:
    """Pages that are not articles (category, tag, tool, about pages), one document each, from Material's
    index of the built site: its page entry for the title, every section's text for the body."""
    pages: dict[str, dict[str, Any]] = {}
    for entry in material_index.get("docs", []):
        page = entry["location"].partition("#")[0]
        url = "/" + page
        if url in article_urls or url == "/" or page.startswith("404"):
            continue
        record = pages.setdefault(page, {"title": "", "text": []})
        if "#" not in entry["location"]:
            record["title"] = _plain(entry.get("title", ""))
        record["text"].append(_plain(entry.get("text", "")))
    titles = {page: record["title"] for page, record in pages.items()}
    docs = []
    for page, record in pages.items():
        parts = page.strip("/").split("/")
        if parts[0] in category_folders and len(parts) == 1:
            label = "分类"
        elif parts[0] == "tags":
            label = "标签"
        elif len(parts) > 1 and titles.get(parts[0] + "/"):
            label = titles[parts[0] + "/"]
        else:
            label = "本站"
        body = " ".join(t for t in record["text"] if t)
        docs.append(Doc(record["title"] or page, label, "/" + page, 1,
                        {"title": record["title"], "answer": "", "description": "", "headings": "", "body": body}))
    return docs


def _counts(doc: Doc) -> dict[str, Counter[str]]:
    counts = {FIELDS[name]: Counter(word for word, _, _ in analysis.cut(text)) for name, text in doc.fields.items()
              if text}
    if doc.tags:
        counts["g"] = Counter(analysis.normalize(tag) for tag in doc.tags)
    return counts


def _boost(key: str) -> float:
    return TAG_WEIGHT if key == "g" else INDEX_BOOSTS[next(n for n, k in FIELDS.items() if k == key)]


def postings(docs: list[Doc]) -> dict[str, dict[str, list[int]]]:
    """term → field key → delta-coded ``[doc, q, …]``; BM25 statistics taken per kind of document
    (articles apart from other pages), as the Whoosh index holds articles only."""
    counts = [_counts(doc) for doc in docs]
    averages: dict[tuple[int, str], float] = {}
    for kind in {doc.kind for doc in docs}:
        members = [c for c, d in zip(counts, docs, strict=True) if d.kind == kind]
        for key in FIELDS.values():
            total = sum(sum(c[key].values()) for c in members if key in c)
            averages[kind, key] = (total / len(members)) or 1.0
    table: dict[str, dict[str, list[int]]] = {}
    last: dict[tuple[str, str], int] = {}
    for number, (doc, fields) in enumerate(zip(docs, counts, strict=True)):
        for key, counter in fields.items():
            length = sum(counter.values())
            per_length = K1 * B / averages[doc.kind, key]
            boost = _boost(key)
            for term, tf in counter.items():
                weight = tf * boost
                q = weight * (K1 + 1) / (weight + K1 * (1 - B) + per_length * length)
                row = table.setdefault(term, {}).setdefault(key, [])
                row += [number - last.get((term, key), 0), max(1, round(q * SCALE))]
                last[term, key] = number
    return table


# A word that jieba's dictionary holds but cuts into parts when it stands alone (不收 → 不/收) has a
# frequency below the one ``suggest_freq`` reports (the point where it would be kept whole), which
# is all jieba-rs tells; it is charged this much more (nats), chosen by agreement with jieba's own cuts.
SPLIT_PENALTY = 1.0  # 0 → 118, 0.5–4 → 120 of 138 article titles, descriptions and answers cut identically
COST_SCALE = 100  # costs in 0.01 nat


def _cost(word: str, logtotal: float) -> int | None:
    """−COST_SCALE·ln P of ``word`` in jieba's dictionary, or None when jieba does not hold it (an HMM word)."""
    segmenter = analysis.segmenter()
    for spelling in (word, word.upper()):  # the dictionary has LPR四倍, the index lpr四倍
        if segmenter.has_word(spelling):  # type: ignore[attr-defined]
            break
    else:
        return None
    freq = max(1, segmenter.suggest_freq(spelling) - 1)  # type: ignore[attr-defined]
    penalty = SPLIT_PENALTY if segmenter.cut(spelling, False) != [spelling] else 0.0
    return round(COST_SCALE * (logtotal - math.log(freq) + penalty))


def _logtotal() -> float:
    """ln of jieba's total dictionary frequency, recovered from ``suggest_freq`` of two unjoined words:
    suggest_freq(AB) = f(A)·f(B)/total + 1 (jieba-rs), with the two most frequent words for precision."""
    segmenter = analysis.segmenter()
    first, second = (segmenter.suggest_freq(w) - 1 for w in ("的", "了"))  # type: ignore[attr-defined]
    joined = segmenter.suggest_freq("的了") - 1  # type: ignore[attr-defined]
    return math.log(first * second / joined)


def lexicon(project: Project, terms: Iterable[str], documents: tuple[int, int], shards: int) -> dict[str, Any]:
    """Everything the client needs besides postings: weights, stop words, synonyms, vocabulary."""
    taxonomy = project.taxonomy
    logtotal = _logtotal()
    stop = sorted(analysis.STOP_WORDS)
    terms = set(terms)
    taxonomy_words = {analysis.normalize(w) for w in taxonomy.dictionary_words()}
    words = terms | set(stop) | taxonomy_words
    vocabulary = []
    for word in sorted(w for w in words if _HAN.search(w)):
        cost = _cost(word, logtotal)
        vocabulary.append(f"{word}\t{'' if cost is None else cost}")
    synonyms = query.Synonyms(taxonomy.synonyms)
    groups: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for group in taxonomy.synonyms:
        for member in group:
            word = analysis.normalize(member)
            groups[word] = synonyms.expand(word)
            cut = analysis.words(member)
            if cut != [word]:
                parts[word] = cut
    return {
        "format": FORMAT,
        "articles": documents[0], "others": documents[1], "shards": shards, "scale": SCALE,
        "fields": {key: (TAG_WEIGHT if key == "g" else FIELD_WEIGHTS[name]) for name, key in FIELDS.items()},
        "part_weight": query.PART_WEIGHT, "single_weight": query.SINGLE_WEIGHT,
        "synonym_weight": query.SYNONYM_WEIGHT, "max_words": query.MAX_QUERY_WORDS,
        "common_body_share": searcher.COMMON_BODY_SHARE,
        "snippet_chars": searcher.SNIPPET_CHARS, "lead_chars": searcher.LEAD_CHARS,
        "unknown_cost": round(COST_SCALE * logtotal), "cost_scale": COST_SCALE,
        "numerals": [analysis.NUMERAL_CHARS, analysis.NUMERAL_DIGITS, analysis.MEASURE_WORDS],
        "stop_words": stop,
        "synonyms": groups,
        "synonym_parts": parts,
        "vocabulary": "\n".join(vocabulary),
        # Taxonomy words no document holds (synonyms such as 卡债): cut whole, never looked up.
        "absent": sorted(w for w in taxonomy_words - terms if _HAN.search(w)),
    }


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Writer:
    """Writes each file and its ``.gz`` sibling, counting both."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.files, self.gzip_bytes = folder, 0, 0
        self.digest = hashlib.sha256()

    def write(self, name: str, value: Any) -> None:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = _dump(value)
        self.digest.update(name.encode() + b"\0" + raw)
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        path.write_bytes(raw)
        path.with_name(path.name + ".gz").write_bytes(packed)
        self.files += 1
        self.gzip_bytes += len(packed)


def write_browser_index(project: Project, articles: list[Article], site_dir: Path) -> BrowserIndex:
    """Write the whole browser index into ``site_dir/search/mb`` (replacing any previous one).

    jieba must be set up for the project (``analysis.setup_project``). Material's search index, when
    the build wrote one, supplies the pages that are not articles.
    """
    import shutil

    analysis.setup_project(project)
    material = site_dir / "search" / "search_index.json"
    others: list[Doc] = []
    if material.is_file():
        folders = {c.folder for c in project.taxonomy.categories}
        others = other_docs(json.loads(material.read_text(encoding="utf-8")), {a.url for a in articles}, folders)
    docs = article_docs(articles) + others
    table = postings(docs)
    shards = shard_count(len(docs))
    folder = site_dir / FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    writer = _Writer(folder)
    buckets: dict[int, dict[str, dict[str, list[int]]]] = {}
    for term, fields in table.items():
        buckets.setdefault(fnv1a(term) % shards, {})[term] = fields
    for number in range(shards):  # every shard, empty ones too: a static server answers 404 otherwise
        writer.write(f"t/{number:x}.json", buckets.get(number, {}))
    for number, doc in enumerate(docs):
        texts = {"b": doc.fields["body"], "a": doc.fields["answer"], "d": doc.fields["description"]}
        writer.write(f"d/{number}.json", {k: v for k, v in texts.items() if v})
    data = lexicon(project, table, (len(docs) - len(others), len(others)), shards)
    data["docs"] = [[d.title, d.label, d.url.lstrip("/"), d.kind] for d in docs]
    # Shards and texts are fetched as …?v=<version>: a browser that cached another build's files (doc
    # numbers and shards move when articles are added) cannot mix them with this lexicon.
    data["version"] = writer.digest.hexdigest()[:12]
    writer.write("lexicon.json", data)
    return BrowserIndex(folder, len(docs), len(table), shards, writer.files, writer.gzip_bytes)
