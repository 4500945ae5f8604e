"""Ranked search over an open index, with a short highlighted snippet per hit.

Used by ``mingbai search`` and meant for a later server-side search API: it takes an open Whoosh
index and returns plain ``Hit`` records, and knows nothing about terminals or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from whoosh.index import Index
from whoosh.query import And, Query, Term

from .query import ReaderQuery, Synonyms, build_query
from .scoring import SharedIdfBM25F

MARK_START, MARK_END = "\x02", "\x03"  # never in article text; renderers turn them into 【】 or bold
SNIPPET_CHARS = 80
LEAD_CHARS = 16  # context shown before the first highlighted word
SNIPPET_FIELDS = ("body", "answer", "description")
# A word in more than this share of article bodies says nothing about which body answers the reader,
# yet its postings are the longest to score: its body clause is left out (title, answer, description,
# headings and tags clauses stay). If that leaves nothing to search for, the query is built in full.
COMMON_BODY_SHARE = 0.5
PRUNED_FIELDS = ("body",)


@dataclass
class Hit:
    """One search result, ready to print or serialise."""

    title: str
    category: str
    tags: list[str]
    url: str
    key: str
    score: float
    snippet: str = field(default="")

    def as_dict(self, marks: tuple[str, str] = ("【", "】")) -> dict[str, Any]:
        """JSON-ready fields; the snippet's highlights become ``marks``."""
        data = asdict(self)
        data["score"] = round(self.score, 4)
        data["snippet"] = render_snippet(self.snippet, marks)
        return data


def render_snippet(snippet: str, marks: tuple[str, str]) -> str:
    """Replace the highlight sentinels with ``marks`` (e.g. 【】 or ANSI bold)."""
    return snippet.replace(MARK_START, marks[0]).replace(MARK_END, marks[1])


def snippet(text: str, words: dict[str, float]) -> str:
    """The ``SNIPPET_CHARS`` of ``text`` holding the most (weighted) searched words, marked.

    The words are the very tokens the query matched on, so finding them in the stored text is a
    plain substring search: no re-tokenising, and no character offsets kept in the index.
    """
    text = " ".join(text.split())
    lower = text.lower()
    spans: list[tuple[int, int, str]] = []
    for word in words:
        if len(word) < 2 and word.isascii():
            continue  # a lone digit or letter would light up everywhere
        start = lower.find(word)
        while start != -1 and len(spans) < 2000:
            spans.append((start, start + len(word), word))
            start = lower.find(word, start + len(word))
    if not spans:
        return ""
    spans.sort()
    best, best_score, right = 0, -1.0, 0
    for left in range(len(spans)):  # the window starting at each span; weight of distinct words in it
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - spans[left][0] <= SNIPPET_CHARS - LEAD_CHARS:
            right += 1
        score = sum(words[w] for w in {s[2] for s in spans[left:right + 1]})
        if score > best_score:
            best, best_score = left, score
    begin = max(0, spans[best][0] - LEAD_CHARS)
    end = min(len(text), begin + SNIPPET_CHARS)
    marked: list[list[int]] = []  # overlapping or touching matches (信用 + 信用卡) become one mark
    for start, stop, _ in spans[best:]:
        if start >= end:
            break
        if marked and start <= marked[-1][1]:
            marked[-1][1] = max(marked[-1][1], min(stop, end))
        else:
            marked.append([start, min(stop, end)])
    out, index = ["…" if begin else ""], begin
    for start, stop in marked:
        out += [text[index:start], MARK_START, text[start:stop], MARK_END]
        index = stop
    out += [text[index:end], "…" if end < len(text) else ""]
    return "".join(out)


def _snippet(fields: dict[str, Any], words: dict[str, float]) -> str:
    for name in SNIPPET_FIELDS:
        found = snippet(fields.get(name) or "", words)
        if found:
            return found
    description = fields.get("description") or ""
    return description[:SNIPPET_CHARS] + ("…" if len(description) > SNIPPET_CHARS else "")


def filter_query(category: str | None = None, tag: str | None = None) -> Query | None:
    """Restrict hits to one category label and/or one tag (exact values)."""
    terms: list[Query] = []
    if category:
        terms.append(Term("category", category))
    if tag:
        terms.append(Term("tags", tag))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(terms)


class SiteSearch:
    """Searches one open index, keeping one Whoosh searcher (and its open files) across queries.

    A long-lived process (a search API, the benchmarks) keeps one of these; ``search`` below is the
    one-shot form. jieba must be set up for the index's project first (``analysis.setup_project``).
    """

    def __init__(self, index: Index, synonyms: Synonyms | None = None) -> None:
        self.synonyms = synonyms
        self.searcher = index.searcher(weighting=SharedIdfBM25F())

    def __enter__(self) -> SiteSearch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.searcher.close()

    def query(self, text: str) -> ReaderQuery | None:
        """The reader's query, without clauses the index cannot match or that would cost for nothing."""
        reader = self.searcher.reader()
        common = COMMON_BODY_SHARE * reader.doc_count()

        def held(name: str, word: str) -> bool:
            return (name, word) in reader

        def useful(name: str, word: str) -> bool:
            return held(name, word) and (name not in PRUNED_FIELDS or reader.doc_frequency(name, word) <= common)

        return build_query(text, self.synonyms, present=useful) or build_query(text, self.synonyms, present=held)

    def search(self, text: str, limit: int = 10, category: str | None = None, tag: str | None = None,
               snippets: bool = True) -> list[Hit]:
        """The best ``limit`` articles for a reader's text; an empty list when nothing matches."""
        reader_query = self.query(text) if limit > 0 else None
        if reader_query is None:
            return []
        # optimize=False: with few thousand articles, Whoosh's block-skipping bookkeeping costs more
        # than the postings it skips.
        results = self.searcher.search(reader_query.query, limit=limit, filter=filter_query(category, tag),
                                       optimize=False)
        hits = []
        for hit in results:
            fields = hit.fields()
            tags = [t for t in (fields.get("tags") or "").split(",") if t]
            hits.append(Hit(title=fields["title"], category=fields["category"], tags=tags, url=fields["url"],
                            key=fields["key"], score=float(hit.score or 0.0),
                            snippet=_snippet(fields, reader_query.words) if snippets else ""))
        return hits


def search(index: Index, text: str, synonyms: Synonyms | None = None, limit: int = 10,
           category: str | None = None, tag: str | None = None, snippets: bool = True) -> list[Hit]:
    """One search: the best ``limit`` articles for a reader's text, or an empty list."""
    with SiteSearch(index, synonyms) as site:
        return site.search(text, limit, category, tag, snippets)
