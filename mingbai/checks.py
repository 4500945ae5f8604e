"""Field-level checks of articles against the content model (DESIGN.md, STYLE.md).

Each check appends located problems instead of raising, so an editor sees every problem in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from .articles import Article
from .laws import LawLibrary, quote_in
from .problems import Problem
from .taxonomy import Taxonomy

REQUIRED = ("title", "category", "tags", "description", "answer", "date", "reviewed", "sources")
LIMITS = {"title": 30, "description": 80, "answer": 150}
TAG_RANGE = (2, 6)
BODY_RANGE = (1000, 3000)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 40
CAUTION_HEADING = re.compile(r"^#{2,6}\s.*(常见误区|注意事项)", re.M)
LINK_TARGET = re.compile(r"\]\([^)]*\)")
# What `mingbai new` writes where the writer must supply text: refused wherever it is left.
PLACEHOLDER = "待填写"
# Kangxi radicals and the CJK radicals supplement: look-alikes pasted from PDFs (「⼈」 for 「人」).
LOOKALIKE = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def check_fields(article: Article, taxonomy: Taxonomy, today: dt.date) -> list[Problem]:
    """Presence, length, vocabulary, dates, folder and slug of one article."""
    out: list[Problem] = []
    meta, where = article.meta, article.display

    def add(line: int, message: str) -> None:
        out.append(Problem(where, line, message))

    for name in REQUIRED:
        value = meta.data.get(name)
        if name not in meta.data:
            add(meta.start_line, f"missing required field '{name}'")
        elif value is None or value == "" or value == []:
            add(meta.line(name), f"required field '{name}' is empty")
    for name, limit in LIMITS.items():
        length = len(getattr(article, name))
        if length > limit:
            add(meta.line(name), f"{name} is {length} characters; at most {limit} allowed")
    if article.category and article.category not in taxonomy.by_label:
        known = "、".join(taxonomy.by_label)
        add(meta.line("category"), f"unknown category '{article.category}' (known: {known})")
    elif article.category and taxonomy.by_label[article.category].folder != article.folder:
        folder = taxonomy.by_label[article.category].folder
        add(meta.line("category"), f"category '{article.category}' belongs in folder '{folder}/', "
            f"but the file is in '{article.folder}/'")
    tags = meta.data.get("tags")
    if "tags" in meta.data and tags not in (None, "", []) and not isinstance(tags, list):
        add(meta.line("tags"), "tags must be a list, e.g. [信用卡, 协商还款]")
    for index, tag in enumerate(article.tags):
        if tag not in taxonomy.tag_set:
            add(meta.item_line("tags", index), f"unknown tag '{tag}' (add it to taxonomy.yml first)")
    if article.tags and len(set(article.tags)) != len(article.tags):
        add(meta.line("tags"), "tags list the same tag twice")
    if article.tags and not TAG_RANGE[0] <= len(article.tags) <= TAG_RANGE[1]:
        add(meta.line("tags"), f"{len(article.tags)} tags; between {TAG_RANGE[0]} and {TAG_RANGE[1]} required")
    out += _check_dates(article, today)
    if not SLUG.match(article.slug) or len(article.slug) > SLUG_MAX:
        add(1, f"slug '{article.slug}' must be short lowercase ASCII words joined by hyphens "
            f"(at most {SLUG_MAX} characters), e.g. 'card-overdue-3-months'")
    sources = meta.data.get("sources")
    if isinstance(sources, list):
        for index, source in enumerate(sources):
            missing = [k for k in ("law", "article", "quote") if not isinstance(source, dict) or not source.get(k)]
            if missing:
                add(meta.item_line("sources", index), f"source {index + 1} lacks {', '.join(missing)}")
    elif "sources" in meta.data and sources not in (None, "", []):
        add(meta.line("sources"), "sources must be a list of {law, article, quote}")
    return out


def _check_dates(article: Article, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    meta = article.meta
    for name in ("date", "reviewed"):
        raw = meta.data.get(name)
        if raw in (None, ""):
            continue
        value = getattr(article, name)
        if value is None:
            out.append(Problem(article.display, meta.line(name),
                               f"{name} '{raw}' is not a real date in the form YYYY-MM-DD"))
        elif value > today:
            out.append(Problem(article.display, meta.line(name), f"{name} {value} lies in the future"))
    if article.date and article.reviewed and article.reviewed < article.date:
        out.append(Problem(article.display, meta.line("reviewed"),
                           f"reviewed {article.reviewed} is before date {article.date}"))
    return out


def check_body(article: Article) -> list[Problem]:
    """Length, the required caution section and look-alike characters (STYLE.md)."""
    out: list[Problem] = []
    body = article.body
    length = len(re.sub(r"\s", "", LINK_TARGET.sub("]", body)))
    low, high = BODY_RANGE
    if not low <= length <= high:
        out.append(Problem(article.display, article.meta.body_line,
                           f"body is {length} characters; {low}–{high} required"))
    if not CAUTION_HEADING.search(body):
        out.append(Problem(article.display, article.meta.body_line,
                           "no '常见误区' or '注意事项' section (a ## heading naming one is required)"))
    lines = article.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if PLACEHOLDER in line:
            out.append(Problem(article.display, number,
                               f"placeholder 「{PLACEHOLDER}」 left from `mingbai new`: write the text here"))
        for match in LOOKALIKE.finditer(line):
            out.append(Problem(article.display, number,
                               f"look-alike radical character '{match.group()}' (U+{ord(match.group()):04X}); "
                               "retype it as the ordinary character"))
    return out


def check_across(articles: list[Article]) -> list[Problem]:
    """Duplicate titles and ``related:`` entries that name no article."""
    out: list[Problem] = []
    by_title: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.title:
            by_title[article.title].append(article)
    for same in by_title.values():
        for article in same[1:]:
            out.append(Problem(article.display, article.meta.line("title"),
                               f"duplicate title '{article.title}', also used by {same[0].display}"))
    lookup = RelatedLookup(articles)
    for article in articles:
        for index, entry in enumerate(article.related):
            target = lookup.resolve(entry)
            line = article.meta.item_line("related", index)
            if target is None:
                out.append(Problem(article.display, line, f"related entry '{entry}' names no article"))
            elif target.key == article.key:
                out.append(Problem(article.display, line, f"related entry '{entry}' names the article itself"))
    return out


class RelatedLookup:
    """Resolves ``related:`` entries: ``folder/slug``, or a bare slug when only one article has it.

    Built once per set of articles, so checking or resolving every article's entries stays linear.
    """

    def __init__(self, articles: list[Article]) -> None:
        self.by_key = {a.key: a for a in articles}
        self.by_slug: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            self.by_slug[article.slug].append(article)

    def resolve(self, entry: str) -> Article | None:
        """The article ``entry`` names, or None when it names none (or an ambiguous slug)."""
        target = entry.removesuffix(".md").strip("/")
        same_slug = self.by_slug.get(target, [])
        return self.by_key.get(target) or (same_slug[0] if len(same_slug) == 1 else None)

    def curated(self, article: Article) -> list[Article]:
        """The article's ``related:`` articles in their order, without itself and without repeats."""
        found: list[Article] = []
        for entry in article.related:
            match = self.resolve(entry)
            if match is not None and match.key != article.key and match not in found:
                found.append(match)
        return found


def check_sources(article: Article, laws: LawLibrary) -> list[Problem]:
    """Each quote must stand verbatim in the cited article; a law with no text here is a warning."""
    out: list[Problem] = []
    for index, source in enumerate(article.sources):
        if not (source.law and source.quote):
            continue
        line = article.meta.item_key_line("sources", index, "quote")
        law = laws.get(source.law)
        if law is None:
            out.append(Problem(article.display, article.meta.item_key_line("sources", index, "law"),
                               f"cannot verify: no text of 《{source.law}》 in {laws.folder}", warning=True))
            continue
        text = law.article_text(source.article)
        if text is None:
            out.append(Problem(article.display, article.meta.item_key_line("sources", index, "article"),
                               f"《{source.law}》 has no article '{source.article}'"))
        elif not quote_in(source.quote, text):
            elsewhere = law.find_article(source.quote)
            hint = f" (it is in {elsewhere})" if elsewhere else ""
            out.append(Problem(article.display, line,
                               f"quote is not verbatim in 《{source.law}》{source.article}{hint}"))
    return out
