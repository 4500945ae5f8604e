"""Print what sharing costs: share-panel bytes per article page, card and poster sizes, drawing time.

Usage: python scripts/share_budget.py [--root .] [--site site] [--site-url http://127.0.0.1:8000/]

Panel bytes are read from a built site (``mingbai build`` first; skipped when there is none).

Draws every card and poster of the project twice into a temporary cache: once cold (what CI's first
build pays) and once warm (an unchanged rebuild, which must draw nothing). site/ and .cache/ are
not touched.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from mingbai.project import Project
from mingbai.share.site import ShareSite
from mingbai.urls import load_registry

ROOT = Path(__file__).resolve().parent.parent
PANEL = re.compile(r'<section class="mb-share".*?</section>', re.S)


def share_site(project: Project, cache: Path, site_url: str) -> ShareSite:
    articles, _ = project.articles()
    config = project.mkdocs_config
    site = ShareSite(cache=cache, site_url=site_url, site_name=str(config.get("site_name") or ""),
                     site_description=str(config.get("site_description") or ""), articles=articles,
                     registry=load_registry(project.registry)[0], redirects={}, popular=project.taxonomy.popular)
    return site


def panel_bytes(site_dir: Path) -> list[int]:
    """Bytes of each article page's share panel (``<section class="mb-share">``) in a built site."""
    sizes = []
    for page in site_dir.rglob("index.html"):
        match = PANEL.search(page.read_text(encoding="utf-8"))
        if match:
            sizes.append(len(match.group(0).encode()))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--site", type=Path, help="a built site (default: ROOT/site)")
    parser.add_argument("--site-url", default="http://127.0.0.1:8000/")
    args = parser.parse_args(argv)
    project = Project(args.root)
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "site"
        site = share_site(project, cache, args.site_url)
        for article in project.articles()[0]:
            site.page(article.url, article.title, article.description)
        for category in project.taxonomy.categories:
            site.page(f"/{category.folder}/", category.label, category.scope)
        site.page("/", site.site_name, site.site_description)
        started = time.perf_counter()
        site.write(out)
        cold = time.perf_counter() - started
        drawn = (site.card_cache.rendered, site.poster_cache.rendered)
        warm_site = share_site(project, cache, args.site_url)
        warm_site.previews = site.previews
        started = time.perf_counter()
        warm_site.write(out)
        warm = time.perf_counter() - started
        cards = [p.stat().st_size for p in (out / "assets" / "cards").rglob("*.png")]
        posters = [p.stat().st_size for p in (out / "assets" / "posters").rglob("*.png")]
        sizes = panel_bytes(args.site or args.root / "site")
        print(f"pages with cards: {len(cards)}   articles with posters: {len(posters)}")
        if sizes:
            print(f"share panel HTML: median {statistics.median(sizes):.0f} B, max {max(sizes)} B "
                  f"({len(sizes)} article pages)")
        else:
            print("share panel HTML: no built site to measure (run `mingbai build` or pass --site)")
        print(f"card PNG (1200x630): median {statistics.median(cards) / 1024:.1f} KiB, max {max(cards) / 1024:.1f} KiB")
        print(f"poster PNG (1080x1440): median {statistics.median(posters) / 1024:.1f} KiB, "
              f"max {max(posters) / 1024:.1f} KiB")
        print(f"cold write: {cold:.2f} s ({drawn[0]} cards, {drawn[1]} posters drawn)")
        print(f"warm write: {warm:.2f} s ({warm_site.card_cache.rendered} cards, "
              f"{warm_site.poster_cache.rendered} posters drawn)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
