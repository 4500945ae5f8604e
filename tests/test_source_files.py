"""Files as editors really save them (BOM, CRLF, other encodings) and things under docs/ that are not
articles (folders and dangling links named *.md): always a clean `path:line: message` report, never a
traceback, and a failed build leaves the previous site as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, MakeProject, fixture_article

from mingbai.build import build_site
from mingbai.cli import main
from mingbai.problems import ContentError
from mingbai.urls import update_registry

LAWS = FIXTURES / "laws"
REPORT_LINE = re.compile(r"^(\S.*?):(\d+): (warning: )?\S.*$")


@pytest.fixture
def project(make_project: MakeProject):
    return make_project({"credit-report/retention.md": fixture_article("valid")})


def check(project, capsys) -> tuple[int, list[str]]:
    status = main(["--root", str(project.root), "check", "--laws", str(LAWS)])
    captured = capsys.readouterr()
    lines = [line for line in (captured.err + captured.out).splitlines() if line]
    return status, lines


def test_bom_and_crlf_copy_of_a_good_article_is_accepted_with_one_warning_each(project, capsys) -> None:
    good = (project.docs / "credit-report" / "retention.md").read_text(encoding="utf-8")
    copy = project.docs / "credit-report" / "windows-copy.md"
    copy.write_bytes(("\ufeff" + good.replace("title: 不良记录会保存多久", "title: 不良记录会保存几年"))
                     .replace("\n", "\r\n").encode("utf-8"))
    articles, _ = project.articles()
    update_registry(project.registry, project.current_urls(articles))
    status, lines = check(project, capsys)
    mine = [line for line in lines if "windows-copy" in line]
    assert status == 0, lines
    assert mine == [
        "docs/credit-report/windows-copy.md:1: warning: Windows (CRLF) or old Mac (CR) line ends, read as LF; "
        "`mingbai fix` rewrites them",
        "docs/credit-report/windows-copy.md:1: warning: starts with a byte-order mark (read without it; "
        "`mingbai fix` removes it)",
    ]


@pytest.mark.parametrize(("make", "expected"), [
    (lambda p: p.write_bytes(b"---\ntitle: ok\n---\n\n\xe6\xad\xa3\xff\n"),
     "docs/credit-report/x.md:5: byte 0xff at column 4 is not UTF-8; save the file as UTF-8"),
    (lambda p: p.mkdir(),
     "docs/credit-report/x.md:1: a folder named like a Markdown file; rename it (articles are files)"),
    (lambda p: p.symlink_to(p.parent / "nowhere.md"),
     "docs/credit-report/x.md:1: symbolic link to a file that does not exist; remove it or point it at an article"),
    (lambda p: p.write_bytes(b"---\ntitle: a\x00b\n---\n"),
     "docs/credit-report/x.md:2: NUL character: this is not a text file"),
])
def test_unreadable_files_are_located_problems_among_the_others(project, capsys, make, expected: str) -> None:
    make(project.docs / "credit-report" / "x.md")
    other = project.docs / "credit-report" / "retention.md"
    other.write_text(other.read_text(encoding="utf-8").replace("tags: [征信报告, 不良记录]", "tags: [黑名单]"),
                     encoding="utf-8")
    status, lines = check(project, capsys)
    assert status == 1
    assert expected in lines
    assert "docs/credit-report/retention.md:4: unknown tag '黑名单' (add it to taxonomy.yml first)" in lines


NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=24)
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    st.builds(lambda head, body: f"---\n{head}\n---\n{body}".encode(), st.text(max_size=80), st.text(max_size=200)),
)


def _write(folder: Path, name: str, data: bytes) -> Path | None:
    path = folder / f"{name}.md"
    try:
        path.write_bytes(data)
    except OSError:  # a name the file system refuses (too long in bytes, '.' or '..')
        return None
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, data=CONTENT)
def test_any_bytes_under_any_name_give_a_clean_report(project, capsys, name: str, data: bytes) -> None:
    path = _write(project.docs / "basics", name, data)
    if path is None:
        return
    try:
        status, lines = check(project, capsys)
    finally:
        path.unlink()
    assert status in (0, 1)
    if status == 1:
        assert lines[-1].endswith("problem(s) found.")
        assert all(REPORT_LINE.match(line) for line in lines[:-1]), lines
        assert any(line.startswith("docs/basics/") or line.startswith("urls.yml") for line in lines)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, data=CONTENT)
def test_a_build_with_a_bad_file_leaves_the_previous_site_untouched(project, name: str, data: bytes) -> None:
    site = project.root / "site"
    if not site.exists():
        build_site(project, LAWS)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = _write(project.docs / "basics", name, data)
    if path is None:
        return
    try:
        build_site(project, LAWS)
    except ContentError as error:
        assert all(REPORT_LINE.match(str(p)) for p in error.problems)
        assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    finally:
        path.unlink()
