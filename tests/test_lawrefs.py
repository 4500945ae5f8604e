"""Legal references in the content (issue 12): each error kind with its exact ``path:line: message``,
the forms the finder recognises, and the real site, where every reference resolves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, ROOT, MakeProject, fixture_article

from mingbai.cli import main
from mingbai.laws import LawLibrary
from mingbai.laws.numbers import anchor, article_key, cn_int, to_cn
from mingbai.laws.refcheck import make_finder
from mingbai.project import Project, check_project
from mingbai.urls import update_registry

X = "docs/credit-report/x.md"  # the fixture article; its body starts at line 14


def project_with(make_project: MakeProject, body: str) -> Project:
    """A project whose own laws/ is the fixture folder, with one article whose body starts with ``body``."""
    project = make_project({"credit-report/x.md": fixture_article("valid", lambda rest: body + "\n" + rest)},
                           register=False)
    shutil.copytree(FIXTURES / "laws", project.root / "laws", dirs_exist_ok=True)
    articles, _ = project.articles()
    update_registry(project.registry, project.current_urls(articles))
    return project


def run(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    """`mingbai check` with no --laws: the project's laws/ is the default."""
    status = main(["--root", str(project.root), "check"])
    out = capsys.readouterr()
    errors = [line for line in out.err.splitlines() if not line.endswith("problem(s) found.")]
    return status, errors, [line for line in out.out.splitlines() if line.startswith(f"{X}:") and "warning:" in line
                            and int(line.split(":")[1]) >= 14]  # the body's, not the fixture's front matter


CASES = [
    ("unknown law", "按《征信业管理办法》第十条，机构要告知你。\n",
     f"{X}:14: unknown law 《征信业管理办法》 in 《征信业管理办法》第十条: no text in laws and not on the absent "
     "list of laws/laws.yml"),
    ("missing article", "《征信业管理条例》第九十九条规定了别的事。\n",
     f"{X}:14: 《征信业管理条例》第九十九条: 《征信业管理条例》 has no 第九十九条 (its last article is 第十七条)"),
    ("missing paragraph", "按《征信业管理条例》第十六条第三款，可以作出说明。\n",
     f"{X}:14: 《征信业管理条例》第十六条第三款: 第十六条 of 《征信业管理条例》 has 2 款, not 第三款"),
    ("missing item", "《征信业管理条例》第十六条第（二）项规定了期限。\n",
     f"{X}:14: 《征信业管理条例》第十六条第（二）项: 第十六条 of 《征信业管理条例》 has no 第（二）项"),
    ("bare reference with no law before it",
     "## 两部法规\n\n《征信业管理条例》第十五条和《中华人民共和国治安管理处罚法》第四十三条都有规定。\n\n"
     "## 另一节\n\n第十六条规定了保存期限。\n",
     f"{X}:20: '第十六条' names no law: its section names none, and the text cites more than one law before it; "
     "write the law's name before it (法名第十六条)"),
    ("paragraph with no article before it", "第二款规定，可以作出说明。\n",
     f"{X}:14: '第二款' follows no article reference in its section; write the article (第N条第二款)"),
    ("misquote in a body block quote",
     "《征信业管理条例》第十六条规定：\n\n> 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为3年。\n",
     f"{X}:16: quote 「征信机构对个人不良信息的保存期限，自不良行为……」 is not verbatim in 《征信业管理条例》第十六条"),
    ("misquote with its citation at the end",
     "> 信息提供者向征信机构提供个人不良信息，不必告知信息主体本人。（《征信业管理条例》第十五条）\n",
     f"{X}:14: quote 「信息提供者向征信机构提供个人不良信息，不必告……」 is not verbatim in 《征信业管理条例》第十五条"),
    ("misattributed inline quote", "条例第十五条规定「自不良行为或者事件终止之日起为5年」。\n",
     f"{X}:14: quote 「自不良行为或者事件终止之日起为5年」 is not verbatim in 《征信业管理条例》第十五条 "
     "(it is in 第十六条)"),
]


@pytest.mark.parametrize(("case", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_reference_error_is_reported_with_its_line(make_project: MakeProject, capsys: pytest.CaptureFixture[str],
                                                        case: str, body: str, expected: str) -> None:
    status, errors, _ = run(project_with(make_project, body), capsys)
    assert errors == [expected]
    assert status == 1


def test_old_text_and_absent_law_are_warnings(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    body = ("按《治安管理处罚法》第四十二条，威胁他人人身安全的要受处罚。\n\n"
            "《商业银行信用卡业务监督管理办法》第七十条规定了个性化分期；该办法第七十条还要求留存录音。\n")
    status, errors, warnings = run(project_with(make_project, body), capsys)
    assert (status, errors) == (0, [])
    assert warnings == [
        f"{X}:14: warning: 《治安管理处罚法》第四十二条 cites a text that is not the one in force: "
        "这是 2012 年的旧文本，2026 年 1 月 1 日起施行的修订本条文序号已经改变。",
        f"{X}:16: warning: cannot verify references to 《商业银行信用卡业务监督管理办法》: no text in laws "
        "(文本不在本站。)",
    ]


def test_verbatim_quotes_and_every_form_pass(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    body = ("《征信业管理条例》第十六条规定：\n\n"
            "> 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年；……应当予以删除。\n\n"
            "第十六条第二款还说，信息主体「可以对不良信息作出说明」。按条例第十五条，要事先告知；"
            "第十七条规定「个人信息主体有权每年两次免费获取本人的信用报告」。\n")
    status, errors, _ = run(project_with(make_project, body), capsys)
    assert (status, errors) == (0, [])


def test_finder_recognises_each_form() -> None:
    library = LawLibrary(ROOT / "laws")
    finder = make_finder(library)
    text = ("《民法典》第五百四十六条规定了通知；民法典第一百九十二条第二款另有规定。《刑法》第一百七十五条之一"
            "和第二百九十三条之一，第三十八条第（五）项，同条第（二）项。")
    refs = finder.scan([(1, text)], markdown=False).references
    assert [(r.kind, r.law, r.article, r.paragraph, r.item) for r in refs] == [
        ("named", "民法典", "第五百四十六条", None, None),
        ("short", "民法典", "第一百九十二条", 2, None),
        ("named", "刑法", "第一百七十五条之一", None, None),
        ("bare", "刑法", "第二百九十三条之一", None, None),
        ("bare", "刑法", "第三十八条", None, 5),
        ("sub", "刑法", "第三十八条", None, 2),
    ]
    assert text[refs[0].link_start:refs[0].end] == "《民法典》第五百四十六条"


def test_a_heading_starts_a_section_and_links_skip_link_text() -> None:
    finder = make_finder(LawLibrary(ROOT / "laws"))
    lines = [(1, "《民法典》第一条。"), (2, "## 新的一节"), (3, "看[《刑法》第一条](x.md)和第二条。")]
    refs = finder.scan(lines, cited=["民法典", "刑法"]).references
    assert [(r.line, r.law, r.article, r.linkable) for r in refs] == [
        (1, "民法典", "第一条", True), (3, "刑法", "第一条", False), (3, "刑法", "第二条", True)]


def test_chinese_numbers_and_anchors() -> None:
    for number in (1, 10, 16, 20, 100, 110, 175, 1005, 1064, 1260):
        assert cn_int(to_cn(number)) == number
    assert article_key("16") == "第十六条"
    assert (anchor("第十六条"), anchor("第二百九十三条之一"), anchor("三")) == ("a16", "a293-1", "s3")


def test_books_of_a_code_are_one_law_by_their_heading(tmp_path: Path) -> None:
    """No list of the Civil Code's books in code: files with the same first heading are one law."""
    folder = tmp_path / "laws"
    folder.mkdir()
    (folder / "甲编.md").write_text("# 某某法典\n\n# 甲编\n\n<!-- INFO END -->\n\n第三条 丙。\n", encoding="utf-8")
    (folder / "乙编.md").write_text("# 某某法典\n\n# 乙编\n\n<!-- INFO END -->\n\n第一条 甲。\n第二条 乙。\n",
                                    encoding="utf-8")
    catalogue = "source: s\nsnapshot: 2025-04-19\nlaws:\n  某某法典: {slug: code, status: in-force}\n"
    (folder / "laws.yml").write_text(catalogue, encoding="utf-8")
    library = LawLibrary(folder)
    assert library.problems == []
    law = library.get("《某某法典》")
    assert law is not None and list(law.articles) == ["第一条", "第二条", "第三条"]  # books by first article
    assert [b.text for b in law.parsed[1] if b.kind == "heading"] == ["乙编", "甲编"]


def test_catalogue_problems_are_located(tmp_path: Path) -> None:
    folder = tmp_path / "laws"
    folder.mkdir()
    (folder / "甲法.md").write_text("# 甲法\n\n<!-- INFO END -->\n\n第一条 甲。\n", encoding="utf-8")
    (folder / "乙法.md").write_text("# 乙法\n\n<!-- INFO END -->\n\n第一条 乙。\n", encoding="utf-8")
    (folder / "laws.yml").write_text(
        "source: s\nsnapshot: 2025-04-19\nlaws:\n  甲法:\n    slug: Jia\n    status: old\n"
        "  丙法: {slug: bing, status: in-force}\n",
        encoding="utf-8")
    library = LawLibrary(folder, root=tmp_path)
    assert [str(p) for p in sorted(library.problems)] == [
        "laws/laws.yml:4: law '甲法' is 'old': say what changed under 'caution'",
        "laws/laws.yml:5: law '甲法' needs a slug of lowercase ASCII words joined by hyphens",
        "laws/laws.yml:6: unknown status 'old' (known: in-force, amended, old-text)",
        "laws/laws.yml:7: 《丙法》 is listed but no text in laws/ has that first heading",
        "laws/乙法.md:1: 《乙法》 has no entry in laws.yml (slug, status)",
    ]


def test_real_site_has_no_unresolved_reference() -> None:
    project = Project(ROOT)
    articles, _ = project.articles()
    library = project.law_library()
    assert library.problems == []
    report = project.law_report(articles, library)
    assert [str(p) for p in report.problems if not p.warning] == []
    counts = report.counts()
    assert sum(c["unresolved"] for c in counts.values()) == 0
    assert counts["named"]["resolved"] > 100 and counts["bare"]["resolved"] > 50
    assert report.quotes["block quotes checked"] == report.quotes["block quotes verbatim"] > 10
    assert [str(p) for p in check_project(project) if not p.warning] == []


def test_laws_command_lists_citing_places_and_uncited_laws(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "laws", "征信业管理条例", "16"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("《征信业管理条例》第十六条: ")
    assert "  docs/credit-report/negative-record-retention.md:29" in out
    assert main(["--root", str(ROOT), "laws"]) == 0
    out = capsys.readouterr().out
    assert "On file, cited nowhere" in out and "/laws/public-security-penalties-law/" in out
    assert "0 unresolved" in out
    assert main(["--root", str(ROOT), "laws", "不存在的法"]) == 1
