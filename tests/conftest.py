"""Shared fixtures: small throw-away projects built from the real configuration and test articles."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mingbai.build import build_site
from mingbai.project import Project
from mingbai.urls import update_registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAWS = ROOT.parent / "shared" / "laws"

PAGES = {
    "index.md": "---\ntitle: 首页\n---\n\n# 测试首页\n\n<!-- mingbai:categories -->\n\n<!-- mingbai:latest 5 -->\n",
    "tags.md": "---\ntitle: 按标签浏览\n---\n\n<!-- material/tags -->\n",
    "about/index.md": "---\ntitle: 关于本站\n---\n\n关于本站的说明。\n",
    "about/disclaimer.md": "---\ntitle: 免责声明\n---\n\n免责声明的内容。\n",
}


def fixture_article(name: str, body_edit: Callable[[str], str] | None = None) -> str:
    """A check fixture with the shared body put in place of its ``<!-- body -->`` line."""
    body = (FIXTURES / "body.md").read_text(encoding="utf-8")
    if body_edit:
        body = body_edit(body)
    return (FIXTURES / "check" / f"{name}.md").read_text(encoding="utf-8").replace("<!-- body -->", body)


MakeProject = Callable[..., Project]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Create a project with the real mkdocs.yml and taxonomy.yml plus the given docs files."""

    def make(files: dict[str, str], register: bool = True, root: Path | None = None) -> Project:
        root = root or tmp_path / "project"
        (root / "docs").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copy(ROOT / "taxonomy.yml", root / "taxonomy.yml")
        shutil.copytree(ROOT / "overrides", root / "overrides", dirs_exist_ok=True)
        shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
        for uri, text in {**PAGES, **files}.items():
            path = root / "docs" / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        project = Project(root)
        if register:
            articles, _ = project.articles()
            update_registry(project.registry, project.current_urls(articles))
        return project

    return make


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    """The real project built once per test session (strict, offline) into a temporary folder."""
    out = tmp_path_factory.mktemp("real")
    project = Project(ROOT)
    build_site(project, LAWS if LAWS.is_dir() else None, site_dir=out / "site", index_dir=out / "search_index")
    return project, out / "site"
