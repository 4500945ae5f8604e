"""Generate a scale corpus: N synthetic articles made from the real articles and law texts.

Usage: python scripts/scale_corpus.py N DEST [--laws laws] [--seed 1]

DEST becomes a project root (mkdocs.yml, taxonomy.yml, urls.yml, docs/, overrides/) that passes
`mingbai check`, for benchmarks of the build, the search index and the related lists
(scripts/bench_search.py). Each synthetic article takes its category, tags, answer and sources from one
real article, and its body from sections of several real articles of the same category plus law
paragraphs read from --laws at generation time (nothing of those texts is committed: DEST is a scratch
folder). Links are unwrapped to plain text so the corpus has no dangling internal links.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml

from mingbai.articles import Article
from mingbai.checks import BODY_RANGE, CAUTION_HEADING
from mingbai.laws import LawLibrary
from mingbai.laws.refcheck import make_finder
from mingbai.laws.references import Finder
from mingbai.project import Project, check_project
from mingbai.urls import update_registry

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT / "laws"
LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
LAW_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零]+条)\s*(.+)$")
TARGET = (BODY_RANGE[0] + 300, BODY_RANGE[1] - 400)  # body length, non-space characters


def sections(body: str) -> list[str]:
    """A body cut at its ``##`` headings, links unwrapped; the text before the first heading is dropped."""
    parts = re.split(r"(?m)^(?=## )", LINK.sub(r"\1", body))
    return [p.strip() for p in parts if p.startswith("## ")]


def law_paragraphs(folder: Path) -> list[tuple[str, str, str]]:
    """(law name, article number, text) of every numbered article in the law files, the law named as the
    site cites it (the Civil Code's books are one law, 民法典), so the corpus's references resolve."""
    library = LawLibrary(folder, Project(ROOT).law_library().catalogue)
    found = []
    for law in sorted(library.laws.values(), key=lambda law: law.name):
        for key, block in law.articles.items():
            match = LAW_ARTICLE.match(block.lines[0])
            if match and len(block.lines) == 1 and 20 <= len(match.group(2)) <= 400:
                found.append((law.short, key, match.group(2)))
    return found


def self_contained(finder: Finder) -> Callable[[str], bool]:
    """Whether a section's references name their law within it: a borrowed section must not lean on a law
    its own article named elsewhere (the corpus would fail `mingbai check`, which attributes them)."""

    def check(section: str) -> bool:
        refs = finder.scan(list(enumerate(section.split("\n")))).references
        return all(ref.law is not None and ref.kind != "earlier" for ref in refs)

    return check


def size(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def compose_body(rng: random.Random, own: list[str], pool: list[str], cautions: list[str],
                 laws: list[tuple[str, str, str]]) -> str:
    """Sections of the base article first, then others of its category and law quotes, within limits."""
    chosen: list[str] = []
    candidates = [s for s in own if not CAUTION_HEADING.search(s)] + rng.sample(pool, min(len(pool), 8))
    caution = rng.choice(cautions)
    for section in candidates:
        if size("\n\n".join([*chosen, section, caution])) > TARGET[1]:
            continue
        chosen.append(section)
        if size("\n\n".join([*chosen, caution])) >= TARGET[0] and rng.random() < 0.5:
            break
    while laws and size("\n\n".join([*chosen, caution])) < TARGET[0]:
        law, number, text = rng.choice(laws)
        chosen.append(f"## 《{law}》{number}\n\n> {number} {text}")
    body = "\n\n".join([*chosen, caution])
    while size(body) > BODY_RANGE[1] and len(chosen) > 1:
        chosen.pop()
        body = "\n\n".join([*chosen, caution])
    return body


def front_matter(base: Article, title: str, related: list[str]) -> str:
    data: dict[str, object] = {
        "title": title,
        "category": base.category,
        "tags": base.tags,
        "description": base.description,
        "answer": base.answer,
        "date": str(base.date),
        "reviewed": str(base.reviewed),
        "sources": [{"law": s.law, "article": s.article, "quote": s.quote} for s in base.sources],
    }
    if related:
        data["related"] = related
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def copy_skeleton(source: Project, dest: Path) -> None:
    """Config, taxonomy, theme overrides and the non-article pages; no articles, no urls.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy2(source.root / name, dest / name)
    if source.laws_dir.is_dir():  # the law texts references are checked against and law pages made from
        shutil.copytree(source.laws_dir, dest / "laws", dirs_exist_ok=True)
    if (source.root / "overrides").is_dir():
        shutil.copytree(source.root / "overrides", dest / "overrides", dirs_exist_ok=True)
    docs = dest / "docs"
    docs.mkdir(exist_ok=True)
    for name in ("index.md", "tags.md"):
        if (source.docs / name).exists():
            shutil.copy2(source.docs / name, docs / name)
    for folder in ("assets", "about"):
        if (source.docs / folder).is_dir():
            shutil.copytree(source.docs / folder, docs / folder, dirs_exist_ok=True)


def generate(count: int, dest: Path, laws_dir: Path | None, seed: int = 1) -> Project:
    """Write the corpus into ``dest`` (which must not hold articles yet) and register its URLs."""
    source = Project(ROOT)
    real, problems = source.articles()
    if problems or not real:
        raise SystemExit(f"the real articles cannot be read: {problems or 'none found'}")
    if any((dest / "docs" / c.folder).glob("*.md") for c in source.taxonomy.categories if (dest / "docs").is_dir()):
        raise SystemExit(f"{dest} already holds articles; give an empty or new folder")
    rng = random.Random(seed)
    laws = law_paragraphs(laws_dir) if laws_dir and laws_dir.is_dir() else []
    usable = self_contained(make_finder(source.law_library()))
    by_category: dict[str, list[str]] = defaultdict(list)
    cautions: list[str] = []
    for article in real:
        for section in filter(usable, sections(article.body)):
            (cautions if CAUTION_HEADING.search(section.splitlines()[0]) else by_category[article.category]).append(
                section)
    if not cautions:
        cautions = ["## 注意事项\n\n- 以合同和官方渠道的答复为准。\n- 保留好沟通记录和凭证。"]
    copy_skeleton(source, dest)
    keys: list[str] = []
    for number in range(1, count + 1):
        base = real[(number - 1) % len(real)]
        slug = f"{base.slug[:30].rstrip('-')}-{number}"
        title = f"{base.title[:22]}（{number}）"
        related = [keys[-1]] if number % 10 == 0 and keys else []  # some curated entries, as real articles have
        own = [section for section in sections(base.body) if usable(section)]
        body = compose_body(rng, own, by_category[base.category], cautions, laws)
        path = dest / "docs" / base.folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(base, title, related) + body + "\n", encoding="utf-8")
        keys.append(f"{base.folder}/{slug}")
    project = Project(dest)
    articles, _ = project.articles()
    update_registry(project.registry, project.current_urls(articles))
    return project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of synthetic articles")
    parser.add_argument("dest", type=Path, help="new project folder")
    parser.add_argument("--laws", type=Path, default=LAWS, help="law texts to draw paragraphs from")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-check", action="store_true", help="skip running the content checks on DEST")
    args = parser.parse_args(argv)
    project = generate(args.count, args.dest, args.laws, args.seed)
    print(f"wrote {args.count} articles into {project.docs}")
    if args.no_check:
        return 0
    errors = [p for p in check_project(project) if not p.warning]
    for problem in errors[:20]:
        print(problem, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s): the corpus does not pass `mingbai check`", file=sys.stderr)
        return 1
    print("mingbai check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
