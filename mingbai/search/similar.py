"""Articles similar to a given one: one more-like-this query per article against a Whoosh index.

Each article's key terms are read from its stored term vector (no re-tokenising) and weighted by
tf·idf, keeping only terms some *other* article also uses (a word no one else has cannot make two
articles alike) and that are not in most articles. One query ORs those terms over body and title
with the article's (not too common) tags; its best candidates are then re-ranked by the share of tags
they have in common. Cost: one query per article, whose postings are those of a few fairly rare
words and tags — no all-pairs pass.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from whoosh.index import Index
from whoosh.query import Or, Query, Term

from .analysis import setup_project
from .indexer import build_ram_index, fresh_index

if TYPE_CHECKING:
    from ..articles import Article
    from ..project import Project

KEY_TERMS = 12  # enough to characterise an article; each term costs one postings read per query
COMMON_SHARE = 0.4  # a word in more than this share of articles says little about which are alike
MIN_COMMON = 10  # …but in a small site a word shared by ten articles still tells them apart
TITLE_FACTOR = 1.5  # a shared key term in the other article's title counts more than in its body
TAG_BOOST = 0.5  # a shared tag in the query, relative to the strongest key term
CANDIDATES = 30  # neighbours re-ranked by the share of tags they have in common
TAG_WEIGHT = 0.6  # weight of tag overlap (Jaccard, 0–1) against the content score (scaled to 0–1)
CATEGORY_WEIGHT = 0.1  # same category, a tie-breaker between equally similar articles


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
        self.docnums = {fields["key"]: num for num, fields in self.searcher.iter_docs()}
        self.doc_count = self.searcher.doc_count()
        self._df: dict[str, int] = {}  # document frequencies, shared by every article's key-term pass

    def close(self) -> None:
        """Release the searcher and the index's files."""
        self.searcher.close()

    def _common_limit(self) -> int:
        """The highest document frequency a key term or tag may have; small sites keep more words."""
        return max(MIN_COMMON, int(self.doc_count * COMMON_SHARE))

    def key_terms(self, key: str) -> list[tuple[str, float]]:
        """The article's most distinctive body terms shared with at least one other article."""
        reader = self.searcher.reader()
        docnum = self.docnums[key]
        if not reader.has_vector(docnum, "body"):
            return []
        limit = self._common_limit()
        scored = []
        for word, weight in reader.vector_as("weight", docnum, "body"):
            df = self._df.get(word)
            if df is None:
                df = self._df[word] = reader.doc_frequency("body", word)
            if 2 <= df <= limit:
                scored.append((-(1.0 + math.log(max(weight, 1.0))) * math.log(self.doc_count / df), word))
        scored.sort()
        return [(word, -score) for score, word in scored[:KEY_TERMS]]

    def query(self, article: Article) -> Query | None:
        """The more-like-this query of one article: its key terms in other articles' bodies and titles,
        and its tags."""
        terms = self.key_terms(article.key)
        top = terms[0][1] if terms else 1.0
        parts: list[Query] = []
        for word, score in terms:
            parts.append(Term("body", word, boost=score / top))
            parts.append(Term("title", word, boost=TITLE_FACTOR * score / top))
        if "tags" in self.searcher.schema:  # a tag most articles carry is left to the re-ranking below
            limit = self._common_limit()
            parts += [Term("tags", tag, boost=TAG_BOOST) for tag in article.tags
                      if self.searcher.doc_frequency("tags", tag) <= limit]
        return Or(parts) if parts else None

    def similar(self, article: Article, count: int, exclude: set[str] | None = None) -> list[Article]:
        """Up to ``count`` other articles, most similar first; ties broken by key so builds agree."""
        exclude = set(exclude or ()) | {article.key}
        query = self.query(article) if article.key in self.docnums else None
        if query is None or count < 1:
            return []
        results = self.searcher.search(query, limit=CANDIDATES + len(exclude), optimize=False)
        hits = [(hit.score, hit["key"]) for hit in results if hit["key"] not in exclude]
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
