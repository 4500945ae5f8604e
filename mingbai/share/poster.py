"""分享图: a portrait poster (1080×1440, the 3:4 of image-first feeds) for one article.

Staff post pictures where links are not clickable, so the poster carries what a reader needs
without the page: the category, the title, the 先说结论 answer, and a QR code with the short link
printed beneath it (``/s/<id>/`` never changes, so a printed poster keeps working after a rename).
Drawn with Pillow for the same reasons as the cards (see ``cards.py``), sharing their layout code.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from .cards import BACKGROUND, INK, LINE, MUTED, TEAL, WHITE, TextBlock, draw_lines, fit_text
from .fonts import CjkFonts
from .palette import ramp_palette, to_palette
from .qr import qr_image

TEMPLATE_VERSION = "poster-2"
WIDTH, HEIGHT = 1080, 1440
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
PANEL_TOP = 1064  # the QR panel; the answer must end above it
QR_SIZE = 280
PILL = "#d7ebe7"
# Every pair of colours that meet in the drawing (text on its ground, shape edges): see palette.py.
PALETTE = ramp_palette([(TEAL, WHITE), (PILL, TEAL), (BACKGROUND, PILL), (BACKGROUND, INK), (BACKGROUND, TEAL),
                        (WHITE, INK), (WHITE, MUTED), (WHITE, TEAL), (BACKGROUND, WHITE), (BACKGROUND, LINE),
                        (WHITE, LINE), (WHITE, "#000000")], 16)


def poster_blocks(category: str, title: str, answer: str, fonts: CjkFonts) -> tuple[TextBlock, TextBlock]:
    """The title and the answer, each fitted to its box (shrunk, and cut with … only as a last resort)."""
    lines, size, step = fit_text(title, fonts.bold, TEXT_WIDTH, 330, range(68, 43, -4), 1.3)
    title_block = TextBlock(lines, size, MARGIN, 290, step)
    top = title_block.bottom + 48 + 60  # room for the 先说结论 label
    lines, size, step = fit_text(answer, fonts.regular, TEXT_WIDTH, PANEL_TOP - 40 - top, range(42, 29, -2), 1.6,
                                 balanced=False)
    return title_block, TextBlock(lines, size, MARGIN, top, step)


@lru_cache(maxsize=8)
def _base(site_name: str, fonts: CjkFonts, code_width: int) -> Image.Image:
    """What every poster of a site shares (header, QR panel and its captions), drawn once per process and
    copied: it was a fifth of the drawing time of each poster. The captions sit right of the QR code,
    whose width depends on the link's length, hence the key."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 150), fill=TEAL)
    draw.text((MARGIN, 75), site_name, font=fonts.bold.at(52), fill=WHITE, anchor="lm")
    draw.rounded_rectangle((MARGIN - 20, PANEL_TOP, WIDTH - MARGIN + 20, HEIGHT - 56), radius=24, fill=WHITE,
                           outline=LINE, width=2)
    top = PANEL_TOP + (HEIGHT - 56 - PANEL_TOP - code_width) // 2
    x = MARGIN + code_width + 40
    draw.text((x, top + 40), "扫码阅读全文", font=fonts.bold.at(44), fill=INK, anchor="la")
    draw.text((x, top + 120), "法规依据和下一步怎么做", font=fonts.regular.at(30), fill=MUTED, anchor="la")
    draw.text((x, top + 164), "都写在文章里", font=fonts.regular.at(30), fill=MUTED, anchor="la")
    return image


def render_poster(category: str, title: str, answer: str, link: str, site_name: str,
                  fonts: CjkFonts) -> Image.Image:
    """The poster image (palette colours); ``link`` is encoded in the QR code and printed below it."""
    code = qr_image(link, QR_SIZE)
    top = PANEL_TOP + (HEIGHT - 56 - PANEL_TOP - code.height) // 2
    x = MARGIN + code.width + 40
    image = _base(site_name, fonts, code.width).copy()
    draw = ImageDraw.Draw(image)
    font = fonts.bold.at(34)
    draw.rounded_rectangle((MARGIN, 196, MARGIN + 48 + round(font.getlength(category)), 196 + 64), radius=32,
                           fill=PILL)
    draw.text((MARGIN + 24, 196 + 32), category, font=font, fill=TEAL, anchor="lm")
    title_block, answer_block = poster_blocks(category, title, answer, fonts)
    draw_lines(draw, title_block, fonts.bold, INK)
    label_y = answer_block.y - 60
    draw.rectangle((MARGIN, label_y + 4, MARGIN + 8, label_y + 40), fill=TEAL)
    draw.text((MARGIN + 24, label_y), "先说结论", font=fonts.bold.at(36), fill=TEAL, anchor="la")
    draw_lines(draw, answer_block, fonts.regular, INK)
    image.paste(code, (MARGIN, top))
    width = WIDTH - MARGIN - x
    lines, size, step = fit_text(link, fonts.regular, width, 80, range(30, 19, -2), 1.3)
    draw_lines(draw, TextBlock(lines, size, x, top + 220, step), fonts.regular, TEAL)
    return to_palette(image, PALETTE)


def poster_key(category: str, title: str, answer: str, link: str, site_name: str,
               fonts: CjkFonts) -> tuple[str, ...]:
    """Everything that shapes a poster; it keys the cache."""
    return (TEMPLATE_VERSION, category, title, answer, link, site_name, fonts.regular.fingerprint(),
            fonts.bold.fingerprint())
