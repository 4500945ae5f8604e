"""The built site in a real browser on a 360×740 phone: what each kind of page shows, in what order, and
that it fits the screen and the reader's thumb. Pages are found in the built site (conftest.SitePages),
so new pages such as tools are covered without editing this file.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from mingbai.articles import LIST_SEPARATOR
from mingbai.render import chinese_date

# Visible, interactive elements smaller than 44 × 44 CSS px, except links inside running text, which
# WCAG 2.5.5 exempts ("the target is in a sentence"). Hidden elements (Material's skip link, permalink
# anchors, the closed drawer off screen) are not targets until they appear.
SMALL_TARGETS_JS = """(min) => {
  const shown = el => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false; } return true; };
  const block = el => { let e = el.parentElement;
    while (e && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement; return e; };
  const inSentence = el => getComputedStyle(el).display === 'inline' && block(el) &&
    block(el).textContent.replace(/\\s/g, '').length > el.textContent.replace(/\\s/g, '').length;
  // A label is the target only when its control is hidden (Material's menu, search and palette buttons).
  const ownTarget = el => !(el.tagName === 'LABEL' && el.control && shown(el.control) &&
    el.control.getBoundingClientRect().width > 0);
  const width = document.documentElement.clientWidth, small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, ' +
                                             'summary, label[for], [role=button]')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || r.left >= width || !shown(el) || inSentence(el) ||
        !ownTarget(el)) continue;
    if (r.width < min - 0.5 || r.height < min - 0.5)
      small.push(`${el.outerHTML.slice(0, 90)} … is ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return small;
}"""


def entries(page: Page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def open_search(page: Page, query: str) -> None:
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=30)
    # Chinese arrives as text input, without key events; Material searches on keyup, which a phone's
    # input method sends when a word is committed. One key press stands in for that.
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


def test_home_page_shows_categories_and_latest_articles(page: Page, site_url: str, real_site) -> None:
    project, _ = real_site
    articles, _ = project.articles()
    titles = {a.list_label() for a in articles}
    page.goto(site_url + "/")
    categories = page.locator(".mb-categories a")
    expect(categories.first).to_be_visible()
    assert entries(page, ".mb-categories a") == [c.label for c in project.taxonomy.categories]
    latest = entries(page, ".mb-list a")
    assert 1 <= len(latest) <= 10
    assert set(latest) <= titles, set(latest) - titles
    expect(page.locator(".mb-list a").first).to_be_visible()


def test_category_page_and_tag_index_list_their_articles(page: Page, site_url: str, real_site, site_pages) -> None:
    project, _ = real_site
    articles, _ = project.articles()
    folder = site_pages.category.strip("/")
    label = project.taxonomy.by_folder[folder].label
    page.goto(site_url + site_pages.category)
    listed = entries(page, ".mb-list a")
    assert sorted(listed) == sorted(a.list_label() for a in articles if a.folder == folder)
    assert all(text.startswith(label + LIST_SEPARATOR) for text in listed)

    page.goto(site_url + site_pages.tags)
    assert set(entries(page, ".mb-list a")) == {a.list_label() for a in articles}
    headings = {h.rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()}
    assert {t for a in articles for t in a.tags} <= headings


def test_article_shows_answer_first_then_sources_date_and_related(page: Page, site_url: str, real_site,
                                                                  site_pages) -> None:
    project, _ = real_site
    article = next(a for a in project.articles()[0] if a.url == site_pages.article)
    page.goto(site_url + article.url)
    answer = page.get_by_role("region", name="先说结论")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text(article.answer[:20])
    # First on screen under the title: above every other block of the article body.
    answer_top = answer.bounding_box()["y"]
    body_tops = page.evaluate("""() => [...document.querySelectorAll(
        'article.md-content__inner > :is(p, ul, ol, h2, h3, table, blockquote, details, div):not(.mb-answer)')]
        .filter(e => e.getBoundingClientRect().height > 0).map(e => e.getBoundingClientRect().top + scrollY)""")
    assert body_tops and answer_top < min(body_tops)

    expect(page.get_by_role("heading", name=re.compile("^法规依据"))).to_be_visible()
    quotes = re.sub(r"\s", "", " ".join(page.locator("#legal-basis ~ blockquote").all_inner_texts()))
    for source in article.sources:
        assert re.sub(r"\s", "", source.quote)[:30] in quotes, source.law

    dates = page.locator(".mb-dates")
    expect(dates).to_be_visible()
    expect(dates).to_contain_text("最后核对：" + chinese_date(article.reviewed))
    assert dates.locator("time").first.get_attribute("datetime") == article.reviewed.isoformat()

    expect(page.get_by_role("heading", name=re.compile("^相关阅读"))).to_be_visible()
    related = entries(page, ".mb-related a")
    assert 1 <= len(related) <= 8
    assert article.list_label() not in related


def test_every_related_link_opens_an_article(page: Page, site_url: str, real_site, site_pages) -> None:
    project, _ = real_site
    by_url = {a.url: a for a in project.articles()[0]}
    page.goto(site_url + site_pages.article)
    count = page.locator(".mb-related a").count()
    assert count >= 1
    for index in range(count):
        link = page.locator(".mb-related a").nth(index)
        text = link.inner_text().strip()
        link.click()
        page.wait_for_load_state()
        target = by_url.get(urlsplit(page.url).path)
        assert target is not None, f"{text} → {page.url} is not an article"
        assert target.list_label() == text
        expect(page.get_by_role("region", name="先说结论")).to_be_visible()
        expect(page.locator("article h1")).to_have_text(re.compile(re.escape(target.title)))
        page.go_back()


def test_search_box_finds_an_article_for_a_query_typed_in_chinese(page: Page, site_url: str, real_site) -> None:
    project, _ = real_site
    by_url = {a.url: a for a in project.articles()[0]}
    page.goto(site_url + "/")
    open_search(page, "征信异议")
    # results refresh as each character arrives: wait for the ones for the whole query
    expect(page.locator(".md-search-result__item").first).to_contain_text("异议", timeout=10_000)
    links = page.locator(".md-search-result__item > a")
    found = [(by_url.get(urlsplit(urljoin(page.url, href)).path), index)
             for index, href in enumerate(links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))]
    assert found and found[0][0] is not None, "the first result is not an article"
    index = next((i for article, i in found if article is not None and "异议" in article.title), None)
    assert index is not None, "no article about 异议 among the results"
    links.nth(index).click()
    page.wait_for_load_state()
    expect(page.locator("article h1")).to_contain_text("异议")
    expect(page.get_by_role("region", name="先说结论")).to_be_visible()


def test_no_page_scrolls_sideways_on_a_phone(page: Page, site_url: str, site_pages, browser_log) -> None:
    # Search (worker, lunr, index) and Material's sitemap fetch do not affect layout; skipping them
    # keeps the many page loads quick.
    page.route(re.compile(r"/(search/search_index\.json|sitemap\.xml|assets/javascripts/(workers|lunr)/.*)$"),
               lambda route: route.abort())
    wide = []
    for url in (*site_pages.every, "/404.html"):
        page.goto(site_url + url)
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
        if max(sizes[:2]) > sizes[2]:
            wide.append(f"{url}: {sizes[:2]} > {sizes[2]}")
    assert len(site_pages.every) >= 10
    assert wide == []
    # Material's bundle reports the aborted sitemap and search fetches as "Network error" (uncaught, or
    # logged when the suite moves the page's clock); anything else still counts.
    assert [entry for entry in browser_log.take() if "Network error" not in entry] == []


def test_no_script_delays_the_first_paint(real_site, site_pages) -> None:
    """Every script is deferred (or a module, deferred by default): the text paints before any JS runs."""
    _, site = real_site
    blocking = []
    for url in site_pages.every:
        html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            if not re.search(r"\s(defer|async)[\s>=]|type=\"module\"", tag):
                blocking.append(f"{url}: {tag}")
    assert blocking == []


@pytest.mark.parametrize("state", ["page", "menu open", "search open"])
def test_tap_targets_are_at_least_44px(page: Page, site_url: str, site_pages, state: str) -> None:
    small = []
    urls = [*site_pages.kinds().values(), "/404.html"] if state == "page" else [site_pages.article]
    for url in urls:
        page.goto(site_url + url)
        if state == "menu open":
            page.locator("label.md-header__button[for='__drawer']").click()
            expect(page.locator(".md-sidebar--primary")).to_be_visible()
            page.wait_for_timeout(400)  # the drawer slides in
        elif state == "search open":
            open_search(page, "征信")
            page.wait_for_timeout(300)
        small += [f"{url}: {item}" for item in page.evaluate(SMALL_TARGETS_JS, 44)]
    assert small == []


def test_screenshots_for_people_to_look_at(make_page, site_url: str, site_pages, screenshots) -> None:
    for name, url in (("home", "/"), ("article", site_pages.article)):
        for form, desktop in (("phone", False), ("desktop", True)):
            tab = make_page(desktop=desktop)
            tab.goto(site_url + url)
            tab.wait_for_load_state("networkidle")
            path = screenshots / f"{name}-{form}.png"
            tab.screenshot(path=path, full_page=True)
            assert path.stat().st_size > 10_000, path
