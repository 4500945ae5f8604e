"""Related reading: curated first, then more-like-this neighbours from the Whoosh index; ≤ 8, stable, linear."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from support import ROOT

from mingbai.project import Project
from mingbai.related import MAX_RELATED, RelatedFinder
from mingbai.search.similar import SimilarArticles
from mingbai.taxonomy import Taxonomy

TAXONOMY = """\
categories:
  - {label: 征信知识, folder: credit-report, scope: 征信}
  - {label: 权益保护, folder: rights, scope: 催收}
tags: [征信报告, 征信异议, 不良记录, 催收, 投诉, 个人信息, 家人]
synonyms: []
"""
# The real taxonomy's question and filler words (they live in taxonomy.yml, not in the code).
TAXONOMY += "stop_words: " + " ".join(Taxonomy.load(ROOT / "taxonomy.yml").stop_words) + "\n"


TOPICS = {
    # slug: (folder, tags, title, body words repeated to give each article a clear subject)
    "check": ("credit-report", ["征信报告"], "怎么查征信报告", "征信报告 查询 官网 银行 App 每年 两次 免费"),
    "read": ("credit-report", ["征信报告", "不良记录"], "怎么看懂征信报告", "征信报告 账户 逾期 记录 查询记录 看懂"),
    "dispute": ("credit-report", ["征信报告", "征信异议"], "征信报告有错怎么异议",
                "征信报告 错误 异议 核查 20 日 更正"),
    "retention": ("credit-report", ["不良记录"], "不良记录保存多久", "不良记录 保存 5 年 逾期 还清 终止"),
    "repair": ("credit-report", ["征信报告", "不良记录"], "修复征信是骗局", "修复 征信 洗白 骗局 不良记录 收费"),
    "scam-app": ("credit-report", ["征信报告", "个人信息"], "第三方查征信 App",
                 "第三方 App 查询 征信报告 个人信息 泄露"),
    "harass": ("rights", ["催收", "家人"], "催收骚扰家人", "催收 家人 通讯录 骚扰 第三人 投诉"),
    "complain": ("rights", ["催收", "投诉"], "怎么投诉催收", "催收 投诉 录音 截图 12378 证据"),
    "visit": ("rights", ["催收"], "催收上门核查", "催收 上门 核查 外访 身份 报警"),
    "sms": ("rights", ["催收", "个人信息"], "发错的催款短信", "催收 短信 发错 个人信息 号码 投诉"),
    "privacy": ("rights", ["个人信息"], "借款 App 读通讯录", "个人信息 通讯录 权限 App 授权 拒绝"),
    "family": ("rights", ["家人", "催收"], "家人会被牵连吗", "家人 债务 催收 担保 配偶 父母 无关"),
}


def make_project(root: Path, curated: dict[str, list[str]] | None = None) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    labels = {"credit-report": "征信知识", "rights": "权益保护"}
    for slug, (folder, tags, title, body) in TOPICS.items():
        path = root / "docs" / folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        related = (curated or {}).get(slug)
        path.write_text(textwrap.dedent(f"""\
            ---
            title: {title}
            category: {labels[folder]}
            tags: [{", ".join(tags)}]
            description: {title}。
            answer: {title}。
            date: 2026-11-30
            """) + (f"related: [{', '.join(related)}]\n" if related else "") + "---\n\n"
            + f"## {title}\n\n" + "。".join([body] * 3) + "\n", encoding="utf-8")
    return Project(root)


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path, curated={"check": ["rights/sms", "retention", "check", "no-such-slug",
                                                     "rights/sms"]})


def lists(project: Project) -> dict[str, list[str]]:
    articles, problems = project.articles()
    assert problems == []
    finder = RelatedFinder(project, articles)
    return {a.key: [r.key for r in finder.for_article(a)] for a in articles}


def test_curated_first_then_computed_never_self_no_duplicates(project: Project) -> None:
    related = lists(project)
    check = related["credit-report/check"]
    # Curated in their order; self, unknown and repeated entries dropped.
    assert check[:2] == ["rights/sms", "credit-report/retention"]
    for key, keys in related.items():
        assert key not in keys
        assert len(keys) == len(set(keys)) <= MAX_RELATED
        assert keys, f"{key} has no related reading"


def test_neighbours_share_content_and_tags(project: Project) -> None:
    related = lists(project)
    assert set(related["credit-report/dispute"][:3]) <= {"credit-report/check", "credit-report/read",
                                                          "credit-report/repair", "credit-report/scam-app"}
    assert related["rights/complain"][0] in {"rights/harass", "rights/sms", "rights/visit", "rights/family"}
    # Computed entries are in the article's own topic before the other category's.
    harass = related["rights/harass"]
    assert all(k.startswith("rights/") for k in harass[:3])


def test_identical_from_build_to_build(project: Project, tmp_path: Path) -> None:
    first = lists(project)
    assert lists(Project(project.root)) == first
    # The same content in another folder gives the same lists (nothing depends on paths or timing).
    other = make_project(tmp_path / "copy", curated={"check": ["rights/sms", "retention", "check", "no-such-slug",
                                                               "rights/sms"]})
    assert lists(other) == first


def test_eight_at_most_even_with_many_curated(tmp_path: Path) -> None:
    everyone = [f"{folder}/{slug}" for slug, (folder, *_) in TOPICS.items()]
    project = make_project(tmp_path, curated={"check": everyone})
    related = lists(project)["credit-report/check"]
    assert len(related) == MAX_RELATED
    assert related == [k for k in everyone if k != "credit-report/check"][:MAX_RELATED]


def test_bulk_scores_are_whooshs_bm25f_scores(project: Project) -> None:
    """The numpy scorer must rank candidates exactly as Whoosh's own search of the same query would."""
    from whoosh.query import Or, Term

    articles, _ = project.articles()
    similar = SimilarArticles(project, articles)
    checked = 0
    for article in articles:
        parts = similar.query(article)
        if not parts:
            continue
        results = similar.searcher.search(Or([Term(f, w, boost=b) for f, w, b in parts]), limit=None,
                                          optimize=False)
        expected = [(hit.score, hit["key"]) for hit in results]
        got = similar.candidates(article, len(articles))
        assert [k for _, k in got] == [k for _, k in expected]
        assert [round(s, 9) for s, _ in got] == [round(s, 9) for s, _ in expected]
        checked += 1
    assert checked == len(articles)


def test_each_terms_postings_read_once_per_build(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """No all-pairs pass: a term's postings are read once, however many articles query it."""
    articles, _ = project.articles()
    finder = RelatedFinder(project, articles)
    similar = finder._finder()
    reads: list[tuple[str, str]] = []
    real = similar.reader.postings

    def counting(field, word, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        reads.append((field, word))
        return real(field, word, *args, **kwargs)

    monkeypatch.setattr(similar.reader, "postings", counting)
    for article in articles:
        finder.for_article(article)
    terms = {(f, w) for a in articles for f, w, _ in similar.query(a)}
    assert reads and len(reads) == len(set(reads)) <= len(terms)


def test_article_without_body_or_tags_gets_no_computed_neighbours(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    lonely = project.docs / "rights" / "lonely.md"
    lonely.write_text("---\ntitle: 孤立\ncategory: 权益保护\ntags: []\n---\n", encoding="utf-8")
    articles, _ = project.articles()
    similar = SimilarArticles(project, articles)
    article = next(a for a in articles if a.slug == "lonely")
    assert similar.similar(article, 8) == []
    assert RelatedFinder(project, articles).for_article(article) == []


def test_in_memory_and_on_disk_indexes_give_the_same_lists(project: Project, tmp_path: Path) -> None:
    from mingbai.search.indexer import build_index, build_ram_index, fresh_index, open_index

    articles, _ = project.articles()
    in_memory = SimilarArticles(project, articles, index=build_ram_index(articles))
    dest = tmp_path / "index"
    dest.mkdir()
    build_index(project, articles, dest)
    on_disk = SimilarArticles(project, articles, index=open_index(dest))
    for article in articles:
        assert [a.key for a in in_memory.similar(article, 8)] == [a.key for a in on_disk.similar(article, 8)]
    on_disk.close()
    # The index just built is found again (as the plugin does inside `mingbai build`) until a file changes.
    assert fresh_index(project, articles) is not None
    (project.docs / "rights" / "sms.md").write_text((project.docs / "rights" / "sms.md").read_text() + "\n改动\n")
    assert fresh_index(project, articles) is None
