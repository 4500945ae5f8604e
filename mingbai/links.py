"""Find internal links in Markdown and report those that lead nowhere.

MkDocs' own validation only warns, per page, after rendering; editors want every broken link with
its line before the build starts, including links into pages this package generates.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .problems import Problem, display_path
from .sourcefile import read_source

LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def iter_links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) for every Markdown link or image outside fenced code and inline code."""
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            yield number, match.group(1)


def resolve(source_uri: str, target: str) -> str | None:
    """The docs-relative path a link points at, or None for external and same-page links."""
    if EXTERNAL.match(target) or target.startswith("#") or target.startswith("//"):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_uri), path))
    return joined


def candidates(uri: str) -> list[str]:
    """Files a resolved link may mean: the file itself, or a page behind a directory URL."""
    uri = uri.rstrip("/")
    if uri in ("", "."):
        return ["index.md"]
    if uri.endswith(".md") or "." in posixpath.basename(uri):
        return [uri]
    return [f"{uri}.md", f"{uri}/index.md"]


def check_links(docs: Path, root: Path, extra_pages: Iterable[str]) -> list[Problem]:
    """Every internal link in every Markdown file under ``docs`` must reach a file or generated page."""
    existing = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    existing |= set(extra_pages)
    out: list[Problem] = []
    for path in sorted(docs.rglob("*.md")):
        uri = path.relative_to(docs).as_posix()
        source = read_source(path, root)  # the same problems as the article check's: check_project dedupes
        out += source.problems
        if source.text is None:
            continue
        text = source.text
        for line, target in iter_links(text):
            resolved = resolve(uri, target)
            if resolved is None:
                continue
            if resolved.startswith(".."):
                out.append(Problem(display_path(path, root), line, f"link '{target}' leaves the docs folder"))
            elif not any(c in existing for c in candidates(resolved)):
                out.append(Problem(display_path(path, root), line, f"broken internal link '{target}'"))
    return out
