"""Editor tooling (issue 17): `mingbai new`, the typography rules and `mingbai fix`, `mingbai review`."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from support import FIXTURES, MakeProject, fixture_article

from mingbai.cli import main
from mingbai.editing.typography import fix, lint

LAWS = FIXTURES / "laws"
BODY = (FIXTURES / "body.md").read_text(encoding="utf-8")


@pytest.fixture
def project(make_project: MakeProject):
    return make_project({"credit-report/retention.md": fixture_article("valid")})


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ---- mingbai new ----

def test_new_writes_a_skeleton_the_check_refuses_until_filled_in(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MINGBAI_TODAY", "2026-12-05")
    status, out, _ = run(capsys, "--root", str(project.root), "new", "征信知识", "report-errors")
    assert (status, out.strip()) == (0, "docs/credit-report/report-errors.md")
    path = project.docs / "credit-report" / "report-errors.md"
    text = path.read_text(encoding="utf-8")
    assert "date: 2026-12-05\nreviewed: 2026-12-05\n" in text and "sources: []" in text
    assert "#    quote:" in text  # the commented example
    assert len(re.findall(r"^## ", text, re.M)) in range(3, 7) and "## 常见误区" in text
    assert "/credit-report/report-errors/" in (project.root / "urls.yml").read_text(encoding="utf-8")

    status, _, err = run(capsys, "--root", str(project.root), "check", "--laws", str(LAWS))
    assert status == 1
    assert "docs/credit-report/report-errors.md:2: placeholder 「待填写」 left from `mingbai new`" in err
    assert "docs/credit-report/report-errors.md:9: required field 'sources' is empty" in err

    valid = fixture_article("valid").split("\n---\n", 1)[0].replace("不良记录会保存多久", "征信报告有错怎么办")
    path.write_text(valid.replace("date: 2026-11-01", "date: 2026-12-05").replace("reviewed: 2026-11-20",
                    "reviewed: 2026-12-05") + "\n---\n" + BODY, encoding="utf-8")
    status, out, err = run(capsys, "--root", str(project.root), "check", "--laws", str(LAWS))
    assert status == 0, err


@pytest.mark.parametrize(("category", "slug", "message"), [
    ("黑名单", "x-y", "unknown category '黑名单' (known: 逾期知识 (basics)"),
    ("credit-report", "Report_Errors", "slug 'Report_Errors' must be lowercase ASCII words joined by hyphens"),
    ("credit-report", "a" * 41, "at most 40 characters"),
    ("credit-report", "retention", "docs/credit-report/retention.md exists already"),
    ("basics", "retention", "slug 'retention' is used by docs/credit-report/retention.md"),
])
def test_new_refuses_with_the_reason(project, capsys, category: str, slug: str, message: str) -> None:
    before = sorted(p.relative_to(project.docs) for p in project.docs.rglob("*.md"))
    status, _, err = run(capsys, "--root", str(project.root), "new", category, slug)
    assert status == 1 and message in err
    assert sorted(p.relative_to(project.docs) for p in project.docs.rglob("*.md")) == before


# ---- typography ----

@pytest.mark.parametrize(("line", "rule", "fixed"), [
    ("逾期3个月以后，打开APP查询。", "T1", "逾期 3 个月以后，打开 APP 查询。"),
    ("2026年11月30日起施行。", "T1", "2026 年 11 月 30 日起施行。"),
    ("先打电话,再写信.然后等待", "T2", "先打电话，再写信。然后等待"),
    ('俗称"停息挂账"的做法。', "T3", "俗称“停息挂账”的做法。"),
    ("提前还款(可以协商)的办法。", "T4", "提前还款（可以协商）的办法。"),
    ("通知自 2026-03-01 起施行。", "T5", "通知自 2026 年 3 月 1 日起施行。"),
])
def test_each_rule_is_reported_at_its_line_and_fixed(project, capsys, line: str, rule: str, fixed: str) -> None:
    path = project.docs / "credit-report" / "retention.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n## 保存期限从哪天算\n", f"\n## 保存期限从哪天算\n\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    number = text.split("\n").index(line) + 1
    status, out, err = run(capsys, "--root", str(project.root), "check", "--laws", str(LAWS))
    reported = [ln for ln in (out + err).splitlines() if f" {rule} " in ln]
    assert len(reported) == 1 and reported[0].startswith(f"docs/credit-report/retention.md:{number}: ")
    assert (status == 1) is (rule != "T5")  # T5 is a warning
    assert fix(text).split("\n")[number - 1] == fixed


LAW_TEXTS = """\
---
title: 测试
answer: 按第十六条,保存5年。
sources:
  - law: 征信业管理条例
    quote: "保存期限,自不良行为终止之日起为5年"
---

按《征信业管理条例》第十六条，保存期限「自不良行为或者事件终止之日起为5年」,通常从还清算起.
第十七条规定：“信息主体可以每年两次免费获取本人的信用报告。”逾期3天也一样。
期限是「自终止之日起为5年」（第十六条），逾期3天。

> 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年;超过5年的,应当予以删除。

用 `mingbai check 3个` 检查，见 [2021年的规定](https://example.org/a,b) 和 <span title="5年">说明</span>。

```
代码3个,不改
```
"""


def test_fix_is_idempotent_and_never_touches_law_quotes_code_or_keys() -> None:
    once = fix(LAW_TEXTS)
    assert fix(once) == once and lint(once) == []
    for kept in ("「自不良行为或者事件终止之日起为5年」", "“信息主体可以每年两次免费获取本人的信用报告。”",
                 "「自终止之日起为5年」",
                 "> 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年;超过5年的,应当予以删除。",
                 '    quote: "保存期限,自不良行为终止之日起为5年"', "`mingbai check 3个`", "(https://example.org/a,b)",
                 '<span title="5年">', "代码3个,不改", "  - law: 征信业管理条例"):
        assert kept in once, kept
    assert "answer: 按第十六条，保存 5 年。" in once
    assert "通常从还清算起。" in once and "逾期 3 天也一样。" in once


def test_fix_command_rewrites_bom_crlf_and_typography_in_place(project, capsys) -> None:
    path = project.docs / "credit-report" / "retention.md"
    text = path.read_text(encoding="utf-8").replace("## 保存期限从哪天算", "## 保存期限从哪天算\n\n逾期3天")
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    status, out, _ = run(capsys, "--root", str(project.root), "fix")
    assert status == 0 and "fixed docs/credit-report/retention.md: byte-order mark, CRLF line ends, T1" in out
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and "逾期 3 天".encode() in data
    status, out, _ = run(capsys, "--root", str(project.root), "fix")
    assert out.strip() == "0 file(s) fixed." and path.read_bytes() == data


# ---- mingbai review ----

def _news(day: str) -> str:
    return (fixture_article("valid").replace("category: 征信知识", "category: 逾期动态")
            .replace("title: 不良记录会保存多久", "title: 新规定开始施行")
            .replace("date: 2026-11-01", f"date: {day}").replace("reviewed: 2026-11-20", f"reviewed: {day}"))


def test_review_lists_what_needs_attention_most_urgent_first(make_project: MakeProject, capsys) -> None:
    project = make_project({
        "credit-report/retention.md": fixture_article("valid"),  # reviewed 2026-11-20
        "news/old-rule.md": _news("2025-06-01"),
    })
    status, out, _ = run(capsys, "--root", str(project.root), "review", "--today", "2026-12-02", "--json")
    report = json.loads(out)
    assert status == 0 and report["today"] == "2026-12-02"
    kinds = [(i["kind"], i["where"]) for i in report["items"]]
    assert kinds[:2] == [("news-old", "docs/news/old-rule.md"), ("stale", "docs/news/old-rule.md")]
    assert ("stale", "docs/credit-report/retention.md") not in kinds  # 12 days old
    assert all(kind == "glossary-unused" for kind, _ in kinds[2:]) and len(kinds) > 2
    status, out, _ = run(capsys, "--root", str(project.root), "review", "--today", "2027-06-01", "--days", "180")
    lines = out.splitlines()
    assert lines[1].startswith("docs/news/old-rule.md:") and "[stale]" in lines[1]
    assert lines[2] == ("docs/credit-report/retention.md:8: [stale] facts last checked 2026-11-20, "
                        "193 days ago (threshold 180)")
    assert lines[-1].endswith("item(s) to look at (as of 2027-06-01).")
    assert dt.date(2027, 6, 1) - dt.date(2026, 11, 20) == dt.timedelta(days=193)
