"""`mingbai check`: one fixture per error kind, each with its exact ``path:line: message``."""

from __future__ import annotations

import pytest
from support import FIXTURES, MakeProject, fixture_article

from mingbai.cli import main

LAWS = str(FIXTURES / "laws")
DIR = "docs/credit-report"

CASES = [
    ("malformed-yaml", "x.md", f"{DIR}/x.md:5: malformed YAML in front matter: expected ',' or ']', but got ':'"),
    ("missing-field", "x.md", f"{DIR}/x.md:1: missing required field 'answer'"),
    ("empty-field", "x.md", f"{DIR}/x.md:5: required field 'description' is empty"),
    ("unknown-category", "x.md", f"{DIR}/x.md:3: unknown category '征信常识' (known: 逾期知识、还款逾期、平台逾期、"
     "用卡知识、逾期协商、停息分期、征信知识、权益保护、逾期动态)"),
    ("unknown-tag", "x.md", f"{DIR}/x.md:4: unknown tag '黑名单' (add it to taxonomy.yml first)"),
    ("tag-count", "x.md", f"{DIR}/x.md:4: 1 tags; between 2 and 6 required"),
    ("long-title", "x.md", f"{DIR}/x.md:2: title is 35 characters; at most 30 allowed"),
    ("long-description", "x.md", f"{DIR}/x.md:5: description is 84 characters; at most 80 allowed"),
    ("long-answer", "x.md", f"{DIR}/x.md:6: answer is 192 characters; at most 150 allowed"),
    ("bad-date", "x.md", f"{DIR}/x.md:7: date '2026-02-30' is not a real date in the form YYYY-MM-DD"),
    ("future-date", "x.md", f"{DIR}/x.md:8: reviewed 2099-01-01 lies in the future"),
    ("reviewed-before-date", "x.md", f"{DIR}/x.md:8: reviewed 2026-10-01 is before date 2026-11-01"),
    ("wrong-folder", "x.md", f"{DIR}/x.md:3: category '用卡知识' belongs in folder 'cards/', "
     "but the file is in 'credit-report/'"),
    ("valid", "Bad_Slug.md", f"{DIR}/Bad_Slug.md:1: slug 'Bad_Slug' must be short lowercase ASCII words joined by "
     "hyphens (at most 40 characters), e.g. 'card-overdue-3-months'"),
    ("related-missing", "x.md", f"{DIR}/x.md:9: related entry 'no-such-article' names no article"),
    ("broken-link", "x.md", f"{DIR}/x.md:14: broken internal link '../basics/no-such-page.md'"),
    ("bad-quote", "x.md", f"{DIR}/x.md:12: quote is not verbatim in 《征信业管理条例》第十六条"),
    ("misattributed-quote", "x.md", f"{DIR}/x.md:12: quote is not verbatim in 《征信业管理条例》第十五条 "
     "(it is in 第十六条)"),
    ("lookalike", "x.md", f"{DIR}/x.md:14: look-alike radical character '⼈' (U+2F08); "
     "retype it as the ordinary character"),
]


def run_check(capsys: pytest.CaptureFixture[str], root: str, *extra: str) -> tuple[int, list[str], str]:
    status = main(["--root", root, "check", "--laws", LAWS, *extra])
    out = capsys.readouterr()
    errors = [line for line in out.err.splitlines() if not line.endswith("problem(s) found.")]
    return status, errors, out.out


@pytest.mark.parametrize(("fixture", "name", "expected"), CASES, ids=[c[0] + ":" + c[1] for c in CASES])
def test_each_error_kind_is_reported_with_its_line(
    make_project: MakeProject, capsys: pytest.CaptureFixture[str], fixture: str, name: str, expected: str
) -> None:
    project = make_project({f"credit-report/{name}": fixture_article(fixture)})
    status, errors, _ = run_check(capsys, str(project.root))
    assert errors == [expected]
    assert status == 1


def test_missing_caution_section(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture_article("valid", lambda body: body.replace("## 注意事项", "## 其他提醒"))
    project = make_project({"credit-report/x.md": text})
    status, errors, _ = run_check(capsys, str(project.root))
    assert errors == [f"{DIR}/x.md:14: no '常见误区' or '注意事项' section (a ## heading naming one is required)"]
    assert status == 1


def test_short_body_without_caution_section(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"credit-report/x.md": fixture_article("short-body")})
    status, errors, _ = run_check(capsys, str(project.root))
    assert errors == [
        f"{DIR}/x.md:14: body is 4 characters; 1000–3000 required",
        f"{DIR}/x.md:14: no '常见误区' or '注意事项' section (a ## heading naming one is required)",
    ]
    assert status == 1


def test_duplicate_title_names_both_files(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    valid = fixture_article("valid")
    project = make_project({"credit-report/a.md": valid, "credit-report/b.md": valid})
    status, errors, _ = run_check(capsys, str(project.root))
    assert errors == [f"{DIR}/b.md:2: duplicate title '不良记录会保存多久', also used by {DIR}/a.md"]
    assert status == 1


def test_unverifiable_law_is_a_warning_not_an_error(make_project: MakeProject,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"credit-report/x.md": fixture_article("unverifiable")})
    status, errors, out = run_check(capsys, str(project.root))
    assert status == 0 and errors == []
    assert f"{DIR}/x.md:10: warning: cannot verify: no text of 《商业银行信用卡业务监督管理办法》" in out


def test_all_problems_reported_at_once(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({
        "credit-report/a.md": fixture_article("unknown-tag"),
        "credit-report/b.md": fixture_article("bad-date").replace("title: 不良记录会保存多久", "title: 另一个标题"),
        "cards/c.md": fixture_article("long-title").replace("category: 征信知识", "category: 用卡知识"),
    })
    status, errors, _ = run_check(capsys, str(project.root))
    assert status == 1
    assert [e.split(":")[0] for e in errors] == [
        "docs/cards/c.md", "docs/credit-report/a.md", "docs/credit-report/b.md"]


def test_valid_article_passes(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"credit-report/x.md": fixture_article("valid")})
    status, errors, out = run_check(capsys, str(project.root))
    assert (status, errors) == (0, [])
    assert "OK: 1 articles checked." in out
