"""Sharing for the whole site: what each page template gets, and the files written after the build.

The MkDocs plugin calls ``page()`` for every page it renders (link-preview tags, the share panel)
and ``write()`` once at the end (cards, posters, feed, robots.txt, short links). It passes plain
values, not MkDocs objects, so this package does not depend on MkDocs' event API (DESIGN.md: a
later move away from Material stays cheap).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from ..articles import Article
from . import cards, poster
from .cache import ImageCache
from .drawpool import DrawPool
from .feeds import FEED_PATH, atom_feed, robots_txt
from .fonts import find_cjk_fonts
from .meta import POSTERS, Preview, absolute, image_path, meta_tags, preview_for
from .popular import popular_guides
from .qr import qr_svg
from .shortlinks import PREFIX, redirect_page, short_links, short_url

log = logging.getLogger("mkdocs.plugins.mingbai.share")


@dataclass(frozen=True)
class SharePanel:
    """What the share panel under an article shows: ``分类丨标题``, the link, its QR code, the poster."""

    label: str
    url: str  # canonical, absolute
    short_url: str | None
    qr_svg: str
    poster: str  # site-relative path of the 分享图 PNG


@dataclass(frozen=True)
class PageShare:
    """The template context for one page: ``meta`` tags for link previews, and the panel (articles only)."""

    meta: list[tuple[str, str, str]]
    panel: SharePanel | None
    feed: str = FEED_PATH


class ShareSite:
    """Collects every page's preview while the site renders, then writes the sharing files."""

    def __init__(self, *, cache: Path, site_url: str, site_name: str, site_description: str,
                 articles: list[Article], registry: Mapping[str, str], redirects: Mapping[str, str],
                 popular: list[str]) -> None:
        if not site_url:
            raise ValueError("site_url must be set in mkdocs.yml: link previews and QR codes need absolute URLs")
        self.fonts = find_cjk_fonts()
        self.site_url = site_url
        self.site_name = site_name
        self.site_description = site_description
        self.articles = {a.url: a for a in articles}
        self.registry = dict(registry)
        self.redirects = dict(redirects)
        self.popular_keys = popular
        self.card_cache = ImageCache(cache / "cards")
        self.poster_cache = ImageCache(cache / "posters")
        self.previews: dict[str, Preview] = {}
        # Posters and articles' cards need only the articles: start drawing them now, in worker
        # processes, so they are ready when ``write`` runs after MkDocs has rendered the pages
        # (see ``drawpool``). Other pages' cards are started as MkDocs renders them (``page``).
        self.pool = DrawPool()
        for url, article in self.articles.items():
            preview = preview_for(url, article.title, article.description, site_name, site_description, article)
            self.pool.prefetch(self.card_cache, *self._card(preview))
            self.pool.prefetch(self.poster_cache, *self._poster(url, article))

    def _card(self, preview: Preview) -> tuple[str, Callable[[], Image.Image]]:
        """The cache key of a page's card and how to draw it."""
        inputs = (preview.kicker, preview.card_title, self.site_name)
        return (ImageCache.key(*cards.card_key(*inputs, self.fonts)),
                partial(cards.render_card, *inputs, self.fonts))

    def _poster(self, url: str, article: Article) -> tuple[str, Callable[[], Image.Image]]:
        """The cache key of an article's poster and how to draw it."""
        link = short_url(self.site_url, self.registry, url) or absolute(self.site_url, url)
        inputs = (article.category, article.title, article.answer, link, self.site_name)
        return ImageCache.key(*poster.poster_key(*inputs, self.fonts)), partial(poster.render_poster, *inputs,
                                                                                 self.fonts)

    def close(self) -> None:
        """Stop the drawing workers (``write`` does; a failed build calls this instead)."""
        self.pool.close()

    def page(self, url: str, title: str, description: str) -> PageShare:
        """Tags and panel for the page at site-relative ``url`` (``/folder/slug/``)."""
        article = self.articles.get(url)
        preview = preview_for(url, title, description, self.site_name, self.site_description, article)
        self.previews[url] = preview
        self.pool.prefetch(self.card_cache, *self._card(preview))  # drawn while MkDocs renders on
        meta = meta_tags(preview, self.site_url, self.site_name)
        if article is None:
            return PageShare(meta, None)
        canonical = absolute(self.site_url, url)
        panel = SharePanel(
            label=article.list_label(),
            url=canonical,
            short_url=short_url(self.site_url, self.registry, url),
            qr_svg=qr_svg(canonical, "本文网址的二维码"),
            poster=image_path(POSTERS, url),
        )
        return PageShare(meta, panel)

    def lastmod(self, url: str) -> str | None:
        """The sitemap date of a page: when its facts were reviewed, not when the site was built.

        A category page changes when one of its articles does; the home page when any does.
        Other pages keep MkDocs' default (``None`` here).
        """
        if url in self.articles:
            day = self.articles[url].reviewed
        elif url == "/":
            day = max((a.reviewed for a in self.articles.values() if a.reviewed), default=None)
        else:
            folder = url.strip("/")
            days = [a.reviewed for a in self.articles.values() if a.folder == folder and a.reviewed]
            day = max(days, default=None)
        return day.isoformat() if day else None

    def popular(self) -> list[tuple[str, str]]:
        """``(分类丨标题, href)`` of the popular guides, with root-relative links for the 404 page,
        which is served at any depth."""
        base = urlsplit(self.site_url).path.rstrip("/")
        return [(a.list_label(), base + a.url) for a in popular_guides(self.popular_keys, list(self.articles.values()))]

    def write(self, site_dir: Path) -> None:
        """Cards, posters, feed, robots.txt and short-link pages, into the built site."""
        try:
            for preview in self.previews.values():
                source = self.pool.get(self.card_cache, *self._card(preview))
                _copy(source, site_dir / preview.card)
            for url, article in self.articles.items():
                if url not in self.previews:
                    continue
                source = self.pool.get(self.poster_cache, *self._poster(url, article))
                _copy(source, site_dir / image_path(POSTERS, url))
        finally:
            self.close()
        feed = atom_feed([a for u, a in self.articles.items() if u in self.previews], self.site_url,
                         self.site_name, self.site_description)
        (site_dir / FEED_PATH).write_bytes(feed)
        robots = site_dir / "robots.txt"
        if not robots.exists():  # a hand-written docs/robots.txt wins
            robots.write_text(robots_txt(self.site_url), encoding="utf-8")
        self._write_short_links(site_dir)
        for cache in (self.card_cache, self.poster_cache):
            cache.prune()
        log.info("share: cards %d drawn, %d reused; posters %d drawn, %d reused", self.card_cache.rendered,
                 self.card_cache.reused, self.poster_cache.rendered, self.poster_cache.reused)

    def _write_short_links(self, site_dir: Path) -> None:
        if any(url.startswith(f"/{PREFIX}/") for url in self.previews):
            raise ValueError(f"/{PREFIX}/ is reserved for short links; move the pages under docs/{PREFIX}/")
        for link in short_links(self.registry, set(self.previews), self.redirects):
            preview = self.previews.get(link.target)
            article = self.articles.get(link.target)
            label = article.list_label() if article else (preview.title if preview else link.target)
            meta = meta_tags(preview, self.site_url, self.site_name) if preview else []
            path = site_dir / PREFIX / link.sid / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(redirect_page(link, self.site_url, label, self.site_name, meta), encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
