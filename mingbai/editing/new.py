"""``mingbai new <category> <slug>``: start an article with the front matter and STYLE.md's skeleton.

Every part the writer must supply is the placeholder 「待填写」, which the check refuses (checks.py:
PLACEHOLDER), so a started article cannot be published by accident; the dates are today's
(``settings.today()``), and its URL is registered at once so the short id never changes.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from ..checks import PLACEHOLDER, SLUG, SLUG_MAX
from ..project import Project
from ..urls import update_registry

TEMPLATE = """\
---
title: {p}：读者自己会问的问题（不超过 30 字）
category: {category}
tags: [{p}]  # 2–6 个，只用 taxonomy.yml 里的标签
description: {p}：用于搜索结果和分享卡片的摘要（不超过 80 字）
answer: {p}：先说结论，直接回答标题里的问题（不超过 150 字）
date: {today}
reviewed: {today}
sources: []  # 法规依据，原文照录，例如：
#  - law: 民法典
#    article: 第一百八十八条
#    quote: "向人民法院请求保护民事权利的诉讼时效期间为三年。法律另有规定的，依照其规定。"
---

## {p}：第一个小节的标题（先给要点，再解释）

{p}：一段一个意思，段落短。

## {p}：第二个小节的标题

{p}：能列步骤的写成编号步骤。

1. {p}：第一步做什么、准备什么材料。
2. {p}：第二步对谁说什么。

## {p}：第三个小节的标题

{p}：法律事实只写能核实的；引用法条写成《法名》第N条。

## 常见误区

- {p}：读者容易被骗、被吓到或误解法律的地方。
"""


class NewArticleError(ValueError):
    """Why the article cannot be started (unknown category, bad or taken slug)."""


def new_article(project: Project, category: str, slug: str) -> Path:
    """Write the new article and register its URL; returns its path."""
    taxonomy = project.taxonomy
    found = taxonomy.by_label.get(category) or next((c for c in taxonomy.categories if c.folder == category), None)
    if found is None:
        known = "、".join(f"{c.label} ({c.folder})" for c in taxonomy.categories)
        raise NewArticleError(f"unknown category '{category}' (known: {known})")
    if not SLUG.match(slug) or len(slug) > SLUG_MAX:
        raise NewArticleError(f"slug '{slug}' must be lowercase ASCII words joined by hyphens, "
                              f"at most {SLUG_MAX} characters (e.g. card-overdue-3-months)")
    if slug == "index":
        raise NewArticleError("slug 'index' is the category page's own name")
    path = project.docs / found.folder / f"{slug}.md"
    taken = [p for p in project.docs.glob(f"*/{slug}.md")]
    if path.exists() or path.is_symlink():
        raise NewArticleError(f"{path.relative_to(project.root)} exists already")
    if taken:
        raise NewArticleError(f"slug '{slug}' is used by {taken[0].relative_to(project.root)}; slugs are unique")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(p=PLACEHOLDER, category=found.label, today=settings.today().isoformat()),
                    encoding="utf-8")
    articles, _ = project.articles()
    update_registry(project.registry, project.current_urls(articles))
    return path
