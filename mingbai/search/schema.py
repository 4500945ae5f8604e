"""The Whoosh schema of ``search_index/`` and the weight of each field.

Weights are applied twice on purpose: as ``field_boost`` in the schema (``INDEX_BOOSTS``: any Whoosh
query, including the related lists' more-like-this, prefers a title match) and as per-term boosts in
our own queries (``FIELD_WEIGHTS``), where BM25's term saturation would otherwise flatten a boost
stored only in the postings. Both keep the order title > answer/description > headings > body; the
values were chosen on ``tests/search_queries.yml`` (``scripts/eval_search.py``).
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.formats import Frequency

from .analysis import analyzer

# Bump when the schema, the analysis or the document text changes: an index with another version is stale.
SCHEMA_VERSION = 4

# title > answer/description > headings > body (issue 3), twice: in the postings (where BM25 saturates
# them, so a title still wins when a word is repeated in the body) and on each query term (linear).
INDEX_BOOSTS: dict[str, float] = {"title": 5.0, "answer": 2.5, "description": 2.5, "headings": 1.8, "body": 1.0}
FIELD_WEIGHTS: dict[str, float] = {
    "title": 5.0,
    "answer": 1.5,
    "description": 1.5,
    "headings": 1.2,
    "body": 1.0,
}
TAG_WEIGHT = 2.0

TEXT_FIELDS = tuple(FIELD_WEIGHTS)


def make_schema() -> Schema:
    """The schema of ``search_index/``: every field the searcher ranks, filters, shows or snippets.

    The body keeps a term vector: the related lists read each article's key terms from it, so the same
    index serves them. Snippets are cut from the stored text, so no character offsets are kept.
    """
    return Schema(
        title=TEXT(analyzer=analyzer(), stored=True, phrase=False, field_boost=INDEX_BOOSTS["title"]),
        answer=TEXT(analyzer=analyzer(), stored=True, phrase=False, field_boost=INDEX_BOOSTS["answer"]),
        description=TEXT(analyzer=analyzer(), stored=True, phrase=False, field_boost=INDEX_BOOSTS["description"]),
        headings=TEXT(analyzer=analyzer(), phrase=False, field_boost=INDEX_BOOSTS["headings"]),
        body=TEXT(analyzer=analyzer(), stored=True, phrase=False, vector=Frequency(),
                  field_boost=INDEX_BOOSTS["body"]),
        category=ID(stored=True),
        tags=KEYWORD(stored=True, commas=True, scorable=True, field_boost=TAG_WEIGHT),
        url=ID(stored=True, unique=True),
        key=ID(stored=True),
        date=DATETIME(stored=True),
    )


def make_related_schema() -> Schema:
    """The smallest schema the related lists need, for an in-memory index built during a site build."""
    return Schema(
        title=TEXT(analyzer=analyzer(), phrase=False, field_boost=INDEX_BOOSTS["title"]),
        body=TEXT(analyzer=analyzer(), phrase=False, vector=Frequency(), field_boost=INDEX_BOOSTS["body"]),
        tags=KEYWORD(commas=True, scorable=True, field_boost=TAG_WEIGHT),
        key=ID(stored=True, unique=True),
    )
