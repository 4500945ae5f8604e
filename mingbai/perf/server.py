"""A stand-in for nginx, for ``mingbai serve`` on a machine without it (writers previewing the site).

The tests and the budget script use the real nginx with the shipped configuration
(``mingbai/deploy/nginx.py``, issue 16); this server stays only as that fallback.

Python's ``http.server`` sends everything uncompressed and answers a missing page with its own error
text, so sizes seen by the browser and Lighthouse would be about four times what readers download and
the site's 404 page would never show. This handler behaves like nginx with ``gzip_static on; gzip on;
error_page 404 /404.html;``: a precompressed ``X.gz`` sibling is sent for ``X`` with
``Content-Encoding: gzip`` (how ``search/search_index.json.gz`` is meant to be served), other text
responses are compressed on the fly when ``compress`` is set, and a missing path gets ``404.html``
with status 404. Hand-written because no maintained package does this for a plain folder without a
web framework.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
              "application/atom+xml", "application/manifest+json")
#: gzip level for on-the-fly compression and for every "gzip" figure the budget script prints.
GZIP_LEVEL = 6


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` quietly, with precompressed siblings, optional gzip, and the site's 404 page."""

    def __init__(self, *args: object, compress: bool = False, **kwargs: object) -> None:
        self.compress = compress
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the stdlib's redirect to the URL with a slash
            path = path / "index.html"
        if not path.is_file():
            not_found = Path(self.directory) / "404.html"
            if not not_found.is_file():
                return super().send_head()
            return self._send(404, not_found, "text/html")
        return self._send(200, path, self.guess_type(os.fspath(path)))

    def _send(self, status: int, path: Path, ctype: str) -> BinaryIO:
        packed = path.with_name(path.name + ".gz")
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        encoding = None
        if gzip_ok and packed.is_file():
            body, encoding = packed.read_bytes(), "gzip"
        elif gzip_ok and self.compress and ctype.startswith(TEXT_TYPES):
            body, encoding = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0), "gzip"
        else:
            body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, port: int = 0, compress: bool = False, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``site`` on ``host`` (a free port unless given) from a thread; yields the base URL."""
    handler = functools.partial(SiteHandler, directory=os.fspath(site), compress=compress)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
