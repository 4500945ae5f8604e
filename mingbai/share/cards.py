"""Social cards: the 1200×630 PNG that chat apps and social sites show for a shared link.

Why not Material's ``social`` plugin (checked against mkdocs-material 9.8): its typography layer
splits text at whitespace only (``re.split(r"\\s+", …)``), so a Chinese title is one unbreakable
"word" that is either clipped or shrunk onto one tiny line, with no rule for punctuation at line
starts; and it fetches fonts from Google Fonts at build time, loading a ``.ttc`` collection at face
0 (Japanese glyph shapes). Fixing that means replacing its text layout anyway, so this module draws
the card with Pillow, which Material's imaging extra already installs: category, title wrapped by
``linebreak`` (measured with the font, shrunk for long titles), and the site name, all in the local
Noto Sans CJK SC. Drawing is deterministic, so the cache in ``cache.py`` can skip unchanged cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from .fonts import CjkFonts, Face
from .linebreak import balanced_wrap, clamp_lines, font_measure, wrap
from .palette import ramp_palette, to_palette

# Bump when the drawing below changes: it is part of every cache key, so old cards are redrawn.
TEMPLATE_VERSION = "card-2"
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = "#f3f8f7"
INK = "#14211f"
TEAL = "#00796b"  # the favicon's colour
MUTED = "#4d5f5c"
LINE = "#cfdcd9"
WHITE = "#ffffff"
# Every pair of colours that meet in the drawing (text on its ground, shape edges): see palette.py.
PALETTE = ramp_palette([(BACKGROUND, INK), (BACKGROUND, TEAL), (TEAL, WHITE), (BACKGROUND, LINE)], 48)
TITLE_SIZES = range(76, 39, -4)  # largest first; long titles step down
LINE_HEIGHT = 1.32


@dataclass(frozen=True)
class TextBlock:
    """Lines of text at a font size, placed with their top-left corner at ``(x, y)``."""

    lines: list[str]
    size: int
    x: int
    y: int
    line_height: int

    @property
    def bottom(self) -> int:
        return self.y + self.line_height * len(self.lines)


def fit_text(text: str, face: Face, width: int, height: int, sizes: range, line_height: float = LINE_HEIGHT,
             balanced: bool = True) -> tuple[list[str], int, int]:
    """The largest size at which ``text`` wraps into ``width`` × ``height``: (lines, size, line step).

    Titles are ``balanced`` (even lines, no lone last character); paragraphs fill lines greedily.
    At the smallest size the text is cut with an ellipsis rather than drawn outside the box.
    """
    breaker = balanced_wrap if balanced else wrap
    for size in sizes:
        step = round(size * line_height)
        lines = breaker(text, font_measure(face.at(size)), width)
        if len(lines) * step <= height:
            return lines, size, step
    size = sizes[-1]
    step = round(size * line_height)
    measure = font_measure(face.at(size))
    return clamp_lines(breaker(text, measure, width), max(1, height // step), measure, width), size, step


def title_block(kicker: str, title: str, fonts: CjkFonts) -> TextBlock:
    """Where the title goes: between the category label and the footer, centred vertically."""
    top = 168 if kicker else 96
    bottom = 500
    lines, size, step = fit_text(title, fonts.bold, WIDTH - 2 * MARGIN, bottom - top, TITLE_SIZES)
    y = top + (bottom - top - step * len(lines)) // 2
    return TextBlock(lines, size, MARGIN, y, step)


def draw_logo(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The favicon (a teal square with three white lines), drawn at ``size`` pixels."""
    unit = size / 64
    draw.rounded_rectangle((x, y, x + size, y + size), radius=round(12 * unit), fill=TEAL)
    for top, length in ((20, 32), (32, 32), (44, 20)):
        draw.rectangle((x + 16 * unit, y + top * unit, x + (16 + length) * unit, y + (top + 6) * unit), fill=WHITE)


def draw_lines(draw: ImageDraw.ImageDraw, block: TextBlock, face: Face, fill: str) -> None:
    """Draw each line from its top (anchor ``la``: left, ascender) one line step apart."""
    font = face.at(block.size)
    for number, line in enumerate(block.lines):
        draw.text((block.x, block.y + number * block.line_height), line, font=font, fill=fill, anchor="la")


@lru_cache(maxsize=8)
def _base(site_name: str, fonts: CjkFonts) -> Image.Image:
    """What every card of a site shares (ground, side bar, footer rule, logo and name): drawn once per
    process and copied."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 15, HEIGHT), fill=TEAL)
    draw.line((MARGIN, 530, WIDTH - MARGIN, 530), fill=LINE, width=2)
    draw_logo(draw, MARGIN, 552, 48)
    draw.text((MARGIN + 64, 552 + 24), site_name, font=fonts.bold.at(36), fill=TEAL, anchor="lm")
    return image


def render_card(kicker: str, title: str, site_name: str, fonts: CjkFonts) -> Image.Image:
    """The card image (palette colours): category pill, title, and a footer with the logo and site name."""
    image = _base(site_name, fonts).copy()
    draw = ImageDraw.Draw(image)
    if kicker:
        font = fonts.bold.at(34)
        kicker = clamp_lines(balanced_wrap(kicker, font.getlength, WIDTH - 2 * MARGIN - 48), 1,
                             font.getlength, WIDTH - 2 * MARGIN - 48)[0]
        right = MARGIN + 48 + round(font.getlength(kicker))
        draw.rounded_rectangle((MARGIN, 64, right, 64 + 64), radius=32, fill=TEAL)
        draw.text((MARGIN + 24, 64 + 32), kicker, font=font, fill=WHITE, anchor="lm")
    draw_lines(draw, title_block(kicker, title, fonts), fonts.bold, INK)
    return to_palette(image, PALETTE)


def card_key(kicker: str, title: str, site_name: str, fonts: CjkFonts) -> tuple[str, ...]:
    """Everything that shapes a card; it keys the cache."""
    return (TEMPLATE_VERSION, kicker, title, site_name, fonts.regular.fingerprint(), fonts.bold.fingerprint())
