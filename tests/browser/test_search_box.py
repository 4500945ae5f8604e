"""The browser search (Material's lunr with jieba at build time) finds articles by Chinese domain terms."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("query", ["停息挂账", "个性化分期"])
def test_search_box_lists_the_instalments_article(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url + "/")
    page.locator("label.md-search__icon, label[for='__search']").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup; fill() sends none, so press a key to trigger it
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    titles = results.locator("h1, h2").all_inner_texts()
    assert any("个性化分期" in t for t in titles), titles


def test_search_box_finds_article_for_chinese_question(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.locator("label[for='__search']").first.click()
    box = page.locator("input.md-search__input")
    box.fill("征信异议")
    box.press("End")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert any("异议" in t for t in results.all_inner_texts())
