"""`mingbai build`: atomic output, and a failed build leaves the previous site and index untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import FIXTURES, MakeProject, fixture_article

from mingbai.build import BuildError, build_site
from mingbai.problems import ContentError

LAWS = FIXTURES / "laws"


def tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def built(make_project: MakeProject):
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    build_site(project, LAWS)
    return project


def test_build_writes_site_and_index_and_no_leftovers(built) -> None:
    root = built.root
    assert (root / "site" / "credit-report" / "retention" / "index.html").is_file()
    assert any((root / "search_index").iterdir())
    assert not [p.name for p in root.iterdir() if p.name.startswith((".site-", ".index-", ".site-old", ".search"))]


def test_content_error_keeps_previous_output(built) -> None:
    root = built.root
    before = (tree_digest(root / "site"), tree_digest(root / "search_index"))
    article = root / "docs" / "credit-report" / "retention.md"
    article.write_text(article.read_text(encoding="utf-8").replace("tags: [征信报告, 不良记录]", "tags: [黑名单]"),
                       encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build_site(built, LAWS)
    assert "docs/credit-report/retention.md:4: unknown tag '黑名单'" in str(error.value)
    assert (tree_digest(root / "site"), tree_digest(root / "search_index")) == before
    assert not [p.name for p in root.iterdir() if p.name.startswith((".site-", ".index-"))]


def test_mkdocs_failure_keeps_previous_output(built) -> None:
    root = built.root
    before = (tree_digest(root / "site"), tree_digest(root / "search_index"))
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- mingbai:no-such-list -->\n", encoding="utf-8")
    with pytest.raises(BuildError, match="unknown or malformed marker"):
        build_site(built, LAWS)
    assert (tree_digest(root / "site"), tree_digest(root / "search_index")) == before
    assert not [p.name for p in root.iterdir() if p.name.startswith((".site-", ".index-"))]


def test_rebuild_replaces_output_whole(built) -> None:
    root = built.root
    article = root / "docs" / "credit-report" / "retention.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title: 不良记录会保存多久",
                                                                   "title: 不良记录要保存几年"), encoding="utf-8")
    build_site(built, LAWS)
    html = (root / "site" / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    assert "不良记录要保存几年" in html and "不良记录会保存多久" not in html


def test_related_lists_made_beside_mkdocs_match_an_inline_build(make_project: MakeProject, tmp_path: Path) -> None:
    """`mingbai build` makes the index and related lists in a second process and fills them in later; the
    pages must be exactly what a plain `mkdocs build` (lists computed while rendering) makes — including
    an article with no related reading, whose 相关阅读 heading and contents entry must then disappear."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    valid = fixture_article("valid")
    files = {
        "credit-report/retention.md": valid,
        "credit-report/retention-start.md": valid.replace("title: 不良记录会保存多久", "title: 不良记录从哪天开始算"),
        "credit-report/retention-end.md": valid.replace("title: 不良记录会保存多久", "title: 不良记录到期会删除吗"),
        "rights/lonely.md": valid.replace("title: 不良记录会保存多久", "title: 一篇孤立的文章")
        .replace("category: 征信知识", "category: 权益保护").replace("tags: [征信报告, 不良记录]", "tags: [投诉, 催收]")
        .replace("<!-- body -->", ""),
    }
    body = (FIXTURES / "body.md").read_text(encoding="utf-8")
    files["rights/lonely.md"] = files["rights/lonely.md"].replace(body, "## 常见误区\n\n" + "孤立。" * 400 + "\n")
    project = make_project(files)
    build_site(project, LAWS)
    inline = tmp_path / "inline"
    mkdocs_build(load_config(str(project.mkdocs_yml), site_dir=str(inline), strict=True))
    pages = sorted(p.relative_to(inline) for p in inline.glob("*/*/index.html"))
    assert len(pages) >= 4
    for page in pages:
        assert (project.root / "site" / page).read_bytes() == (inline / page).read_bytes(), page
    html = (project.root / "site" / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    assert 'id="related"' in html and "征信知识丨不良记录从哪天开始算" in html
    assert "mb-related-list" not in html
    lonely = (project.root / "site" / "rights" / "lonely" / "index.html").read_text(encoding="utf-8")
    assert 'id="related"' not in lonely and 'href="#related"' not in lonely


def test_index_worker_failure_is_reported_not_hung(make_project: MakeProject, tmp_path: Path) -> None:
    from mingbai.search.background import IndexJob

    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    job = IndexJob(project, tmp_path / "no-such-folder" / "index")
    with pytest.raises(RuntimeError, match="index worker failed"):
        job.related()
    job.close()
