"""The real nginx with the shipped deploy/nginx.conf, serving the packed real site (issue 16).

Every file of the site is asked for, and nginx's answer is compared with mingbai/deploy/headers.py,
the rules the object-storage recipe uploads with: a type, a cache policy or a security header that
the two disagree on fails here. Compression, the 404 page, redirects, short links and revalidation
are checked as a browser or a CDN meets them.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from mingbai.deploy import headers
from mingbai.deploy.dist import package
from mingbai.deploy.nginx import NginxError, prepare, server_block, start, stop


class Client:
    """One keep-alive connection to the test nginx; answers as (status, lower-cased headers, body)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    def get(self, path: str, **request_headers: str) -> tuple[int, dict[str, str], bytes]:
        self.connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in request_headers.items()})
        response = self.connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.fixture(scope="module")
def client(nginx_url: str) -> Client:
    return Client(nginx_url)


@pytest.fixture(scope="module")
def policy(packed_site: Path) -> str:
    text = (packed_site / "nginx" / "csp.conf").read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', text).group(1)


def assert_security_headers(answer: dict[str, str], policy: str, what: str) -> None:
    for name, value in headers.SECURITY.items():
        assert answer.get(name.lower()) == value, f"{what}: {name}"
    assert answer.get("content-security-policy") == policy, what


def site_files(packed_site: Path) -> list[str]:
    site = packed_site / "site"
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix not in (".gz", ".br"))


def test_every_file_has_its_type_cache_policy_and_security_headers(client: Client, packed_site: Path,
                                                                   policy: str) -> None:
    files = site_files(packed_site)
    suffixes = {Path(f).suffix for f in files}
    assert {".html", ".css", ".js", ".json", ".xml", ".png", ".svg", ".txt", ".map"} <= suffixes
    wrong = []
    for rel in files:
        status, answer, _ = client.get("/" + rel, Accept_Encoding="gzip")
        expected = (200, headers.content_type(rel), headers.cache_control(rel))
        got = (status, answer.get("content-type"), answer.get("cache-control"))
        if got != expected:
            wrong.append(f"{rel}: {got} != {expected}")
        assert_security_headers(answer, policy, rel)
    assert wrong == []
    assert headers.content_type("feed.xml") == "application/atom+xml; charset=utf-8"
    assert any(headers.cache_control(f) == headers.IMMUTABLE for f in files)  # Material's bundle, at least


def test_fingerprinted_assets_are_immutable_and_pages_revalidate(client: Client, packed_site: Path) -> None:
    bundle = next(f for f in site_files(packed_site) if re.search(r"bundle\.[0-9a-f]{8}\.min\.js$", f))
    _, answer, _ = client.get("/" + bundle)
    assert answer["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/feed.xml", "/sitemap.xml", "/search/search_index.json", "/assets/stylesheets/mingbai.css"):
        status, answer, _ = client.get(path, Accept_Encoding="gzip")
        assert status == 200 and answer["cache-control"] == "public, max-age=0, must-revalidate", path
        # Revalidation costs no body: the ETag nginx sent makes the next request a 304.
        status, again, body = client.get(path, Accept_Encoding="gzip", If_None_Match=answer["etag"])
        assert status == 304 and body == b"", path
        assert again["cache-control"] == answer["cache-control"]


def test_search_index_and_pages_are_sent_precompressed(client: Client, packed_site: Path) -> None:
    site = packed_site / "site"
    for rel in ("search/search_index.json", "index.html", "assets/stylesheets/mingbai.css", "sitemap.xml"):
        path = "/" + rel.removesuffix("index.html")
        status, answer, body = client.get(path, Accept_Encoding="gzip")
        packed = (site / (rel + ".gz")).read_bytes()
        # gzip_static: the very bytes of the .gz beside the file, with its length (not compressed again)
        assert status == 200 and answer["content-encoding"] == "gzip" and body == packed, rel
        assert int(answer["content-length"]) == len(packed) and answer["vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == (site / rel).read_bytes()
        status, answer, body = client.get(path)  # a client that takes no gzip gets the file itself
        assert "content-encoding" not in answer and body == (site / rel).read_bytes(), rel


def test_clients_that_accept_brotli_get_the_br_file(client: Client, packed_site: Path) -> None:
    site = packed_site / "site"
    for rel in ("search/search_index.json", "index.html", "assets/stylesheets/mingbai.css"):
        path = "/" + rel.removesuffix("index.html")
        status, answer, body = client.get(path, Accept_Encoding="gzip, deflate, br")  # what browsers send
        assert status == 200 and answer["content-encoding"] == "br" and body == (site / (rel + ".br")).read_bytes()
        assert answer["vary"] == "Accept-Encoding"
    # a quarter smaller than the .gz on the search index, the largest text a reader downloads
    index = site / "search" / "search_index.json"
    assert index.with_name(index.name + ".br").stat().st_size < 0.8 * index.with_name(index.name + ".gz").stat().st_size


def test_a_missing_page_gets_the_site_404_page_with_status_404(client: Client, packed_site: Path,
                                                              policy: str) -> None:
    page = (packed_site / "site" / "404.html").read_bytes()
    for path in ("/no-such-page/", "/rights/no-such-article/", "/s/", "/assets/", "/s/zzzz/"):
        status, answer, body = client.get(path)
        assert status == 404 and body == page, path
        assert answer["content-type"] == "text/html; charset=utf-8"
        assert_security_headers(answer, policy, path)
    assert "没有找到这个页面".encode() in page


def test_a_folder_without_its_slash_redirects_relatively(client: Client, policy: str) -> None:
    status, answer, _ = client.get("/rights")
    assert status == 301 and answer["location"] == "/rights/"  # relative: right behind a proxy or CDN
    assert_security_headers(answer, policy, "redirect")


def test_every_short_link_page_leads_to_a_page_nginx_serves(client: Client, packed_site: Path) -> None:
    short = sorted((packed_site / "site" / "s").glob("*/index.html"))
    assert len(short) >= 10
    for page in short:
        path = f"/s/{page.parent.name}/"
        status, answer, body = client.get(path)
        assert status == 200 and answer["content-type"] == "text/html; charset=utf-8", path
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', body.decode("utf-8")).group(1)
        landing = urlsplit(urljoin(path, target)).path
        assert client.get(landing)[0] == 200, f"{path} → {landing}"
        status, answer, _ = client.get(path.rstrip("/"))
        assert status == 301 and answer["location"] == path


def test_the_shipped_file_is_served_with_only_listen_server_name_and_root_replaced() -> None:
    shipped = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"
    text = shipped.read_text(encoding="utf-8")
    block = server_block(text, "127.0.0.1", 8123, Path("/tmp/site"))
    assert re.findall(r"^\s*listen\s+([^;]+);", block, re.M) == ["127.0.0.1:8123"]
    assert "root /tmp/site;" in block and "server_name localhost;" in block
    kept = [line for line in text.splitlines() if not re.match(r"\s*(listen|server_name|root)\s", line)]
    assert kept == [line for line in block.splitlines() if not re.match(r"\s*(listen|server_name|root)\s", line)]
    with pytest.raises(NginxError, match="root"):
        server_block(text.replace("root /srv/mingbai/site;", ""), "127.0.0.1", 1, Path("/x"))


def test_nginx_also_runs_for_a_user_who_is_not_root() -> None:
    """CI runs as root (the fixtures above: workers as root, to read private temporary folders); a
    writer runs as themself, where nginx must need no root for its pid, logs or temp files, and no
    ``user`` directive. As root, that case is run as ``nobody`` (in a folder of its own under /tmp:
    pytest's are private to root)."""
    with tempfile.TemporaryDirectory(prefix="mingbai-nobody-") as tmp:
        run_as_another_user(Path(tmp))


def run_as_another_user(tmp_path: Path) -> None:
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>" + "<p>明白</p>" * 50, encoding="utf-8")
    package(site, tmp_path / "dist")
    work = tmp_path / "nginx"
    work.mkdir()
    port = socket_port()
    conf = prepare(work, tmp_path / "dist", "127.0.0.1", port, workers_as_root=False)
    as_nobody: dict = {}
    if os.geteuid() == 0:
        as_nobody = {"user": 65534, "group": 65534, "extra_groups": []}
        for path in (tmp_path, *tmp_path.rglob("*")):
            os.chown(path, 65534, 65534)
    assert "user " not in conf.read_text(encoding="utf-8")
    process = start(work, conf, "127.0.0.1", port, **as_nobody)
    try:
        status, answer, body = Client(f"http://127.0.0.1:{port}").get("/")
        assert status == 200 and "明白".encode() in body
        assert answer["content-security-policy"].startswith("default-src 'self'")
    finally:
        stop(process)
    assert process.returncode is not None


def socket_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
