"""The law folder: texts grouped into laws by their own first heading, names resolved, articles found.

A law is the set of files whose first heading is the same full name, so the seven books of the Civil
Code (each headed 中华人民共和国民法典) form one law without any list of them in code; its books are put
in the order of their first article. Every name a text can be cited by is derived from the files
(full name, without 中华人民共和国, the file name without its date) or read from ``laws.yml``
(short names). Texts are parsed lazily: a check reads only the laws that are cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..problems import Problem, display_path
from .catalogue import CATALOGUE, Absent, Catalogue, LawInfo, load_catalogue
from .numbers import ARTICLE_KEY, anchor, cn_int
from .text import HEADING, Block, parse_blocks, quote_in

_DATE_SUFFIX = re.compile(r"[（(]\d{4}-\d{2}-\d{2}[)）]$")
_PRC = "中华人民共和国"
_SUB_REF = re.compile(r"(第[^第]+?条(?:之[^第]+)?)(?:第.+)?$")


def law_key(name: str) -> str:
    """A name as written, without 《》, spaces and the 中华人民共和国 prefix (also inside a title)."""
    name = name.strip().removeprefix("《").removesuffix("》").strip()
    # A title inside a title is written 〈〉 in running text (《关于适用〈民法典〉…的解释》) and 《》 in file names.
    name = name.replace("〈", "《").replace("〉", "》")
    return name.removeprefix(_PRC).replace(f"《{_PRC}", "《").replace(" ", "")


@dataclass
class Law:
    """One law: its full name, its files (books), its metadata and, once read, its articles."""

    name: str
    files: list[Path]
    info: LawInfo | None = None

    @property
    def short(self) -> str:
        """The name the site shows: without 中华人民共和国, or its first short name when that is long
        (the 最高人民法院关于… interpretations)."""
        plain = law_key(self.name)
        if len(plain) > 12 and self.info and self.info.short:
            return self.info.short[0]
        return plain

    @property
    def slug(self) -> str:
        return self.info.slug if self.info else ""

    @cached_property
    def parsed(self) -> tuple[list[str], list[Block]]:
        """History lines and blocks of every file, books in the order of their first article."""
        parts = []
        for path in self.files:
            _, history, blocks = parse_blocks(path.read_text(encoding="utf-8"))
            first = next((b.key for b in blocks if b.kind == "article" and ARTICLE_KEY.match(b.key)), "")
            order = cn_int(ARTICLE_KEY.match(first).group(1)) if first else 0  # type: ignore[union-attr]
            parts.append((order, path.name, history, blocks))
        parts.sort(key=lambda p: (p[0], p[1]))
        history = [line for part in parts for line in part[2] if line not in parts[0][2] or part is parts[0]]
        return history, [block for part in parts for block in part[3]]

    @cached_property
    def articles(self) -> dict[str, Block]:
        """Article (or section) key → its block; a key met twice keeps its first text."""
        out: dict[str, Block] = {}
        for block in self.parsed[1]:
            if block.kind == "article":
                out.setdefault(block.key, block)
        return out

    @cached_property
    def full_text(self) -> str:
        return "\n".join(p.read_text(encoding="utf-8") for p in self.files)

    def article(self, key: str) -> Block | None:
        """The block of ``第十六条`` (or ``十六条``, ``一``); None when the law has no such article."""
        key = key.strip()
        if key in self.articles:
            return self.articles[key]
        match = _SUB_REF.match(key)  # 第十六条第一款 → 第十六条
        if match and match.group(1) in self.articles:
            return self.articles[match.group(1)]
        bare = key.removeprefix("第").removesuffix("条").rstrip("、")
        return self.articles.get(bare) or self.articles.get(f"第{bare}条")

    def article_text(self, key: str) -> str | None:
        """The cited article's text; an empty citation means the whole text (e.g. a short 批复)."""
        if not key.strip():
            return self.full_text
        block = self.article(key)
        return "\n".join(block.lines) + "\n" if block else None

    def find_article(self, quote: str) -> str | None:
        """Which article holds ``quote``, to say where a misattributed quote really comes from."""
        for key, block in self.articles.items():
            if quote_in(quote, "\n".join(block.lines)):
                return key
        return None

    def anchor(self, key: str) -> str:
        block = self.article(key)
        return anchor(block.key) if block else ""


@dataclass
class LawLibrary:
    """Every law in ``folder``, by each name it can be cited by, with the catalogue's metadata.

    The catalogue is ``folder/laws.yml`` or, for a folder without one (``--laws ../shared/laws``), the
    one given (the project's ``laws/laws.yml``).
    """

    folder: Path
    catalogue: Catalogue | None = None
    root: Path | None = None
    laws: dict[str, Law] = field(default_factory=dict)
    names: dict[str, Law] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        root = self.root or self.folder.parent
        own = self.folder / CATALOGUE
        owned = own.is_file() or self.catalogue is None
        if owned:
            self.catalogue = load_catalogue(own, root)
        assert self.catalogue is not None
        self.problems += self.catalogue.problems
        for path in sorted(self.folder.glob("*.md")):
            if path.name.upper() == "README.MD":
                continue
            title = _title(path)
            if not title:
                self.problems.append(Problem(display_path(path, root), 1, "a law text must begin with '# 全称'"))
                continue
            law = self.laws.setdefault(title, Law(title, [], self.catalogue.laws.get(title)))
            law.files.append(path)
        for law in self.laws.values():
            if law.info is None:
                self.problems.append(Problem(display_path(law.files[0], root), 1,
                                             f"《{law.name}》 has no entry in {CATALOGUE} (slug, status)"))
            names = {law.name, law_key(law.name), *(law.info.short if law.info else ())}
            names |= {law_key(_DATE_SUFFIX.sub("", p.stem)) for p in law.files if len(law.files) == 1}
            for name in names:
                self.names.setdefault(law_key(name), law)
        for name, info in self.catalogue.laws.items() if owned else ():  # another folder may hold fewer
            if name not in self.laws:
                self.problems.append(Problem(display_path(self.catalogue.path, root), info.line,
                                             f"《{name}》 is listed but no text in {self.folder.name}/ has "
                                             "that first heading"))

    @property
    def where(self) -> str:
        """The folder as messages name it (``laws``, or ``../shared/laws`` as given)."""
        return display_path(self.folder, self.root) if self.root else self.folder.as_posix()

    def get(self, name: str) -> Law | None:
        """The law called ``name`` (any of its names, with or without 《》), or None."""
        return self.names.get(law_key(name))

    def absent(self, name: str) -> Absent | None:
        """The catalogue's entry for a document known to have no text here."""
        assert self.catalogue is not None
        key = law_key(name)
        for entry_name, entry in self.catalogue.absent.items():
            if law_key(entry_name) == key:
                return entry
        return None

    def by_slug(self, slug: str) -> Law | None:
        return next((law for law in self.laws.values() if law.slug == slug), None)


def _title(path: Path) -> str:
    """The first ``#`` heading of a file, read without reading the whole text."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            head = HEADING.match(line.strip())
            if head and head.group(1) == "#":
                return head.group(2)
            if line.strip():
                return ""
    return ""
