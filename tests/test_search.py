"""The Whoosh search: analysis, index, query building, ranking, the ``mingbai search``/``index`` commands.

Everything runs on a small project written into a temporary folder, so the tests do not depend on the
articles being written in ``docs/`` right now (``test_search_eval.py`` covers the real site).
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT
from whoosh.query import Term

from mingbai.cli import main
from mingbai.project import Project
from mingbai.search import command, indexer
from mingbai.search.analysis import STOP_WORDS, setup_project, weighted_words, words
from mingbai.search.indexer import STATE_FILE, build_index, index_state, open_index
from mingbai.search.query import Synonyms, build_query
from mingbai.search.searcher import search
from mingbai.search.text import headings, plain_text
from mingbai.taxonomy import Taxonomy

TAXONOMY = """\
categories:
  - {label: 征信知识, folder: credit-report, scope: 征信报告}
  - {label: 停息分期, folder: instalments, scope: 个性化分期}
  - {label: 权益保护, folder: rights, scope: 催收和投诉}
tags: [征信报告, 征信异议, 个性化分期, 停息挂账, 信用卡, 催收, 投诉, 家人]
glossary:
  - {term: 诉前调解, definition: 起诉前由调解组织调解。}
synonyms:
  - [征信, 信用报告, 信用记录, 征信报告]
  - [停息挂账, 个性化分期, 停息分期]
  - [家人, 家属, 父母, 爸妈]
dictionary: [爆通讯录]
"""
# The real taxonomy's question and filler words (they live in taxonomy.yml, not in the code).
TAXONOMY += "stop_words: " + " ".join(Taxonomy.load(ROOT / "taxonomy.yml").stop_words) + "\n"


# key: (category, tags, title, description, answer, body)
ARTICLES: dict[str, tuple[str, list[str], str, str, str, str]] = {
    "credit-report/check": (
        "征信知识", ["征信报告"], "怎么查自己的征信报告",
        "查征信报告的几种官方渠道。", "可以在人民银行征信中心官网免费查询本人征信报告。",
        "## 官方渠道\n\n每年可以免费查询两次征信报告。\n\n## 注意\n\n不要用来路不明的**第三方** App。",
    ),
    "credit-report/dispute": (
        "征信知识", ["征信报告", "征信异议"], "征信报告有错，怎么提异议",
        "发现错误记录，可以向征信机构提出异议。", "向征信中心或信息提供者提出异议，20 日内答复。",
        "## 提异议\n\n准备身份证明和[证据](../check.md)。异议处理期间记录会被标注。",
    ),
    "instalments/what-is": (
        "停息分期", ["个性化分期", "停息挂账", "信用卡"], "个性化分期是什么",
        "个性化分期还款协议的基本规则。", "信用卡欠款超出还款能力时，可以和银行协商个性化分期，最长 5 年。",
        "## 规则\n\n个性化分期由银行和持卡人平等协商。\n\n| 项目 | 内容 |\n| --- | --- |\n| 期限 | 5 年 |",
    ),
    "instalments/apply": (
        "停息分期", ["个性化分期", "信用卡"], "向银行申请分期的流程",
        "申请流程和要准备的材料。", "先打客服电话说明情况，再提交困难证明。",
        "## 材料\n\n收入证明、病历。个性化分期协议要看清楚条款。",
    ),
    "rights/family": (
        "权益保护", ["催收", "家人"], "催收联系家人合法吗",
        "催收方联系家人的边界。", "催收方不得骚扰与债务无关的第三人，你的家人没有替你还钱的义务。",
        "## 家人的合法权益\n\n家人受法律保护，可以拒绝催收方的要求。遇到爆通讯录可以投诉。",
    ),
    "rights/complaint": (
        "权益保护", ["催收", "投诉"], "怎么投诉违法催收",
        "投诉渠道和取证方法。", "保留录音和截图，向金融监管部门投诉。",
        "## 取证\n\n录音、截图、通话记录都可以作为证据。3 个月内的记录最好都保存。",
    ),
}


def write_article(root: Path, key: str, spec: tuple[str, list[str], str, str, str, str], related: str = "") -> Path:
    category, tags, title, description, answer, body = spec
    path = root / "docs" / f"{key}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = textwrap.dedent(f"""\
        ---
        title: {title}
        category: {category}
        tags: [{", ".join(tags)}]
        description: {description}
        answer: {answer}
        date: 2026-11-30
        reviewed: 2026-11-30
        """) + (f"related: [{related}]\n" if related else "") + "---\n\n"
    path.write_text(front + body + "\n", encoding="utf-8")
    return path


def make_project(root: Path, articles: dict[str, tuple[str, list[str], str, str, str, str]] = ARTICLES) -> Project:
    """A minimal project: taxonomy, mkdocs.yml and a few articles."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    for key, spec in articles.items():
        write_article(root, key, spec)
    return Project(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project with its ``search_index/`` built by ``mingbai index``."""
    project = make_project(tmp_path_factory.mktemp("site"))
    assert main(["--root", str(project.root), "index"]) == 0
    return project


@pytest.fixture(scope="module")
def index(site: Project):
    setup_project(site)
    ix = open_index(site.root / "search_index")
    yield ix
    ix.close()


def keys(hits) -> list[str]:
    return [hit.key for hit in hits]


# --- analysis -------------------------------------------------------------------------------------

def test_long_terms_are_found_by_their_parts_and_domain_terms_stay_whole(site: Project) -> None:
    setup_project(site)
    assert {"合法", "权益", "合法权益"} <= set(words("合法权益"))
    assert "停息挂账" in words("怎么申请停息挂账")
    assert "爆通讯录" in words("遇到爆通讯录")  # from the taxonomy's extra dictionary words


def test_question_words_are_dropped_and_content_words_kept(site: Project) -> None:
    setup_project(site)
    found = words("信用卡还不上了怎么办？会不会坐牢吗")
    assert "信用卡" in found and "坐牢" in found
    assert not set(found) & {"怎么办", "会不会", "吗", "了"}
    assert words("怎么办吗 可以 我 你") == []
    assert {"怎么办", "吗", "会不会", "可以"} <= STOP_WORDS


def test_parts_and_single_characters_weigh_less_than_whole_words(site: Project) -> None:
    setup_project(site)
    weights = weighted_words("信用卡里的钱")
    assert weights["信用卡"] == 1.0
    assert weights["信用"] < 1.0 and weights["钱"] < 1.0


def test_fullwidth_case_and_chinese_numerals_are_normalised(site: Project) -> None:
    setup_project(site)
    assert "lpr" in words("ＬＰＲ")
    assert words("LPR") == words("lpr")
    assert "3" in words("逾期三个月")


def test_plain_text_drops_markdown_syntax() -> None:
    text = plain_text("## 标题 {#anchor}\n\n**加粗** 和 [链接文字](../a/b.md) 以及 `code`\n\n| a | b |\n| --- | --- |\n"
                      "| 1 | 2 |\n\n> 引用\n- 列表\n<span>html</span>\n```\nfenced()\n```")
    assert "链接文字" in text and "加粗" in text and "引用" in text and "html" in text
    for syntax in ("**", "](", "../a/b.md", "|", "---", "`", "fenced", "<span>", "##", "{#"):
        assert syntax not in text
    assert headings("# 题\n\n## 第一节\n\n正文\n\n### 第二节 {#x}\n```\n## 不是标题\n```") == ["第一节", "第二节"]


# --- index ----------------------------------------------------------------------------------------

def test_index_holds_every_article_with_stored_fields_and_state(site: Project, index) -> None:
    with index.searcher() as searcher:
        stored = {fields["key"]: fields for fields in searcher.all_stored_fields()}
    assert set(stored) == set(ARTICLES)
    doc = stored["instalments/what-is"]
    assert doc["url"] == "/instalments/what-is/"
    assert doc["category"] == "停息分期"
    assert doc["tags"] == "个性化分期,停息挂账,信用卡"
    assert "|" not in doc["body"] and "##" not in doc["body"]
    state = json.loads((site.root / "search_index" / STATE_FILE).read_text(encoding="utf-8"))
    assert state["articles"] == len(ARTICLES)
    assert (site.root / "search_index" / "README.md").exists()


def test_build_index_writes_only_inside_dest(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    dest = tmp_path / "dest"
    dest.mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if ".cache" not in p.parts)
    articles, _ = project.articles()
    build_index(project, articles, dest)
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if ".cache" not in p.parts)
    assert [p for p in after if p not in before and p.parts[0] != "dest"] == []


def test_index_command_is_atomic_when_the_build_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    assert main(["--root", str(tmp_path), "index"]) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "search_index").iterdir()}

    def broken(project, articles, dest):  # noqa: ANN001, ANN202
        (dest / "half-written").write_text("x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(indexer, "build_index", broken)
    with pytest.raises(RuntimeError):
        main(["--root", str(project.root), "index"])
    assert {p.name: p.read_bytes() for p in (tmp_path / "search_index").iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".index-")] == []


# --- searching ------------------------------------------------------------------------------------

def test_reader_questions_find_the_right_article(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    assert keys(search(index, "催收打电话给我家人合法吗", synonyms))[0] == "rights/family"
    assert keys(search(index, "征信报告上的记录有错误，能提异议吗", synonyms))[0] == "credit-report/dispute"
    assert keys(search(index, "权益", synonyms)) == ["rights/family"]  # 权益 finds 合法权益


def test_synonyms_find_articles_that_use_another_word(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    # No article says 信用记录 or 爸妈; the taxonomy's groups map them to 征信 / 家人.
    assert search(index, "爸妈", None) == []
    assert keys(search(index, "爸妈", synonyms))[0] == "rights/family"
    assert keys(search(index, "信用记录", synonyms))[0].startswith("credit-report/")
    assert set(keys(search(index, "停息挂账", synonyms))) == {"instalments/apply", "instalments/what-is"}


def test_title_outranks_body(site: Project, index) -> None:
    # 投诉 is in the title of rights/complaint and only in the body of rights/family.
    assert keys(search(index, "投诉", None))[:2] == ["rights/complaint", "rights/family"]


def test_question_words_do_not_change_the_ranking(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    plain = keys(search(index, "个性化分期 材料", synonyms))
    assert keys(search(index, "请问个性化分期要什么材料呢？怎么办啊", synonyms)) == plain


def test_filters_by_category_and_tag(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    assert set(keys(search(index, "征信 催收 分期", synonyms, category="权益保护"))) == {"rights/family",
                                                                                         "rights/complaint"}
    assert keys(search(index, "征信 催收 分期", synonyms, tag="投诉")) == ["rights/complaint"]
    assert len(search(index, "征信 催收 分期", synonyms, limit=2)) == 2


def test_raw_query_syntax_is_harmless(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    reader = build_query('征信 AND (异议 OR "投诉") NOT title:* ~ ^2', synonyms)
    assert reader is not None
    terms = {text for _, text in reader.query.iter_all_terms()}
    assert terms >= {"征信", "异议", "投诉"}
    assert all(isinstance(leaf, Term) for leaf in reader.query.leaves())  # AND/OR/NOT are plain words here
    assert not {"*", "~", "^", "(", ")", '"', ":", "title:*"} & terms
    assert {name for name, _ in reader.query.iter_all_terms()} <= {"title", "answer", "description", "headings",
                                                                   "body", "tags"}
    assert build_query("  \t\n", synonyms) is None
    assert build_query("😀🙏 ^^^ ~~~", synonyms) is None


def test_a_5000_character_query_is_capped(site: Project, index) -> None:
    synonyms = Synonyms(site.taxonomy.synonyms)
    text = ("征信报告有错怎么提异议" + "家人投诉催收个性化分期材料" * 10 + "的") * 40
    assert len(text) > 5000
    assert search(index, text, synonyms)  # answers, and does not build a 5,000-term query
    assert len([w for w in build_query(text, None).words]) <= 24


# --- the commands ---------------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, str, str]:
    status = main(["--root", str(root), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_search_prints_category_title_url_and_snippet(site: Project, capsys) -> None:
    status, out, _ = run(capsys, site.root, "search", "催收", "家人", "--limit", "2")
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "权益保护丨催收联系家人合法吗  /rights/family/"
    assert lines[1].startswith("    ") and "【" in lines[1] and "】" in lines[1]
    assert len([line for line in lines if not line.startswith(" ")]) == 2


def test_search_json(site: Project, capsys) -> None:
    status, out, _ = run(capsys, site.root, "search", "--json", "--tag", "征信异议", "征信")
    data = json.loads(out)
    assert status == 0
    assert [d["url"] for d in data] == ["/credit-report/dispute/"]
    assert set(data[0]) >= {"title", "category", "tags", "url", "score", "snippet"}
    assert data[0]["tags"] == ["征信报告", "征信异议"] and data[0]["score"] > 0


def test_search_category_accepts_label_or_folder(site: Project, capsys) -> None:
    by_label = run(capsys, site.root, "search", "--json", "--category", "停息分期", "分期")[1]
    by_folder = run(capsys, site.root, "search", "--json", "--category", "instalments", "分期")[1]
    assert by_label == by_folder and json.loads(by_label)
    status, _, err = run(capsys, site.root, "search", "--category", "没有的分类", "分期")
    assert status == 2 and "没有这个分类" in err


def test_nothing_found_is_a_clear_message(site: Project, capsys) -> None:
    for query in ("", "   ", "怎么办吗", "量子力学"):
        status, out, _ = run(capsys, site.root, "search", query)
        assert status == 0 and "没有找到" in out


def test_missing_and_stale_index_say_how_to_build(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    status, _, err = run(capsys, tmp_path, "search", "征信")
    assert status == 1 and "没有找到搜索索引" in err and "mingbai index" in err
    assert run(capsys, tmp_path, "index", "--check")[0] == 1
    assert run(capsys, tmp_path, "index")[0] == 0
    assert run(capsys, tmp_path, "index", "--check")[0] == 0
    assert index_state(project, tmp_path / "search_index").fresh
    write_article(tmp_path, "rights/new", ("权益保护", ["投诉"], "新文章", "新。", "新。", "新内容"))
    status, out, err = run(capsys, tmp_path, "search", "征信")
    assert status == 0 and "mingbai index" in err and out  # still answers, from the old index
    assert run(capsys, tmp_path, "index", "--check")[0] == 1
    (tmp_path / "search_index" / STATE_FILE).unlink()
    status, _, err = run(capsys, tmp_path, "search", "征信")
    assert status == 1 and "mingbai index" in err


def test_search_does_not_import_mkdocs(site: Project) -> None:
    import subprocess
    import sys

    code = ("import sys; from mingbai.cli import main; main(['--root', sys.argv[1], 'search', '征信']); "
            "assert not [m for m in sys.modules if m.startswith('mkdocs')], 'mkdocs imported'")
    result = subprocess.run([sys.executable, "-c", code, str(site.root)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


SYNTAX = st.sampled_from(list('ANDORNOT()"*~:^[]{}/\\!?+-_.,;|&<>=#%$@\'') + ["AND", "OR", "NOT", "title:", "url:*"])
READER_TEXT = st.lists(
    st.one_of(SYNTAX, st.sampled_from(["征信", "催收", "怎么办", "吗", "😀", "\x00", "\x1b[2J", "\u200b", "\ud800",
                                       "ＡＢＣ", "　", "\n", "家人", "停息挂账"]), st.text(max_size=8)),
    max_size=30,
).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(READER_TEXT, st.text(max_size=200)))
def test_any_input_gives_results_or_nothing_found(site: Project, capsys, text: str) -> None:
    # "--" ends the options, as for any command, so a question may start with "-".
    status, out, err = run(capsys, site.root, "search", "--", text)
    assert status == 0, err
    assert "Traceback" not in out + err
    assert "没有找到" in out or "丨" in out
    status, out, _ = run(capsys, site.root, "search", "--json", "--limit", "3", "--", text)
    assert status == 0 and len(json.loads(out)) <= 3


def test_replace_dir_restores_the_old_folder_when_rename_fails(tmp_path: Path, monkeypatch) -> None:
    target, new = tmp_path / "search_index", tmp_path / ".index-new"
    target.mkdir()
    (target / "old").write_text("old")
    new.mkdir()
    real_rename = Path.rename

    def failing(self: Path, dest: Path) -> Path:
        if self == new:
            raise OSError("cross-device")
        return real_rename(self, dest)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError):
        command.replace_dir(new, target)
    assert (target / "old").read_text() == "old"
    shutil.rmtree(new)


def test_segment_han_cuts_chinese_runs_like_materials_pass(site: Project) -> None:
    """The browser index's segmentation: Chinese runs cut with the user dictionary and set off by U+200B,
    everything else untouched, and text that was already cut comes out the same."""
    from mingbai.search.analysis import ZWSP, segment_han

    setup_project(site)
    text = "<p>申请停息挂账，LPR 的 4 倍</p>"
    cut = segment_han(text)
    assert cut == f"<p>{ZWSP}申请{ZWSP}停息挂账{ZWSP}，LPR {ZWSP}的{ZWSP} 4 {ZWSP}倍{ZWSP}</p>"
    assert cut.replace(ZWSP, "") == text
    assert segment_han(cut) == cut
    assert segment_han("no Chinese here") == "no Chinese here"
