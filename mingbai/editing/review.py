"""``mingbai review``: what needs an editor's attention, most urgent first. A report, not a check.

Urgency, highest first: an article citing a law whose text on file is not the one in force (the
reader may be told an old rule), a 逾期动态 item over a year old that should say what changed since,
an article whose facts were last checked longer ago than the threshold (oldest first), and glossary
terms that no article uses. Dates are judged against ``settings.today()`` (or ``--today``), so the
report for a given day is reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from ..articles import Article
from ..taxonomy import Taxonomy

NEWS_FOLDER = "news"
NEWS_MAX_DAYS = 365
DEFAULT_DAYS = 180

# (kind, urgency): lower urgency numbers come first.
KINDS = {"law-status": 0, "news-old": 1, "stale": 2, "glossary-unused": 3}


@dataclass(frozen=True)
class Item:
    """One thing to look at: what, where, and why."""

    kind: str
    where: str
    line: int
    message: str
    days: int = 0  # how overdue, for ordering within a kind

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: [{self.kind}] {self.message}"


LawStatus = Callable[[str], "str | None"]  # law name → why citing it needs a look, or None


def _law_items(articles: Iterable[Article], law_status: LawStatus) -> list[Item]:
    items = []
    for article in articles:
        seen: set[str] = set()
        for index, source in enumerate(article.sources):
            why = law_status(source.law) if source.law not in seen else None
            seen.add(source.law)
            if why:
                line = article.meta.item_key_line("sources", index, "law")
                items.append(Item("law-status", article.display, line, f"cites 《{source.law}》: {why}"))
    return items


def _age_items(articles: Iterable[Article], today: dt.date, days: int) -> list[Item]:
    items = []
    for article in articles:
        if article.folder == NEWS_FOLDER and article.date and (today - article.date).days > NEWS_MAX_DAYS:
            age = (today - article.date).days
            items.append(Item("news-old", article.display, article.meta.line("date"),
                              f"dated {article.date}, {age} days ago: say what has changed since, "
                              "or that nothing has", age))
        if article.reviewed and (today - article.reviewed).days > days:
            age = (today - article.reviewed).days
            items.append(Item("stale", article.display, article.meta.line("reviewed"),
                              f"facts last checked {article.reviewed}, {age} days ago (threshold {days})", age))
    return items


def _term_lines(taxonomy_text: str) -> dict[str, int]:
    """Line of each ``term:`` in taxonomy.yml, so the report points at the entry to edit."""
    lines: dict[str, int] = {}
    for number, line in enumerate(taxonomy_text.split("\n"), start=1):
        match = re.match(r"^\s*-?\s*term:\s*['\"]?([^'\"#]+?)['\"]?\s*(#.*)?$", line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def _glossary_items(articles: Iterable[Article], taxonomy: Taxonomy, taxonomy_text: str) -> list[Item]:
    texts = [f"{a.title}\n{a.description}\n{a.answer}\n{a.body}" for a in articles]
    where = _term_lines(taxonomy_text)
    items = []
    for term in taxonomy.glossary:
        names = [term.term, *term.aliases]
        pattern = re.compile("|".join(re.escape(n) for n in names if n))
        if not any(pattern.search(text) for text in texts):
            items.append(Item("glossary-unused", "taxonomy.yml", where.get(term.term, 1),
                              f"glossary term 「{term.term}」 is used by no article: link it from one, or drop it"))
    return items


def review(articles: list[Article], taxonomy: Taxonomy, taxonomy_text: str, today: dt.date,
           days: int = DEFAULT_DAYS, law_status: LawStatus | None = None) -> list[Item]:
    """Everything worth an editor's look, most urgent first."""
    items = _law_items(articles, law_status) if law_status else []
    items += _age_items(articles, today, days)
    items += _glossary_items(articles, taxonomy, taxonomy_text)
    return sorted(items, key=lambda i: (KINDS[i.kind], -i.days, i.where, i.line))


def as_json(items: list[Item]) -> list[dict[str, object]]:
    """The report for dashboards."""
    return [asdict(item) for item in items]
