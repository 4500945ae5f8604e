"""Upload a packed site to object storage behind a CDN, every object with its headers (issue 16).

Object storage keeps one object per key and sends back the headers it was uploaded with; it cannot
choose between a file and its ``.gz`` per request, nor add headers of its own. So:

* a text file is uploaded as its ``.gz`` bytes under the file's own key, with ``Content-Encoding:
  gzip`` (every browser sends ``Accept-Encoding: gzip``; the siblings themselves are not uploaded,
  and the ``.br``, which not every client accepts, stays for nginx);
* Content-Type and Cache-Control come from ``headers.py``, the rules the test suite checks the
  shipped nginx configuration against, so nginx and the bucket answer alike;
* fingerprinted assets go first and pages last, so a reader never gets a page whose assets are not
  there yet;
* the security headers and the CSP are response headers of the CDN (one policy for every response),
  printed as the command that creates it.

Printed, not run: the operator reads the commands, then pipes them to ``sh``. The bucket is served as
a website (``x/`` → ``x/index.html``, a missing key → ``404.html`` with status 404), as S3-compatible
stores offer.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from . import csp, headers

#: Order of upload: what pages load must exist before the pages that load it.
_IMMUTABLE, _ASSET, _PAGE = range(3)


@dataclass(frozen=True)
class Upload:
    """One object: its key, the local file whose bytes it gets, and its headers."""

    key: str
    body: Path
    content_type: str
    cache_control: str
    content_encoding: str | None

    @property
    def order(self) -> int:
        if self.cache_control == headers.IMMUTABLE:
            return _IMMUTABLE
        return _PAGE if self.content_type.startswith("text/html") else _ASSET


def plan(dist: Path) -> list[Upload]:
    """Every object of the packed folder ``dist``, in upload order (then by key)."""
    site = dist / "site"
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    uploads = []
    for key, path in files.items():
        if key.endswith((".gz", ".br")) and key[:-3] in files:
            continue  # a compressed form of another file: the .gz is uploaded under that file's key
        content_type = headers.content_type(key)
        if content_type is None:
            raise ValueError(f"{key}: no Content-Type for this kind of file (mingbai/deploy/headers.py)")
        packed = files.get(key + ".gz")
        uploads.append(Upload(key, packed or path, content_type, headers.cache_control(key),
                              "gzip" if packed else None))
    return sorted(uploads, key=lambda u: (u.order, u.key))


def response_headers(dist: Path) -> dict[str, str]:
    """The headers the CDN adds to every response: the security headers and this site's CSP."""
    return {**headers.SECURITY, "Content-Security-Policy": csp.policy(csp.scan(dist / "site"))}


def _q(value: str | Path) -> str:
    return shlex.quote(str(value))


def aws_commands(dist: Path, bucket: str, endpoint: str | None = None, distribution: str | None = None) -> list[str]:
    """The AWS CLI's commands (``--endpoint-url`` for any S3-compatible store)."""
    extra = f" --endpoint-url {_q(endpoint)}" if endpoint else ""
    lines = ["# 1. Objects, fingerprinted assets first and pages last, each with its headers."]
    for up in plan(dist):
        encoding = f" --content-encoding {up.content_encoding}" if up.content_encoding else ""
        lines.append(f"aws s3api put-object{extra} --bucket {_q(bucket)} --key {_q(up.key)} --body {_q(up.body)}"
                     f" --content-type {_q(up.content_type)} --cache-control {_q(up.cache_control)}{encoding}")
    lines += ["# 2. The bucket as a website: /x/ is x/index.html, a missing page is 404.html with status 404.",
              f"aws s3 website{extra} s3://{bucket} --index-document index.html --error-document 404.html",
              "# 3. The CDN's response headers on every response (CloudFront; attach the policy to the",
              "#    distribution's default behaviour). Object storage cannot send a CSP itself.",
              f"aws cloudfront create-response-headers-policy --response-headers-policy-config "
              f"{_q(json.dumps(cloudfront_policy(response_headers(dist)), ensure_ascii=False))}"]
    if distribution:
        lines += ["# 4. Pages, feed, sitemap and search index are revalidated, but the CDN's copies go now.",
                  f"aws cloudfront create-invalidation --distribution-id {_q(distribution)} --paths '/*'"]
    return lines


def rclone_commands(dist: Path, remote: str) -> list[str]:
    """rclone's commands for a configured remote (``remote:bucket``): headers set with --header-upload."""
    lines = ["# 1. Objects, fingerprinted assets first and pages last, each with its headers."]
    for up in plan(dist):
        sent = [f"Content-Type: {up.content_type}", f"Cache-Control: {up.cache_control}"]
        if up.content_encoding:
            sent.append(f"Content-Encoding: {up.content_encoding}")
        flags = " ".join(f"--header-upload {_q(h)}" for h in sent)
        lines.append(f"rclone copyto {_q(up.body)} {_q(remote.rstrip('/') + '/' + up.key)} {flags}")
    lines += ["# 2. Serve the bucket as a website: index document index.html, error document 404.html.",
              "# 3. Have the CDN add these headers to every response:"]
    lines += [f"#    {name}: {value}" for name, value in response_headers(dist).items()]
    return lines


def cloudfront_policy(sent: dict[str, str]) -> dict:
    """A CloudFront ResponseHeadersPolicyConfig with exactly ``sent`` (security headers it knows by name,
    the rest as custom headers)."""
    known = {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
             "Strict-Transport-Security"}
    max_age = int(sent["Strict-Transport-Security"].split("=", 1)[1])
    custom = [{"Header": name, "Value": value, "Override": True} for name, value in sent.items() if name not in known]
    return {
        "Name": "mingbai-security-headers",
        "Comment": "明白账: written by scripts/upload_commands.py from mingbai/deploy/headers.py",
        "SecurityHeadersConfig": {
            "ContentSecurityPolicy": {"Override": True, "ContentSecurityPolicy": sent["Content-Security-Policy"]},
            "ContentTypeOptions": {"Override": True},
            "FrameOptions": {"Override": True, "FrameOption": sent["X-Frame-Options"]},
            "ReferrerPolicy": {"Override": True, "ReferrerPolicy": sent["Referrer-Policy"]},
            "StrictTransportSecurity": {"Override": True, "AccessControlMaxAgeSec": max_age,
                                        "IncludeSubdomains": False, "Preload": False},
        },
        "CustomHeadersConfig": {"Quantity": len(custom), "Items": custom},
    }
