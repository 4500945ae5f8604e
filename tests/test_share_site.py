"""Sharing in the built real site: link previews, cards, QR codes, posters, feed, sitemap, short links, 404."""

from __future__ import annotations

import io
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import cairosvg
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image

from mingbai.share.feeds import FEED_SIZE, feed_order
from mingbai.urls import load_registry

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


@pytest.fixture(scope="module")
def built_url(real_site) -> str:
    """The site_url the site was built with (mkdocs.yml's default unless MINGBAI_SITE_URL is set)."""
    return soup(real_site[1] / "index.html").find("link", rel="canonical")["href"]


def local(site: Path, absolute_url: str) -> Path:
    """The file in the built site that an absolute URL on the site names."""
    path = urlsplit(absolute_url).path
    return site / (path + "index.html" if path.endswith("/") else path).lstrip("/")


def meta(html: BeautifulSoup, key: str) -> list[str]:
    return [m["content"] for m in html.find_all("meta", attrs={"property": key})] + \
        [m["content"] for m in html.find_all("meta", attrs={"name": key})]


def one(html: BeautifulSoup, key: str) -> str:
    values = meta(html, key)
    assert len(values) == 1, (key, values)
    return values[0]


def decode_svg(svg: str) -> list[str]:
    """Render an inline QR SVG on white and read it back with zxing-cpp."""
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=400, output_height=400, background_color="white")
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def sitemap_urls(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    out = {}
    for node in root.iter(f"{SITEMAP}url"):
        lastmod = node.find(f"{SITEMAP}lastmod")
        out[node.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return out


def test_every_page_has_link_preview_tags_with_absolute_urls(real_site, built_url: str) -> None:
    project, site = real_site
    articles = {a.url: a for a in project.articles()[0]}
    pages = sitemap_urls(site)
    assert len(pages) > len(articles)
    for url in pages:
        html = soup(local(site, url))
        canonical = [link["href"] for link in html.find_all("link", rel="canonical")]
        assert canonical == [url]  # Material's one canonical link, not repeated
        assert one(html, "og:url") == url
        assert one(html, "og:locale") == "zh_CN"
        for key in ("og:title", "og:description", "twitter:title", "twitter:description", "og:image:alt"):
            assert one(html, key).strip(), (url, key)
        assert one(html, "twitter:card") == "summary_large_image"
        image = one(html, "og:image")
        assert one(html, "twitter:image") == image and image.startswith(built_url)
        with Image.open(local(site, image)) as card:
            assert card.size == (1200, 630) and card.format == "PNG"
        assert (one(html, "og:image:width"), one(html, "og:image:height")) == ("1200", "630")
        article = articles.get("/" + url.removeprefix(built_url))
        if article is not None:
            assert one(html, "og:type") == "article"
            assert one(html, "og:title") == one(html, "twitter:title") == article.title
            assert one(html, "og:description") == article.description
            assert one(html, "article:section") == article.category
            assert image == f"{built_url}assets/cards/{article.key}.png"
        else:
            assert one(html, "og:type") == "website"


def test_share_panel_copies_label_and_url_and_its_qr_code_scans(real_site, built_url: str) -> None:
    project, site = real_site
    registry, _ = load_registry(project.registry)
    for article in project.articles()[0]:
        canonical = built_url + article.url.lstrip("/")
        panel = soup(page_file(site, article.url)).select_one("section.mb-share")
        assert panel is not None, article.url
        assert panel["data-label"] == article.list_label() and panel["data-url"] == canonical
        copy, share = panel.select_one("button[data-mb-copy]"), panel.select_one("button[data-mb-share]")
        assert copy.get_text(strip=True) == "复制链接" and share.get_text(strip=True) == "分享"
        assert copy.has_attr("hidden") and share.has_attr("hidden") and copy["type"] == "button"
        svg = panel.select_one("svg.mb-qr")
        assert svg["role"] == "img" and svg["aria-label"] and svg.title.get_text()
        assert len(svg.find_all("path")) == 1 and len(str(panel)) < 6000  # small HTML
        assert decode_svg(str(svg)) == [canonical], article.url
        poster = panel.find("a", string="分享图")
        assert poster is not None
        path = (page_file(site, article.url).parent / poster["href"]).resolve()
        with Image.open(path) as image:
            assert image.size == (1080, 1440)
        short = panel.select_one("figcaption a")["href"]
        assert short == f"{built_url}s/{registry[article.url]}/"


def test_posters_carry_a_qr_code_of_the_short_link(real_site, built_url: str) -> None:
    project, site = real_site
    registry, _ = load_registry(project.registry)
    for article in project.articles()[0][:4]:  # decoding every poster would only slow the suite
        with Image.open(site / "assets" / "posters" / f"{article.key}.png") as image:
            assert [r.text for r in zxingcpp.read_barcodes(image.convert("RGB"))] == \
                [f"{built_url}s/{registry[article.url]}/"]


def test_short_links_redirect_to_the_canonical_url(real_site, built_url: str) -> None:
    project, site = real_site
    registry, _ = load_registry(project.registry)
    articles = {a.url: a for a in project.articles()[0]}
    assert set(articles) <= set(registry)
    for url, sid in registry.items():
        html = soup(site / "s" / sid / "index.html")
        refresh = html.find("meta", attrs={"http-equiv": "refresh"})["content"]
        delay, target = re.fullmatch(r"(\d+); url=(.+)", refresh).groups()
        resolved = posixpath.normpath(posixpath.join(f"/s/{sid}/", target)) + "/"
        assert delay == "0" and resolved.replace("//", "/") == url
        assert page_file(site, url).is_file()
        assert html.find("link", rel="canonical")["href"] == urljoin(built_url, url.lstrip("/"))
        link = html.body.find("a")
        assert link["href"] == target
        if url in articles:
            assert link.get_text() == articles[url].list_label()
            assert html.find("meta", attrs={"property": "og:image"})["content"].endswith(f"{articles[url].key}.png")


def test_feed_is_atom_with_the_newest_updated_articles(real_site, built_url: str) -> None:
    project, site = real_site
    articles = project.articles()[0]
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == built_url + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    expected = feed_order(articles)[:FEED_SIZE]
    assert [e.find(f"{ATOM}id").text for e in entries] == [built_url + a.url.lstrip("/") for a in expected]
    for entry, article in zip(entries, expected, strict=True):
        assert entry.find(f"{ATOM}title").text == article.list_label()
        assert entry.find(f"{ATOM}updated").text.startswith(article.reviewed.isoformat())
        assert entry.find(f"{ATOM}link").get("href") == built_url + article.url.lstrip("/")
        assert entry.find(f"{ATOM}summary").text == article.description
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    home = soup(site / "index.html").find("link", attrs={"type": "application/atom+xml"})
    assert home["href"] == "feed.xml"


def test_sitemap_lastmod_is_reviewed_and_robots_points_to_it(real_site, built_url: str) -> None:
    project, site = real_site
    articles = project.articles()[0]
    lastmods = sitemap_urls(site)
    for article in articles:
        assert lastmods[built_url + article.url.lstrip("/")] == article.reviewed.isoformat()
    for category in project.taxonomy.categories:
        mine = [a.reviewed for a in articles if a.folder == category.folder]
        if mine:
            assert lastmods[f"{built_url}{category.folder}/"] == max(mine).isoformat()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {built_url}sitemap.xml" in robots.splitlines()


def test_404_page_offers_search_and_popular_guides(real_site) -> None:
    project, site = real_site
    articles = {a.key: a for a in project.articles()[0]}
    html = soup(site / "404.html")
    form = html.find("form", role="search")
    assert form["action"] == "/" and form.find("input", attrs={"name": "q"}) is not None
    assert form.find("label").get_text(strip=True) and form.find("button", type="submit")
    entries = [(a.get_text(strip=True), a["href"]) for a in html.select(".mb-list a")]
    expected = [articles[k] for k in project.taxonomy.popular if k in articles]
    assert len(expected) >= 5
    assert entries == [(a.list_label(), a.url) for a in expected]
    for _, href in entries:
        assert page_file(site, href).is_file()
