"""The tools' data files (data/collection_rules.yml, data/letters.yml) and quotes in docs/tools pages:
checked like articles (verbatim quotes, located problems, all at once) and rendered into the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import FIXTURES, LAWS, ROOT, MakeProject

from mingbai.cli import main
from mingbai.laws import LawLibrary, quote_in
from mingbai.pages import MarkerError
from mingbai.toolpages import collection_check, expand_tool_markers, letters_data
from mingbai.tools import VERDICTS, check_tools, load_tools

FIXTURE_LAWS = FIXTURES / "laws"

RULES = """\
reviewed: 2026-11-30
standards:
  guide:
    name: 某协会《示例指引》
    kind: 行业自律规范
    scope: 示例业务
    note: 据报道。
groups:
  - id: time
    label: 时间
rules:
  - id: night
    group: time
    ask: 深夜打电话
    verdict: self-regulation
    finding: 行业规范不允许。
    standards:
      - source: guide
        summary: 夜间不得催收。
    actions: [留证据]
    read: [../credit-report/x.md]
  - id: notice
    group: time
    ask: 告知要报送征信
    verdict: none
    finding: 合法的事先告知。
    law:
      - law: 征信业管理条例
        article: 第十五条
        quote: 信息提供者向征信机构提供个人不良信息，应当事先告知信息主体本人。
    actions: [核对金额]
"""


def write(project_root: Path, name: str, text: str) -> None:
    path = project_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(make_project: MakeProject):
    """A small project with one article, so that ``read:`` links have a target."""
    article = "---\ntitle: x\n---\n\n正文\n"
    return make_project({"credit-report/x.md": article}, register=False)


def test_real_data_is_valid_and_every_quote_is_verbatim() -> None:
    tools, problems = load_tools(ROOT)
    assert problems == []
    assert tools.rules is not None and tools.letters is not None
    assert len(tools.rules.rules) >= 15
    assert {letter.id for letter in tools.letters} == {
        "personalised-instalments", "credit-dispute", "stop-third-party", "complaint"}
    if LAWS.is_dir():
        problems = check_tools(ROOT, LAWS)
        assert [p for p in problems if not p.warning] == []
        # The credit-card regulation is not in the law folder (facts.md verifies 第七十条 from three copies).
        assert all("商业银行信用卡业务监督管理办法" in p.message for p in problems)


def test_real_rules_cover_the_issue_list_and_label_self_regulation_as_reported() -> None:
    rules = load_tools(ROOT)[0].rules
    assert rules is not None
    by_id = {rule.id: rule for rule in rules.rules}
    for needed in ("night-contact", "third-party-contact", "third-party-disclosure", "threats", "public-posting",
                   "fake-authority", "private-account"):
        assert needed in by_id
    assert by_id["night-contact"].verdict == "self-regulation"  # 22:00–8:00 is not law (facts.md §14)
    assert by_id["private-account"].verdict == "none"
    for rule in rules.rules:
        assert rule.verdict in VERDICTS
        for ref in rule.standards:
            assert "据报道" in ref.standard.note, rule.id
        assert "21:00" not in rule.finding + "".join(r.summary + r.quote for r in rule.standards)


def test_real_letters_cite_their_basis_and_list_evidence() -> None:
    letters = load_tools(ROOT)[0].letters
    assert letters is not None
    for letter in letters:
        assert letter.legal and letter.evidence, letter.id
    instalments = next(letter for letter in letters if letter.id == "personalised-instalments")
    assert instalments.legal[0][0].cite == "《商业银行信用卡业务监督管理办法》第七十条"
    assert "可以" in instalments.legal[0][0].quote  # a "may", not an obligation
    months = next(f for f in instalments.fields if f.id == "months")
    assert (months.min, months.max) == (1, 60)


def test_check_reports_every_problem_with_its_line(project, capsys: pytest.CaptureFixture[str]) -> None:
    bad = (RULES
           .replace("verdict: self-regulation", "verdict: maybe")
           .replace("source: guide", "source: nobody")
           .replace("../credit-report/x.md", "../credit-report/missing.md")
           .replace("事先告知信息主体本人。", "事先通知信息主体本人。")
           .replace("    actions: [核对金额]", "    actions: [核对金额]\n    colour: red"))
    write(project.root, "data/collection_rules.yml", bad)
    status = main(["--root", str(project.root), "check", "--laws", str(FIXTURE_LAWS)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    rules = "data/collection_rules.yml"
    assert [line for line in err if line.startswith(rules)] == [
        f"{rules}:15: unknown verdict 'maybe' (known: law, regulation, self-regulation, none)",
        f"{rules}:18: unknown standard 'nobody' (define it under 'standards:')",
        f"{rules}:21: link '../credit-report/missing.md' must be a relative .md link to a page in docs/",
        f"{rules}:30: quote is not verbatim in 《征信业管理条例》第十五条",
        f"{rules}:32: unknown key 'colour' (known: actions, ask, finding, group, id, law, read, standards, verdict)",
    ]


def test_valid_fixture_passes_and_law_verdict_needs_a_quote(project) -> None:
    write(project.root, "data/collection_rules.yml", RULES)
    assert check_tools(project.root, FIXTURE_LAWS) == []
    no_quote = RULES.replace("verdict: none", "verdict: law").split("    law:")[0] + "    actions: [x]\n"
    write(project.root, "data/collection_rules.yml", no_quote)
    assert [str(p) for p in check_tools(project.root)] == [
        "data/collection_rules.yml:25: verdict 'law' needs at least one verbatim quote under 'law:'"]


REGULATOR = """\
  rule:
    name: 某监管部门《示例办法》
    kind: 监管规定
    scope: 示例机构
    note: 据报道。
    tier: regulation
"""


def test_a_regulators_rule_is_its_own_tier_and_listed_before_self_regulation(project) -> None:
    """REVIEW.md item 3: a regulator's rule is neither law nor self-regulation, and is labelled so."""
    rules = (RULES.replace("standards:\n  guide:", "standards:\n" + REGULATOR + "  guide:")
             .replace("verdict: self-regulation", "verdict: regulation")
             .replace("        summary: 夜间不得催收。\n",
                      "        summary: 夜间不得催收。\n      - source: rule\n        summary: 只向本人催收。\n"))
    write(project.root, "data/collection_rules.yml", rules)
    assert check_tools(project.root, FIXTURE_LAWS) == []
    book = load_tools(project.root)[0].rules
    html = collection_check(book, "tools/check.md", project.docs)
    assert VERDICTS["regulation"] in html
    regulation = html.index("监管规定（约束受监管的机构，不是法律，是投诉的有力依据）")
    self_regulation = html.index("行业自律规范和推荐性标准（不是法律")
    cited = html.index("某监管部门《示例办法》（监管规定，适用于示例机构）的要求：只向本人催收。")
    assert regulation < cited < self_regulation
    # a 'regulation' verdict that cites only self-regulation is refused, and so is an unknown tier
    only_guide = rules.replace("      - source: rule\n        summary: 只向本人催收。\n", "")
    write(project.root, "data/collection_rules.yml", only_guide.replace("tier: regulation", "tier: law"))
    assert [str(p) for p in check_tools(project.root)] == [
        "data/collection_rules.yml:8: unknown tier 'law' (known: regulation, self-regulation)",
        "data/collection_rules.yml:21: verdict 'regulation' needs a rule of tier 'regulation' under 'standards:'"]


LETTERS = """\
letters:
  - id: demo
    title: 示例信
    summary: 示例。
    sign: 申请人
    fields:
      - id: name
        label: 姓名
        type: text
      - id: kind
        label: 种类
        type: select
        default: other
        choices:
          - value: a
            label: 甲
          - value: no
            label: 乙
    body: |
      本人 {name}，{kind}，{missing}[[未闭合
    legal:
      - law: 征信业管理条例
        article: 第十六条
        quote: 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年
        when: {field: name, in: [a]}
    evidence: [身份证复印件]
"""


def test_letter_template_problems(project) -> None:
    write(project.root, "data/letters.yml", LETTERS)
    assert [str(p) for p in check_tools(project.root, FIXTURE_LAWS)] == [
        "data/letters.yml:13: default 'other' is not one of the choices",
        "data/letters.yml:17: write this as quoted text: YAML reads yes, no, on, off, true and false as yes/no values",
        "data/letters.yml:19: placeholder '{missing}' names no field of this letter",
        "data/letters.yml:19: unbalanced '[[ ... ]]' optional part",
        "data/letters.yml:25: 'when' must name a select field of this letter, not 'name'",
    ]


def test_quotes_in_tool_pages_need_an_attribution_and_must_be_verbatim(project) -> None:
    page = ("---\ntitle: t\ndescription: d\n---\n\n"
            "> 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年；超过5年的，应当予以删除。\n"
            ">\n> ——《征信业管理条例》第十六条\n\n"
            "> 没有出处的引文。\n\n"
            "> 信息主体可以向征信机构查询自身信息。\n> ——《征信业管理条例》第十五条\n")
    write(project.root, "docs/tools/t.md", page)
    assert [str(p) for p in check_tools(project.root, FIXTURE_LAWS)] == [
        "docs/tools/t.md:10: a quote in a tool page must end with a line '> ——《法名》第几条' naming where it is from",
        "docs/tools/t.md:12: quote is not verbatim in 《征信业管理条例》第十五条 (it is in 第十七条)",
    ]


def test_tool_pages_of_the_real_site_quote_verbatim() -> None:
    if not LAWS.is_dir():
        pytest.skip("no law texts beside the project")
    laws = LawLibrary(LAWS)
    text = (ROOT / "docs/tools/credit-record-date.md").read_text(encoding="utf-8")
    quote = re.search(r"^> (征信机构.*)$", text, re.M)
    assert quote is not None
    assert quote_in(quote.group(1), laws.get("征信业管理条例").article_text("第十六条"))


def test_self_check_html_has_a_labelled_box_and_a_hidden_finding_per_rule(project) -> None:
    write(project.root, "data/collection_rules.yml", RULES.replace("ask: 深夜打电话", "ask: 深夜<打>电话"))
    rules = load_tools(project.root)[0].rules
    html = collection_check(rules, "tools/check.md", project.docs)
    box = '<input type="checkbox" id="rule-night" name="rule" value="night">'
    assert box + '<label for="rule-night">深夜&lt;打&gt;电话' in html
    assert 'data-rule="notice" data-verdict="none" aria-labelledby="finding-notice-title" hidden>' in html
    assert "<blockquote><p>信息提供者向征信机构提供个人不良信息，应当事先告知信息主体本人。</p></blockquote>" in html
    assert "据报道，某协会《示例指引》（行业自律规范，适用于示例业务）的要求：夜间不得催收。" in html
    assert '<a href="../../credit-report/x/">x</a>' in html  # raw HTML links are written as built URLs
    assert 'role="status" aria-live="polite"' in html
    assert "\n\n" not in html  # a blank line would end the raw HTML block inside Markdown


def test_letters_json_is_safe_inside_a_script_element() -> None:
    letters = load_tools(ROOT)[0].letters
    assert letters is not None
    letters[0].body += "</script><!--"
    text = letters_data(letters)
    assert "</" not in text and "<!--" not in text
    data = json.loads(text)
    assert data["letters"][0]["body"].endswith("</script><!--")
    assert data["letters"][1]["legal"][1]["when"] == {"field": "problem", "in": ["expired"]}


def test_unknown_tool_marker_fails(project) -> None:
    tools = load_tools(project.root)[0]
    with pytest.raises(MarkerError, match="unknown tool 'letters'"):
        expand_tool_markers("<!-- mingbai:tool letters -->", "tools/x.md", tools, project.docs)
