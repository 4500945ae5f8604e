"""Where things live in a 明白账 checkout, and the whole-project content check.

The CLI, the MkDocs plugin and the tests all start from a ``Project`` so that paths and the loaded
taxonomy are resolved one way only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import settings
from .articles import Article, load_articles
from .checks import check_across, check_body, check_fields, check_sources
from .editing.typography import check_typography
from .laws import LawLibrary
from .laws.catalogue import CATALOGUE, load_catalogue
from .laws.content import site_units
from .laws.pages import law_page_uris
from .laws.refcheck import Report, check_units
from .links import check_links
from .pages import generated_pages
from .problems import Problem, display_path
from .share.popular import check_popular
from .taxonomy import Taxonomy
from .tools.data import check_tools
from .urls import check_registry, page_url


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` and ``!ENV`` tags."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)

#: The last law report of this process and what it was made from (``Project.law_report``).
_REPORT_CACHE: dict[str, object] = {}


@dataclass
class Project:
    """A checkout: ``mkdocs.yml``, ``docs/``, ``taxonomy.yml`` and ``urls.yml`` under one root."""

    root: Path
    docs: Path = field(init=False)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.docs = self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def registry(self) -> Path:
        return self.root / "urls.yml"

    @property
    def cache(self) -> Path:
        """Derived files that are not committed (jieba dictionary, card cache)."""
        return self.root / ".cache" / "mingbai"

    @property
    def laws_dir(self) -> Path:
        """The project's own copy of the law texts it cites, with ``laws.yml`` (issue 12)."""
        return self.root / "laws"

    def law_library(self, laws_dir: Path | None = None) -> LawLibrary:
        """The texts of ``laws_dir`` (default: the project's ``laws/``); a folder without a ``laws.yml``
        (``--laws ../shared/laws``) is described by the project's."""
        catalogue = load_catalogue(self.laws_dir / CATALOGUE, self.root)
        return LawLibrary(laws_dir or self.laws_dir, catalogue, self.root)

    def law_report(self, articles: list[Article], laws: LawLibrary) -> Report:
        """Every legal reference of the site, resolved and checked against ``laws``. Kept for the process:
        ``mingbai build`` checks the content, then the plugin links it, from the same unchanged files."""
        data = [self.root / "taxonomy.yml", *sorted((self.root / "data").glob("*.yml"))]
        key = (self.root, laws.folder.resolve(),
               tuple((a.display, a.answer, a.meta.body, tuple(a.sources)) for a in articles),
               tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in data if p.exists()),
               tuple((p, p.stat().st_mtime_ns) for law in laws.laws.values() for p in law.files))
        if _REPORT_CACHE.get("key") != key:
            _REPORT_CACHE.clear()
            _REPORT_CACHE.update(key=key, report=check_units(site_units(self.root, articles), laws))
        return _REPORT_CACHE["report"]  # type: ignore[return-value]

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return Taxonomy.load(self.root / "taxonomy.yml")

    @cached_property
    def mkdocs_config(self) -> dict[str, Any]:
        return yaml.load(self.mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}

    def articles(self) -> tuple[list[Article], list[Problem]]:
        """All articles and the problems met reading them."""
        return load_articles(self.docs, self.taxonomy, self.root)

    def redirect_sources(self) -> list[str]:
        """URLs kept alive by mkdocs-redirects (``redirect_maps`` keys)."""
        for plugin in self.mkdocs_config.get("plugins") or []:
            if isinstance(plugin, dict) and "redirects" in plugin:
                maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
                return [page_url(str(source)) for source in maps]
        return []

    def page_uris(self, articles: list[Article]) -> set[str]:
        """docs-relative paths of every page the site will have, written or generated."""
        # Only real files are pages: a folder or a dangling link named *.md is reported by the checks.
        written = {p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md") if p.is_file()}
        return written | set(generated_pages(self.taxonomy, articles)) | set(self.law_page_uris())

    def law_page_uris(self) -> list[str]:
        """The law pages (issue 12): /laws/ and one per law on file, generated from ``laws/``."""
        library = self.law_library()
        return law_page_uris(library) if library.laws else []

    def current_urls(self, articles: list[Article]) -> dict[str, str]:
        """URL → source file (empty for generated pages) of every page the site will publish.

        404.md is served for missing pages, never linked, so it is not a published URL.
        """
        urls: dict[str, str] = {}
        for uri in sorted(self.page_uris(articles)):
            if uri != "404.md":
                path = self.docs / uri
                urls[page_url(uri)] = display_path(path, self.root) if path.exists() else ""
        return urls

    def user_dictionary(self) -> Path:
        """Write the jieba user dictionary derived from the taxonomy; returns its path."""
        path = self.cache / "jieba_userdict.txt"
        text = self.taxonomy.jieba_userdict()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        return path


def check_project(project: Project, laws_dir: Path | None = None,
                  today: dt.date | None = None) -> list[Problem]:
    """Every content problem in the project, errors and warnings, sorted by place. Quotes and references
    are checked against ``laws_dir``, by default the project's own ``laws/``."""
    today = today or settings.today()
    articles, problems = project.articles()
    for article in articles:
        problems += check_fields(article, project.taxonomy, today)
        problems += check_body(article)
    problems += check_across(articles)
    generated = [*generated_pages(project.taxonomy, articles), *project.law_page_uris()]
    problems += check_links(project.docs, project.root, generated)
    problems += check_registry(project.registry, project.root, project.current_urls(articles),
                               project.redirect_sources())
    laws = project.law_library(laws_dir)  # issue 12: the project's laws/ unless --laws names another folder
    problems += laws.problems
    for article in articles:
        problems += check_sources(article, laws)
    problems += project.law_report(articles, laws).problems
    problems += check_typography(project.docs, project.root)
    problems += check_popular(project.root / "taxonomy.yml", project.root, project.taxonomy.popular, articles)
    problems += check_tools(project.root, laws)  # tools (issue 6): data/ rules, letters, tool-page quotes
    return sorted(set(problems))
