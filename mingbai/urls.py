"""The registry of published URLs, each with a permanent short id (DESIGN.md: a URL is forever).

``urls.yml`` maps every URL the site has published to a short id. A URL that disappears from the
site must be covered by a redirect, and a new page must be registered before it is published;
``mingbai urls --update`` registers new pages (and never removes one).
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from .problems import Problem, display_path

HEADER = """\
# 明白账 — registry of published URLs. Maintained by `mingbai urls --update`; never delete a line.
# Each URL keeps its short id for ever: /s/<id>/ redirects to it. A URL that no longer exists in the
# site needs a redirect (plugins → redirects → redirect_maps in mkdocs.yml) or the check fails.
"""
# Crockford's base-32 digits: no i, l, o or u, so an id read off a printed poster cannot be mistyped
# as a look-alike (1/l, 0/o).
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a docs file with directory URLs: ``a/b.md`` → ``/a/b/``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return f"/{stem}/"


def relative_url(here: str, there: str) -> str:
    """The link from the page at site URL ``here`` to the page at ``there`` (both ``/a/b/`` or ``/``), as
    MkDocs writes it with directory URLs: ``/rights/x/`` → ``/basics/y/`` is ``../../basics/y/``. For
    links in HTML that MkDocs does not rewrite (generated lists, tool pages, short-link pages)."""
    return posixpath.relpath(there.strip("/") or ".", here.strip("/") or ".") + "/"


def short_id(number: int) -> str:
    """Base-32 text of a positive number: short enough to type from a poster."""
    text = ""
    while True:
        number, digit = divmod(number, len(ALPHABET))
        text = ALPHABET[digit] + text
        if number == 0:
            return text


def load_registry(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """URL → short id, and URL → line in the file (for located problems)."""
    if not path.exists():
        return {}, {}
    node = yaml.compose(path.read_text(encoding="utf-8"))
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise ValueError(f"{path}: the URL registry must map URLs to short ids")
    registry: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key, value in node.value:
        registry[str(key.value)] = str(value.value)
        lines[str(key.value)] = key.start_mark.line + 1
    return registry, lines


def check_registry(path: Path, root: Path, current: Mapping[str, str], redirected: Iterable[str]) -> list[Problem]:
    """Registered URLs must still exist or be redirected; current pages must be registered.

    ``current`` maps each URL the site will publish to the file that makes it (a generated page
    names the registry itself), so an unregistered new page is reported where the editor is working.
    """
    registry, lines = load_registry(path)
    where = display_path(path, root)
    current_set, redirected_set = set(current), set(redirected)
    out: list[Problem] = []
    for url in registry:
        if url not in current_set and url not in redirected_set:
            out.append(Problem(where, lines[url], f"published URL {url} no longer exists and has no redirect"))
    for url in sorted(current_set - set(registry)):
        out.append(Problem(current[url] or where, 1,
                           f"page {url} is not in the URL registry {where}; run `mingbai urls --update`"))
    ids: dict[str, str] = {}
    for url, sid in registry.items():
        if sid in ids:
            out.append(Problem(where, lines[url], f"short id '{sid}' of {url} is already used by {ids[sid]}"))
        ids[sid] = url
    return out


def update_registry(path: Path, current: Iterable[str]) -> list[str]:
    """Append unregistered URLs with fresh short ids; returns the URLs added. Writes atomically."""
    registry, _ = load_registry(path)
    used = set(registry.values())
    number = len(registry) + 1
    added: list[str] = []
    for url in sorted(set(current) - set(registry)):
        while short_id(number) in used:
            number += 1
        registry[url] = short_id(number)
        used.add(registry[url])
        added.append(url)
    if added or not path.exists():
        body = "".join(f"{url}: '{sid}'\n" for url, sid in registry.items())
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".urls-", suffix=".yml")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(HEADER + body)
        os.replace(tmp, path)
    return added
