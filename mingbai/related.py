"""Related reading for an article: curated ``related:`` first, then computed neighbours.

The computed part comes from a Whoosh index (``mingbai.search.similar``): the on-disk index when it
was built from exactly these articles (as during ``mingbai build``), otherwise one built in memory on
first use. This class is the seam the plugin calls, so the plugin does not know how similarity is found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .articles import Article
from .checks import RelatedLookup
from .project import Project

if TYPE_CHECKING:
    from .search.similar import SimilarArticles

MAX_RELATED = 8


class RelatedFinder:
    """Answers ``for_article`` for every article of one build."""

    def __init__(self, project: Project, articles: list[Article]) -> None:
        self.project = project
        self.articles = articles
        self._similar: SimilarArticles | None = None  # built lazily: a build without articles never pays
        self._curated = RelatedLookup(articles)

    def _finder(self) -> SimilarArticles:
        if self._similar is None:
            from .search.similar import SimilarArticles

            self._similar = SimilarArticles(self.project, self.articles)
        return self._similar

    def curated(self, article: Article) -> list[Article]:
        """The article's own ``related:`` entries that name another article, in their order."""
        return self._curated.curated(article)

    def for_article(self, article: Article) -> list[Article]:
        """At most eight articles, curated first, never the article itself, no duplicates, stable order."""
        chosen = self.curated(article)[:MAX_RELATED]
        room = MAX_RELATED - len(chosen)
        if room > 0:
            exclude = {a.key for a in chosen} | {article.key}
            chosen += self._finder().similar(article, room, exclude)
        return chosen
