"""The browser search's quality, measured in a real browser: each question typed into the search box.

The figures are the ones ``evaluate.py`` computes for the Whoosh search (hit@1, hit@5, MRR@5 over the
same questions and the same relevance rule), so the two can be printed side by side. The page is
driven like a reader does it: open the dialog, type the question, read the first five results shown
(their links, mapped back to article keys). Used by ``scripts/eval_browser_search.py`` and by a test
that keeps a floor on the figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .evaluate import DEPTH, Evaluation, Outcome, Question

if TYPE_CHECKING:
    from playwright.sync_api import Page

SEARCH_TOGGLE = "label[for='__search']"
SEARCH_BOX = "input.md-search__input"
RESULTS = ".md-search-result"
RESULT_LINKS = ".md-search-result__item a.md-search-result__link"
# The client marks the result list with the query it shows, so a reader of the page knows which
# question the list answers (typing fast can leave an older list on screen for a moment).
SHOWN_FOR = "(query) => document.querySelector('.md-search-result')?.getAttribute('data-mb-query') === query"


def key_of(href: str, base: str) -> str:
    """``folder/slug`` of an article link (absolute or relative to ``base``)."""
    path = unquote(urlsplit(href).path)
    prefix = urlsplit(base).path.rstrip("/")
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    return path.strip("/").split("#")[0]


def open_search(page: Page) -> None:
    """Open Material's search dialog the way a reader does: tap the magnifier."""
    page.locator(SEARCH_TOGGLE).first.click()
    page.locator(SEARCH_BOX).wait_for(state="visible")


def type_question(page: Page, text: str, timeout_ms: float = 10_000) -> list[str]:
    """Type ``text`` into the open search box and return the result links shown for it, in order."""
    box = page.locator(SEARCH_BOX)
    box.fill(text)  # one input event, as an input method commits a phrase
    page.wait_for_function(SHOWN_FOR, arg=text.strip(), timeout=timeout_ms)
    return page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")


def evaluate_page(page: Page, base: str, questions: list[Question]) -> Evaluation:
    """Every question typed into the search box of ``base`` (a served site); the top ``DEPTH`` read."""
    page.goto(base)
    open_search(page)
    evaluation = Evaluation()
    for question in questions:
        got = [key_of(href, base) for href in type_question(page, question.query)][:DEPTH]
        rank = next((i + 1 for i, key in enumerate(got) if key in question.expect), 0)
        evaluation.outcomes.append(Outcome(question, rank, got))
    return evaluation
