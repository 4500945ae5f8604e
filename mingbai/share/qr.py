"""QR codes made at build time: inline SVG for pages, a bitmap for posters.

No QR service and no client-side QR library (issue 5): the page carries the code itself.

The symbol is encoded by zxing-cpp (its writer is libzint, in C), which picks the data mask by the
penalty rules of ISO/IEC 18004 in about 0.2 ms. segno, used first, does the same mask search in pure
Python at about 6 ms a code; with two codes per article (the page's and the poster's) that was 25 s
of CPU in a 2,000-article build. zxing-cpp gives the module matrix; the SVG path and the bitmap are
drawn from it here, because its own SVG writer has no accessible name and draws the quiet zone white.
"""

from __future__ import annotations

from html import escape

import numpy as np
import zxingcpp
from PIL import Image

QUIET_ZONE = 4  # modules of light border the QR specification asks for around the code
ERROR_LEVEL = "M"  # survives some smudging on a printed poster or a cracked phone screen


def qr_matrix(data: str) -> np.ndarray:
    """The code's modules without quiet zone, True where dark (square, one entry per module)."""
    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_LEVEL)
    return np.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128


def _path(dark: np.ndarray, offset: int) -> str:
    """One stroked path of horizontal runs (1-unit stroke centred on each row), relative moves.

    Plain Python over the rows: for a 33–45 module code that is quicker than numpy's per-row calls."""
    parts: list[str] = []
    pen: tuple[int, float] | None = None
    for y, row in enumerate(dark.tolist()):
        mid = y + offset + 0.5
        x = 0
        width = len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            left = start + offset
            parts.append(f"M{left} {mid:g}" if pen is None else f"m{left - pen[0]} {mid - pen[1]:g}")
            parts.append(f"h{x - start}")
            pen = (left + x - start, mid)
    return "".join(parts)


def qr_svg(data: str, name: str) -> str:
    """An inline ``<svg>`` (no size, a viewBox) whose accessible name is ``name``: ``role="img"`` and
    ``aria-label`` make screen readers announce it as one image, ``<title>`` shows it on hover."""
    dark = qr_matrix(data)
    size = dark.shape[0] + 2 * QUIET_ZONE
    label = escape(name)
    return (f'<svg role="img" aria-label="{label}" viewBox="0 0 {size} {size}" class="mb-qr">'
            f'<title>{label}</title><path stroke="#000" d="{_path(dark, QUIET_ZONE)}"/></svg>')


def qr_image(data: str, size: int) -> Image.Image:
    """A black-on-white QR bitmap about ``size`` pixels wide, with whole pixels per module."""
    dark = np.pad(qr_matrix(data), QUIET_ZONE)
    modules = dark.shape[0]
    small = Image.fromarray(np.where(dark, 0, 255).astype(np.uint8), mode="L")
    scale = max(1, size // modules)
    return small.resize((modules * scale, modules * scale), Image.Resampling.NEAREST).convert("RGB")
