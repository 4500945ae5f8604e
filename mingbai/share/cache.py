"""A content-addressed PNG cache, so an unchanged rebuild draws no card or poster again.

Each image is stored under the hash of everything that shapes it (text, site name, template
version, font file). A build looks the hash up and copies the stored PNG; only a missing one is
drawn. Files are written atomically (temporary name, then rename) so an interrupted build never
leaves a truncated PNG that later builds would trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

PALETTE = 64
COMPRESS_LEVEL = 3
UNUSED_DAYS = 60  # files not used for this long are removed: titles change, old cards are dead weight


class ImageCache:
    """PNG files keyed by their inputs, under ``folder`` (e.g. ``.cache/mingbai/cards``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rendered = 0
        self.reused = 0

    @staticmethod
    def key(*inputs: object) -> str:
        """A stable digest of the inputs (JSON, so ``("a", "bc")`` and ``("ab", "c")`` differ)."""
        return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()[:32]

    def get(self, key: str, draw: Callable[[], Image.Image]) -> Path:
        """The cached PNG for ``key``, drawn and stored first if it is not there yet."""
        path = self.path(key)
        if self.lookup(key) is not None:
            return path
        store(draw(), path)
        self.rendered += 1
        return path

    def path(self, key: str) -> Path:
        """Where the PNG for ``key`` is (or will be) stored."""
        return self.folder / key[:2] / f"{key}.png"

    def lookup(self, key: str) -> Path | None:
        """The stored PNG for ``key``, counted as reused and marked as used; None if it is missing."""
        path = self.path(key)
        if not path.is_file():
            return None
        self.reused += 1
        os.utime(path)  # marks it as used, for ``prune``
        return path

    def prune(self, days: int = UNUSED_DAYS) -> int:
        """Delete PNGs unused for ``days``; returns how many. Whole-site builds touch every live one."""
        if not self.folder.is_dir():
            return 0
        # "Now" as the file system sees it: the times compared are file times (set by os.utime and by
        # the drawing workers), which need not agree with this process's clock (a network file system
        # with a skewed clock, or a test suite that moves the process's clock to another date).
        marker = self.folder / ".now"
        marker.touch()
        limit = marker.stat().st_mtime - days * 86400
        removed = 0
        for path in self.folder.glob("*/*.png"):
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def store(image: Image.Image, path: Path) -> None:
    """Quantize and save ``image`` at ``path`` atomically; a module function so pool workers can call it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".png")
    try:
        with os.fdopen(fd, "wb") as handle:
            # Flat-colour drawings: a palette keeps them sharp at about 40 % of the bytes, which
            # matters to chat apps that fetch the card over a phone connection. The templates map
            # to their own fixed palettes (palette.py); anything else gets an adaptive one here.
            # zlib level 3, not Pillow's 6: a poster encodes in half the time (encoding was half of
            # all drawing) for about a fifth more bytes (53 → 64 KB; a card 20 → 24 KB).
            if image.mode != "P":
                image = image.quantize(PALETTE, method=Image.Quantize.FASTOCTREE)
            image.save(handle, format="PNG", compress_level=COMPRESS_LEVEL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
