"""Short links ``/s/<id>/``: small static pages that send the reader on to the canonical URL.

The id comes from the URL registry (``urls.yml``) and never changes, so a short link printed on a
poster keeps working after a slug is renamed (the registry keeps the old URL, and its redirect
says where the page went). The pages work without JavaScript: a meta refresh, a canonical link,
and a visible link. They are written by hand rather than through mkdocs-redirects because its page
is English ("Redirecting..."), has no visible link, and its ``redirect_maps`` is the list of moved
URLs that the URL check reads; short ids live in the registry instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from ..urls import relative_url
from .meta import absolute

PREFIX = "s"


@dataclass(frozen=True)
class ShortLink:
    """``/s/<sid>/`` → ``target`` (site-relative URL, or an absolute one for an external redirect)."""

    sid: str
    target: str

    @property
    def url(self) -> str:
        return f"/{PREFIX}/{self.sid}/"


def short_links(registry: Mapping[str, str], published: set[str], redirects: Mapping[str, str]) -> list[ShortLink]:
    """One short link per registered URL that still leads somewhere, following redirects (a few hops)."""
    out: list[ShortLink] = []
    for url, sid in registry.items():
        target, hops = url, 0
        while target not in published and target in redirects and hops < 10:
            target, hops = redirects[target], hops + 1
        if target in published or target.startswith(("http://", "https://")):
            out.append(ShortLink(sid, target))
    return out


def short_url(site_url: str, registry: Mapping[str, str], url: str) -> str | None:
    """The absolute short link of a page, if the page is registered."""
    sid = registry.get(url)
    return absolute(site_url, f"/{PREFIX}/{sid}/") if sid else None


def redirect_page(link: ShortLink, site_url: str, label: str, site_name: str,
                  meta: list[tuple[str, str, str]] = ()) -> str:
    """The HTML of one short-link page.

    The refresh and the visible link are relative, so they work on any host the site is served from
    (a preview server, a mirror); the canonical link is absolute. Link-preview tags are copied from
    the target so a pasted short link previews like the article.
    """
    if link.target.startswith(("http://", "https://")):
        href = canonical = link.target
    else:
        href = relative_url(link.url, link.target)
        canonical = absolute(site_url, link.target)
    tags = "".join(f'<meta {attr}="{escape(key)}" content="{escape(value)}">\n' for attr, key, value in meta)
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(label)} - {escape(site_name)}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(href)}">\n'
        f"{tags}</head>\n<body>\n"
        f'<p>正在打开：<a href="{escape(href)}">{escape(label)}</a></p>\n'
        "<p>如果没有自动打开，请点上面的链接。</p>\n</body>\n</html>\n"
    )


def redirect_targets(redirect_maps: Mapping[str, str]) -> dict[str, str]:
    """mkdocs-redirects' ``old.md → new.md`` map as URLs: ``/old/ → /new/`` (external targets kept)."""
    from ..urls import page_url

    out: dict[str, str] = {}
    for source, target in redirect_maps.items():
        target = str(target)
        if not target.startswith(("http://", "https://")):
            path = target.split("#", 1)[0]
            target = page_url(path) if path.endswith(".md") else "/" + path.lstrip("/")
        out[page_url(str(source))] = target
    return out
