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
