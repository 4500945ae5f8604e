"""Articles similar to a given one: a more-like-this query per article, scored in bulk over the index.

Each article's key terms are read from its stored term vector (no re-tokenising) and weighted by
tf·idf, keeping only terms some *other* article also uses (a word no one else has cannot make two
articles alike) and that are not in most articles. The query ORs those terms over body and title
with the article's (not too common) tags; its best candidates are then re-ranked by the share of tags
they have in common.

Why not ``searcher.search(Or(terms))``: that is what this module did first, and Whoosh scores each
posting in Python — at 2,000 articles the related lists took 45 s of the build, a third of it. The
query is the same; its BM25F scores (Whoosh's formula, its idf, its stored field lengths) are now
summed with numpy over each term's postings, which are read once per build and shared by every
article that uses the term. Cost per article: the postings of a few fairly rare words and tags, plus
one pass over an array of document scores — no all-pairs comparison of texts.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from whoosh.index import Index

from .analysis import setup_project
from .indexer import build_ram_index, fresh_index

if TYPE_CHECKING:
    from ..articles import Article
    from ..project import Project

KEY_TERMS = 12  # enough to characterise an article; each term costs one postings read per build
COMMON_SHARE = 0.4  # a word in more than this share of articles says little about which are alike
MIN_COMMON = 10  # …but in a small site a word shared by ten articles still tells them apart
TITLE_FACTOR = 1.5  # a shared key term in the other article's title counts more than in its body
TAG_BOOST = 0.5  # a shared tag in the query, relative to the strongest key term
CANDIDATES = 30  # neighbours re-ranked by the share of tags they have in common
TAG_WEIGHT = 0.6  # weight of tag overlap (Jaccard, 0–1) against the content score (scaled to 0–1)
CATEGORY_WEIGHT = 0.1  # same category, a tie-breaker between equally similar articles
B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the first (per-query) version used

_NONE = (np.zeros(0, dtype=np.int64), np.zeros(0))


class SimilarArticles:
    """Answers ``similar(article, n)`` for one set of articles from one index of them.

    ``index`` may be an index of exactly these articles (with body term vectors); by default it is the
    on-disk index when one was built from these very files (``fresh_index``), otherwise an in-memory
    one built now. Either gives the same lists: the key terms and scores come from the same fields.
    """

    def __init__(self, project: Project, articles: list[Article], index: Index | None = None) -> None:
        setup_project(project)
        self.articles = {a.key: a for a in articles}
        self.index = index or fresh_index(project, articles) or build_ram_index(articles)
        self.searcher = self.index.searcher()
        self.reader = self.searcher.reader()
        self.docnums = {fields["key"]: num for num, fields in self.searcher.iter_docs()}
        self.keys = {num: key for key, num in self.docnums.items()}
        self.doc_count = self.searcher.doc_count()
        self.size = self.reader.doc_count_all()  # doc numbers run from 0 to size - 1
        self._df: dict[str, int] = {}  # body document frequencies, shared by every article's key-term pass
        self._lengths: dict[str, np.ndarray] = {}
        self._scores: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}

    def close(self) -> None:
        """Release the searcher and the index's files."""
        self.searcher.close()

    def _common_limit(self) -> int:
        """The highest document frequency a key term or tag may have; small sites keep more words."""
        return max(MIN_COMMON, int(self.doc_count * COMMON_SHARE))

    def key_terms(self, key: str) -> list[tuple[str, float]]:
        """The article's most distinctive body terms shared with at least one other article."""
        docnum = self.docnums[key]
        if not self.reader.has_vector(docnum, "body"):
            return []
        limit = self._common_limit()
        scored = []
        for word, weight in self.reader.vector_as("weight", docnum, "body"):
            df = self._df.get(word)
            if df is None:
                df = self._df[word] = self.reader.doc_frequency("body", word)
            if 2 <= df <= limit:
                scored.append((-(1.0 + math.log(max(weight, 1.0))) * math.log(self.doc_count / df), word))
        scored.sort()
        return [(word, -score) for score, word in scored[:KEY_TERMS]]

    def query(self, article: Article) -> list[tuple[str, str, float]]:
        """The more-like-this query of one article as (field, word, boost): its key terms in other
        articles' bodies and titles, and its tags."""
        terms = self.key_terms(article.key)
        top = terms[0][1] if terms else 1.0
        parts: list[tuple[str, str, float]] = []
        for word, score in terms:
            parts.append(("body", word, score / top))
            parts.append(("title", word, TITLE_FACTOR * score / top))
        if "tags" in self.searcher.schema:  # a tag most articles carry is left to the re-ranking below
            limit = self._common_limit()
            parts += [("tags", tag, TAG_BOOST) for tag in article.tags
                      if self.searcher.doc_frequency("tags", tag) <= limit]
        return parts

    def _field_lengths(self, field: str) -> np.ndarray:
        lengths = self._lengths.get(field)
        if lengths is None:
            lengths = np.array([self.reader.doc_field_length(num, field, 1) for num in range(self.size)], dtype=float)
            self._lengths[field] = lengths
        return lengths

    def term_scores(self, field: str, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The documents containing ``word`` in ``field`` and their BM25F scores for it, as Whoosh's
        BM25F scorer computes them (idf ``log(N / (df + 1)) + 1``, the index's stored field lengths)."""
        cached = self._scores.get((field, word))
        if cached is not None:
            return cached
        if (field, word) not in self.reader:
            self._scores[(field, word)] = _NONE
            return _NONE
        pairs = list(self.reader.postings(field, word).items_as("weight"))
        docs = np.fromiter((num for num, _ in pairs), dtype=np.int64, count=len(pairs))
        tf = np.fromiter((weight for _, weight in pairs), dtype=float, count=len(pairs))
        idf = self.searcher.idf(field, word)
        average = self.searcher.avg_field_length(field) or 1
        scores = idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * self._field_lengths(field)[docs] / average))
        self._scores[(field, word)] = (docs, scores)
        return docs, scores

    def candidates(self, article: Article, limit: int) -> list[tuple[float, str]]:
        """The ``limit`` best (score, key) matches of the article's query, best first, ties by doc number
        (the order Whoosh returns); the article itself is among them."""
        query = self.query(article)
        if not query:
            return []
        totals = np.zeros(self.size)
        matched = np.zeros(self.size, dtype=bool)
        for field, word, boost in query:
            docs, scores = self.term_scores(field, word)
            totals[docs] += boost * scores
            matched[docs] = True
        found = np.flatnonzero(matched)
        order = found[np.lexsort((found, -totals[found]))][:limit]
        return [(float(totals[num]), self.keys[num]) for num in order if num in self.keys]

    def similar(self, article: Article, count: int, exclude: set[str] | None = None) -> list[Article]:
        """Up to ``count`` other articles, most similar first; ties broken by key so builds agree."""
        exclude = set(exclude or ()) | {article.key}
        if article.key not in self.docnums or count < 1:
            return []
        hits = [(score, key) for score, key in self.candidates(article, CANDIDATES + len(exclude))
                if key not in exclude]
        if not hits:
            return []
        best = max(score for score, _ in hits) or 1.0
        tags = set(article.tags)
        ranked = []
        for score, key in hits:
            other = self.articles.get(key)
            if other is None:
                continue
            union = tags | set(other.tags)
            overlap = len(tags & set(other.tags)) / len(union) if union else 0.0
            same = CATEGORY_WEIGHT if other.category == article.category else 0.0
            ranked.append((-round(score / best + TAG_WEIGHT * overlap + same, 9), key))
        ranked.sort()
        return [self.articles[key] for _, key in ranked[:count]]
