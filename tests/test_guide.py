"""The situation guide (issue 14): data/guide.yml checked like content, and its rule engine
(docs/assets/javascripts/tools/guide-plan.js, run by node) on situations with their expected plans."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from support import FIXTURES, LAWS, ROOT

from mingbai.tools.data import check_tools, load_tools
from mingbai.tools.guide import BASIS
from mingbai.tools.guidepage import guide_data, situations

SITUATIONS = FIXTURES / "guide" / "situations.yml"
RUNNER = ROOT / "tests" / "js" / "guide-plan-run.mjs"
NODE = shutil.which("node")


def plans(tmp_path: Path, cases: list[dict]) -> dict[str, dict]:
    """Run the browser's rule engine on ``cases`` with the JSON the guide page embeds."""
    tools = load_tools(ROOT)[0]
    assert tools.guide is not None
    titles = {letter.id: letter.title for letter in tools.letters or []}
    data = json.loads(guide_data(tools.guide, tools.rules, titles, "tools/guide.md", ROOT / "docs"))
    payload = tmp_path / "situations.json"
    payload.write_text(json.dumps({"data": data, "situations": [
        {"id": c["id"], "today": str(c["today"]), "answers": json.loads(json.dumps(c["answers"], default=str))}
        for c in cases]}, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([NODE, str(RUNNER), str(payload)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.mark.skipif(NODE is None, reason="node is needed to run the browser's rule engine")
def test_situations_get_their_expected_plans(tmp_path: Path) -> None:
    cases = yaml.safe_load(SITUATIONS.read_text(encoding="utf-8"))
    assert len(cases) >= 8
    got = plans(tmp_path, cases)
    for case in cases:
        plan = got[case["id"]]
        deadlines = [{"id": d["id"], "end": d["end"], "daysLeft": d["daysLeft"]} for d in plan["deadlines"]]
        expected = [{**d, "end": str(d["end"]) if d["end"] else None} for d in case["deadlines"]]
        assert deadlines == expected, case["id"]
        for section in ("week", "month", "complain"):
            assert plan["sections"][section] == case[section], (case["id"], section)
        assert plan["sections"]["dont"] == ["no-agency", "no-borrow-to-repay", "no-hiding", "no-transfer"]


def test_real_guide_is_valid_and_rules_say_what_they_rest_on() -> None:
    tools, problems = load_tools(ROOT)
    assert problems == []
    guide = tools.guide
    assert guide is not None
    assert {s.label for s in guide.situations} >= {"刚逾期几天", "还不上了", "接到催收电话或短信",
                                                   "收到法院或仲裁的材料", "征信报告有问题"}
    for rule in [*guide.deadlines, *guide.steps]:
        assert rule.basis.kind in BASIS
        if rule.basis.kind in ("law", "regulator"):
            assert rule.basis.law, rule.id
    days = {d.id: d.days for d in guide.deadlines}
    assert days == {"payment-order": 15, "defence": 15, "hearing": None, "announcement": 30,
                    "appeal-judgment": 15, "appeal-ruling": 10}
    cites = {d.id: {q.cite for q in d.basis.law} for d in guide.deadlines}
    assert "《民事诉讼法》第二百二十七条" in cites["payment-order"]
    assert "《民事诉讼法》第九十五条" in cites["announcement"]
    text = (ROOT / "data" / "guide.yml").read_text(encoding="utf-8")
    assert "六个月" not in text  # the deadline to oppose enforcement of an award was NOT FOUND (facts.md §20)
    if LAWS.is_dir():
        assert [p for p in check_tools(ROOT, LAWS) if not p.warning] == []


def test_situations_are_plain_links(tmp_path: Path) -> None:
    guide = load_tools(ROOT)[0].guide
    assert guide is not None
    html = situations(guide, "index.md", ROOT / "docs")
    assert 'href="tools/guide/#start-papers"' in html
    assert 'href="basics/payment-order/"' in html
    assert "<script" not in html


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the real project's content and data, to break one thing at a time."""
    root = tmp_path / "site"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data")
    return root


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of ``needle`` (its first occurrence after ``after``, when given)."""
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


@pytest.mark.skipif(not LAWS.is_dir(), reason="the law texts are beside the project")
def test_check_reports_every_guide_problem_with_its_line(copy: Path) -> None:
    path = copy / "data" / "guide.yml"
    text = path.read_text(encoding="utf-8")
    edits = {
        "read: [repayment/few-days-late, repayment/business-loan-two-days-late]":
            "read: [repayment/few-days-late, repayment/not-written-yet]",
        "    letter: credit-dispute\n": "    letter: no-such-letter\n",
        "    tool: credit-record-date\n    when:": "    tool: no-such-tool\n    when:",
        "choices: [night-contact, repeated-contact,": "choices: [night-calls, repeated-contact,",
        "债务人应当自收到支付令之日起十五日内清偿债务": "债务人应当自收到支付令之日起十日内清偿债务",
        "{q: papers, any: [court-sms]}": "{q: papers, any: [court-email]}",
        "    note: 先弄清全部欠款，才能排出先还哪一笔、能不能协商；这是协商准备的通常做法。\n": "",
    }
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    got = [str(p) for p in check_tools(copy, LAWS) if not p.warning]
    where = "data/guide.yml"
    expected = {
        f"{where}:{line_of(text, 'repayment/not-written-yet')}: unknown article key 'repayment/not-written-yet'"
        " (write folder/slug of a page in docs/)",
        f"{where}:{line_of(text, 'letter: no-such-letter')}: unknown letter 'no-such-letter'"
        " (letters are in data/letters.yml)",
        f"{where}:{line_of(text, 'tool: no-such-tool')}: unknown tool 'no-such-tool'"
        " (write the name of a page in docs/tools/)",
        f"{where}:{line_of(text, 'night-calls')}: unknown conduct rule 'night-calls'"
        " (rules are in data/collection_rules.yml)",
        f"{where}:{line_of(text, '十日内清偿债务')}: quote is not verbatim in 《民事诉讼法》第二百二十七条",
        f"{where}:{line_of(text, 'court-email')}: 'court-email' is not an answer of 'papers'",
        f"{where}:{line_of(text, 'basis: practice', after='id: list-debts')}: basis 'practice' needs a 'note:'"
        " saying why it is advised (it is not law)",
    }
    assert set(got) == expected


def test_a_deadline_must_rest_on_law_and_count_days_or_take_the_date(copy: Path) -> None:
    path = copy / "data" / "guide.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    date-label: 收到裁定书的日期\n    days: 10\n",
                        "    date-label: 收到裁定书的日期\n    days: 10\n    on-date: true\n", 1)
    path.write_text(text, encoding="utf-8")
    got = [str(p) for p in load_tools(copy)[1]]
    assert got == [f"data/guide.yml:{line_of(text, 'id: appeal-ruling')}: give exactly one of 'days: N' (counted"
                   " from the date) or 'on-date: true' (the date itself)"]
