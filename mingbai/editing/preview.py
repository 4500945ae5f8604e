"""Live preview (``mkdocs serve``) shows what ``mingbai check`` would say about each article, at once.

``mkdocs serve`` does not run the full check (quote verification reads every law text), so a writer
would learn of a misquote only at ``mingbai check``. In preview only, each article is checked as it is
rendered — fields, body, quotes against the law texts, typography — and its problems are logged in the
terminal and shown in a banner above the article. A deployment build never carries the banner: the
plugin asks for it only when MkDocs says the command is ``serve`` (``on_startup``).
"""

from __future__ import annotations

import html
import logging

from .. import settings
from ..articles import Article
from ..checks import check_body, check_fields, check_sources
from ..laws import LawLibrary
from ..problems import Problem
from ..taxonomy import Taxonomy
from .typography import lint

log = logging.getLogger("mkdocs.plugins.mingbai.preview")
BANNER_CLASS = "mb-preview-problems"


class Preview:
    """Checks articles for the preview; the law texts are read once per ``mkdocs serve`` session."""

    def __init__(self, taxonomy: Taxonomy, laws: LawLibrary) -> None:
        self.taxonomy = taxonomy
        self.laws = laws if laws.laws else None  # a project without law texts: no quote check

    def problems(self, article: Article) -> list[Problem]:
        """What `mingbai check` reports for this one article (problems across articles aside)."""
        found = check_fields(article, self.taxonomy, settings.today()) + check_body(article)
        if self.laws is not None:
            found += check_sources(article, self.laws)
        found += [Problem(article.display, f.line, f.message(), warning=not f.error) for f in lint(article.text)]
        return sorted(set(found))

    def banner(self, article: Article) -> str:
        """The banner HTML for the article ('' when it has no problem), logged to the terminal too."""
        found = self.problems(article)
        for problem in found:
            log.info("mingbai check: %s", problem)
        if not found:
            return ""
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in found)
        errors = sum(not p.warning for p in found)
        return (f'<div class="{BANNER_CLASS}" role="alert"><p><strong>预览提示：</strong>'
                f"mingbai check 会报告 {errors} 个错误、{len(found) - errors} 个提醒（只在预览中显示）</p>"
                f"<ul>{items}</ul></div>\n")
