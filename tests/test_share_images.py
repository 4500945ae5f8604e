"""Social cards and posters: Chinese line breaking, nothing clipped, local font, QR codes that scan."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageColor

from mingbai.share import cards, palette, poster
from mingbai.share.cache import ImageCache
from mingbai.share.fonts import FontNotFound, find_cjk_fonts
from mingbai.share.linebreak import CLOSING, OPENING, balanced_wrap, units, wrap

FONTS = find_cjk_fonts()
LONG_TITLE = (
    "信用卡欠款逾期三年多、银行已经起诉并且法院判决生效以后，“个性化分期”还能不能再谈？《民法典》"
    "和《商业银行信用卡业务监督管理办法》（第七十条）怎么说，12378 和 LPR 又是什么意思"
)


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def assert_kinsoku(lines: list[str]) -> None:
    for before, after in itertools.pairwise(lines):
        assert after[0] not in CLOSING, (before, after)
        assert before[-1] not in OPENING, (before, after)


def test_font_is_the_local_simplified_chinese_noto_face() -> None:
    family, style = FONTS.bold.at(20).getname()
    assert family == "Noto Sans CJK SC" and style == "Bold"
    assert FONTS.regular.path.is_file() and FONTS.regular.path.suffix in (".ttc", ".ttf", ".otf")


def test_missing_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from mingbai.share import fonts

    monkeypatch.setattr(fonts, "_from_fontconfig", lambda style: None)
    monkeypatch.setattr(fonts, "KNOWN_DIRS", (Path("/nonexistent"),))
    fonts.find_cjk_fonts.cache_clear()
    try:
        with pytest.raises(FontNotFound, match="apt-get install fonts-noto-cjk"):
            fonts.find_cjk_fonts()
    finally:
        fonts.find_cjk_fonts.cache_clear()


def test_units_keep_latin_runs_whole_and_glue_punctuation() -> None:
    assert units("再向 12378 反映") == ["再", "向", " ", "12378", " ", "反", "映"]
    assert units("叫“停息挂账”。") == ["叫", "“停", "息", "挂", "账”。"]
    assert units("《民法典》（第一条）") == ["《民", "法", "典》", "（第", "一", "条）"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="信用卡逾期协商还款征信报告，。、；：？！“”（）《》「」 LPR12378", min_size=1, max_size=80),
       st.integers(min_value=120, max_value=1040))
def test_wrap_never_overflows_drops_or_breaks_kinsoku(text: str, width: int) -> None:
    measure = FONTS.bold.at(48).getlength
    lines = wrap(text, measure, width)
    assert squash("".join(lines)) == squash(text)  # nothing dropped, nothing inserted
    for line in lines:
        assert line == line.strip()
        # A line is only over the width when one unbreakable piece alone is wider than it.
        assert measure(line) <= width or len(units(line)) == 1 or len(line) == 1
    if all(measure(u) <= width / 2 for u in units(text) if u != " "):
        assert_kinsoku(lines)


def test_balanced_wrap_keeps_the_line_count_and_evens_the_lines() -> None:
    measure = FONTS.bold.at(76).getlength
    greedy = wrap("信用卡逾期 3 个月了，现在该怎么处理", measure, 1040)
    even = balanced_wrap("信用卡逾期 3 个月了，现在该怎么处理", measure, 1040)
    assert len(even) == len(greedy) == 2
    assert len(greedy[-1]) <= 4  # greedy leaves a short last line ...
    assert abs(len(even[0]) - len(even[1])) <= 2  # ... balancing evens it out
    assert_kinsoku(even)


def ink_box(image: Image.Image, colour: str) -> tuple[int, int, int, int] | None:
    """Bounding box of the pixels close to ``colour`` (the title ink)."""
    target = Image.new("RGB", image.size, colour)
    diff = ImageChops.difference(image.convert("RGB"), target).convert("L")
    return diff.point(lambda v: 255 if v < 40 else 0).getbbox()


def test_very_long_title_renders_within_the_card() -> None:
    block = cards.title_block("逾期协商", LONG_TITLE, FONTS)
    assert block.size < max(cards.TITLE_SIZES)  # shrunk to fit
    assert squash("".join(block.lines)) == squash(LONG_TITLE)  # not cut
    assert_kinsoku(block.lines)
    measure = FONTS.bold.at(block.size).getlength
    assert all(measure(line) <= cards.WIDTH - 2 * cards.MARGIN for line in block.lines)

    image = cards.render_card("逾期协商", LONG_TITLE, "明白账", FONTS)
    assert image.size == (1200, 630)
    left, top, right, bottom = ink_box(image, cards.INK)
    assert left >= cards.MARGIN - 2 and right <= cards.WIDTH - cards.MARGIN + 2
    assert top >= 140 and bottom <= 520  # below the category pill, above the footer rule
    # Every line was drawn: the ink spans about as many line steps as there are lines.
    assert bottom - top >= block.line_height * (len(block.lines) - 1)


def test_short_title_uses_the_largest_size_on_few_lines() -> None:
    block = cards.title_block("征信知识", "怎么查自己的征信报告", FONTS)
    assert block.size == max(cards.TITLE_SIZES) and block.lines == ["怎么查自己的征信报告"]


def test_poster_is_portrait_and_its_qr_code_scans_to_the_link() -> None:
    link = "http://127.0.0.1:8000/s/7/"
    image = poster.render_poster("逾期协商", LONG_TITLE, "先说结论。" * 30, link, "明白账", FONTS)
    assert image.size == (1080, 1440)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [link]
    title, answer = poster.poster_blocks("逾期协商", LONG_TITLE, "先说结论。" * 30, FONTS)
    assert answer.bottom <= poster.PANEL_TOP and title.bottom < answer.y


def test_cards_and_posters_are_palette_images_that_keep_the_templates_colours() -> None:
    """Mapped to fixed palettes (fast to save), with every flat colour of the design reproduced exactly."""
    assert palette.unmatched(cards.PALETTE, [cards.BACKGROUND, cards.INK, cards.TEAL, cards.LINE, cards.WHITE]) == []
    assert palette.unmatched(poster.PALETTE, [cards.BACKGROUND, cards.INK, cards.TEAL, cards.MUTED, cards.LINE,
                                              cards.WHITE, poster.PILL, "#000000"]) == []
    card = cards.render_card("逾期协商", LONG_TITLE, "明白账", FONTS)
    assert card.mode == "P"
    rgb = card.convert("RGB")
    assert rgb.getpixel((600, 20)) == ImageColor.getrgb(cards.BACKGROUND)
    assert rgb.getpixel((5, 300)) == ImageColor.getrgb(cards.TEAL)
    image = poster.render_poster("逾期协商", LONG_TITLE, "先说结论。", "http://127.0.0.1:8000/s/7/", "明白账", FONTS)
    assert image.mode == "P" and image.convert("RGB").getpixel((540, 20)) == ImageColor.getrgb(cards.TEAL)
    with pytest.raises(ValueError, match="palette"):
        palette.ramp_palette([("#000000", "#ffffff"), ("#ff0000", "#00ff00")], 200)


def test_cache_draws_once_per_inputs(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    drawn: list[str] = []

    def draw(title: str) -> Image.Image:
        drawn.append(title)
        return cards.render_card("征信知识", title, "明白账", FONTS)

    first = cache.get(ImageCache.key(*cards.card_key("征信知识", "甲", "明白账", FONTS)), lambda: draw("甲"))
    again = cache.get(ImageCache.key(*cards.card_key("征信知识", "甲", "明白账", FONTS)), lambda: draw("甲"))
    other = cache.get(ImageCache.key(*cards.card_key("征信知识", "乙", "明白账", FONTS)), lambda: draw("乙"))
    assert drawn == ["甲", "乙"] and first == again != other
    assert (cache.rendered, cache.reused) == (2, 1)
    assert Image.open(first).size == (1200, 630)
    assert not list(tmp_path.rglob(".tmp-*"))
