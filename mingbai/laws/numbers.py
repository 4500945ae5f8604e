"""Chinese article numbers (``第一百七十五条之一``) as integers, and the page anchors made from them.

Law pages anchor each article as ``a175`` / ``a175-1`` (之一) / ``s3`` (an amendment's 三、 section):
ASCII, so a shared link stays short (a Chinese fragment becomes ``%E7%AC%AC…`` in WeChat), and derived
from the number alone, so an anchor never moves when the text around it is edited. Written by hand:
the numerals are a closed set of a dozen characters, and the converters on PyPI parse money and
dates as well, with dependencies this does not need.
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二三四五六七八九十百千"
ARTICLE_KEY = re.compile(rf"^第([{NUMERAL}\d]+)条(?:之([{NUMERAL}\d]+))?$")
SECTION_KEY = re.compile(rf"^([{NUMERAL}]+)$")


def cn_int(text: str) -> int:
    """``一百七十五`` → 175, ``十六`` → 16, ``二十`` → 20; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            total += (digit or 1) * UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def anchor(key: str) -> str:
    """The anchor of an article key: ``第十六条`` → ``a16``, ``第二百九十三条之一`` → ``a293-1``, ``三`` → ``s3``."""
    match = ARTICLE_KEY.match(key)
    if match:
        number = f"a{cn_int(match.group(1))}"
        return f"{number}-{cn_int(match.group(2))}" if match.group(2) else number
    if SECTION_KEY.match(key):
        return f"s{cn_int(key)}"
    raise ValueError(f"not an article key: {key!r}")


def article_key(number: str, suffix: str | None = None) -> str:
    """The key a reference's numbers name, in the text's own form: ``16`` → ``第十六条``."""
    return f"第{to_cn(cn_int(number))}条" + (f"之{to_cn(cn_int(suffix))}" if suffix else "")


def to_cn(value: int) -> str:
    """175 → ``一百七十五``, 10 → ``十``, 1005 → ``一千零五`` (the form the law texts use)."""
    if value == 0:
        return "零"
    names = "零一二三四五六七八九"
    parts: list[str] = []
    zero = False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero:
                parts.append("零")
            parts.append(("" if unit == 10 and not parts and digit == 1 else names[digit]) + char)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)
