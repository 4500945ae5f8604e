"""The real site, built strictly and offline: articles, generated lists, and no request to other hosts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from mingbai.articles import LIST_SEPARATOR

MATERIAL_LAZY_FALLBACKS = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url.strip("/") / "index.html")


def list_entries(node) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in node.select(".mb-list a")]


def test_every_article_has_answer_first_sources_dates_and_disclaimer(real_site) -> None:
    project, site = real_site
    articles, _ = project.articles()
    assert len(articles) >= 6
    for article in articles:
        content = page(site, article.url).select_one("article.md-content__inner")
        assert content is not None, article.url
        blocks = [c for c in content.find_all(recursive=False) if c.name not in ("h1", "a", "nav")]
        answer = blocks[0]
        assert "mb-answer" in answer.get("class", []), article.url
        assert answer.get("aria-label") == "先说结论"
        assert article.answer[:20] in answer.get_text()
        heading = content.find("h2", id="legal-basis")
        assert heading is not None and heading.get_text(strip=True).startswith("法规依据")
        quotes = " ".join(q.get_text() for q in heading.find_all_next("blockquote"))
        for source in article.sources:
            assert re.sub(r"\s", "", source.quote)[:30] in re.sub(r"\s", "", quotes), (article.url, source.law)
        time = content.select_one(".mb-dates time")
        assert time is not None and time["datetime"] == article.reviewed.isoformat()
        assert content.select_one("aside.mb-disclaimer") is not None


def test_category_pages_list_their_articles(real_site) -> None:
    project, site = real_site
    articles, _ = project.articles()
    for category in project.taxonomy.categories:
        mine = [a for a in articles if a.folder == category.folder]
        entries = list_entries(page(site, f"/{category.folder}/"))
        assert sorted(text for text, _ in entries) == sorted(a.list_label() for a in mine)
        for text, _ in entries:
            assert text.startswith(category.label + LIST_SEPARATOR)


def test_home_page_lists_categories_and_latest(real_site) -> None:
    project, site = real_site
    home = soup(site / "index.html")
    labels = [a.get_text(strip=True) for a in home.select(".mb-categories a")]
    assert labels == [c.label for c in project.taxonomy.categories]
    latest = list_entries(home)
    assert 1 <= len(latest) <= 10
    assert all(LIST_SEPARATOR in text for text, _ in latest)


def test_tag_index_lists_articles_as_category_and_title(real_site) -> None:
    project, site = real_site
    articles, _ = project.articles()
    tags = page(site, "/tags/")
    entries = [a.get_text(strip=True) for a in tags.select("ul.mb-list a")]
    expected = {a.list_label() for a in articles}
    assert set(entries) == expected
    used = {t for a in articles for t in a.tags}
    headings = {h.get_text(strip=True).rstrip("¶") for h in tags.select("h2")}
    assert used <= headings


def test_related_links_open_articles(real_site) -> None:
    project, site = real_site
    articles, _ = project.articles()
    urls = {a.url for a in articles}
    for article in articles:
        html = page(site, article.url)
        for _, href in list_entries(html.select_one("#related").find_next("div") if html.select_one("#related")
                                    else BeautifulSoup("", "html.parser")):
            target = (site / article.url.strip("/") / href).resolve()
            assert target.is_dir() and (target / "index.html").is_file()
            assert "/" + target.relative_to(site.resolve()).as_posix() + "/" in urls


def test_built_site_requests_nothing_from_other_hosts(real_site) -> None:
    _, site = real_site
    offenders: list[str] = []
    own_host = "127.0.0.1:8000"
    for path in site.rglob("*.html"):
        html = soup(path)
        for node in html.find_all(True):
            refs = [node.get("src"), node.get("data-src"), node.get("poster")]
            if node.name in ("link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"):
                refs.append(node.get("href") or node.get("data"))
            for srcset in (node.get("srcset"), node.get("imagesrcset")):
                if srcset:
                    refs += [part.strip().split(" ")[0] for part in srcset.split(",")]
            for style in [node.get("style") or ""] + ([node.string or ""] if node.name == "style" else []):
                refs += CSS_URL.findall(style)
            for ref in filter(None, refs):
                host = urlsplit(ref).netloc
                if host and host != own_host:
                    offenders.append(f"{path.relative_to(site)}: {ref}")
    for path in site.rglob("*.css"):
        for ref in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if urlsplit(ref).netloc:
                offenders.append(f"{path.relative_to(site)}: {ref}")
    for path in list(site.rglob("*.html")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        # Material's bundle holds two lazy fallbacks that fire only when a page needs them: a
        # ResizeObserver polyfill for browsers without one, and mermaid for pages with diagrams.
        # The site has no diagrams (checked below); every other mention of a CDN is an offence.
        for allowed in MATERIAL_LAZY_FALLBACKS:
            text = text.replace(allowed, "")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com", "cdnjs"):
            if host in text:
                offenders.append(f"{path.relative_to(site)}: mentions {host}")
        if path.suffix == ".html" and 'class="mermaid"' in text:
            offenders.append(f"{path.relative_to(site)}: a mermaid diagram would load mermaid from a CDN")
    assert offenders == []


def test_html_is_chinese_and_fonts_are_local(real_site) -> None:
    _, site = real_site
    home = soup(site / "index.html")
    assert home.html["lang"].startswith("zh")
    assert not home.select('link[href*="fonts"]')


def test_glossary_page_lists_taxonomy_terms(real_site) -> None:
    project, site = real_site
    glossary = page(site, "/about/glossary/")
    terms = [dt.get_text(strip=True) for dt in glossary.select("dt")]
    assert len(terms) == len(project.taxonomy.glossary) >= 40
