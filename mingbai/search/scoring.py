"""Ranking: BM25F with one document frequency per word instead of one per field, scored fast.

Whoosh's BM25F takes each field's own IDF, so a plain word that is rare *in titles* (多久, 记录, 收到)
scores like a rare word whenever a title has it, and outranks the article that matches the reader's
actual topic in its answer and body. Here every field uses the word's document frequency in the body
(where nearly every word of an article appears), or the field's own when that is larger.

Scoring is pure Python and runs once per posting, so the field lengths BM25 needs are read once per
index reader into a list instead of being decoded from Whoosh's length column for every posting.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from whoosh.scoring import BM25F, BaseScorer, WeightScorer

IDF_FIELD = "body"

# Segment id (random, new for every written segment) → field → lengths; a few segments are enough.
_lengths: OrderedDict[str, dict[str, list[int]]] = OrderedDict()
_KEEP_SEGMENTS = 8


def field_lengths(reader: Any, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname``, by document number, cached per index segment."""
    segment = reader.segment()
    key = segment.segment_id() if segment is not None else f"reader-{id(reader)}"
    per_field = _lengths.get(key)
    if per_field is None:
        per_field = _lengths[key] = {}
        while len(_lengths) > _KEEP_SEGMENTS:
            _lengths.popitem(last=False)
    if fieldname not in per_field:
        per_field[fieldname] = [reader.doc_field_length(n, fieldname, 0) for n in range(reader.doc_count_all())]
    return per_field[fieldname]


class _SharedIdfScorer(BaseScorer):
    def __init__(self, searcher: Any, fieldname: str, text: bytes, B: float, K1: float) -> None:
        parent = searcher.get_parent()  # IDF and average length are statistics of the whole index
        idf_field = fieldname
        if IDF_FIELD in parent.schema and parent.doc_frequency(IDF_FIELD, text) > parent.doc_frequency(fieldname, text):
            idf_field = IDF_FIELD
        self.idf = parent.idf(idf_field, text)
        avgfl = parent.avg_field_length(fieldname) or 1
        self.lengths = field_lengths(searcher.reader(), fieldname)
        # bm25 = idf·tf·(K1+1) / (tf + K1·(1−B) + K1·B·length/avgfl), with the constants folded in
        self.k1_plus_1, self.base, self.per_length = K1 + 1, K1 * (1 - B), K1 * B / avgfl
        info = searcher.term_info(fieldname, text)
        self._max = self._score(info.max_weight(), info.min_length())

    def _score(self, weight: float, length: int) -> float:
        return self.idf * weight * self.k1_plus_1 / (weight + self.base + self.per_length * length)

    def score(self, matcher: Any) -> float:
        return self._score(matcher.weight(), self.lengths[matcher.id()])

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self._max

    def block_quality(self, matcher: Any) -> float:
        return self._score(matcher.block_max_weight(), matcher.block_min_length())


class SharedIdfBM25F(BM25F):
    """BM25F whose IDF is the word's (the larger of body and field document frequency), not the field's."""

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        return _SharedIdfScorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1)
