"""Chinese line breaking for text drawn into images (cards, posters), measured with the real font.

Pillow draws text but does not wrap it, and Material's social plugin wraps only at spaces, which a
Chinese title does not have. So lines are broken here, following the basic rules of Chinese
typesetting (GB/T 15834 and the W3C "Requirements for Chinese Text Layout", kinsoku):

* a line may break between any two Chinese characters, and at a space;
* a run of Latin letters or digits (``LPR``, ``12378``, ``3``) is never split;
* closing punctuation (，。、；：？！”）》」』 …) never starts a line and opening punctuation
  (“（《「『 …) never ends one: they travel with their neighbour to the next line instead;
* nothing is inserted: the lines joined (with the spaces that were broken at) give back the text.

Widths come from ``FreeTypeFont.getlength`` so a line is never wider than the box it is drawn in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from PIL import ImageFont

CLOSING = set("，。、；：？！”’）》」』】〕〉…—·,.;:?!)]}%")
OPENING = set("“‘（《「『【〔〈([{")
_TOKEN = re.compile(r"\s+|[A-Za-z0-9][A-Za-z0-9.%+\-_/@#&]*|.", re.S)
Measure = Callable[[str], float]


def units(text: str) -> list[str]:
    """Unbreakable pieces of ``text``; whitespace pieces mark break opportunities.

    Closing punctuation is glued to the piece before it and opening punctuation to the piece
    after it, so no break can separate them (kinsoku).
    """
    out: list[str] = []
    glue_next = False
    for token in _TOKEN.findall(text):
        if token.isspace():
            if glue_next and out:
                out[-1] += " "  # a space right after opening punctuation is no break opportunity
            else:
                out.append(" ")
                glue_next = False
        elif glue_next and out:
            out[-1] += token
            glue_next = token[-1] in OPENING
        elif token[0] in CLOSING and len(out) > 1 and out[-1] == " ":
            out.pop()  # nor is a space right before closing punctuation
            out[-1] += " " + token
        elif token[0] in CLOSING and out and not out[-1].isspace():
            out[-1] += token
        else:
            out.append(token)
            glue_next = token[-1] in OPENING
    return out


def _split_wide(unit: str, measure: Measure, width: float) -> list[str]:
    """A single piece wider than the line (a very long Latin word): split it by characters."""
    pieces, current = [], ""
    for char in unit:
        if current and measure(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces += [current] if current else []
    return [piece.strip() for piece in pieces if piece.strip()]


def wrap(text: str, measure: Measure, width: float) -> list[str]:
    """Greedy line filling: as many pieces on each line as fit in ``width``.

    Pieces are measured once each and summed (measuring every candidate line is quadratic and
    made card drawing slow); each finished line is then measured whole, and if kerning made it
    wider than ``width`` its last piece moves down to the next line.
    """
    pieces = units(text.strip())
    widths = {piece: measure(piece) for piece in set(pieces)}
    space = measure(" ")
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    for piece in pieces:
        if piece == " ":
            if line and line[-1] != " ":
                line.append(" ")
                used += space
            continue
        if line and used + widths[piece] > width:
            lines.append(line)
            line, used = [], 0.0
        line.append(piece)
        used += widths[piece]
    if line:
        lines.append(line)
    out: list[str] = []
    carry: list[str] = []
    for number, pieces_of_line in enumerate(lines):
        pieces_of_line = carry + pieces_of_line
        carry = []
        text_line = "".join(pieces_of_line).strip()
        while len(pieces_of_line) > 1 and measure(text_line) > width:
            carry.insert(0, pieces_of_line.pop())
            text_line = "".join(pieces_of_line).strip()
        if measure(text_line) > width:  # one piece alone wider than the line (a very long Latin word)
            *full, text_line = _split_wide(text_line, measure, width)
            out += full
        out.append(text_line)
        if carry and number == len(lines) - 1:
            lines.append([])
    return [line for line in out if line]


def balanced_wrap(text: str, measure: Measure, width: float) -> list[str]:
    """The fewest lines ``wrap`` gives, with lines as even as possible (no lone last character).

    Finds, by bisection, the narrowest width that still needs no more lines than the full width.
    """
    lines = wrap(text, measure, width)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines) * 0.9, width
    best = lines
    while high - low > 2:
        middle = (low + high) / 2
        attempt = wrap(text, measure, middle)
        if len(attempt) <= len(lines) and max(map(measure, attempt)) <= middle:
            best, high = attempt, middle
        else:
            low = middle
    return best


@lru_cache(maxsize=64)
def font_measure(font: ImageFont.FreeTypeFont) -> Measure:
    """The advance width of a string in ``font``: what the line must fit into.

    Memoised per font: fitting a title tries several sizes and widths, measuring the same pieces.
    """
    return lru_cache(maxsize=8192)(font.getlength)


def clamp_lines(lines: list[str], count: int, measure: Measure, width: float) -> list[str]:
    """At most ``count`` lines; if text was cut, the last line ends with an ellipsis that fits."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    last = kept[-1]
    while last and measure(last + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip("，。、；：,.; ") + "…"
    return kept
