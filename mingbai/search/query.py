"""Reader text → a Whoosh query, built programmatically.

Raw input never reaches Whoosh's query-language parser: the text is cut by jieba (so ``AND``, ``(``,
``"``, ``*`` or ``:`` are just characters, and mostly dropped as noise), stop and question words are
removed, and each remaining word becomes an ``Or`` over the weighted fields, widened by its synonym
group from the taxonomy (征信 ≈ 信用报告 ≈ 信用记录). Given the index reader, terms the index does not
hold are left out: pure Python matchers cost time per clause, whether or not it can match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whoosh.query import And, Or, Query, Term

from .analysis import normalize, weighted_words, words
from .schema import FIELD_WEIGHTS, TAG_WEIGHT, TEXT_FIELDS

MAX_QUERY_WORDS = 24  # a pasted 5,000-character text must not become a 5,000-term query
SYNONYM_WEIGHT = 0.5  # the reader's own word counts more than the words we add for it
PART_WEIGHT = 0.5  # a part of a longer word the reader typed (信用 of 信用卡)
SINGLE_WEIGHT = 0.5  # a lone character (钱, 还) says little on its own

Present = Callable[[str, str], bool]


def _anything(field: str, word: str) -> bool:
    return True


class Synonyms:
    """The taxonomy's synonym groups as a lookup: word → the other words of every group holding it."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._others: dict[str, list[str]] = {}
        for group in groups:
            members = [normalize(w) for w in group if normalize(w)]
            for word in members:
                others = self._others.setdefault(word, [])
                others += [m for m in members if m != word and m not in others]

    def __len__(self) -> int:
        return len(self._others)

    def expand(self, word: str) -> list[str]:
        """The other words of ``word``'s groups, in the order the taxonomy lists them."""
        return list(self._others.get(normalize(word), ()))


@dataclass
class ReaderQuery:
    """The Whoosh query of a reader's text and the words it looks for (for snippets)."""

    query: Query
    words: dict[str, float]  # every searched word (typed, parts, synonyms) → its weight


def field_terms(word: str, weight: float = 1.0, present: Present = _anything) -> list[Query]:
    """One weighted ``Term`` per text field that holds the word, plus the exact tag."""
    terms: list[Query] = [Term(name, word, boost=weight * FIELD_WEIGHTS[name])
                          for name in TEXT_FIELDS if present(name, word)]
    if present("tags", word):
        terms.append(Term("tags", word, boost=weight * TAG_WEIGHT))
    return terms


def _alternative(word: str, weight: float, present: Present) -> tuple[Query | None, list[str]]:
    """A synonym as a query: one word if jieba keeps it whole (taxonomy words are in the dictionary),
    otherwise all of its parts (``And``), so that a phrase-like synonym does not match on one part."""
    parts = words(word)
    whole = normalize(word)
    if not parts:
        return None, []
    if whole in parts:
        terms = field_terms(whole, weight, present)
        return (Or(terms) if terms else None), [whole]  # flattened into the top Or by the caller
    groups = [field_terms(part, weight, present) for part in parts]
    if not all(groups):
        return None, []
    return And([Or(group) for group in groups]), parts


def reader_words(text: str) -> dict[str, float]:
    """The content words of a reader's text with their weights, capped, in the order typed."""
    weights = weighted_words(text, PART_WEIGHT, SINGLE_WEIGHT)
    return dict(list(weights.items())[:MAX_QUERY_WORDS])


def build_query(text: str, synonyms: Synonyms | None = None, present: Present = _anything) -> ReaderQuery | None:
    """The query for ``text``; ``None`` when nothing is left to look for (only stop words, punctuation,
    emoji — or, given ``present``, only words the index does not hold)."""
    typed = reader_words(text)
    searched: dict[str, float] = {}
    clauses: list[Query] = []  # one flat Or: Whoosh scores each posting once instead of once per level
    for word, weight in typed.items():
        alternatives = field_terms(word, weight, present)
        if alternatives:
            searched.setdefault(word, weight)
        for other in synonyms.expand(word) if synonyms else []:
            if other in typed or other in searched:
                continue
            query, found = _alternative(other, weight * SYNONYM_WEIGHT, present)
            if isinstance(query, Or):
                alternatives += query.subqueries
            elif query is not None:
                alternatives.append(query)
                for part in found:
                    searched.setdefault(part, weight * SYNONYM_WEIGHT)
        clauses += alternatives
    if not clauses:
        return None
    return ReaderQuery(Or(clauses) if len(clauses) > 1 else clauses[0], searched)
