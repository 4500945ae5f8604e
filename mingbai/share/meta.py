"""Link previews: the Open Graph and Twitter-card tags of a page, and where its images live.

Chat apps and social sites read these tags when someone pastes a link; they need absolute URLs,
so everything is joined to ``site_url``. The canonical ``<link>`` itself is left to Material, which
already writes it from ``site_url`` (a second one would be ambiguous to crawlers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from ..articles import Article
from .cards import HEIGHT, WIDTH

LOCALE = "zh_CN"
CARDS = "assets/cards"
POSTERS = "assets/posters"


def absolute(site_url: str, path: str) -> str:
    """``site_url`` joined with a site-relative path (``/a/b/`` or ``a/b/``)."""
    return urljoin(site_url, path.lstrip("/"))


def image_path(folder: str, url: str) -> str:
    """Where a page's image is written: ``/basics/x/`` → ``<folder>/basics/x.png``, ``/`` → ``index``."""
    return f"{folder}/{url.strip('/') or 'index'}.png"


@dataclass(frozen=True)
class Preview:
    """What a link preview shows for one page."""

    url: str  # site-relative, /folder/slug/
    title: str
    description: str
    kicker: str  # the small label above the title on the card: the category, or a page name
    card_title: str  # the big text on the card
    article: Article | None = None

    @property
    def card(self) -> str:
        return image_path(CARDS, self.url)


def preview_for(url: str, title: str, description: str, site_name: str, site_description: str,
                article: Article | None) -> Preview:
    """An article's card shows its category and title; another page's shows its name and summary.

    The home page's name is the site name, already in the card footer, so its card shows the
    site description alone.
    """
    if article is not None:
        return Preview(url, article.title, article.description, article.category, article.title, article)
    description = description or site_description
    if url == "/" or title == site_name:
        return Preview(url, site_name, description, "", description)
    return Preview(url, title, description, title, description if description != site_description else title)


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def meta_tags(preview: Preview, site_url: str, site_name: str) -> list[tuple[str, str, str]]:
    """``(attribute, name, content)`` for each ``<meta>``: Open Graph uses ``property``, Twitter ``name``."""
    url = absolute(site_url, preview.url)
    image = absolute(site_url, preview.card)
    alt = f"{preview.kicker}：{preview.card_title}" if preview.kicker else preview.card_title
    og = [
        ("og:type", "article" if preview.article else "website"),
        ("og:site_name", site_name),
        ("og:locale", LOCALE),
        ("og:title", preview.title),
        ("og:description", preview.description),
        ("og:url", url),
        ("og:image", image),
        ("og:image:type", "image/png"),
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:alt", alt),
    ]
    article = preview.article
    if article is not None:
        og.append(("article:section", article.category))
        og += [("article:tag", tag) for tag in article.tags]
        if article.date:
            og.append(("article:published_time", _time(article.date)))
        if article.reviewed:
            og.append(("article:modified_time", _time(article.reviewed)))
    twitter = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", preview.title),
        ("twitter:description", preview.description),
        ("twitter:image", image),
        ("twitter:image:alt", alt),
    ]
    return [("property", k, v) for k, v in og] + [("name", k, v) for k, v in twitter]
