"""Settings injected from outside: today's date and the site's public address, each read in one place.

Every result that depends on the day (the "date lies in the future" check, the review report, the
browser tools' defaults in tests) asks :func:`today`. Setting ``MINGBAI_TODAY=YYYY-MM-DD`` pins it,
for this process and every process it starts (the index worker, the drawing pool), which is how the
suite is run on several dates in CI (the Makefile's test target). Pages never carry the build date: the sitemap
and feed dates are each article's ``reviewed`` date (plugin.py).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from urllib.parse import urlsplit

TODAY_ENV = "MINGBAI_TODAY"
SITE_URL_ENV = "MINGBAI_SITE_URL"


class SettingError(ValueError):
    """An injected setting (``MINGBAI_TODAY``, ``MINGBAI_SITE_URL``) that cannot be used."""


def today() -> dt.date:
    """The injected date if ``MINGBAI_TODAY`` is set, otherwise the machine's date."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SettingError(f"{TODAY_ENV}={raw!r} is not a date in the form YYYY-MM-DD") from None


def check_site_url(url: str) -> str:
    """``url`` normalised to end in '/', or a SettingError saying why it cannot be the site's address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(f"site URL {url!r} must be an absolute http(s) address, e.g. https://example.org/")
    if parts.query or parts.fragment:
        raise SettingError(f"site URL {url!r} must not carry a query or fragment")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def is_loopback(url: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def loopback_warning(url: str) -> str | None:
    """The warning every build with a loopback address prints: its links work on this machine only."""
    if not is_loopback(url):
        return None
    return (f"warning: the site's address is {url}, a loopback address: canonical links, og:url, QR codes, "
            f"copied links, the feed and the sitemap will only work on this machine. For deployment, build "
            f"with `mingbai build --site-url https://…` or set {SITE_URL_ENV}.")
