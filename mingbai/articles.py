"""The article model: what one Markdown file under a category folder means to the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .frontmatter import FrontMatter, FrontMatterError, parse
from .problems import Problem, display_path
from .sourcefile import read_source
from .taxonomy import Taxonomy

LIST_SEPARATOR = "丨"  # U+4E28, DESIGN.md's 分类丨标题 separator (not a pipe)


@dataclass(frozen=True)
class Source:
    """A legal basis quoted verbatim: the law's name, the article and the quote."""

    law: str
    article: str
    quote: str


@dataclass
class Article:
    """One article. Fields hold what the front matter said, already typed where it was valid."""

    path: Path
    display: str
    folder: str
    slug: str
    meta: FrontMatter
    title: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    description: str = ""
    answer: str = ""
    date: dt.date | None = None
    reviewed: dt.date | None = None
    sources: list[Source] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    text: str = ""  # the whole file as read (LF line ends, no BOM), for checks that need its lines

    @property
    def key(self) -> str:
        """``folder/slug``: the identity used by ``related:`` and the URL registry."""
        return f"{self.folder}/{self.slug}"

    @property
    def url(self) -> str:
        """Site-relative URL, ``/folder/slug/`` (DESIGN.md: published URLs are forever)."""
        return f"/{self.folder}/{self.slug}/"

    @property
    def src_uri(self) -> str:
        """The file's path inside ``docs/``, as MkDocs names it."""
        return f"{self.folder}/{self.slug}.md"

    @property
    def body(self) -> str:
        """The Markdown after the front matter."""
        return self.meta.body

    def list_label(self) -> str:
        """The ``分类丨标题`` text used everywhere the site lists articles."""
        return f"{self.category}{LIST_SEPARATOR}{self.title}"


def article_paths(docs: Path, taxonomy: Taxonomy) -> list[Path]:
    """Every article file: Markdown directly inside a category folder, except an ``index.md``."""
    paths: list[Path] = []
    for category in taxonomy.categories:
        folder = docs / category.folder
        if folder.is_dir():
            paths += [p for p in sorted(folder.glob("*.md")) if p.name != "index.md"]
    return paths


def _as_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


# Parsed files of this process, by (path, root), with the text they were parsed from. One `mingbai build`
# reads every article three times (check, search index, MkDocs plugin); YAML parsing is the costly part,
# so a file whose text is unchanged is not parsed again. Comparing the whole text (not mtime and size)
# keeps this exact even for a same-size edit within the file system's timestamp granularity.
_parsed: dict[tuple[Path, Path], tuple[str, Article | None, list[Problem]]] = {}


def load_article(path: Path, root: Path) -> tuple[Article | None, list[Problem]]:
    """Read one file; a file whose front matter cannot be parsed yields no article and a problem.

    Each call returns its own ``Article`` (a copy of the one parsed from the same text before), so
    callers may change what they get without affecting one another.
    """
    source = read_source(path, root)  # BOM and CRLF normalised (warnings); unreadable files: a problem
    if source.text is None:
        return None, source.problems
    text = source.text
    cached = _parsed.get((path, root))
    if cached is None or cached[0] != text:
        cached = (text, *_parse_article(path, root, text))
        _parsed[(path, root)] = cached
    _, article, problems = cached
    if article is not None:
        article = replace(article, tags=list(article.tags), sources=list(article.sources),
                          related=list(article.related))
    return article, source.problems + list(problems)


def _parse_article(path: Path, root: Path, text: str) -> tuple[Article | None, list[Problem]]:
    display = display_path(path, root)
    try:
        meta = parse(text)
    except FrontMatterError as error:
        return None, [Problem(display, error.line, error.message)]
    data = meta.data
    article = Article(path=path, display=display, folder=path.parent.name, slug=path.stem, meta=meta, text=text)
    article.title = _text(data.get("title"))
    article.category = _text(data.get("category"))
    tags = data.get("tags")
    article.tags = [_text(t) for t in tags] if isinstance(tags, list) else []
    article.description = _text(data.get("description"))
    article.answer = _text(data.get("answer"))
    article.date = _as_date(data.get("date"))
    article.reviewed = _as_date(data.get("reviewed"))
    sources = data.get("sources")
    if isinstance(sources, list):
        article.sources = [
            Source(_text(s.get("law")), _text(s.get("article")), _text(s.get("quote")))
            for s in sources
            if isinstance(s, dict)
        ]
    related = data.get("related")
    article.related = [_text(r) for r in related] if isinstance(related, list) else []
    return article, []


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def load_articles(docs: Path, taxonomy: Taxonomy, root: Path) -> tuple[list[Article], list[Problem]]:
    """All articles under ``docs`` and the problems met while reading them."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in article_paths(docs, taxonomy):
        article, found = load_article(path, root)
        problems += found
        if article is not None:
            articles.append(article)
    return articles, problems
