"""The law library: primary texts in ``laws/``, their metadata, references to them and their pages.

``library`` reads the texts, ``catalogue`` the metadata (``laws/laws.yml``), ``references`` finds the
references in articles and data, ``refcheck`` checks them, ``pages`` makes the law pages.
"""

from __future__ import annotations

from .library import Law, LawLibrary, law_key
from .text import normalise, quote_in, split_articles

__all__ = ["Law", "LawLibrary", "law_key", "normalise", "quote_in", "split_articles"]
