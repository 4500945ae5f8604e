"""Related reading for an article: curated ``related:`` first, then computed neighbours.

The computed part comes from a Whoosh index (``mingbai.search.similar``); this class is the seam the
plugin calls, so the plugin does not know how similarity is found. The index is built in memory on
first use, because during a build the on-disk ``search_index/`` may not exist yet or may be stale.
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
        self._similar = None  # built lazily: a preview build with no article page never pays for it

    def _finder(self):  # noqa: ANN202 - the type lives in an optional, heavy import
        if self._similar is None:
            from .search.similar import SimilarArticles

            self._similar = SimilarArticles(self.project, self.articles)
        return self._similar

    def for_article(self, article: Article) -> list[Article]:
        """At most eight articles, curated first, never the article itself, no duplicates, stable order."""
        chosen = [a for a in resolve_related(article, self.articles) if a.key != article.key][:MAX_RELATED]
        room = MAX_RELATED - len(chosen)
        if room > 0:
            exclude = {a.key for a in chosen} | {article.key}
            chosen += self._finder().similar(article, room, exclude)
        return chosen
