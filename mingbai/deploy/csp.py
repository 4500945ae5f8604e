"""The Content-Security-Policy of the built site: ``script-src 'self'`` plus the hash of each inline script.

Material writes three small inline scripts into every page (``__md_scope``/``__md_get`` in the head,
the palette restore at the top of the body, the tab restore in the content), and they must stay
inline: they run before the first paint, so that a reader who chose the dark scheme never sees a
white flash; moving them to files would mean forking Material's partials. The first one embeds the
page's depth (``new URL("../..", location)``), so a site has a handful of distinct scripts. Rather
than ``'unsafe-inline'``, which would let any injected script run, each distinct script is allowed by
its SHA-256, computed here from the pages themselves when the site is packed, so the policy and the
pages cannot drift apart.

Anything inline that a hash cannot allow is reported as ``path:line: message`` instead of silently
breaking under the policy: ``style="…"`` attributes, ``on…=`` handlers and ``javascript:`` links. A
``<style>`` element is allowed by its hash like a script. ``<script type="application/json">`` (the
config Material writes) is data, which a policy does not govern.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..problems import Problem

#: Script types a browser executes (an absent or empty type is JavaScript too).
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


@dataclass
class InlineCode:
    """The distinct inline scripts and styles of a site, and what no hash can allow."""

    scripts: dict[str, str] = field(default_factory=dict)  # 'sha256-…' → first page that has it
    styles: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def source_hash(text: str) -> str:
    """The CSP source expression for an inline element's text (newlines normalised as browsers do)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


class _Scanner(HTMLParser):
    """Collects one page's inline scripts and styles, and the inline code a policy would block."""

    def __init__(self, name: str, found: InlineCode) -> None:
        super().__init__(convert_charrefs=False)
        self.name, self.found = name, found
        self.open: tuple[str, str] | None = None  # ("scripts" | "styles", where it starts) while inside
        self.text: list[str] = []

    def _where(self) -> str:
        return f"{self.name}:{self.getpos()[0]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): value or "" for key, value in attrs}
        line = self.getpos()[0]
        for key, value in values.items():
            if key.startswith("on"):
                self._problem(line, f"inline event handler {key}= on <{tag}> is blocked by the CSP: "
                                    "attach it from a script file")
            elif key == "style":
                self._problem(line, f'style="…" on <{tag}> is blocked by the CSP: use a class in a stylesheet')
            elif key in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self._problem(line, f"javascript: URL in <{tag} {key}> is blocked by the CSP")
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in SCRIPT_TYPES:
            self.open = ("scripts", self._where())
        elif tag == "style":
            self.open = ("styles", self._where())
        self.text = []

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag in ("script", "style"):
            kind, where = self.open
            getattr(self.found, kind).setdefault(source_hash("".join(self.text)), where)
            self.open = None

    def _problem(self, line: int, message: str) -> None:
        self.found.problems.append(Problem(self.name, line, message))


def scan(site: Path) -> InlineCode:
    """Every inline script and style of every page under ``site``, and every problem, at once."""
    found = InlineCode()
    for path in sorted(site.rglob("*.html")):
        scanner = _Scanner(path.relative_to(site).as_posix(), found)
        scanner.feed(path.read_text(encoding="utf-8"))
        scanner.close()
    return found


def policy(found: InlineCode) -> str:
    """The site's policy: its own files only, inline code by hash, nothing embedded, never framed."""
    scripts = " ".join(["'self'", *sorted(found.scripts)])
    styles = " ".join(["'self'", *sorted(found.styles)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {styles}",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet (mask-image)
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",  # the 404 page's search form goes to the home page
        "frame-ancestors 'none'",
    ])


def nginx_include(csp: str) -> str:
    """``csp.conf``, the file deploy/nginx.conf includes inside its server block."""
    if '"' in csp or "\n" in csp:
        raise ValueError("a CSP with quotes or newlines cannot be written into nginx's configuration")
    return ("# Written by `mingbai dist` from the pages it packed (mingbai/deploy/csp.py): do not edit.\n"
            f'add_header Content-Security-Policy "{csp}" always;\n')
