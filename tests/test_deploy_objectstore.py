"""The object-storage recipe (issue 16): the printed commands upload every file of the packed real site
once, with the headers nginx sends for it (test_deploy_nginx.py checks nginx against the same rules),
text as its .gz bytes, pages last, and the CDN policy carries this site's CSP."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from support import ROOT

from mingbai.deploy import headers

SCRIPT = ROOT / "scripts" / "upload_commands.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def options(words: list[str]) -> dict[str, str]:
    return {words[i]: words[i + 1] for i in range(len(words) - 1) if words[i].startswith("--")}


def served_files(packed_site: Path) -> dict[str, Path]:
    site = packed_site / "site"
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    return {key: path for key, path in files.items() if not (key.endswith((".gz", ".br")) and key[:-3] in files)}


def policy_of(packed_site: Path) -> str:
    return re.search(r'"([^"]+)"', (packed_site / "nginx" / "csp.conf").read_text(encoding="utf-8")).group(1)


def test_aws_commands_upload_every_file_once_with_its_headers(packed_site: Path) -> None:
    done = run(str(packed_site), "--bucket", "mingbai-site", "--endpoint-url", "https://s3.example", "--distribution",
               "E2EXAMPLE")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    puts = [shlex.split(line) for line in lines if line.startswith("aws s3api put-object")]
    files = served_files(packed_site)
    keys = [options(words)["--key"] for words in puts]
    assert sorted(keys) == sorted(files) and len(set(keys)) == len(keys)
    for words in puts:
        opts = options(words)
        key, body = opts["--key"], Path(opts["--body"])
        assert opts["--bucket"] == "mingbai-site" and opts["--endpoint-url"] == "https://s3.example"
        assert opts["--content-type"] == headers.content_type(key)
        assert opts["--cache-control"] == headers.cache_control(key)
        if body.name.endswith(".gz"):
            assert body.name == Path(key).name + ".gz" and opts["--content-encoding"] == "gzip", key
        else:
            assert body == files[key] and "--content-encoding" not in opts, key
    assert options(puts[[options(w)["--key"] for w in puts].index("search/search_index.json")])["--body"].endswith(
        "search_index.json.gz")
    html = [i for i, key in enumerate(keys) if key.endswith(".html")]
    assert html and min(html) > max(i for i, key in enumerate(keys) if not key.endswith(".html"))
    assert headers.cache_control(keys[0]) == headers.IMMUTABLE
    assert "aws s3 website --endpoint-url https://s3.example s3://mingbai-site --index-document index.html " \
           "--error-document 404.html" in lines
    policy = json.loads(options(shlex.split(next(line for line in lines if "create-response-headers-policy" in line)))[
        "--response-headers-policy-config"])
    security = policy["SecurityHeadersConfig"]
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == policy_of(packed_site)
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == headers.SECURITY["Referrer-Policy"]
    assert security["FrameOptions"]["FrameOption"] == headers.SECURITY["X-Frame-Options"]
    custom = {item["Header"]: item["Value"] for item in policy["CustomHeadersConfig"]["Items"]}
    assert custom == {k: headers.SECURITY[k] for k in ("Permissions-Policy", "Cross-Origin-Opener-Policy")}
    assert policy["CustomHeadersConfig"]["Quantity"] == len(custom)
    assert lines[-1] == "aws cloudfront create-invalidation --distribution-id E2EXAMPLE --paths '/*'"


def test_rclone_commands_set_the_same_headers(packed_site: Path) -> None:
    done = run(str(packed_site), "--rclone", "store:mingbai-site")
    assert done.returncode == 0, done.stderr
    copies = [shlex.split(line) for line in done.stdout.splitlines() if line.startswith("rclone copyto")]
    assert len(copies) == len(served_files(packed_site))
    for words in copies:
        key = words[3].removeprefix("store:mingbai-site/")
        sent = {words[i + 1].split(": ", 1)[0]: words[i + 1].split(": ", 1)[1]
                for i in range(len(words)) if words[i] == "--header-upload"}
        assert sent["Content-Type"] == headers.content_type(key) and sent["Cache-Control"] == headers.cache_control(key)
        assert ("Content-Encoding" in sent) == words[2].endswith(".gz"), key
    assert f"#    Content-Security-Policy: {policy_of(packed_site)}" in done.stdout


def test_a_folder_that_is_not_packed_is_refused(tmp_path: Path) -> None:
    done = run(str(tmp_path), "--bucket", "b")
    assert done.returncode == 1 and "make dist" in done.stderr and done.stdout == ""
