"""Page weight as a phone pays it: every file a page loads, gzip-compressed, sorted by kind.

The page is loaded in Chromium until the network is idle, and each response is matched to its file in
the built site and compressed at the server's level, so the figure does not depend on how the local
server happened to send it. The budget counts the page's HTML and the CSS, JavaScript and fonts it
loads. Search is reported apart: the index, and the worker script and lunr language scripts Material
starts in the background to read it (issue 7 excludes the index; the worker only exists to read it,
and the plain-Material reference of 62–66 KB counts neither). Images and anything else (Material's
bundle fetches ``sitemap.xml`` on every page) are reported apart too.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser

from .server import GZIP_LEVEL

SEARCH_INDEX = "search/search_index.json"
#: Material's search worker and the lunr language scripts it imports: loaded to read the index.
SEARCH_SCRIPTS = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
BUDGET_KINDS = ("html", "css", "js", "font")
_BY_SUFFIX = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".woff2": "font", ".woff": "font",
              ".ttf": "font", ".otf": "font", ".png": "image", ".jpg": "image", ".jpeg": "image",
              ".gif": "image", ".webp": "image", ".avif": "image", ".svg": "image", ".ico": "image"}


@dataclass
class PageWeight:
    """gzip bytes per kind of file one page load fetched, and the files themselves."""

    url: str
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (site path, kind, gzip bytes)

    @property
    def budgeted(self) -> int:
        """HTML + CSS + JS + fonts: what the page-weight budget counts."""
        return sum(self.by_kind[kind] for kind in BUDGET_KINDS)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def site_file(site: Path, url: str) -> Path | None:
    """The file in the built site that a same-site URL refers to."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if not path or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def kind_of(site_path: str, resource_type: str) -> str:
    if site_path == SEARCH_INDEX or site_path.startswith(SEARCH_SCRIPTS):
        return "search"
    if resource_type in ("image", "media"):
        return "image"
    suffix = Path(site_path).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return {"document": "html", "stylesheet": "css", "script": "js", "font": "font"}.get(resource_type, "other")


def measure(browser: Browser, base: str, site: Path, url: str) -> PageWeight:
    """Load ``base + url`` on a phone-sized page until the network is idle and weigh what it fetched."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    seen: dict[str, str] = {}
    context.on("response", lambda r: seen.setdefault(r.url, r.request.resource_type))
    try:
        page = context.new_page()
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    weight = PageWeight(url)
    for address, resource_type in seen.items():
        if not address.startswith(base):
            raise ValueError(f"{url} requested {address}, which is not on the site")
        path = site_file(site, address)
        if path is None:
            continue
        site_path = path.relative_to(site).as_posix()
        kind = kind_of(site_path, resource_type)
        packed = path.with_name(path.name + ".gz")  # served as is when the site precompressed it
        size = packed.stat().st_size if packed.is_file() else gzip_size(path.read_bytes())
        weight.by_kind[kind] += size
        weight.files.append((site_path, kind, size))
    return weight
