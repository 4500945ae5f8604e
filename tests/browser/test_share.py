"""The share panel in a real browser: 复制链接 puts 分类丨标题 + newline + URL on the clipboard; no JS, no buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from support import dated

ARTICLE = "/instalments/what-is-personalised-instalments/"
LABEL = "停息分期丨个性化分期和“停息挂账”是什么，有什么区别"


def canonical(page: Page) -> str:
    """The page's canonical URL (from site_url, not the test server's port)."""
    url = page.locator("link[rel=canonical]").get_attribute("href")
    assert url.endswith(ARTICLE)
    return url


def phone(browser: Browser, **options) -> BrowserContext:
    return dated(browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                     has_touch=True, locale="zh-CN", **options))


@pytest.fixture
def clipboard_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = phone(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    yield context.new_page()
    context.close()


def test_copy_link_puts_label_newline_url_on_the_clipboard(clipboard_page: Page, site_url: str,
                                                           screenshots: Path, read_clipboard) -> None:
    page = clipboard_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + ARTICLE)
    button = page.get_by_role("button", name="复制链接")
    expect(button).to_be_visible()
    button.scroll_into_view_if_needed()
    button.click()
    expect(page.locator(".mb-share__status")).to_contain_text("已复制")
    assert read_clipboard(page) == f"{LABEL}\n{canonical(page)}"
    assert page.get_by_role("img", name="本文网址的二维码").is_visible()
    page.locator(".mb-share").screenshot(path=str(screenshots / "share-panel.png"))
    assert all(url.startswith(site_url) or url.startswith("data:") for url in requests), requests


def test_share_button_appears_only_with_the_web_share_api(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    share = page.locator("button[data-mb-share]")
    if page.evaluate("typeof navigator.share === 'function'"):
        expect(share).to_be_visible()
    else:
        expect(share).to_be_hidden()
    # Where the API exists, the button hands the label and canonical URL to it.
    page.evaluate("""() => { window.__shared = null;
        navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
        document.querySelector('.mb-share').removeAttribute('data-mb-ready');
        const old = document.querySelector('button[data-mb-share]');
        old.replaceWith(old.cloneNode(true)); }""")
    page.add_script_tag(url=site_url + "/assets/javascripts/share.js")
    page.locator("button[data-mb-share]").click()
    assert page.evaluate("window.__shared") == {"title": LABEL, "text": LABEL, "url": canonical(page)}


def test_without_javascript_the_panel_works_and_the_buttons_stay_hidden(browser: Browser, site_url: str) -> None:
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + ARTICLE)
        panel = page.locator("section.mb-share")
        expect(panel).to_be_visible()
        expect(panel.get_by_role("button")).to_have_count(0)  # hidden buttons are not in the accessibility tree
        expect(panel.locator("button[data-mb-copy]")).to_be_hidden()
        expect(panel.locator("button[data-mb-share]")).to_be_hidden()
        expect(panel.get_by_text(LABEL)).to_be_visible()
        expect(panel.get_by_role("img", name="本文网址的二维码")).to_be_visible()
        poster = panel.get_by_role("link", name="分享图")
        expect(poster).to_be_visible()
        response = page.request.get(site_url + ARTICLE + poster.get_attribute("href"))
        assert response.ok and response.headers["content-type"] == "image/png"
    finally:
        context.close()


def test_short_link_opens_the_article_without_javascript(browser: Browser, site_url: str) -> None:
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + ARTICLE)
        short = page.locator(".mb-share figcaption a").get_attribute("href")
        page.goto(site_url + urlsplit(short).path)
        page.wait_for_url(site_url + ARTICLE)
        expect(page.locator("h1")).to_contain_text("个性化分期")
    finally:
        context.close()


def test_404_search_opens_the_site_search_with_the_words(page: Page, site_url: str) -> None:
    page.goto(site_url + "/404.html")  # what a web server sends for a missing page
    expect(page.locator(".mb-list a")).not_to_have_count(0)
    page.get_by_role("searchbox", name="搜索本站").fill("个性化分期")
    page.locator("form.mb-404-search button[type=submit]").click()
    page.wait_for_url("**/?q=*")
    expect(page.locator("input.md-search__input")).to_have_value("个性化分期")
