"""The built law pages (issue 12): every reference in a built article links to an anchor that exists on
its law page, the page says the text's status, source and citing articles, and search leaves it out."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path


class Links(HTMLParser):
    """Collects ``a.mb-ref`` hrefs, every ``id``, and the JSON of the cited texts."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.texts = ""
        self._in_texts = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and "mb-ref" in (values.get("class") or "").split():
            self.refs.append(values.get("href") or "")
        self._in_texts = tag == "script" and values.get("id") == "mb-law-texts"

    def handle_data(self, data: str) -> None:
        if self._in_texts:
            self.texts += data


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_reference_links_to_an_existing_anchor(real_site) -> None:
    project, site = real_site
    articles, _ = project.articles()
    checked, pages = 0, {}
    for article in articles:
        page = site / article.url.strip("/") / "index.html"
        links = parse(page)
        texts = json.loads(links.texts) if links.texts else {}
        for href in links.refs:
            path, _, anchor = href.partition("#")
            target = (page.parent / path / "index.html").resolve()
            assert target.is_file(), f"{article.url}: {href} leads nowhere"
            if target not in pages:
                pages[target] = parse(target).ids
            assert anchor in pages[target], f"{article.url}: {href} has no anchor #{anchor}"
            slug = posixpath.basename(path.rstrip("/"))
            assert f"{slug}#{anchor}" in texts, f"{article.url}: no text for {href} for the in-place panel"
            checked += 1
    assert checked > 250  # the site cites about 300 articles of laws on file


def test_the_sources_section_links_like_the_body(real_site) -> None:
    _, site = real_site
    html = (site / "credit-report" / "negative-record-retention" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="mb-source"><a class="mb-ref" href="../../laws/credit-reporting-regulation/#a16">'
            "《征信业管理条例》第十六条</a></p>") in html
    assert 'src="../../assets/javascripts/laws.js" defer' in html


def test_law_page_has_status_source_citing_articles_and_anchors(real_site) -> None:
    _, site = real_site
    page = site / "laws" / "credit-reporting-regulation" / "index.html"
    html = page.read_text(encoding="utf-8")
    ids = parse(page).ids
    assert {"a1", "a16", "a47", "citing", "text"} <= ids
    assert "现行有效" in html and "快照日期 2025-04-19" in html
    assert 'href="../../credit-report/negative-record-retention/"' in html  # a citing article
    old = (site / "laws" / "public-security-penalties-law" / "index.html").read_text(encoding="utf-8")
    assert "已被修订，此为旧文本" in old and "2026 年 1 月 1 日" in old
    code = parse(site / "laws" / "civil-code" / "index.html").ids
    assert {"a1", "a188", "a1064", "a1258"} <= code  # all seven books on one page (the snapshot ends at 1258)


def test_law_pages_stay_out_of_the_search_index_but_the_index_page_is_in(real_site) -> None:
    _, site = real_site
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].partition("#")[0] for d in docs}
    assert "laws/" in locations
    assert not [loc for loc in locations if loc.startswith("laws/") and loc != "laws/"]


def test_law_pages_are_in_the_sitemap_and_the_nav(real_site) -> None:
    _, site = real_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/laws/civil-code/</loc>" in sitemap and "/laws/</loc>" in sitemap
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">\n    法规原文\n" in home or "法规原文" in home
