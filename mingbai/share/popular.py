"""Popular guides: the core articles the 404 page (and the ``mingbai:popular`` marker) offer.

There is no reader tracking on the site (issue 5: nothing leaks reader data), so "popular" is an
editorial choice: the ``popular:`` list of article keys (``folder/slug``) in ``taxonomy.yml``. With
no list (or none of it found), the newest articles stand in. A key that names no article is a
warning located at its line in the taxonomy file (``check_popular``), so a renamed article does not
silently drop off the 404 page.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..articles import Article
from ..pages import newest_first
from ..problems import Problem, display_path

FALLBACK_COUNT = 8


def popular_guides(keys: list[str], articles: list[Article]) -> list[Article]:
    """The listed articles in the listed order (unknown keys skipped); the newest few if none is listed."""
    by_key = {a.key: a for a in articles}
    listed = [by_key[k] for k in keys if k in by_key]
    return listed or newest_first(articles)[:FALLBACK_COUNT]


def check_popular(taxonomy_path: Path, root: Path, keys: list[str], articles: list[Article]) -> list[Problem]:
    """``taxonomy.yml:LINE: …`` for every ``popular:`` key that is not an article."""
    known = {a.key for a in articles}
    unknown = [k for k in keys if k not in known]
    if not unknown:
        return []
    lines: dict[str, int] = {}
    node = yaml.compose(taxonomy_path.read_text(encoding="utf-8"))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "popular" and isinstance(value, yaml.SequenceNode):
                lines = {str(item.value): item.start_mark.line + 1 for item in value.value}
    where = display_path(taxonomy_path, root)
    # A warning, not an error: the 404 page still lists the other guides (or the newest articles), and
    # test projects built from the real taxonomy with a few fixture articles must still build.
    return [Problem(where, lines.get(k, 1), f"popular guide '{k}' is not an article", warning=True)
            for k in unknown]
