"""Related reading for an article: curated ``related:`` first, then computed neighbours.

The computed part comes from the search index (its own module); this class is the seam the plugin
calls, so the plugin does not know how similarity is found.
"""

from __future__ import annotations

from .articles import Article
from .checks import resolve_related
from .project import Project

MAX_RELATED = 8


class RelatedFinder:
    """Answers ``for_article`` for every article of one build."""

    def __init__(self, project: Project, articles: list[Article]) -> None:
        self.project = project
        self.articles = articles

    def for_article(self, article: Article) -> list[Article]:
        """At most eight articles, curated first, never the article itself, no duplicates."""
        return resolve_related(article, self.articles)[:MAX_RELATED]
