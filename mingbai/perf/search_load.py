"""What a reader's phone pays for a search: bytes downloaded and time to results, CPU throttled.

Measured in chromium on a 360 px page served like production (gzip), with the CPU slowed by the
DevTools protocol (``Emulation.setCPUThrottlingRate``, 4× by default, as Lighthouse's mobile preset):

* first search: a fresh browser profile opens a page, taps the magnifier and types a question; every
  byte (gzip, as received) of the search's own files is counted: for this site ``search.js`` and
  ``search/mb/…``, for Material its worker, lunr scripts and ``search_index.json``, which its bundle
  fetches at page load whether or not the reader searches. Time runs from typing to the results shown.
* later queries: more questions typed into the same page; the bytes each one adds.

Used by ``scripts/budgets.py`` for this site and for plain Material on the same articles.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

from ..search.browser_eval import SEARCH_BOX, SEARCH_TOGGLE, SHOWN_FOR

THROTTLE = 4
# Material shows results once its worker has the index; its list is refilled on every query.
MATERIAL_SHOWN = ("() => document.querySelectorAll('.md-search-result__item').length > 0 || "
                  "/没有找到|No matching/.test(document.querySelector('.md-search-result__meta')?.textContent || '')")


def is_search_file(url: str, engine: str) -> bool:
    """Whether a request belongs to the engine's search (not to the page itself)."""
    path = urlsplit(url).path
    if engine == "mingbai":
        return path.endswith("/assets/javascripts/search.js") or "/search/mb/" in path
    return "/search/search_index" in path or "/javascripts/workers/" in path or "/javascripts/lunr/" in path


@dataclass
class SearchLoad:
    """One engine's figures on one site."""

    engine: str
    first_bytes: list[int] = field(default_factory=list)  # one per cold first search
    first_seconds: list[float] = field(default_factory=list)
    later_bytes: list[int] = field(default_factory=list)  # one per later query
    later_seconds: list[float] = field(default_factory=list)
    other_hosts: set[str] = field(default_factory=set)

    def describe(self) -> str:
        later = (f"later query median {statistics.median(self.later_bytes) / 1000:.1f} KB, "
                 f"max {max(self.later_bytes) / 1000:.1f} KB, results within max {max(self.later_seconds):.2f} s"
                 if self.later_bytes else "no later query")
        return (f"first search {max(self.first_bytes) / 1000:.1f} KB gzip (max of {len(self.first_bytes)}; "
                f"min {min(self.first_bytes) / 1000:.1f}), results {max(self.first_seconds):.2f} s after typing "
                f"(max; min {min(self.first_seconds):.2f} s); {later}")


class _Counter:
    """Encoded bytes of the engine's requests since the last ``take``, and any other host seen."""

    def __init__(self, page: Page, base: str, engine: str, load: SearchLoad) -> None:
        self.bytes, self.engine, self.load = 0, engine, load
        self.host = urlsplit(base).netloc
        page.on("requestfinished", self._finished)
        page.on("request", self._request)

    def _request(self, request: Request) -> None:
        netloc = urlsplit(request.url).netloc
        if netloc and netloc != self.host and request.url.startswith("http"):
            self.load.other_hosts.add(netloc)

    def _finished(self, request: Request) -> None:
        if is_search_file(request.url, self.engine):
            self.bytes += request.sizes()["responseBodySize"]

    def take(self, page: Page) -> int:
        page.wait_for_timeout(150)  # let the last requestfinished events arrive
        taken, self.bytes = self.bytes, 0
        return taken


def _type(page: Page, engine: str, text: str, timeout_ms: float) -> float:
    box = page.locator(SEARCH_BOX)
    start = time.perf_counter()
    box.fill(text)
    if engine == "material":
        box.press("End")  # Material searches on keyup
        page.wait_for_function(MATERIAL_SHOWN, timeout=timeout_ms)
    else:
        page.wait_for_function(SHOWN_FOR, arg=text.strip(), timeout=timeout_ms)
    return time.perf_counter() - start


def measure(browser: Browser, base: str, questions: list[str], engine: str = "mingbai", cold: int = 3,
            later: int = 10, throttle: float = THROTTLE, timeout_ms: float = 60_000) -> SearchLoad:
    """First searches of ``cold`` questions (each in a fresh profile) and ``later`` more in one page."""
    load = SearchLoad(engine)
    for number in range(min(cold, len(questions))):
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                      is_mobile=True, has_touch=True, locale="zh-CN")
        try:
            page = context.new_page()
            counter = _Counter(page, base, engine, load)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            page.goto(base, wait_until="load")
            page.locator(SEARCH_TOGGLE).first.click()
            if engine == "material":
                page.locator(SEARCH_BOX).click()
            seconds = _type(page, engine, questions[number], timeout_ms)
            load.first_seconds.append(seconds)
            load.first_bytes.append(counter.take(page))
            if number == 0:
                for text in questions[cold:cold + later]:
                    if engine == "material":  # its old list stays until the new one is in: clear it first
                        page.locator(SEARCH_BOX).fill("")
                        page.locator(SEARCH_BOX).press("End")
                        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
                    load.later_seconds.append(_type(page, engine, text, timeout_ms))
                    load.later_bytes.append(counter.take(page))
        finally:
            context.close()
    return load
