"""The 工具 pages in a real phone-sized browser: fill each form, check the output, the messages next to
bad fields, keyboard use, the live region, the 360 px layout and the printed letter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from support import dated

from mingbai import settings

TOOLS = ["/tools/", "/tools/instalment-calculator/", "/tools/credit-record-date/", "/tools/card-interest/",
         "/tools/letters/", "/tools/collection-check/"]


def open_tool(page: Page, site_url: str, path: str) -> list[str]:
    """Open a tool page, failing on script errors; returns the list every request URL is added to."""
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert errors == [], errors
    return requests


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_instalment_calculator_by_keyboard(page: Page, site_url: str, screenshots: Path) -> None:
    open_tool(page, site_url, "/tools/instalment-calculator/")
    page.get_by_label("欠款金额（元）").focus()
    page.keyboard.type("12,000")
    page.keyboard.press("Tab")
    page.keyboard.type("12")
    page.keyboard.press("Tab")  # the radio group: 年利率 is already chosen
    page.keyboard.press("Tab")
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    status = page.locator("#inst-status")
    expect(status).to_contain_text("等额本息每月还 1,066.19 元，利息合计 794.23 元")
    expect(status).to_contain_text("等额本金第 1 期还 1,120.00 元")
    result = page.locator("#inst-result")
    expect(result).to_be_visible()
    expect(result).to_contain_text("最后一期 1,066.14 元")
    expect(result).to_contain_text("780.00 元")
    result.get_by_text("查看每期明细：等额本息").click()
    table = result.get_by_role("table", name="等额本息")
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(table.locator("tbody tr").first).to_contain_text("946.19")
    no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "tool-instalment.png"), full_page=True)


def test_monthly_fee_offer_shows_both_annual_rates(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/instalment-calculator/")
    page.get_by_label("欠款金额（元）").fill("12000")
    page.get_by_label("期数（月）").fill("12")
    page.get_by_label("月费率：每月按最初的全部本金收手续费").check()
    expect(page.locator("#inst-rate-label")).to_have_text("月费率（%）")
    page.get_by_label("月费率（%）").fill("0.6")
    page.get_by_role("button", name="计算").click()
    result = page.locator("#inst-result")
    expect(result).to_contain_text("1,072.00 元")
    expect(result).to_contain_text("864.00 元")
    expect(result.locator("dd", has_text="7.20%")).to_have_count(1)
    expect(result).to_contain_text("名义年化利率（月 IRR × 12）13.03%")
    expect(result).to_contain_text("实际年化利率（按月复利：(1 + 月 IRR)^12 − 1）13.84%")


def test_instalment_errors_are_shown_next_to_the_fields(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/instalment-calculator/")
    amount = page.get_by_label("欠款金额（元）")
    amount.fill("-5")
    page.get_by_label("期数（月）").fill("0")
    page.get_by_label("年利率（%）").fill("300")
    page.get_by_role("button", name="计算").click()
    expect(page.locator("#inst-amount-error")).to_have_text("欠款金额不能是负数。")
    expect(page.locator("#inst-months-error")).to_have_text("期数至少是 1 期。")
    expect(page.locator("#inst-rate-error")).to_contain_text("年利率超过 100%")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(amount).to_be_focused()
    expect(page.locator("#inst-status")).to_have_text("有 3 处需要修改，请看输入框下方的红色提示。")
    expect(page.locator("#inst-result")).to_be_hidden()
    page.get_by_label("期数（月）").fill("61")
    amount.fill("12000")
    page.get_by_role("button", name="计算").click()
    expect(page.locator("#inst-amount-error")).to_be_hidden()
    expect(amount).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#inst-months-error")).to_have_text("期数最多 60 期。")


def test_credit_record_dates(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/credit-record-date/")
    expect(page.locator("blockquote").first).to_contain_text("自不良行为或者事件终止之日起为5年")
    date = page.get_by_label("还清逾期欠款的日期")
    date.fill("2021-03-15")
    page.get_by_role("button", name="计算").click()
    result = page.locator("#cr-result")
    expect(result).to_contain_text("5 年保存期限届满日2026 年 3 月 15 日")
    expect(result).to_contain_text("2026 年 3 月 16 日起")
    expect(page.locator("#cr-status")).to_contain_text("保存期限到 2026 年 3 月 15 日届满")
    today = settings.today()  # the date the page sees too (browser/conftest.py: dated)
    recent = today.replace(year=today.year - 1, day=min(today.day, 28))
    date.fill(recent.isoformat())
    page.get_by_role("button", name="计算").click()
    expect(result).to_contain_text("距离保存期限届满还有")
    date.fill((today + dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="计算").click()
    expect(page.locator("#cr-ended-error")).to_contain_text("不能晚于今天")
    expect(result).to_be_hidden()
    page.get_by_label("还没有还清").check()
    expect(date).to_be_hidden()
    page.get_by_role("button", name="计算").click()
    expect(result).to_contain_text("5 年保存期限一般还没有开始计算")
    no_sideways_scroll(page)


def test_old_record_past_five_years_points_to_a_dispute(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/credit-record-date/")
    page.get_by_label("还清逾期欠款的日期").fill("2015-01-10")
    page.get_by_role("button", name="计算").click()
    expect(page.locator("#cr-result")).to_contain_text("今天已经超过 5 年保存期限")
    expect(page.locator("#cr-result")).to_contain_text("第二十五条提出异议")


def test_card_interest_estimate(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/card-interest/")
    rate = page.get_by_label("日利率", exact=True)
    expect(rate).to_have_value("")  # no bank's rate is pre-filled
    page.get_by_label("账单金额（元）").fill("10000")
    page.get_by_label("已还金额（元）").fill("2000")
    page.get_by_label("逾期天数").fill("30")
    rate.fill("3")
    page.get_by_role("button", name="估算").click()
    result = page.locator("#ci-result")
    expect(result).to_contain_text("约 72.00 元")
    expect(result).to_contain_text("约 90.00 元")
    expect(result).to_contain_text("10.95%")
    expect(page.locator("#ci-status")).to_contain_text("不含违约金和复利")
    page.get_by_label("已还金额（元）").fill("12000")
    page.get_by_role("button", name="估算").click()
    expect(page.locator("#ci-repaid-error")).to_contain_text("已还金额要小于账单金额")
    expect(result).to_be_hidden()


@pytest.fixture
def clipboard_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = dated(browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                        is_mobile=True, has_touch=True, locale="zh-CN"))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    yield context.new_page()
    context.close()


def test_credit_dispute_letter_copy_and_print(clipboard_page: Page, site_url: str, screenshots: Path,
                                             read_clipboard) -> None:
    page = clipboard_page
    requests = open_tool(page, site_url, "/tools/letters/")
    page.get_by_label("征信异议申请书").check()
    fields = page.locator('.mb-letter-fields[data-letter="credit-dispute"]')
    expect(fields).to_be_visible()
    expect(page.locator('.mb-letter-fields[data-letter="personalised-instalments"]')).to_be_hidden()
    page.get_by_role("button", name="生成信件").click()
    expect(fields.locator("#credit-dispute-name-error")).to_have_text("请填写你的姓名。")
    expect(fields.locator("#credit-dispute-facts-error")).to_have_text("请填写实际情况。")
    expect(page.locator("#mb-letter-output")).to_be_hidden()
    fields.get_by_label("你的姓名").fill("张三")
    fields.get_by_label("报送这条信息的机构").fill("某银行")
    fields.get_by_label("报告上显示的内容").fill("某年某月显示逾期 1 期。")
    fields.get_by_label("实际情况").fill("这笔欠款已按时还清，有还款凭证。")
    evidence = fields.get_by_label("还款凭证或结清证明")
    fields.get_by_label("问题属于哪一种").select_option("not-mine")
    expect(evidence).to_be_hidden()
    fields.get_by_label("问题属于哪一种").select_option("expired")
    expect(evidence).to_be_visible()
    page.get_by_role("button", name="生成信件").click()
    letter = page.locator("#mb-letter-output")
    expect(letter).to_be_visible()
    expect(letter).to_contain_text("中国人民银行征信中心：")
    expect(letter).to_contain_text("本人张三（身份证号：＿＿＿＿＿＿）")
    expect(letter).to_contain_text("《征信业管理条例》第二十五条：“信息主体认为征信机构采集、保存、提供的信息存在错误、遗漏的")
    expect(letter).to_contain_text("《征信业管理条例》第十六条：“征信机构对个人不良信息的保存期限")
    expect(letter.locator(".mb-letter__evidence li")).to_have_count(3)
    expect(letter).to_contain_text("异议人：张三")
    expect(page.locator("#mb-letter-status")).to_contain_text("已生成「征信异议申请书」")
    page.get_by_role("button", name="复制全文").click()
    expect(page.locator("#mb-letter-status")).to_have_text("已复制全文。")
    copied = read_clipboard(page)
    assert copied.startswith("征信异议申请书\n\n中国人民银行征信中心：") and "附件：\n1. 本人身份证复印件" in copied
    no_sideways_scroll(page)
    letter.screenshot(path=str(screenshots / "tool-letter.png"))

    page.emulate_media(media="print")
    expect(letter).to_be_visible()
    for hidden in ("#mb-letter-form", ".md-header", "h1", ".mb-letter-actions"):
        expect(page.locator(hidden).first).to_be_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one clean A4 page
    assert all(url.startswith(site_url) for url in requests), requests


def test_instalment_letter_refuses_more_than_60_months(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/letters/")
    fields = page.locator('.mb-letter-fields[data-letter="personalised-instalments"]')
    expect(fields).to_contain_text("用的是「可以」")
    fields.get_by_label("你的姓名").fill("李四")
    fields.get_by_label("发卡银行").fill("某银行信用卡中心")
    fields.get_by_label("目前欠款合计（元）").fill("36000")
    fields.get_by_label("具体情况").fill("今年起失业，每月收入约为原来的一半。")
    fields.get_by_label("希望分多少期还清").fill("72")
    page.get_by_role("button", name="生成信件").click()
    expect(fields.locator("#personalised-instalments-months-error")).to_have_text("请填 1 到 60 之间的整数。")
    fields.get_by_label("希望分多少期还清").fill("36")
    page.get_by_role("button", name="生成信件").click()
    letter = page.locator("#mb-letter-output")
    expect(letter).to_contain_text("将上述欠款分 36 期偿还")
    expect(letter).to_contain_text("欠款合计约 36,000 元")
    expect(letter).to_contain_text("发卡银行可以与持卡人平等协商，达成个性化分期还款协议")


def test_collection_self_check(page: Page, site_url: str, screenshots: Path) -> None:
    open_tool(page, site_url, "/tools/collection-check/")
    page.get_by_role("button", name="查看结果").click()
    expect(page.locator("#mb-collection-error")).to_have_text("请至少勾选一项你遇到的情况。")
    for name in ("晚上 10 点以后、早上 8 点以前打电话、发消息或上门催收，而你事先没有同意",
                 "要你把钱转到个人银行卡、陌生账户，或者扫个人收款码还款", "威胁要伤害你或你的家人"):
        page.get_by_role("checkbox", name=name).check()
    page.get_by_role("button", name="查看结果").click()
    expect(page.locator("#mb-collection-error")).to_be_hidden()
    expect(page.locator("#mb-collection-status")).to_have_text(
        "你勾选了 3 项：1 项可能违法，1 项违反行业自律规范或推荐性标准（不是法律），"
        "1 项没有找到禁止它的规定。结果在下方。")
    shown = page.locator(".mb-finding:visible")
    expect(shown).to_have_count(3)
    expect(shown.nth(0)).to_have_attribute("data-rule", "threats")
    expect(shown.nth(1)).to_have_attribute("data-rule", "night-contact")
    expect(shown.nth(2)).to_have_attribute("data-rule", "private-account")
    expect(shown.nth(0)).to_contain_text("结论：可能违法")
    expect(shown.nth(0)).to_contain_text("追逐、拦截、辱骂、恐吓他人，情节恶劣的")
    expect(shown.nth(0)).to_contain_text("报警（110）")
    expect(shown.nth(1)).to_contain_text("据报道，中国银行业协会")
    expect(shown.nth(1)).to_contain_text("不是法律")
    expect(shown.nth(2)).to_contain_text("结论：没有找到禁止它的规定")
    no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "tool-collection-check.png"), full_page=True)


@pytest.mark.parametrize("path", TOOLS)
def test_every_tool_page_is_labelled_narrow_and_local(page: Page, site_url: str, path: str) -> None:
    requests = open_tool(page, site_url, path)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.mb-tool :is(input, select, textarea)')]
        .filter((c) => !c.labels.length && !c.getAttribute('aria-labelledby')).map((c) => c.id || c.name)""")
    assert unlabelled == []
    if path != "/tools/":
        expect(page.locator('[role="status"][aria-live="polite"]').first).to_be_attached()
    no_sideways_scroll(page)
    assert all(url.startswith(site_url) or url.startswith("data:") for url in requests), requests
    assert page.locator(".md-nav__link", has_text="工具").count() >= 1


def test_a_search_link_to_one_finding_shows_it(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "/tools/collection-check/#finding-fake-authority-title")
    expect(page.get_by_role("checkbox", name="自称警察、法院或检察院的人", exact=False)).to_be_checked()
    finding = page.locator("#finding-fake-authority")
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("冒充国家机关工作人员招摇撞骗的")
    expect(page.locator(".mb-finding:visible")).to_have_count(1)
