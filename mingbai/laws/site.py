"""What one build needs from the law library: the law pages, and the links and texts of each article.

Made once per build by the plugin (``on_config``), so the texts are read and the references found once.
"""

from __future__ import annotations

from ..articles import Article, Source
from ..project import Project
from .pages import Citations, law_pages
from .refcheck import make_finder
from .reflinks import PageRefs, RefLinker


class LawSite:
    """The law library of a project, with who cites what, ready to link articles and make law pages."""

    def __init__(self, project: Project, articles: list[Article]) -> None:
        self.library = project.law_library()
        report = project.law_report(articles, self.library)
        self.citations = Citations.collect(report.resolved, articles, self.library)
        self.linker = RefLinker(self.library, make_finder(self.library))

    def pages(self) -> dict[str, str]:
        """docs-relative path → Markdown of every law page."""
        return law_pages(self.library, self.citations)

    def link_article(self, article: Article, markdown: str) -> tuple[str, str, PageRefs]:
        """The body and the answer with their references linked, and the texts they cite."""
        refs = PageRefs()
        body = self.linker.link_text(markdown, article, refs)
        answer = self.linker.link_text(article.answer, article, refs, markdown=False)
        return body, answer, refs

    def source_link(self, article: Article, refs: PageRefs):  # type: ignore[no-untyped-def]
        """A ``render.SourceLink`` for the article's 法规依据, adding the texts it links to ``refs``."""

        def make(source: Source, label: str) -> str | None:
            return self.linker.source_link(article, source.law, source.article, label, refs)

        return make
