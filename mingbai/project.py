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
from .links import check_links
from .pages import generated_pages
from .problems import Problem, display_path
from .share.popular import check_popular
from .taxonomy import Taxonomy
from .tools import check_tools
from .urls import check_registry, page_url


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` and ``!ENV`` tags."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


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
        return written | set(generated_pages(self.taxonomy, articles))

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

    def default_laws(self) -> Path | None:
        """The law texts quotes are checked against when no folder is named: the project's laws/,
        else the shared copy beside the project."""
        for folder in (self.root / "laws", self.root.parent / "shared" / "laws"):
            if folder.is_dir():
                return folder
        return None

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
    """Every content problem in the project, errors and warnings, sorted by place."""
    today = today or settings.today()
    articles, problems = project.articles()
    for article in articles:
        problems += check_fields(article, project.taxonomy, today)
        problems += check_body(article)
    problems += check_across(articles)
    problems += check_links(project.docs, project.root, generated_pages(project.taxonomy, articles))
    problems += check_registry(project.registry, project.root, project.current_urls(articles),
                               project.redirect_sources())
    if laws_dir is not None:
        laws = LawLibrary(laws_dir)
        for article in articles:
            problems += check_sources(article, laws)
    problems += check_typography(project.docs, project.root)
    problems += check_popular(project.root / "taxonomy.yml", project.root, project.taxonomy.popular, articles)
    problems += check_tools(project.root, laws_dir)  # tools (issue 6): data/ rules, letters, tool-page quotes
    return sorted(set(problems))
