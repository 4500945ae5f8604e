"""Find the local CJK font for cards and posters: Debian's fonts-noto-cjk, never a download.

The build must work offline (DESIGN.md), so the font comes from the machine. ``fc-match`` is asked
first because it knows where the distribution put the files; a short list of known paths covers
machines without fontconfig tools. Noto CJK ships as ``.ttc`` collections holding the Japanese,
Korean, Simplified and Traditional Chinese faces: the Simplified Chinese face is picked by name,
because face 0 is Japanese and draws some characters (e.g. 决, 们) with Japanese glyph shapes.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FAMILY = "Noto Sans CJK SC"
KNOWN_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/local/share/fonts"),
)
INSTALL_HINT = "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)"


class FontNotFound(RuntimeError):
    """No Simplified Chinese Noto CJK face on this machine: cards cannot be drawn."""


@dataclass(frozen=True)
class Face:
    """One face of a font file (``index`` selects it inside a ``.ttc`` collection)."""

    path: Path
    index: int

    def at(self, size: int) -> ImageFont.FreeTypeFont:
        """The face at a pixel size; loaded once per size, as loading a 20 MB collection is slow."""
        return _load(self.path, self.index, size)

    def fingerprint(self) -> str:
        """Identifies the font file for cache keys: a font upgrade re-renders every card."""
        stat = self.path.stat()
        return f"{self.path}#{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


@dataclass(frozen=True)
class CjkFonts:
    """The two weights the cards use: bold for titles, regular for everything else."""

    regular: Face
    bold: Face


@lru_cache(maxsize=64)
def _load(path: Path, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, index=index)


def _face_named(path: Path, style: str) -> Face | None:
    """The face of ``path`` whose name is the Simplified Chinese family in ``style``."""
    for index in range(16):
        try:
            family, found = ImageFont.truetype(str(path), 12, index=index).getname()
        except OSError:
            return None
        if family == FAMILY and (found or "").lower() == style.lower():
            return Face(path, index)
    return None


def _from_fontconfig(style: str) -> Face | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", f"{FAMILY}:style={style}"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    # fc-match always answers with *some* font; only accept the family we asked for.
    if len(parts) != 3 or FAMILY not in parts[2].split(","):
        return None
    return Face(Path(parts[0]), int(parts[1] or 0))


def _from_known_paths(style: str) -> Face | None:
    for folder in KNOWN_DIRS:
        for path in sorted(folder.glob(f"NotoSansCJK*-{style}.tt[cf]")) if folder.is_dir() else []:
            face = _face_named(path, style)
            if face is not None:
                return face
    return None


@lru_cache(maxsize=1)
def find_cjk_fonts() -> CjkFonts:
    """The regular and bold Simplified Chinese faces, or ``FontNotFound`` saying what to install."""
    faces = {}
    for style in ("Regular", "Bold"):
        face = _from_fontconfig(style) or _from_known_paths(style)
        if face is None:
            raise FontNotFound(f"the CJK font '{FAMILY} {style}' was not found (looked with fc-match and in "
                               f"{', '.join(map(str, KNOWN_DIRS))}): {INSTALL_HINT}")
        faces[style] = face
    return CjkFonts(regular=faces["Regular"], bold=faces["Bold"])
