"""我该先做什么 in a real phone-sized browser (issue 14): the situations of tests/fixtures/guide answered
screen by screen on the built site, the plan read back, print view, keep and forget, no request carrying
answers, axe with the plan shown, and the home page's situations with JavaScript off."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from mingbai.tools.guide import SECTIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "guide" / "situations.yml"
CASES = {case["id"]: case for case in yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))}
STORAGE_KEY = "mingbai-guide-answers"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """360×740, China's time zone, downloads allowed."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True)
    yield context.new_page()
    context.close()


def open_guide(page: Page, site_url: str, today: str) -> list[str]:
    """Open the guide with the reader's clock at noon of ``today``; fails on script errors."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{today}T12:00:00+08:00"))
    page.goto(site_url + "/tools/guide/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#g-q-debts")).to_be_visible()
    return errors


def answer(page: Page, answers: dict) -> None:
    """Answer like a reader: one screen at a time, skipping the questions the situation leaves out."""
    questions = page.evaluate("JSON.parse(document.getElementById('mb-guide-data').textContent).questions")
    for index, q in enumerate(questions):
        screen = page.locator(f"#g-q-{q['id']}")
        expect(screen).to_be_visible()
        given = answers.get("dates" if q["type"] == "dates" else q["id"])
        if q["type"] in ("checks", "conduct"):
            for value in given or []:
                screen.locator(f"input[value='{value}']").check()
        elif q["type"] == "per-debt":
            for debt, fields in (given or {}).items():
                for field, value in fields.items():
                    screen.locator(f"select[name='{q['id']}.{debt}.{field}']").select_option(value)
        elif q["type"] == "dates":
            for deadline, value in (given or {}).items():
                screen.locator(f"input[name='date.{deadline}']").fill(str(value))
        if index == len(questions) - 1:
            screen.get_by_role("button", name="看我的计划").click()
        elif given:
            screen.get_by_role("button", name="下一题").click()
        else:
            screen.get_by_role("button", name="跳过这一题").click()
    expect(page.locator("#mb-guide-plan")).to_be_visible()


def plan_on_page(page: Page) -> dict[str, list[str]]:
    plan = page.locator("#mb-guide-plan")
    read = {"deadlines": plan.locator("[data-deadline]").evaluate_all("els => els.map(e => e.dataset.deadline)")}
    for section in SECTIONS:
        read[section] = plan.locator(f"[data-section='{section}'] [data-step]").evaluate_all(
            "els => els.map(e => e.dataset.step)")
    return read


def cn(iso: object) -> str:
    day = dt.date.fromisoformat(str(iso))
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


@pytest.mark.parametrize("case_id", list(CASES))
def test_situation_answered_on_a_phone_gives_its_plan(phone: Page, site_url: str, case_id: str,
                                                      screenshots: Path) -> None:
    case = CASES[case_id]
    errors = open_guide(phone, site_url, str(case["today"]))
    answer(phone, case["answers"])
    got = plan_on_page(phone)
    assert got["deadlines"] == [d["id"] for d in case["deadlines"]]
    for section in ("week", "month", "complain"):
        assert got[section] == case[section], section
    assert got["dont"] == ["no-agency", "no-borrow-to-repay", "no-hiding", "no-transfer"]
    for deadline in case["deadlines"]:
        item = phone.locator(f"[data-deadline='{deadline['id']}']")
        label = {"hearing": "开庭日期", "announcement": "视为送达的日期"}.get(deadline["id"], "最后一天")
        if deadline["end"]:
            expect(item.locator(".mb-guide__when")).to_contain_text(f"{label}：{cn(deadline['end'])}")
        if deadline["end"] and deadline["daysLeft"] < 0:
            expect(item.locator(".mb-guide__passed")).to_be_visible()
    expect(phone.locator("#mb-guide-status")).to_contain_text("计划已生成")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None  # nothing stored unasked
    assert errors == []
    if case_id in ("payment-order", "job-loss-cards-and-loans", "contacts-harassed"):
        phone.screenshot(path=str(screenshots / f"guide-{case_id}.png"), full_page=True)


def test_plan_links_articles_letters_and_tools_and_quotes_the_law(phone: Page, site_url: str) -> None:
    open_guide(phone, site_url, "2026-03-10")
    answer(phone, CASES["payment-order"]["answers"])
    deadline = phone.locator("[data-deadline='payment-order']")
    expect(deadline).to_contain_text("还剩 7 天")
    expect(phone.locator(".mb-guide__summary")).to_contain_text("收到的材料：支付令（收到支付令 2026 年 3 月 2 日）")
    expect(deadline).to_contain_text("《民事诉讼法》第二百二十七条")
    expect(deadline).to_contain_text("债务人应当自收到支付令之日起十五日内清偿债务，或者向人民法院提出书面异议。")
    expect(phone.locator("#mb-guide-plan")).to_contain_text("《民事诉讼法》第八十五条")
    dispute = phone.locator("[data-step='credit-dispute']")
    letter = dispute.get_by_role("link", name="征信异议申请书")
    expect(letter).to_have_attribute("href", "../letters/#pick-credit-dispute")
    dispute.get_by_role("link", name="征信报告有错，怎么提异议").click()
    expect(phone).to_have_url(f"{site_url}/credit-report/credit-dispute/")


def test_print_view_is_the_plan_alone_on_a4(phone: Page, site_url: str) -> None:
    open_guide(phone, site_url, "2026-04-01")
    answer(phone, CASES["sued-card-20k"]["answers"])
    phone.emulate_media(media="print")
    expect(phone.locator("#mb-guide-plan")).to_be_visible()
    for hidden in (".md-header", "#mb-guide-form", ".mb-guide__rules", ".mb-guide__actions", ".mb-guide__keep",
                   ".md-content h1"):
        expect(phone.locator(hidden).first).to_be_hidden()
    link = phone.locator("[data-step='small-claims'] .mb-guide__links a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" {site_url}/basics/small-claims/"'  # on paper the address is printed
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2  # the page tree and at least one page


def test_keep_then_forget(phone: Page, site_url: str) -> None:
    open_guide(phone, site_url, "2026-03-10")
    answer(phone, CASES["payment-order"]["answers"])
    phone.get_by_role("button", name="在这台设备上保存回答").click()
    saved = json.loads(phone.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert saved == {"version": 1, "answers": {"debts": ["online"], "papers": ["payment-order"],
                                               "dates": {"payment-order": "2026-03-02"}}}
    phone.reload()
    expect(phone.locator("#mb-guide-plan")).to_be_visible()  # read back from this device
    expect(phone.locator("#mb-guide-made")).to_contain_text("保存在这台设备上")
    expect(phone.locator("[data-deadline='payment-order']")).to_contain_text("还剩 7 天")
    phone.get_by_role("button", name="忘掉我的回答").click()
    assert phone.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    expect(phone.locator("#mb-guide-plan")).to_be_hidden()
    expect(phone.locator("#g-q-debts")).to_be_visible()
    assert phone.locator("#mb-guide-form input:checked").count() == 0
    assert phone.locator("input[name='date.payment-order']").input_value() == ""
    expect(phone.locator("#mb-guide-status")).to_contain_text("已忘掉你的回答")
    phone.reload()
    expect(phone.locator("#g-q-debts")).to_be_visible()
    expect(phone.locator("#mb-guide-plan")).to_be_hidden()


def test_no_request_carries_the_answers(phone: Page, site_url: str) -> None:
    """Every request recorded from the first answer on, saving text and image included."""
    open_guide(phone, site_url, "2026-06-01")
    seen: list[str] = []
    phone.on("request", lambda r: seen.append(f"{r.method} {unquote(r.url)} {r.post_data or ''}"))
    dated = {"papers": ["payment-order"], "dates": {"payment-order": "2026-05-27"}}
    case = CASES["contacts-harassed"]["answers"] | dated
    answer(phone, case)
    with phone.expect_download() as text:
        phone.get_by_role("button", name="保存为文字").click()
    assert "不要借新的网贷去还旧的" in Path(text.value.path()).read_text(encoding="utf-8")
    saved = Path(text.value.path()).read_text(encoding="utf-8")
    assert "2026 年 6 月 11 日" in saved  # 27 May + 15 days
    assert f"看：找“代理协商”“反催收”机构帮忙，靠谱吗 {site_url}/rights/debt-agency-scams/" in saved
    with phone.expect_download() as image:
        phone.get_by_role("button", name="保存为图片").click()
    assert Path(image.value.path()).read_bytes().startswith(b"\x89PNG")
    phone.get_by_role("button", name="在这台设备上保存回答").click()
    phone.wait_for_timeout(500)
    leaks = [r for r in seen if not r.startswith("GET ") or any(
        word in r for word in ("third-party-contact", "threats", "online", "payment-order", "2026-05-27", "answers"))]
    assert leaks == []


def test_axe_with_the_plan_shown(make_page, site_url: str, axe) -> None:
    for dark in (False, True):
        page = make_page(dark=dark)
        page.clock.set_fixed_time(dt.datetime(2026, 4, 1, 12))
        page.goto(site_url + "/tools/guide/")
        answer(page, CASES["sued-card-20k"]["answers"])
        assert axe(page) == [], dark


def test_home_situations_and_guide_rules_work_without_javascript(browser: Browser, site_url: str,
                                                                 screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "/")
    situations = page.locator(".mb-situation__main")
    assert situations.locator("strong").all_inner_texts()[:6] == [
        "刚逾期几天", "还不上了", "接到催收电话或短信", "收到法院或仲裁的材料", "征信报告有问题",
        "有人说能帮我“处理债务”"]
    expect(page.get_by_role("heading", name="你现在是哪种情况")).to_be_visible()
    first_category = page.locator(".mb-categories").bounding_box()
    assert page.locator(".mb-situations").bounding_box()["y"] < first_category["y"]  # situations first
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshots / "home-no-js.png"), full_page=True)
    page.locator("#situation-court .mb-situation__main").click()
    expect(page).to_have_url(f"{site_url}/tools/guide/#start-papers")
    expect(page.locator("#mb-guide-nojs")).to_be_visible()
    expect(page.locator("#mb-guide-form")).to_be_hidden()
    expect(page.get_by_role("heading", name="法律规定的期限")).to_be_visible()
    expect(page.locator(".mb-guide__rules")).to_contain_text("收到后 15 日内")
    page.go_back()
    page.locator("#situation-court").get_by_role("link", name="收到法院的支付令怎么办").click()
    expect(page).to_have_url(f"{site_url}/basics/payment-order/")
    context.close()


def test_start_at_a_question_from_the_home_page(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "/")
    phone.locator("#situation-court .mb-situation__main").click()
    expect(phone.locator("#g-q-papers")).to_be_visible()
    expect(phone.locator("#g-q-debts")).to_be_hidden()


def test_a_letter_linked_from_the_plan_opens_chosen(phone: Page, site_url: str) -> None:
    open_guide(phone, site_url, "2026-03-10")
    answer(phone, CASES["few-days-late"]["answers"])
    phone.locator("[data-step='credit-dispute']").get_by_role("link", name="征信异议申请书").click()
    expect(phone.locator("#pick-credit-dispute")).to_be_checked()
    expect(phone.locator(".mb-letter-fields[data-letter='credit-dispute']")).to_be_visible()
    expect(phone.locator(".mb-letter-fields[data-letter='personalised-instalments']")).to_be_hidden()
    phone.goto(site_url + "/tools/letters/#pick-stop-third-party")
    expect(phone.locator("#pick-stop-third-party")).to_be_checked()
    expect(phone.locator(".mb-letter-fields[data-letter='stop-third-party']")).to_be_visible()


def test_enter_in_a_date_field_goes_to_the_next_question(phone: Page, site_url: str) -> None:
    open_guide(phone, site_url, "2026-03-10")
    phone.locator("#g-q-debts").get_by_role("button", name="跳过这一题").click()
    phone.locator("#g-q-detail").get_by_role("button", name="跳过这一题").click()
    phone.locator("#g-q-papers input[value='payment-order']").check()
    phone.locator("#g-q-papers").get_by_role("button", name="下一题").click()
    expect(phone.get_by_label("收到起诉状副本的日期")).to_be_hidden()  # only the papers ticked are asked
    date = phone.get_by_label("收到支付令的日期")
    date.fill("2026-03-02")
    date.press("Enter")
    expect(phone.locator("#g-q-conduct")).to_be_visible()
    expect(phone.locator("#mb-guide-plan")).to_be_hidden()
    expect(phone.locator("#g-q-conduct input").first).to_be_focused()
