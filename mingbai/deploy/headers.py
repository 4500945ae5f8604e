"""The response headers each file of the site is served with, the same rules as ``deploy/nginx.conf``.

nginx reads its own configuration; object storage behind a CDN has none, so every upload must carry
its headers (``objectstore.py``). The rules are written once more here for that, and the test suite
asks the real nginx, with the shipped file, for every file of the built site and compares its answer
with these functions: if the two ever disagree, a test fails.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: Material's fingerprinted bundles and stylesheets (``bundle.a5f9d56c.min.js``) and their maps.
FINGERPRINTED = re.compile(r"^assets/.+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
IMAGE = re.compile(r"\.(?:png|jpe?g|webp|gif|ico)$")

IMMUTABLE = "public, max-age=31536000, immutable"
A_DAY = "public, max-age=86400"
REVALIDATE = "public, max-age=0, must-revalidate"

#: Suffix → Content-Type, as the ``types`` block of deploy/nginx.conf (charset added below).
TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
    ".atom": "application/atom+xml", ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif",
    ".ico": "image/x-icon", ".woff2": "font/woff2", ".txt": "text/plain", ".gz": "application/gzip",
    ".pdf": "application/pdf",
}
#: Files whose type is not their suffix's (a ``location`` of their own in deploy/nginx.conf).
BY_NAME = {"feed.xml": "application/atom+xml"}
#: Types nginx sends with ``; charset=utf-8`` (text/html and ``charset_types``).
UTF8 = frozenset({"text/html", "text/css", "text/plain", "application/javascript", "application/json",
                  "application/xml", "application/atom+xml", "application/manifest+json", "image/svg+xml"})

#: Sent with every response (errors and redirects too); the CSP comes from ``csp.py``.
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    # Readers of a debt-help site should not tell other sites which article they came from.
    "Referrer-Policy": "no-referrer",
    # Everything off but what share.js uses (copying a link, the phone's share sheet).
    "Permissions-Policy": ", ".join(
        [f"{feature}=()" for feature in (
            "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
            "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
            "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
            "xr-spatial-tracking", "browsing-topics", "clipboard-read")]
        + ["clipboard-write=(self)", "web-share=(self)"]),
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000",
}


def _relative(path: str | PurePosixPath) -> str:
    return str(path).lstrip("/")


def content_type(path: str | PurePosixPath) -> str | None:
    """The Content-Type of a site file (site-relative path), or None for a suffix the site must not have."""
    rel = _relative(path)
    base = BY_NAME.get(rel) or TYPES.get(PurePosixPath(rel).suffix.lower())
    if base is None:
        return None
    return f"{base}; charset=utf-8" if base in UTF8 else base


def is_text(path: str | PurePosixPath) -> bool:
    """True for files worth compressing (the ``gzip_types`` of deploy/nginx.conf)."""
    base = content_type(path)
    return base is not None and base.split(";")[0] in UTF8


def cache_control(path: str | PurePosixPath) -> str:
    """Cache-Control for a site file, as the ``map`` in deploy/nginx.conf decides it."""
    rel = _relative(path)
    if FINGERPRINTED.match(rel):
        return IMMUTABLE
    if IMAGE.search(rel):
        return A_DAY
    return REVALIDATE
