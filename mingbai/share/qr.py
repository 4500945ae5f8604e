"""QR codes made at build time with segno: inline SVG for pages, a bitmap for posters.

No QR service and no client-side QR library (issue 5): the page carries the code itself. segno's
SVG is one ``<path>`` (a ~2 KB string for an article URL), so it adds little page weight.
"""

from __future__ import annotations

from html import escape

import segno
from PIL import Image

QUIET_ZONE = 4  # modules of light border the QR specification asks for around the code
ERROR_LEVEL = "m"  # survives some smudging on a printed poster or a cracked phone screen


def _make(data: str) -> segno.QRCode:
    return segno.make(data, error=ERROR_LEVEL, micro=False, boost_error=False)


def qr_svg(data: str, name: str) -> str:
    """An inline ``<svg>`` (no size, a viewBox) whose accessible name is ``name``.

    segno writes ``<title>``; ``role="img"`` and ``aria-label`` are added so screen readers
    announce it as one image, not as an unnamed graphic.
    """
    svg = _make(data).svg_inline(border=QUIET_ZONE, omitsize=True, svgclass="mb-qr", lineclass=None,
                                 title=name)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)


def qr_image(data: str, size: int) -> Image.Image:
    """A black-on-white QR bitmap about ``size`` pixels wide, with whole pixels per module."""
    code = _make(data)
    rows = list(code.matrix_iter(scale=1, border=QUIET_ZONE))
    modules = len(rows)
    small = Image.new("1", (modules, modules), 1)
    small.putdata([0 if dark else 1 for row in rows for dark in row])
    scale = max(1, size // modules)
    return small.resize((modules * scale, modules * scale), Image.Resampling.NEAREST).convert("RGB")
