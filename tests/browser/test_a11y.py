"""Accessibility in a real browser: axe-core (pinned in package.json) finds no serious or critical problem
on each kind of page and every tool page, in the light and the dark scheme; the page says it is zh-CN;
every form control has a name; a screen reader can jump to the answer and to the related list.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

KINDS = ("home", "category", "article", "tags")
# Contrast rules, run again in the dark scheme (axe computes colours as rendered).
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]
FORM_ROLES = {"textbox", "searchbox", "combobox", "checkbox", "radio", "button", "slider", "spinbutton", "switch",
              "listbox", "menuitemcheckbox", "menuitemradio", "option"}


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']} ({v['help']}):\n    " + "\n    ".join(v["nodes"][:5])
                     for v in violations)


def unnamed_controls(page: Page) -> list[str]:
    """Form controls in Chromium's accessibility tree (what a screen reader gets) that have no name."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [f"{n['role']['value']} (backend node {n.get('backendDOMNodeId')})" for n in nodes
            if not n.get("ignored") and n.get("role", {}).get("value") in FORM_ROLES
            and not (n.get("name", {}).get("value") or "").strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_serious(make_page, site_url: str, site_pages, axe, kind: str) -> None:
    page = make_page()
    page.goto(site_url + site_pages.kinds()[kind])
    violations = axe(page)
    assert not violations, describe(violations)


def test_axe_finds_nothing_serious_on_tool_pages_and_404(make_page, site_url: str, site_pages, axe) -> None:
    page = make_page()
    found = {}
    for url in (*site_pages.tools, "/404.html"):
        page.goto(site_url + url)
        if violations := axe(page):
            found[url] = describe(violations)
    assert not found, "\n".join(f"{url}:\n{text}" for url, text in found.items())


def test_dark_scheme_keeps_contrast(make_page, site_url: str, site_pages, axe) -> None:
    page = make_page(dark=True)  # prefers-color-scheme: dark, so Material picks the slate scheme
    found = {}
    for url in (*site_pages.kinds().values(), "/404.html"):
        page.goto(site_url + url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        if violations := axe(page, rules=CONTRAST_RULES):
            found[url] = describe(violations)
    assert not found, "\n".join(f"{url}:\n{text}" for url, text in found.items())


def test_palette_toggle_switches_to_dark_and_back(make_page, site_url: str, axe) -> None:
    page = make_page()
    page.goto(site_url + "/")
    toggle = page.locator("form[data-md-component='palette'] label:visible")
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    violations = axe(page, rules=CONTRAST_RULES)
    assert not violations, describe(violations)
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_every_page_declares_simplified_chinese(page: Page, site_url: str, site_pages, real_site) -> None:
    _, site = real_site
    for url in site_pages.kinds().values():
        page.goto(site_url + url)
        assert page.evaluate("document.documentElement.lang") == "zh-CN", url
    for path in site.rglob("*.html"):
        head = path.read_text(encoding="utf-8")[:300]
        if "<html" in head:
            assert re.search(r'<html[^>]* lang="zh-CN"', head), path.relative_to(site)


def test_every_form_control_has_a_name(page: Page, site_url: str, site_pages) -> None:
    unnamed = {}
    for url in (*site_pages.kinds().values(), "/404.html"):
        page.goto(site_url + url)
        if url == site_pages.article:  # the search dialog open, with results
            page.locator("label.md-header__button[for='__search']").click()
            page.locator("input.md-search__input").press_sequentially("征信", delay=30)
            page.locator("input.md-search__input").press("End")  # Material searches on keyup
            expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        if names := unnamed_controls(page):
            unnamed[url] = names
    assert not unnamed


def test_answer_and_related_list_are_places_a_screen_reader_can_jump_to(page: Page, site_url: str,
                                                                        site_pages) -> None:
    page.goto(site_url + site_pages.article)
    answer = page.get_by_role("region", name="先说结论")  # a named region is a landmark
    expect(answer).to_have_count(1)
    expect(answer).to_be_visible()
    for name in ("法规依据", "相关阅读"):  # headings: the other jump targets of a screen reader
        heading = page.get_by_role("heading", level=2, name=re.compile(f"^{name}"))
        expect(heading).to_have_count(1)
    related = page.locator("h2#related + .mb-related").get_by_role("list")
    expect(related).to_have_count(1)
    assert related.get_by_role("link").count() >= 1
    expect(page.get_by_role("main")).to_have_count(1)
