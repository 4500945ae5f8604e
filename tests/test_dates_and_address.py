"""Issue 11: no build output depends on the day it is built, and every absolute URL comes from the
site address given for the build (``--site-url`` / MINGBAI_SITE_URL), with a warning when it is loopback."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from support import FIXTURES, MakeProject, fixture_article

from mingbai import settings
from mingbai.build import BuildError, build_site
from mingbai.cli import main
from mingbai.project import check_project

LAWS = FIXTURES / "laws"
REVIEWED = "2026-11-20"  # tests/fixtures/check/valid.md


def _build_on(project, day: dt.date, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setenv(settings.TODAY_ENV, day.isoformat())
    with time_machine.travel(dt.datetime.combine(day, dt.time(9)), tick=True):
        build_site(project, LAWS)
    site = project.root / "site"
    return {name: (site / name).read_bytes() for name in ("sitemap.xml", "feed.xml")}


def test_sitemap_and_feed_are_the_same_whatever_day_the_site_is_built(make_project: MakeProject,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    first = _build_on(project, dt.date(2026, 11, 21), monkeypatch)
    later = _build_on(project, dt.date(2028, 2, 29), monkeypatch)
    assert first == later
    sitemap = first["sitemap.xml"].decode()
    entry = re.search(r"<loc>[^<]*/credit-report/retention/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert entry and entry.group(1) == REVIEWED
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {REVIEWED}
    assert "2028-02-29" not in first["feed.xml"].decode()


@pytest.mark.parametrize(("today", "expected"), [
    ("2026-11-19", ["reviewed 2026-11-20 lies in the future"]),
    (REVIEWED, []),
    ("2027-11-20", []),
])
def test_future_dates_are_judged_against_the_injected_day(make_project: MakeProject, monkeypatch, today: str,
                                                          expected: list[str]) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    monkeypatch.setenv(settings.TODAY_ENV, today)
    found = [p.message for p in check_project(project, LAWS) if not p.warning and "future" in p.message]
    assert found == expected


def test_a_today_that_is_not_a_date_is_refused(monkeypatch, capsys) -> None:
    monkeypatch.setenv(settings.TODAY_ENV, "2026-02-30")
    assert main(["check"]) == 2
    assert "MINGBAI_TODAY='2026-02-30' is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_production_address_reaches_every_absolute_url(make_project: MakeProject, monkeypatch) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    monkeypatch.setenv(settings.SITE_URL_ENV, "https://mingbai.example.org/")
    warnings = build_site(project, LAWS)
    assert not [w for w in warnings if "loopback" in w]
    site = project.root / "site"
    page = (site / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    target = "https://mingbai.example.org/credit-report/retention/"
    assert f'<link rel="canonical" href="{target}"' in page
    assert f'property="og:url" content="{target}"' in page
    assert "127.0.0.1" not in page
    for name in ("sitemap.xml", "feed.xml", "robots.txt"):
        text = (site / name).read_text(encoding="utf-8")
        assert "https://mingbai.example.org/" in text and "127.0.0.1" not in text, name


def test_loopback_build_warns_and_bad_address_fails(make_project: MakeProject, monkeypatch) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    monkeypatch.delenv(settings.SITE_URL_ENV, raising=False)
    warnings = build_site(project, LAWS)
    assert any("http://127.0.0.1:8000/, a loopback address" in w and "--site-url" in w for w in warnings)
    before = (project.root / "site" / "sitemap.xml").read_bytes()
    monkeypatch.setenv(settings.SITE_URL_ENV, "mingbai.example.org")
    with pytest.raises(BuildError, match="must be an absolute http"):
        build_site(project, LAWS)
    assert (project.root / "site" / "sitemap.xml").read_bytes() == before


@pytest.mark.parametrize(("url", "loopback"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost/", True), ("http://[::1]:8080/", True),
    ("http://127.9.9.9/", True), ("https://mingbai.example.org/", False), ("http://10.0.0.8/", False),
])
def test_loopback_addresses(url: str, loopback: bool) -> None:
    assert settings.is_loopback(url) is loopback


def test_cli_site_url_option_sets_the_address(make_project: MakeProject, monkeypatch, capsys) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    monkeypatch.delenv(settings.SITE_URL_ENV, raising=False)
    status = main(["--root", str(project.root), "build", "--laws", str(LAWS),
                   "--site-url", "https://mingbai.example.org/sub"])
    out = capsys.readouterr().out
    assert status == 0 and "loopback" not in out
    assert "https://mingbai.example.org/sub/" in Path(project.root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert main(["--root", str(project.root), "build", "--site-url", "ftp://x"]) == 1
    assert "site URL 'ftp://x' must be an absolute http(s) address" in capsys.readouterr().err
