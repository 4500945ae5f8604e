"""The URL registry: a published URL may never disappear without a redirect."""

from __future__ import annotations

import pytest
from support import MakeProject, fixture_article

from mingbai.cli import main
from mingbai.urls import load_registry, short_id


def check(capsys: pytest.CaptureFixture[str], root: str) -> tuple[int, str]:
    status = main(["--root", root, "urls"])
    return status, capsys.readouterr().err


def test_removed_page_without_redirect_fails(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    registry, lines = load_registry(project.registry)
    assert "/credit-report/retention/" in registry
    (project.docs / "credit-report" / "retention.md").unlink()
    status, err = check(capsys, str(project.root))
    line = lines["/credit-report/retention/"]
    assert f"urls.yml:{line}: published URL /credit-report/retention/ no longer exists and has no redirect" in err
    assert status == 1


def test_renamed_page_with_redirect_passes(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    old = project.docs / "credit-report" / "retention.md"
    old.rename(project.docs / "credit-report" / "record-retention.md")
    status, err = check(capsys, str(project.root))
    assert status == 1 and "page /credit-report/record-retention/ is not in the URL registry" in err
    assert "\ndocs/credit-report/record-retention.md:1: page /credit-report/record-retention/ is not" in err
    config = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(config.replace(
        "redirect_maps: {}",
        "redirect_maps:\n        credit-report/retention.md: credit-report/record-retention.md"), encoding="utf-8")
    assert main(["--root", str(project.root), "urls", "--update"]) == 0
    status, err = check(capsys, str(project.root))
    assert (status, err) == (0, "")


def test_update_keeps_ids_and_adds_new_ones(make_project: MakeProject) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    before, _ = load_registry(project.registry)
    text = fixture_article("valid").replace("title: 不良记录会保存多久", "title: 另一篇文章")
    (project.docs / "credit-report" / "another.md").write_text(text, encoding="utf-8")
    assert main(["--root", str(project.root), "urls", "--update"]) == 0
    after, _ = load_registry(project.registry)
    assert {k: after[k] for k in before} == before
    assert after["/credit-report/another/"] not in before.values()


def test_short_ids() -> None:
    assert [short_id(n) for n in (1, 31, 32, 1023)] == ["1", "z", "10", "zz"]
    assert not set("ilou") & {c for n in range(1, 5000) for c in short_id(n)}
