"""The Atom feed of new and updated articles (``feed.xml``), and the robots.txt that points to the sitemap.

Why not mkdocs-rss-plugin: it dates entries from git history (the site's dates are ``date`` and
``reviewed`` in front matter), warns when files are not committed (a warning fails the strict
build), and adds GitPython and an HTTP client to a build that must run offline. An Atom document
is a few elements; ``xml.etree`` writes and escapes them correctly.

An article counts as updated when it is re-reviewed, so entries are ordered by ``reviewed``
(falling back to ``date``); on equal days dated updates (逾期动态) come first, then newest published.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..articles import Article
from .meta import absolute

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_TITLE_SUFFIX = "：新文章和更新"
FEED_SIZE = 30  # feed readers poll often; the sitemap lists everything
NEWS_FOLDER = "news"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"  # the editors' days are Beijing time


def updated(article: Article) -> dt.date:
    """When the article last changed for a reader: last reviewed, else first published."""
    return article.reviewed or article.date or dt.date.min


def feed_order(articles: list[Article]) -> list[Article]:
    """Most recently updated first; on a tie 逾期动态 first, then newest published, then title."""
    return sorted(articles, key=lambda a: (-updated(a).toordinal(), a.folder != NEWS_FOLDER,
                                           -(a.date or dt.date.min).toordinal(), a.title, a.key))


def atom_feed(articles: list[Article], site_url: str, site_name: str, site_description: str,
              size: int = FEED_SIZE) -> bytes:
    """The feed document, UTF-8 with an XML declaration."""
    ET.register_namespace("", ATOM)
    entries = feed_order(articles)[:size]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        node.text = text
        return node

    add(feed, "id", site_url)
    add(feed, "title", site_name + FEED_TITLE_SUFFIX)
    add(feed, "subtitle", site_description)
    add(feed, "link", href=absolute(site_url, FEED_PATH), rel="self", type="application/atom+xml")
    add(feed, "link", href=site_url, rel="alternate", type="text/html")
    add(feed, "updated", _stamp(max((updated(a) for a in entries), default=dt.date(2000, 1, 1))))
    add(add(feed, "author"), "name", site_name)
    for article in entries:
        url = absolute(site_url, article.url)
        entry = add(feed, "entry")
        add(entry, "id", url)
        add(entry, "title", article.list_label())
        add(entry, "link", href=url, rel="alternate", type="text/html")
        if article.date:
            add(entry, "published", _stamp(article.date))
        add(entry, "updated", _stamp(updated(article)))
        add(entry, "category", term=article.category)
        for tag in article.tags:
            add(entry, "category", term=tag)
        add(entry, "summary", article.description)
        add(entry, "content", article.answer, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(site_url: str) -> str:
    """Everything may be crawled; the sitemap (with ``reviewed`` as lastmod) is where to start."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"
