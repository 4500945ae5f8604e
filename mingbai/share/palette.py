"""Fixed palettes for the flat-colour drawings (cards, posters), so saving them needs no colour search.

A card or poster is a few flat colours plus the anti-aliased edges where one meets another: every
pixel lies on a straight line between two of the template's colours. A palette of evenly spaced steps
along each such pair ("ramps") therefore holds every pixel to within a few levels, and mapping to a
known palette is a nearest-colour lookup: about a tenth of the time of Pillow's adaptive quantizer
(FASTOCTREE: 10–25 ms an image, a sixth of a cold 2,000-article build), and closer to the drawing,
because the adaptive quantizer spends entries on the flat areas and rounds the edges coarsely.

Pillow's lookup works on a colour cache of 6 bits a channel, so a flat colour is only reproduced
exactly when no other entry is nearer its cache cell: the ramps leave a clear space around each of
the template's own colours (``CLEAR``), and a test checks every template colour maps to itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image, ImageColor

MAX_COLOURS = 256  # what a PNG palette holds
CLEAR = 10.0  # no ramp step this near (RGB distance) a template colour: edge pixels that close snap to it


def _distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True))) ** 0.5


def ramp_palette(pairs: Iterable[tuple[str, str]], steps: int) -> Image.Image:
    """A palette image with the colours of every pair and up to ``steps - 2`` evenly spaced between them."""
    ends = [(ImageColor.getrgb(start)[:3], ImageColor.getrgb(end)[:3]) for start, end in pairs]
    flats = list(dict.fromkeys(colour for pair in ends for colour in pair))
    colours: list[tuple[int, int, int]] = list(flats)
    for a, b in ends:
        for step in range(1, steps - 1):
            t = step / (steps - 1)
            colour = (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
                      round(a[2] + (b[2] - a[2]) * t))
            if colour not in colours and all(_distance(colour, flat) > CLEAR for flat in flats):
                colours.append(colour)
    if len(colours) > MAX_COLOURS:
        raise ValueError(f"{len(colours)} colours do not fit a PNG palette ({MAX_COLOURS}): fewer steps or pairs")
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def to_palette(image: Image.Image, palette: Image.Image) -> Image.Image:
    """``image`` mapped to the nearest colours of ``palette`` (no dithering: flat areas stay flat)."""
    return image.quantize(palette=palette, dither=Image.Dither.NONE)


def unmatched(palette: Image.Image, colours: Iterable[str]) -> list[str]:
    """The ``colours`` that ``to_palette`` does not reproduce exactly (for tests)."""
    missed = []
    for colour in colours:
        rgb = ImageColor.getrgb(colour)[:3]
        if to_palette(Image.new("RGB", (1, 1), rgb), palette).convert("RGB").getpixel((0, 0)) != rgb:
            missed.append(colour)
    return missed
