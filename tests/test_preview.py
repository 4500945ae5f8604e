"""The live preview (`mkdocs serve`) shows what `mingbai check` would report for a page, in the terminal
and in a banner on the page; a build (`mkdocs build`, `mingbai build`) never carries the banner."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import FIXTURES, MakeProject, fixture_article

from mingbai.build import build_site

LAWS = FIXTURES / "laws"
MKDOCS = Path(sys.executable).with_name("mkdocs")
BANNER = 'class="mb-preview-problems"'


def _broken() -> str:
    # A misquote (an error) and an ISO date in prose (a warning): both must reach the banner.
    return (fixture_article("valid").replace("应当予以删除", "可以予以删除")
            .replace("## 保存期限从哪天算\n", "## 保存期限从哪天算\n\n条例自 2013-03-15 起施行。\n", 1))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_and_fetch(root: Path, path: str) -> tuple[str, str]:
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    log = root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(MKDOCS), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                    return response.read().decode("utf-8"), log.read_text(encoding="utf-8")
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("mkdocs serve did not come up:\n" + log.read_text(encoding="utf-8")) from None
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_preview_banner_in_serve_and_never_in_builds(make_project: MakeProject) -> None:
    project = make_project({"credit-report/retention.md": _broken()})
    (project.root / "laws").symlink_to(LAWS, target_is_directory=True)  # the project's own law texts
    page, terminal = _serve_and_fetch(project.root, "/credit-report/retention/")
    assert BANNER in page
    assert "docs/credit-report/retention.md:12: quote is not verbatim in 《征信业管理条例》第十六条" in page
    assert "T5 a date in Chinese prose" in page
    assert "mingbai check: docs/credit-report/retention.md:12: quote is not verbatim" in terminal

    subprocess.run([str(MKDOCS), "build", "-q"], cwd=project.root, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    built = (project.root / "site" / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    assert BANNER not in built and "2013-03-15" in built

    warned = make_project({"credit-report/retention.md": fixture_article("valid").replace(
        "## 保存期限从哪天算\n", "## 保存期限从哪天算\n\n条例自 2013-03-15 起施行。\n", 1)},
        root=project.root.parent / "warned")
    build_site(warned, LAWS)
    html = (warned.root / "site" / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    assert BANNER not in html and "2013-03-15" in html
