"""Law references in a real browser (issue 12): a tap on a reference shows the article's text in place,
Enter does the same from the keyboard, the link works as a plain link without JavaScript, and axe finds
nothing serious on a law page or on an article with a text open."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from test_a11y import describe

ARTICLE = "/credit-report/negative-record-retention/"
TEXT = "自不良行为或者事件终止之日起为5年"  # 《征信业管理条例》第十六条


def first_reference(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("article a.mb-ref", has_text="第十六条").first


def test_tapping_a_reference_shows_the_article_text_in_place(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    link = first_reference(page)
    expect(link).to_have_attribute("aria-expanded", "false")
    link.tap()
    panel = page.get_by_role("region", name="《征信业管理条例》第十六条 原文")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(TEXT)
    expect(link).to_have_attribute("aria-expanded", "true")
    assert page.url.endswith(ARTICLE)  # stayed on the article
    assert panel.get_attribute("id") == link.get_attribute("aria-controls")
    panel.get_by_role("link", name="在法规原文中查看").wait_for()
    link.tap()
    expect(panel).to_have_count(0)
    expect(link).to_have_attribute("aria-expanded", "false")


def test_enter_opens_and_the_close_button_returns_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    link = first_reference(page)
    link.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("region", name="《征信业管理条例》第十六条 原文")
    expect(panel).to_contain_text(TEXT)
    panel.get_by_role("button", name="收起").click()
    expect(panel).to_have_count(0)
    assert page.evaluate("document.activeElement.classList.contains('mb-ref')")


def test_without_javascript_a_reference_opens_the_law_page_at_the_article(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + ARTICLE)
        page.locator("article a.mb-ref", has_text="第十六条").first.click()
        page.wait_for_url("**/laws/credit-reporting-regulation/#a16")
        target = page.locator("#a16")
        expect(target).to_contain_text(TEXT)
        expect(target).to_be_in_viewport()
    finally:
        context.close()


def test_axe_on_a_law_page_and_an_open_reference(make_page, site_url: str, axe) -> None:
    page = make_page()
    found = {}
    for url in ("/laws/", "/laws/credit-reporting-regulation/#a16", "/laws/public-security-penalties-law/"):
        page.goto(site_url + url)
        if violations := axe(page):
            found[url] = describe(violations)
    page.goto(site_url + ARTICLE)
    first_reference(page).tap()
    if violations := axe(page):
        found[ARTICLE + " (text open)"] = describe(violations)
    assert not found, "\n".join(f"{url}:\n{text}" for url, text in found.items())


def test_law_page_screenshot(make_page, site_url: str, screenshots) -> None:
    page = make_page()
    page.goto(site_url + ARTICLE)
    first_reference(page).tap()
    page.get_by_role("region", name="《征信业管理条例》第十六条 原文").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "reference-open-phone.png"))
    page.goto(site_url + "/laws/credit-reporting-regulation/#a16")
    page.screenshot(path=str(screenshots / "law-page-phone.png"))
