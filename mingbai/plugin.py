"""The thin MkDocs plugin: it wires MkDocs events to the ``mingbai`` package and holds no logic.

Keeping the logic in the package (not in the plugin or templates) keeps a later move away from
Material (maintenance mode, DESIGN.md) cheap: only this file knows MkDocs' event API.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .articles import Article
from .editing.preview import Preview
from .glossary import GlossaryExtension
from .laws.pages import LAWS_INDEX_URI, LAWS_TITLE
from .laws.site import LawSite
from .pages import GLOSSARY_URI, MarkerError, category_uri, expand_markers, generated_pages
from .project import Project
from .related import RelatedFinder
from .render import decorate, fill_related
from .search.analysis import segment_han, setup_project
from .search.browser_index import write_browser_index  # the browser search's own index (issue 15)
from .search_assets import write_search_assets  # compact browser search index (issue 7)
from .share.popular import popular_guides
from .share.shortlinks import redirect_targets
from .share.site import ShareSite  # sharing (issue 5)
from .tools.data import ToolData, load_tools  # tools (issue 6)
from .tools.pages import expand_tool_markers  # tools (issue 6)
from .urls import load_registry


class MingbaiConfig(Config):
    """Plugin options; ``related`` can be turned off for quick local previews of one page."""

    related = config_options.Type(bool, default=True)


class MingbaiPlugin(BasePlugin[MingbaiConfig]):
    """Adds generated pages, derives theme settings from the taxonomy, and decorates articles."""

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.articles: dict[str, Article] = {}
        self.related: RelatedFinder | None = None
        self.share: ShareSite | None = None  # sharing (issue 5)
        self.tools = ToolData()  # tools (issue 6): rules and letter templates from data/
        # Related lists computed in another process while MkDocs renders (``mingbai build``); when set,
        # articles get a placeholder that ``on_page_context`` fills in (see ``search/background.py``).
        self._related_lists: Callable[[], dict[str, list[str]]] | None = None
        self._by_key: dict[str, Article] = {}
        self.laws: LawSite | None = None  # law library (issue 12): law pages, links to cited articles
        self._law_ref_pages: set[str] = set()
        self._serving = False  # set by on_startup: True under `mkdocs serve`
        self._preview: Preview | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Only ``mkdocs serve`` gets the preview banner (editing/preview.py); builds never do."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Project(Path(config.config_file_path).parent)
        self.project = project
        articles, problems = project.articles()
        if problems:
            raise PluginError("content problems (run `mingbai check`):\n" + "\n".join(map(str, problems)))
        self.articles = {a.src_uri: a for a in articles}
        self._by_key = {a.key: a for a in articles}
        self.tools, tool_problems = load_tools(project.root)  # tools (issue 6)
        if tool_problems:
            raise PluginError("tool data problems (run `mingbai check`):\n" + "\n".join(map(str, tool_problems)))
        taxonomy = project.taxonomy
        tags = config.plugins.get("material/tags")
        if tags is not None:
            from material.plugins.tags.structure.tag import Tag

            tags.config.tags_allowed = {Tag(name) for name in taxonomy.tags}
        self.laws = LawSite(project, articles)  # issue 12
        self._law_ref_pages = set()
        config.markdown_extensions.append(GlossaryExtension(self._glossary_terms(project)))
        config.nav = self._nav(project)
        inline = self.config.related and not self._deferred_related
        self.related = RelatedFinder(project, articles) if inline else None
        if self.share is None:  # `mingbai build` starts it earlier (start_sharing)
            self.share = self._share(project, config, articles)
        return config

    @staticmethod
    def _glossary_terms(project: Project) -> dict[str, str]:
        """Term or alias → definition, for hover definitions on every page."""
        terms: dict[str, str] = {}
        for entry in project.taxonomy.glossary:
            for word in (entry.term, *entry.aliases):
                terms.setdefault(word, f"{entry.term}：{entry.definition}")
        return terms

    def _nav(self, project: Project) -> list[Any]:
        """Home, the nine categories, tags, tools and about: never every article (DESIGN.md)."""
        taxonomy = project.taxonomy
        nav: list[Any] = [{"首页": "index.md"}]
        nav += [{c.label: category_uri(c.folder)} for c in taxonomy.categories]
        nav.append({"标签": "tags.md"})
        if (project.docs / "tools" / "index.md").exists():
            nav.append({"工具": "tools/index.md"})
        about = [{"关于本站": "about/index.md"}]
        for title, uri in (("术语表", GLOSSARY_URI), ("我们如何写作和核实", "about/how-we-write.md"),
                           ("免责声明", "about/disclaimer.md")):
            if uri == GLOSSARY_URI and taxonomy.glossary or (project.docs / uri).exists():
                about.append({title: uri})
        if self.laws is not None and self.laws.library.laws:  # issue 12: the law pages' index
            about.append({LAWS_TITLE: LAWS_INDEX_URI})
        nav.append({"关于": about})
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        pages = generated_pages(self.project.taxonomy, list(self.articles.values()))
        if self.laws is not None:
            pages.update(self.laws.pages())  # issue 12: /laws/ and /laws/<slug>/
        for uri, content in pages.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        return files

    @event_priority(50)  # before the tags plugin reads the page and before other plugins render
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.project is not None
        uri = page.file.src_uri
        article = self.articles.get(uri)
        if article is not None:
            if self._deferred_related:
                related = None  # filled in by on_page_context
            else:
                related = self.related.for_article(article) if self.related else []
            if self.laws is None:
                return decorate(article, markdown, related)
            body, answer, refs = self.laws.link_article(article, markdown)  # issue 12: references → law pages
            page_md = decorate(article, body, related, answer, self.laws.source_link(article, refs))
            if refs.texts:
                self._law_ref_pages.add(uri)
            return page_md + "\n" + refs.script()
        try:
            markdown = expand_tool_markers(markdown, uri, self.tools, self.project.docs)  # tools (issue 6)
            return expand_markers(markdown, uri, self.project.taxonomy, list(self.articles.values()),
                                  popular=self._popular)
        except MarkerError as error:
            raise PluginError(str(error)) from error

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        article = self.articles.get(page.file.src_uri)
        if not self._serving or article is None or self.project is None:
            return html
        if self._preview is None:
            self._preview = Preview(self.project.taxonomy, self.project.law_library())  # what `mingbai check` reads
        return self._preview.banner(article) + html

    @property
    def _deferred_related(self) -> bool:
        """Related lists on, and computed elsewhere (``use_related``): placeholder now, list later."""
        return self.config.related and self._related_lists is not None

    def use_related(self, lists: Callable[[], dict[str, list[str]]]) -> None:
        """Take the related lists from ``lists`` (article key → keys, called when first needed) instead
        of computing them while rendering: ``mingbai build`` computes them in a second process."""
        self._related_lists = lists

    def _fill_related(self, page: Page, article: Article) -> None:
        """Replace the article's 相关阅读 placeholder with its list (or drop the section, and its entry in
        the table of contents, when it has none)."""
        assert self._related_lists is not None
        try:
            lists = self._related_lists()
        except RuntimeError as error:
            raise PluginError(f"search index and related lists: {error}") from error
        related = [self._by_key[key] for key in lists.get(article.key, []) if key in self._by_key]
        page.content = fill_related(page.content or "", page.url, related)
        if not related:
            _drop_anchor(page.toc.items, "related")

    def _popular(self) -> list[Article]:
        """Core guides for the 404 page: the articles the taxonomy marks as essential, else newest."""
        return popular_guides(self.project.taxonomy.popular if self.project else [], list(self.articles.values()))

    # --- Sharing (issue 5): link previews, share panel, sitemap dates, 404 list, files after the build ---

    def start_sharing(self, config: MkDocsConfig) -> None:
        """Start drawing every article's card and poster before the build runs (``mingbai build`` calls
        this before its checks and index; a plain ``mkdocs build`` starts them in ``on_config``)."""
        project = Project(Path(config.config_file_path).parent)
        articles, _ = project.articles()
        self.share = self._share(project, config, articles)

    def stop_sharing(self) -> None:
        """Stop the drawing workers (``on_post_build`` has collected their images if the build got there)
        and forget this build's sharing state and related lists, so a reused plugin starts afresh."""
        if self.share is not None:
            self.share.close()
        self.share = None
        self._related_lists = None

    @staticmethod
    def _share(project: Project, config: MkDocsConfig, articles: list[Article]) -> ShareSite:
        redirects = config.plugins.get("redirects")
        maps = (redirects.config.get("redirect_maps") or {}) if redirects is not None else {}
        try:
            return ShareSite(cache=project.cache, site_url=config.site_url or "", site_name=config.site_name,
                             site_description=config.site_description or "", articles=articles,
                             registry=load_registry(project.registry)[0], redirects=redirect_targets(maps),
                             popular=project.taxonomy.popular)
        except (RuntimeError, ValueError) as error:  # no CJK font, no site_url
            raise PluginError(str(error)) from error

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any,
                        ) -> dict[str, Any]:
        assert self.share is not None
        article = self.articles.get(page.file.src_uri)
        if article is not None and self._deferred_related:
            self._fill_related(page, article)
        url = "/" + page.url
        context["mb_law_refs"] = page.file.src_uri in self._law_ref_pages  # issue 12: laws.js
        context["mb_share"] = self.share.page(url, page.title or "", str(page.meta.get("description") or ""))
        return context

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Give every page its sitemap date now: MkDocs renders sitemap.xml before any page's template,
        so a date set later (in ``on_page_context``) never reaches it. An article's date is when it
        was reviewed; a category's and the home page's, their newest article's; any other page gets
        none (MkDocs' default would be the build day, which says nothing and changes every day)."""
        if self.share is None:
            return env
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        dates = {id(page): self.share.lastmod("/" + page.url) or "" for page in pages}
        if any(dates.values()):  # MkDocs dates sitemap.xml.gz by the newest page: it needs one
            for page in pages:
                page.update_date = dates[id(page)]
        return env

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig,
                            ) -> dict[str, Any]:
        if template_name == "404.html" and self.share is not None:
            context["mb_popular"] = self.share.popular()
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.share is not None
        try:
            self.share.write(Path(config.site_dir))
        except (OSError, ValueError) as error:
            raise PluginError(f"sharing files: {error}") from error

    def on_build_error(self, *, error: Exception) -> None:
        if self.share is not None:  # sharing (issue 5): stop the card/poster drawing workers
            self.share.close()

    # --- Browser search index (issue 7): segment and compact it, write search_index.json.gz next to it ---

    @event_priority(-100)  # after Material's search plugin has written search/search_index.json
    def _write_search_assets(self, *, config: MkDocsConfig) -> None:
        assert self.project is not None
        setup_project(self.project)  # the taxonomy's words stay whole in the browser index too
        write_search_assets(Path(config.site_dir), [c.label for c in self.project.taxonomy.categories], segment_han)

    # --- Browser search (issue 15): its sharded index, cut by the Whoosh analyzer, read by search.js ---

    @event_priority(-110)  # after _write_search_assets: Material's index supplies the pages that are not articles
    def _write_browser_index(self, *, config: MkDocsConfig) -> None:
        assert self.project is not None
        try:
            write_browser_index(self.project, list(self.articles.values()), Path(config.site_dir))
        except OSError as error:
            raise PluginError(f"browser search index: {error}") from error

    # Every post-build step of this plugin, each with its own priority (MkDocs allows one method per event).
    on_post_build = CombinedEvent(on_post_build, _write_search_assets, _write_browser_index)


def _drop_anchor(items: list[Any], anchor: str) -> None:
    """Remove the table-of-contents entry with id ``anchor`` wherever it is nested."""
    for item in list(items):
        if item.id == anchor:
            items.remove(item)
        else:
            _drop_anchor(item.children, anchor)
