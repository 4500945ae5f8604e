"""`mingbai dist` (issue 16): a public address only, a packed folder with .gz siblings and the CSP of
exactly its pages, inline code the policy would block reported, and nothing half-written."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest
from support import FIXTURES, MakeProject, fixture_article

from mingbai.cli import main
from mingbai.deploy import csp
from mingbai.deploy.dist import DistError, check_site_url, package

LAWS = FIXTURES / "laws"
PAGE = """<!doctype html><html><head><script>var a = 1;</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="x.js" defer></script><style>p{color:red}</style></head>
<body><script>var a = 1;</script><script type="module">import "./m.js";</script></body></html>
"""


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "https://localhost/", "http://[::1]/",
                                 "http://0.0.0.0/", "https://site.localhost/", "http://127.1.2.3/a/",
                                 "ftp://example.org/", "example.org", "https:///"])
def test_loopback_and_malformed_addresses_are_refused(url: str) -> None:
    with pytest.raises(DistError):
        check_site_url(url)


def test_public_addresses_are_kept_with_a_trailing_slash() -> None:
    assert check_site_url("https://example.org") == "https://example.org/"
    assert check_site_url("https://example.org/help") == "https://example.org/help/"
    assert check_site_url("http://203.0.113.7/") == "http://203.0.113.7/"


def small_site(root: Path, page: str = PAGE) -> Path:
    site = root / "built"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text(page, encoding="utf-8")
    (site / "assets" / "app.js").write_text("console.log('明白');\n" * 50, encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")  # too small to gain from gzip
    (site / "assets" / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    return site


def test_inline_scripts_and_styles_are_allowed_by_their_hashes_only(tmp_path: Path) -> None:
    found = csp.scan(small_site(tmp_path))
    assert found.problems == []
    assert set(found.scripts) == {csp.source_hash("var a = 1;"), csp.source_hash('import "./m.js";')}
    assert set(found.styles) == {csp.source_hash("p{color:red}")}
    policy = csp.policy(found)
    assert f"script-src 'self' {' '.join(sorted(found.scripts))};" in policy
    assert "'unsafe-inline'" not in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
    # The hash a browser computes: SHA-256 of the UTF-8 text, base64 (a CSP3 example value).
    assert csp.source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_inline_code_no_hash_can_allow_is_reported_with_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    page = ('<html><body>\n<p style="color:red">x</p>\n<button onclick="go()">go</button>\n'
            '<a href="javascript:void(0)">x</a>\n</body></html>')
    site = small_site(tmp_path, page)
    (site / "data.bin").write_bytes(b"\0")
    with pytest.raises(DistError) as error:
        package(site, tmp_path / "out")
    lines = str(error.value).splitlines()
    assert lines == [
        "data.bin:1: no Content-Type for this kind of file: add its suffix to the types in deploy/nginx.conf "
        "and mingbai/deploy/headers.py",
        'index.html:2: style="…" on <p> is blocked by the CSP: use a class in a stylesheet',
        "index.html:3: inline event handler onclick= on <button> is blocked by the CSP: attach it from a script file",
        "index.html:4: javascript: URL in <a href> is blocked by the CSP",
    ]
    assert not (tmp_path / "out").exists()


def test_package_writes_gzip_siblings_for_text_and_the_policy_for_nginx(tmp_path: Path) -> None:
    packed = package(small_site(tmp_path), tmp_path / "out")
    site = tmp_path / "out" / "site"
    for rel in ("index.html", "assets/app.js"):
        sibling = (site / (rel + ".gz")).read_bytes()
        assert gzip.decompress(sibling) == (site / rel).read_bytes()
        assert sibling[4:8] == b"\0\0\0\0"  # no timestamp: the same site packs to the same bytes
        assert brotli.decompress((site / (rel + ".br")).read_bytes()) == (site / rel).read_bytes()
    for rel in ("robots.txt", "assets/card.png"):
        assert not (site / (rel + ".gz")).exists() and not (site / (rel + ".br")).exists()
    assert packed.compressed == 2 and packed.brotli_bytes < packed.gzip_bytes < packed.raw_bytes
    conf = (tmp_path / "out" / "nginx" / "csp.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{packed.policy}" always;' in conf
    assert (tmp_path / "out" / "nginx" / "mingbai.conf").read_text(encoding="utf-8").count("include mingbai/csp.conf")
    assert "brotli_static on;" in (tmp_path / "out" / "nginx" / "brotli.conf").read_text(encoding="utf-8")


def test_dist_builds_for_the_public_address_and_swaps_the_folder_in(make_project: MakeProject, monkeypatch,
                                                                    capsys) -> None:
    monkeypatch.delenv("MINGBAI_SITE_URL", raising=False)
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    root = project.root
    (root / "dist").mkdir()
    (root / "dist" / "old.txt").write_text("previous", encoding="utf-8")
    assert main(["--root", str(root), "dist", "--laws", str(LAWS), "--site-url", "https://mingbai.example/"]) == 0
    assert "Packed" in capsys.readouterr().out
    site = root / "dist" / "site"
    assert not (root / "dist" / "old.txt").exists()
    article = (site / "credit-report" / "retention" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://mingbai.example/credit-report/retention/">' in article
    assert "127.0.0.1" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://mingbai.example/" in (site / "feed.xml").read_text(encoding="utf-8")
    assert (site / "search" / "search_index.json.gz").is_file() and (site / "index.html.gz").is_file()
    policy = re.search(r'"([^"]+)"', (root / "dist" / "nginx" / "csp.conf").read_text(encoding="utf-8")).group(1)
    assert policy == csp.policy(csp.scan(site))
    assert "MINGBAI_SITE_URL" not in __import__("os").environ  # put back as it was
    assert not [p.name for p in root.iterdir() if p.name.startswith(".dist-")]


def test_dist_refuses_a_loopback_address_and_keeps_the_previous_folder(make_project: MakeProject, monkeypatch,
                                                                       capsys) -> None:
    project = make_project({"credit-report/retention.md": fixture_article("valid")})
    (project.root / "dist").mkdir()
    (project.root / "dist" / "old.txt").write_text("previous", encoding="utf-8")
    monkeypatch.setenv("MINGBAI_SITE_URL", "http://127.0.0.1:8000/")
    assert main(["--root", str(project.root), "dist", "--laws", str(LAWS)]) == 1
    assert "loopback" in capsys.readouterr().err
    assert (project.root / "dist" / "old.txt").read_text(encoding="utf-8") == "previous"
    monkeypatch.delenv("MINGBAI_SITE_URL")
    assert main(["--root", str(project.root), "dist"]) == 1
    assert "--site-url" in capsys.readouterr().err
