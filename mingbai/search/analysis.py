"""Chinese text analysis: jieba's search mode inside a Whoosh tokenizer.

Search mode emits a long word *and* its dictionary sub-words (合法权益 → 合法, 权益, 合法权益), so a
reader's shorter word still finds the longer term, while the site's user dictionary (derived from the
taxonomy) keeps domain terms such as 停息挂账 or 个性化分期 whole. The index and the queries must be cut
by the very same jieba state, so jieba is set up here once per process and nowhere else.

The segmenter is jieba-rs (the ``rjieba`` binding): jieba's own algorithm, dictionary and HMM ported to
Rust. On the site's text it cuts every run of Chinese characters exactly as Python's jieba 0.42 does
(checked on all articles), about twelve times faster: Python jieba was a third of a 2,000-article build,
twice over (this index and Material's browser index). Its dictionary is compiled into the library and
loads in about 0.3 s, so a cold ``mingbai search`` needs no dictionary cache of its own.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import rjieba
from backrefs import bre
from whoosh.analysis import Token, Tokenizer

# Question words, particles and pronouns (taxonomy.yml ``stop_words``): how readers phrase a question, not
# what it is about. They are dropped from queries and from the index so that 怎么办 or 吗 never outweighs
# 信用卡. ``setup`` loads them with the project's dictionary; the browser search reads the same list.
STOP_WORDS: set[str] = set()

_WORD = re.compile(r"\w")  # a token with no letter, digit or CJK character (punctuation, emoji) is noise

# Readers type 三个月 or 七万, articles write 3 个月 and 7 万元 (STYLE.md): a Chinese digit before a
# measure word becomes the Arabic one. One character for one, so character offsets stay valid.
# The browser search applies the same rule from these constants (``browser_index.py`` ships them).
NUMERAL_CHARS, NUMERAL_DIGITS, MEASURE_WORDS = "一二三四五六七八九两", "1234567892", "个天年月万千百次期日周岁笔张"
_NUMERAL = re.compile(f"[{NUMERAL_CHARS}](?=[{MEASURE_WORDS}])")
_DIGITS = dict(zip(NUMERAL_CHARS, NUMERAL_DIGITS, strict=True))


# Full-width ASCII (ＬＰＲ, １２３７８) as readers' input methods type it; jieba only joins half-width
# letters and digits into one token. The ideographic space becomes a space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def prepare(text: str) -> str:
    """Text as jieba should see it, character for character, so token offsets still point into ``text``.

    三个月 → 3个月 and 七万 → 7万 (articles write 3 个月, 7 万元); full-width letters and digits → ASCII.
    """
    return _NUMERAL.sub(lambda m: _DIGITS[m.group()], text.translate(_HALF_WIDTH))


_lock = threading.Lock()
_loaded_dictionaries: set[str] = set()


class Segmenter(Protocol):
    """What this module uses of jieba-rs: its module-level functions, which share one process-wide
    segmenter (importing ``rjieba`` builds it, about 0.25 s; a second ``rjieba.Jieba()`` would double
    a cold ``mingbai search``)."""

    def cut(self, text: str, hmm: bool = True) -> list[str]: ...

    def tokenize(self, text: str, mode: str = "default", hmm: bool = True) -> list[tuple[str, int, int]]: ...

    def add_word(self, word: str, freq: int | None, tag: str | None) -> int: ...


_segmenter: Segmenter = rjieba  # type: ignore[assignment]


def setup(user_dictionary: Path | None = None, stop_words: Iterable[str] | None = None) -> Segmenter:
    """Load each user dictionary into the process's segmenter once, and the stop words when given.

    A user dictionary line is ``word [frequency]``; a word without a frequency gets the one jieba
    suggests to keep it whole. Stop words replace the previous set (tokens are cached per set).
    """
    global _last
    with _lock:
        if stop_words is not None:
            wanted = {normalize(w) for w in stop_words if normalize(w)}
            if wanted != STOP_WORDS:
                STOP_WORDS.clear()
                STOP_WORDS.update(wanted)
                _kept.clear()
                _last = ("", [])
        if user_dictionary is not None:
            text = user_dictionary.read_text(encoding="utf-8")
            if text not in _loaded_dictionaries:
                for line in text.splitlines():
                    parts = line.split()
                    if parts:
                        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                        _segmenter.add_word(parts[0], freq, None)
                _loaded_dictionaries.add(text)
        return _segmenter


def setup_project(project: object) -> Segmenter:
    """``setup`` with a project's taxonomy-derived user dictionary and stop words."""
    return setup(project.user_dictionary(), project.taxonomy.stop_words)  # type: ignore[attr-defined]


def segmenter() -> Segmenter:
    """The process's segmenter, with whatever user dictionaries ``setup`` has loaded."""
    return _segmenter


_HAN_RUN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)  # the pattern Material's search plugin uses
ZWSP = "\u200b"


def segment_han(text: str) -> str:
    """Every run of Chinese characters cut into words and set off by zero-width spaces.

    This is what Material's search plugin does to its browser index when Python's jieba is installed
    (``_segment_chinese`` in mkdocs-material 9.8: jieba's default mode, words joined and surrounded by
    U+200B, which the search ``separator`` splits on), done by the same segmenter and user dictionary
    as the Whoosh index. Existing zero-width spaces are removed first, so text Material already cut
    is cut once, the same way.
    """
    cut = segmenter().cut

    def words(match: re.Match[str]) -> str:
        return ZWSP + ZWSP.join(cut(match.group(0), True)) + ZWSP

    return _HAN_RUN.sub(words, text.replace(ZWSP, "")).strip(ZWSP)


def normalize(word: str) -> str:
    """Full-width letters and digits to ASCII, lower case: ＬＰＲ, LPR and lpr are one term."""
    return unicodedata.normalize("NFKC", word).lower().strip()


_kept: dict[str, str] = {}  # jieba word → normalised token, or "" when it is a stop word or noise
_last: tuple[str, list[tuple[str, int, int]]] = ("", [])


def _keep(word: str) -> str:
    norm = _kept.get(word)
    if norm is None:
        norm = normalize(word)
        if norm in STOP_WORDS or not _WORD.search(norm):
            norm = ""
        if len(_kept) < 500_000:
            _kept[word] = norm
    return norm


def cut(text: str) -> list[tuple[str, int, int]]:
    """Normalised search-mode tokens with their character span, stop words and noise removed.

    The last result is remembered: Whoosh analyses a field's text twice when it also stores a term
    vector (the body does), and jieba is most of the cost of building the index.
    """
    global _last
    if _last[0] == text and text:
        return _last[1]
    tokens = []
    for word, start, end in segmenter().tokenize(prepare(text), "search", True):
        norm = _keep(word)
        if norm:
            tokens.append((norm, start, end))
    _last = (text, tokens)
    return tokens


def weighted_words(text: str, part_weight: float = 0.5, single_weight: float = 0.5) -> dict[str, float]:
    """Distinct content tokens of a query with a weight each, in first-seen order.

    A word as jieba cuts it (信用卡) is what the reader meant and weighs 1; the extra parts search mode
    adds (信用) only widen recall and weigh ``part_weight``; a lone character (钱, 还) is ambiguous
    and weighs ``single_weight``. The largest weight wins when a word appears twice.
    """
    whole = {(start, end) for _, start, end in segmenter().tokenize(prepare(text), "default", True)}
    weights: dict[str, float] = {}
    for word, start, end in cut(text):
        weight = 1.0 if (start, end) in whole else part_weight
        if len(word) == 1:
            weight *= single_weight
        weights[word] = max(weight, weights.get(word, 0.0))
    return weights


def words(text: str) -> list[str]:
    """Distinct content tokens of ``text`` in first-seen order: what a query is made of."""
    seen: dict[str, None] = {}
    for word, _, _ in cut(text):
        seen.setdefault(word, None)
    return list(seen)


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer over ``cut``; positions are token ordinals, chars are real spans for snippets.

    The class is pickled into the index schema, so it must hold no state: jieba's dictionary is
    process-wide and set up by ``setup`` before indexing or searching.
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False,  # type: ignore[override]
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = normalize(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for index, (word, start, end) in enumerate(cut(value)):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + index
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def analyzer() -> JiebaTokenizer:
    """The analyzer of every text field; a fresh instance because Whoosh composes analyzers in place."""
    return JiebaTokenizer()
