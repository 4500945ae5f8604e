"""No request leaves the site: every request a page makes while a reader uses it goes to the site's own host.

Each kind of page is loaded in a fresh browser context that records every request (the search worker's
included) and aborts any to another host, so the test never depends on, or reaches, the internet. The
reader's actions that load more (opening search and typing, switching to the dark scheme, scrolling to
the end) are done on every page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request, Route, expect
from support import dated

PHONE = {"width": 360, "height": 740}


def visit(browser: Browser, base: str, path: str, interact: bool = True) -> tuple[list[str], list[str]]:
    """Load ``path`` like a reader; returns (requests to other hosts, failed requests to the site).

    With ``interact`` the reader also switches the colour scheme and searches (which loads the search
    worker's scripts); without, the page is only loaded and scrolled to the end.
    """
    own = urlsplit(base).netloc
    offsite: list[str] = []
    failed: list[str] = []
    context = dated(browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN",
                                        service_workers="allow"))

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != own:
            offsite.append(f"{request.resource_type} {request.url}")

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.on("request", record)
    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and
                urlsplit(r.url).path != urlsplit(base + path).path else None)
        page.on("requestfailed", lambda r: failed.append(f"failed {r.url}") if urlsplit(r.url).netloc == own
                else None)
        page.goto(base + path)
        page.mouse.wheel(0, 100_000)  # lazy content below the fold
        page.wait_for_load_state("networkidle")
        if not interact:
            return offsite, failed
        page.locator("form[data-md-component='palette'] label:visible").click()
        page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").press_sequentially("征信报告", delay=30)
        page.locator("input.md-search__input").press("End")  # Material searches on keyup
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return offsite, failed


@pytest.mark.parametrize("kind", ["home", "category", "article", "tags", "about", "404"])
def test_page_requests_nothing_from_other_hosts(browser: Browser, site_url: str, site_pages, kind: str) -> None:
    path = {**site_pages.kinds(), "about": "/about/", "404": "/no-such-page/"}[kind]
    offsite, failed = visit(browser, site_url, path)
    assert offsite == []
    assert failed == []


def test_tool_pages_request_nothing_from_other_hosts(browser: Browser, site_url: str, site_pages) -> None:
    if not site_pages.tools:
        pytest.skip("the built site has no tools/ pages yet")
    problems = {}
    for path in site_pages.tools:  # searching and the scheme switch are covered on the other pages
        offsite, failed = visit(browser, site_url, path, interact=False)
        if offsite or failed:
            problems[path] = offsite + failed
    assert problems == {}


def test_search_index_is_served_precompressed(browser: Browser, site_url: str, real_site) -> None:
    _, site = real_site
    context = browser.new_context()
    try:
        response = context.request.get(site_url + "/search/search_index.json", headers={"Accept-Encoding": "gzip"})
        assert response.ok and response.headers.get("content-encoding") == "gzip"
        assert response.body() == (site / "search" / "search_index.json").read_bytes()  # decoded by the client
    finally:
        context.close()
