"""Shared fixtures: small throw-away projects built from the real configuration and test articles."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from support import LAWS, PAGES, ROOT, MakeProject

from mingbai.build import build_site
from mingbai.deploy.dist import package
from mingbai.deploy.nginx import serve
from mingbai.project import Project
from mingbai.urls import update_registry


def pytest_configure(config: pytest.Config) -> None:
    """With MINGBAI_TODAY set (the Makefile runs the suite on several dates), move this process's clock
    there, ticking, so code that asks the machine for the date is tested too; processes the suite
    starts read the same variable through mingbai.settings.today(), and pages get it in the browser
    fixtures. The variable is checked first, so a typo fails the run instead of testing today."""
    raw = os.environ.get("MINGBAI_TODAY")
    if raw:
        day = dt.date.fromisoformat(raw)
        traveller = time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)
        config.stash[TODAY] = day


def pytest_report_header(config: pytest.Config) -> str:
    day = config.stash.get(TODAY, None)
    return f"today: {day} (MINGBAI_TODAY)" if day else f"today: {dt.date.today()} (the machine's clock)"


TODAY = pytest.StashKey[dt.date]()


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


@pytest.fixture(scope="session")
def packed_site(real_site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site packed as `mingbai dist` packs it: .gz siblings and nginx/csp.conf (issue 16)."""
    _, site = real_site
    out = tmp_path_factory.mktemp("dist") / "dist"
    package(site, out)
    return out


@pytest.fixture(scope="session")
def nginx_url(packed_site: Path) -> Iterator[str]:
    """Debian's nginx serving the packed site with the shipped deploy/nginx.conf, on a free loopback port."""
    with serve(packed_site) as url:
        yield url
