"""``mingbai dist``: build the site for its public address and pack a folder ready to upload.

The packed folder (``dist/`` by default) holds:

* ``site/`` — the built site, with a ``.gz`` (level 9, no timestamp) and a ``.br`` (Brotli quality
  11) beside every text file, each kept only when smaller, served as they are by nginx's
  ``gzip_static`` and ``brotli_static``; the ``.gz`` is uploaded instead of the file to object
  storage (``objectstore.py``), which cannot choose between the two per request;
* ``nginx/csp.conf`` — the Content-Security-Policy with the hashes of the inline scripts of exactly
  these pages (``csp.py``), which ``deploy/nginx.conf`` includes; ``nginx/mingbai.conf`` is a copy of
  that server block and ``nginx/brotli.conf`` its optional Brotli part, so one folder has everything
  an operator copies.

The address must be public: a site built for 127.0.0.1 or localhost has canonical links, QR codes,
posters, the feed and the sitemap pointing at the reader's own machine, so it is refused (where
``mingbai build`` only warns). The address is given to the build as ``mingbai build --site-url``
gives it; the sitemap is then checked to carry it. Like ``mingbai build``, nothing is written in
place: a failure leaves the previous folder as it was.
"""

from __future__ import annotations

import gzip
import ipaddress
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli

from .. import settings
from ..problems import Problem
from ..project import Project
from . import csp, headers
from .nginx import CSP_INCLUDE, SHIPPED

GZIP_LEVEL = 9
BROTLI_QUALITY = 11


class DistError(Exception):
    """The folder could not be packed; every reason, one a line."""


@dataclass(frozen=True)
class Packed:
    """What ``package`` wrote, for the command's summary."""

    files: int
    compressed: int
    raw_bytes: int
    gzip_bytes: int
    brotli_bytes: int
    policy: str


def check_site_url(url: str) -> str:
    """The public address with a trailing slash; DistError for a malformed, loopback or unspecified one."""
    try:
        url = settings.check_site_url(url)
    except settings.SettingError as error:
        raise DistError(str(error)) from None
    host = (urlsplit(url).hostname or "").rstrip(".")
    try:
        unspecified = ipaddress.ip_address(host).is_unspecified  # 0.0.0.0, ::
    except ValueError:
        unspecified = False
    if settings.is_loopback(url) or unspecified:
        raise DistError(f"site URL {url!r} is a loopback address: canonical links, QR codes, posters, the feed "
                        "and the sitemap would point at the reader's own machine. Give the public address.")
    return url


def _unknown_types(site: Path) -> list[Problem]:
    return [Problem(p.relative_to(site).as_posix(), 1, "no Content-Type for this kind of file: add its suffix "
                    "to the types in deploy/nginx.conf and mingbai/deploy/headers.py")
            for p in sorted(site.rglob("*")) if p.is_file() and headers.content_type(p.relative_to(site)) is None]


def precompress(site: Path) -> tuple[int, int, int, int]:
    """Write ``X.gz`` and ``X.br`` beside every text file ``X``, each only where it is smaller than ``X``.

    Returns (files, raw bytes, gzip bytes, brotli bytes) over the files that got a ``.gz``. Brotli at
    quality 11 is a quarter smaller than gzip -9 on this site's text (the search index a third:
    124.7 → 85.0 KB); nginx sends it to browsers that accept it (they do over HTTPS) with Debian's
    brotli_static module, see deploy/brotli.conf.
    """
    count = raw_total = gzip_total = brotli_total = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".gz", ".br") or not headers.is_text(path.relative_to(site)):
            continue
        raw = path.read_bytes()
        gzipped = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
        brotlied = brotli.compress(raw, quality=BROTLI_QUALITY)
        for suffix, packed in ((".gz", gzipped), (".br", brotlied)):
            target = path.with_name(path.name + suffix)
            if len(packed) < len(raw):
                target.write_bytes(packed)
            elif target.exists():
                target.unlink()  # a stale sibling would be served instead of the file
        if len(gzipped) < len(raw):
            count, raw_total = count + 1, raw_total + len(raw)
            gzip_total += len(gzipped)
            brotli_total += min(len(brotlied), len(raw))
    return count, raw_total, gzip_total, brotli_total


def package(site: Path, out: Path) -> Packed:
    """Pack a built ``site`` into ``out`` (which must not exist): site/ with .gz siblings, nginx/csp.conf.

    Inline code the policy would block and files of unknown type are all reported at once
    (DistError, ``path:line: message``) before anything is written.
    """
    found = csp.scan(site)
    problems = found.problems + _unknown_types(site)
    if problems:
        raise DistError("\n".join(str(p) for p in sorted(problems)))
    policy = csp.policy(found)
    shutil.copytree(site, out / "site")
    count, raw, packed, brotlied = precompress(out / "site")
    (out / "nginx").mkdir()
    (out / "nginx" / CSP_INCLUDE.name).write_text(csp.nginx_include(policy), encoding="utf-8")
    shutil.copy(SHIPPED, out / "nginx" / "mingbai.conf")
    files = sum(1 for p in (out / "site").rglob("*") if p.is_file())
    shutil.copy(SHIPPED.with_name("brotli.conf"), out / "nginx" / "brotli.conf")
    return Packed(files, count, raw, packed, brotlied, policy)


def _check_built_for(site: Path, url: str) -> None:
    """The sitemap's addresses start with ``url``: proof that the build used it (mkdocs.yml's !ENV)."""
    sitemap = site / "sitemap.xml"
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else []
    wrong = [loc for loc in locs if not loc.startswith(url)]
    if not locs or wrong:
        raise DistError(f"the site was not built for {url} (sitemap.xml has {wrong[:1] or 'no addresses'}): "
                        "was site_url overridden elsewhere?")


def make_dist(project: Project, site_url: str, out: Path, laws_dir: Path | None = None) -> Packed:
    """Check the address, build for it into a temporary folder, pack, and swap the result into ``out``."""
    from ..build import build_site

    url = check_site_url(site_url)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".dist-", dir=out.parent))
    try:
        (work / "build").mkdir()
        build_site(project, laws_dir, site_dir=work / "build" / "site", index_dir=work / "build" / "index",
                   site_url=url)
        _check_built_for(work / "build" / "site", url)
        packed = package(work / "build" / "site", work / "packed")
        old = out.with_name(f".{out.name}-old-{work.name}")
        if out.exists():
            out.rename(old)
        try:
            (work / "packed").rename(out)
        except OSError:
            if old.exists():
                old.rename(out)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return packed
    finally:
        shutil.rmtree(work, ignore_errors=True)
