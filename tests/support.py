"""Helpers shared by the tests (imported by name; fixtures stay in conftest.py).

A module of its own because tests/ and tests/browser/ both have a conftest.py, and importing
``conftest`` by name would pick whichever was loaded first.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mingbai.project import Project

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAWS = ROOT.parent / "shared" / "laws"

PAGES = {
    "index.md": "---\ntitle: 首页\n---\n\n# 测试首页\n\n<!-- mingbai:categories -->\n\n<!-- mingbai:latest 5 -->\n",
    "tags.md": "---\ntitle: 按标签浏览\n---\n\n<!-- material/tags -->\n",
    "about/index.md": "---\ntitle: 关于本站\n---\n\n关于本站的说明。\n",
    "about/disclaimer.md": "---\ntitle: 免责声明\n---\n\n免责声明的内容。\n",
}


def fixture_article(name: str, body_edit: Callable[[str], str] | None = None) -> str:
    """A check fixture with the shared body put in place of its ``<!-- body -->`` line."""
    body = (FIXTURES / "body.md").read_text(encoding="utf-8")
    if body_edit:
        body = body_edit(body)
    return (FIXTURES / "check" / f"{name}.md").read_text(encoding="utf-8").replace("<!-- body -->", body)


MakeProject = Callable[..., Project]


def dated(context: BrowserContext) -> BrowserContext:
    """Pages see the suite's date: with MINGBAI_TODAY set, the browser clock starts at this process's
    (moved) clock, ticking, since the browser tools compute with the page's date."""
    if os.environ.get("MINGBAI_TODAY"):
        context.clock.install(time=dt.datetime.now())  # moved by tests/conftest.py
    return context
