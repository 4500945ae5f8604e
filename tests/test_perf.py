"""The measuring helpers behind scripts/budgets.py and the browser tests' server (mingbai/perf)."""

from __future__ import annotations

import gzip
import http.client
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from mingbai.perf.buildtime import copy_project, plain_material_config
from mingbai.perf.lighthouse import parse
from mingbai.perf.server import serve
from mingbai.perf.weight import kind_of, site_file


def get(base: str, path: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "search").mkdir(parents=True)
    (root / "guide").mkdir()
    (root / "index.html").write_text("<p>首页</p>" * 50, encoding="utf-8")
    (root / "guide" / "index.html").write_text("<p>指南</p>", encoding="utf-8")
    (root / "404.html").write_text("<h1>没有找到这个页面</h1>", encoding="utf-8")
    index = b'{"docs":[]}'
    (root / "search" / "search_index.json").write_bytes(index)
    (root / "search" / "search_index.json.gz").write_bytes(gzip.compress(index))
    return root


def test_server_sends_the_precompressed_sibling_only_to_clients_that_accept_gzip(tmp_path) -> None:
    with serve(site(tmp_path)) as base:
        status, headers, body = get(base, "/search/search_index.json")
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == b'{"docs":[]}'
        status, headers, body = get(base, "/search/search_index.json", gzip_ok=False)
        assert "content-encoding" not in headers and body == b'{"docs":[]}'
        status, headers, body = get(base, "/")  # no sibling, no on-the-fly compression asked for
        assert "content-encoding" not in headers and "首页".encode() in body


def test_server_compresses_text_on_the_fly_when_asked(tmp_path) -> None:
    with serve(site(tmp_path), compress=True) as base:
        status, headers, body = get(base, "/")
        assert headers["content-encoding"] == "gzip" and "首页".encode() in gzip.decompress(body)
        assert int(headers["content-length"]) == len(body)


def test_server_answers_a_missing_page_with_the_site_404_page(tmp_path) -> None:
    with serve(site(tmp_path)) as base:
        status, _, body = get(base, "/no/such/page/", gzip_ok=False)
        assert status == 404 and "没有找到这个页面".encode() in body
        status, headers, _ = get(base, "/guide")
        assert status == 301 and headers["location"].endswith("/guide/")


def test_page_weight_maps_urls_to_files_and_kinds(tmp_path) -> None:
    root = site(tmp_path)
    assert site_file(root, "http://127.0.0.1:1/guide/?h=x#top") == root / "guide" / "index.html"
    assert site_file(root, "http://127.0.0.1:1/") == root / "index.html"
    assert site_file(root, "http://127.0.0.1:1/missing.css") is None
    assert kind_of("search/search_index.json", "fetch") == "search"
    assert kind_of("assets/javascripts/workers/search.1.min.js", "script") == "search"
    assert kind_of("assets/javascripts/bundle.1.min.js", "script") == "js"
    assert kind_of("assets/favicon.svg", "other") == "image"
    assert kind_of("sitemap.xml", "fetch") == "other"


def test_lighthouse_result_is_read_into_scores_metrics_and_offsite_requests() -> None:
    audits = {"largest-contentful-paint": 1500.0, "total-blocking-time": 80.0, "cumulative-layout-shift": 0.01,
              "first-contentful-paint": 1000.0, "speed-index": 1200.0}
    lhr = {
        "categories": {c: {"score": 1.0, "auditRefs": [{"id": "color-contrast", "weight": 7 if c == "accessibility"
                                                        else 0}]}
                       for c in ("performance", "best-practices", "seo")},
        "audits": {**{k: {"numericValue": v, "score": 1} for k, v in audits.items()},
                   "color-contrast": {"score": 0, "displayValue": ""},
                   "network-requests": {"details": {"items": [{"url": "http://127.0.0.1:9/"},
                                                              {"url": "https://cdn.example/x.js"},
                                                              {"url": "data:image/svg+xml,x"}]}}},
    }
    lhr["categories"]["accessibility"] = {"score": 0.93, "auditRefs": [{"id": "color-contrast", "weight": 7}]}
    run = parse(lhr, "http://127.0.0.1:9/")
    assert run.scores == {"performance": 100, "accessibility": 93, "best-practices": 100, "seo": 100}
    assert run.metrics["LCP"] == 1500.0 and run.metrics["CLS"] == 0.01
    assert run.failed_audits == ["accessibility: color-contrast"]
    assert run.offsite == ["https://cdn.example/x.js"]


def test_plain_material_config_drops_the_plugin_overrides_and_nav(tmp_path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "site").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: x\nnav:\n  - index.md\nplugins:\n  - mingbai\n  - search:\n      lang: zh\n"
        "      separator: '[\\s]+'\n  - tags:\n      listings_layout: mingbai\n", encoding="utf-8")
    copied = copy_project(project, tmp_path / "copy")
    assert (copied / "mkdocs.yml").is_file() and not (copied / "site").exists()
    config = yaml.safe_load(plain_material_config(copied, tmp_path / "plain").read_text(encoding="utf-8"))
    assert config["INHERIT"] == str((copied / "mkdocs.yml").resolve())
    assert "nav" in config and config["nav"] is None
    assert config["plugins"] == [{"search": {"lang": "zh", "separator": "[\\s]+"}}, "tags"]
    assert config["theme"]["language"] == "zh" and Path(config["theme"]["custom_dir"]).is_dir()
