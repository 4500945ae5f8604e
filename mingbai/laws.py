"""Find the text of a cited law article in the primary law texts, and check quotes against it.

Articles cite laws by name (``民法典``, ``征信业管理条例``) and article (``第十六条``); the law folder holds
one Markdown file per law, named ``<name>(<date>).md``. Quotes must be verbatim, so the check compares
text with all whitespace removed and lets an ellipsis (``……``) stand for omitted words: each fragment
must appear, in order, inside the cited article. Written by hand because no library knows the layout
of Chinese statute texts (``第一百九十六条``, ``第二百九十三条之一``, or ``一、`` sections in amendments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# A law whose text is split over several files (the Civil Code is kept book by book, in the Code's order;
# article numbers run on across the books, so each number is in exactly one of them).
SPLIT_LAWS: dict[str, tuple[str, ...]] = {
    "民法典": ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编"),
}

_NUM = "零一二三四五六七八九十百千"
ARTICLE_HEAD = re.compile(rf"^(第[{_NUM}]+条(?:之[{_NUM}]+)?)[\s　]")
SECTION_HEAD = re.compile(rf"^([{_NUM}]+)、")
ELLIPSIS = re.compile(r"……|\.\.\.+|…")
WHITESPACE = re.compile(r"\s+")
_PUNCT_FOLD = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "："})


def normalise(text: str) -> str:
    """Drop whitespace and fold half-width brackets and commas, which law copies mix freely."""
    return WHITESPACE.sub("", text).translate(_PUNCT_FOLD)


def law_key(name: str) -> str:
    """The file stem a law name refers to: without 《》 and the 中华人民共和国 prefix."""
    name = name.strip().strip("《》")
    return name.removeprefix("中华人民共和国")


@dataclass
class Law:
    """One law's text split into articles (``第十六条`` → text) or sections (``一`` → text)."""

    name: str
    full_text: str
    articles: dict[str, str] = field(default_factory=dict)

    def article_text(self, article: str) -> str | None:
        """The cited article's text; an empty citation means the whole text (e.g. a short 批复)."""
        article = article.strip()
        if not article:
            return self.full_text
        if article in self.articles:
            return self.articles[article]
        bare = article.removeprefix("第").removesuffix("条").rstrip("、")
        return self.articles.get(bare)

    def find_article(self, quote: str) -> str | None:
        """Which article holds ``quote``, to say where a misattributed quote really comes from."""
        for number, text in self.articles.items():
            if quote_in(quote, text):
                return number
        return None


def split_articles(text: str) -> dict[str, str]:
    """Map each article heading to its text, up to the next heading (chapter headings are skipped)."""
    articles: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        head = ARTICLE_HEAD.match(line) or SECTION_HEAD.match(line)
        if head:
            current = head.group(1)
            articles[current] = articles.get(current, "") + line + "\n"
        elif current is not None and not line.startswith("#"):
            articles[current] += line + "\n"
    return articles


def quote_in(quote: str, text: str) -> bool:
    """True when every ellipsis-separated fragment of ``quote`` occurs in ``text``, in order."""
    haystack = normalise(text)
    position = 0
    for fragment in ELLIPSIS.split(quote):
        needle = normalise(fragment).strip("“”\"'「」")
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


class LawLibrary:
    """The law folder, loaded lazily: only laws that articles cite are read and split."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, list[Path]] = {}
        for path in sorted(folder.glob("*.md")):
            stem = re.sub(r"[（(]\d{4}-\d{2}-\d{2}[)）]$", "", path.stem)
            self._files.setdefault(stem, []).append(path)
        self._cache: dict[str, Law | None] = {}

    def get(self, name: str) -> Law | None:
        """The law called ``name``, or None when the folder has no text for it."""
        key = law_key(name)
        if key not in self._cache:
            stems = SPLIT_LAWS.get(key, (key,))
            paths = [p for stem in stems for p in self._files.get(stem, [])]
            if not paths:
                self._cache[key] = None
            else:
                text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
                self._cache[key] = Law(key, text, split_articles(text))
        return self._cache[key]
