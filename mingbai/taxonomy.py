"""The taxonomy file: categories, tag vocabulary, glossary and search synonyms.

DESIGN.md asks for one source of truth; every derived artefact (Material's ``tags_allowed``, the jieba
user dictionary, category pages, nav, hover definitions) is computed here from ``taxonomy.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml


class TaxonomyError(ValueError):
    """taxonomy.yml cannot be used; ``problems`` are ``taxonomy.yml:line: message`` lines, all of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Category:
    """A reader-facing label (shown in lists) and the folder that forms its URL."""

    label: str
    folder: str
    scope: str


@dataclass(frozen=True)
class GlossaryTerm:
    """A plain definition; aliases are other words readers use for the same thing."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()


def _word_list(value: object) -> list[str]:
    """A whitespace-separated string or a YAML list of words, as a list of distinct words in order."""
    if value is None:
        return []
    items = value.split() if isinstance(value, str) else [str(w) for w in value]  # type: ignore[union-attr]
    return list(dict.fromkeys(w.strip() for w in items if w.strip()))


@dataclass
class Taxonomy:
    """Everything the site classifies content by, loaded once from the taxonomy file."""

    categories: list[Category]
    tags: list[str]
    glossary: list[GlossaryTerm] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)
    dictionary: list[str] = field(default_factory=list)
    # Question words, particles and pronouns dropped from search queries and indexes (Whoosh and browser).
    stop_words: list[str] = field(default_factory=list)
    # Share (issue 5): article keys (folder/slug) of the core guides the 404 page offers, in order.
    popular: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Taxonomy:
        """Read and validate the file; a malformed taxonomy is a configuration error, so raise
        TaxonomyError with every problem as ``taxonomy.yml:line: message``."""
        where = path.name
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.safe_load(text) or {}
        except (OSError, UnicodeDecodeError) as error:
            raise TaxonomyError([f"{where}:1: cannot be read: {error}"]) from error
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise TaxonomyError([f"{where}:{mark.line + 1 if mark else 1}: invalid YAML: "
                                 f"{getattr(error, 'problem', None) or error}"]) from error
        try:
            categories = [Category(c["label"], c["folder"], c["scope"]) for c in data["categories"]]
            glossary = [
                GlossaryTerm(str(g["term"]), str(g["definition"]), tuple(str(a) for a in g.get("aliases") or ()))
                for g in data.get("glossary") or []
            ]
            taxonomy = cls(
                categories=categories,
                tags=[str(t) for t in data["tags"]],
                glossary=glossary,
                synonyms=[[str(w) for w in group] for group in data.get("synonyms") or []],
                dictionary=[str(w) for w in data.get("dictionary") or []],
                stop_words=_word_list(data.get("stop_words")),
                popular=[str(k) for k in data.get("popular") or []],
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise TaxonomyError([f"{where}:1: malformed taxonomy: {error!r}"]) from error
        taxonomy._validate(path, text)
        return taxonomy

    def _validate(self, path: Path, text: str = "") -> None:
        lines = text.split("\n")
        problems: list[str] = []

        def line_of(value: str, occurrence: int) -> int:
            """The line where ``value`` stands for the ``occurrence``-th time (1 if not found)."""
            pattern = re.compile(rf"^\s*-?\s*(?:\w+:\s*)?['\"]?{re.escape(value)}['\"]?\s*(?:#.*)?$")
            found = [n for n, line in enumerate(lines, start=1) if pattern.match(line)]
            return found[occurrence - 1] if len(found) >= occurrence else (found[-1] if found else 1)

        for name, values in (
            ("category label", [c.label for c in self.categories]),
            ("category folder", [c.folder for c in self.categories]),
            ("tag", self.tags),
            ("glossary term", [g.term for g in self.glossary]),
            ("popular guide", self.popular),
        ):
            seen: dict[str, int] = {}
            for value in values:
                seen[value] = seen.get(value, 0) + 1
                if seen[value] == 2:
                    problems.append(f"{path.name}:{line_of(value, 2)}: duplicate {name} {value!r}")
        folders = {c.folder for c in self.categories}
        for key in self.popular:  # share (issue 5): whether the article exists is `mingbai check`'s job
            if key.count("/") != 1 or key.split("/")[0] not in folders:
                problems.append(f"{path.name}:{line_of(key, 1)}: popular guide {key!r} must be folder/slug "
                                "with a category folder")
        if problems:
            raise TaxonomyError(problems)

    @cached_property
    def by_label(self) -> dict[str, Category]:
        """Categories keyed by the label articles name in front matter."""
        return {c.label: c for c in self.categories}

    @cached_property
    def by_folder(self) -> dict[str, Category]:
        """Categories keyed by URL folder."""
        return {c.folder: c for c in self.categories}

    @cached_property
    def tag_set(self) -> frozenset[str]:
        """The controlled vocabulary as a set, for membership checks."""
        return frozenset(self.tags)

    def dictionary_words(self) -> list[str]:
        """Words jieba must keep whole: tags, glossary terms and aliases, synonyms, extra words."""
        words: list[str] = []
        words += self.tags
        for term in self.glossary:
            words.append(term.term)
            words += term.aliases
        for group in self.synonyms:
            words += group
        words += self.dictionary
        seen: set[str] = set()
        unique = []
        for word in words:
            word = word.strip()
            # jieba's dictionary format is whitespace-separated, so multi-word entries cannot go in.
            if word and " " not in word and word not in seen:
                seen.add(word)
                unique.append(word)
        return unique

    def jieba_userdict(self) -> str:
        """The jieba user dictionary text: one word per line with a high frequency to keep it whole."""
        return "".join(f"{word} 100000\n" for word in self.dictionary_words())
