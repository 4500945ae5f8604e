"""What a reader's phone pays for a search: bytes downloaded and time to results, CPU throttled.

Measured in chromium on a 360 px page served like production (gzip), with the CPU slowed by the
DevTools protocol (``Emulation.setCPUThrottlingRate``, 4× by default, as Lighthouse's mobile preset):

* first search: a fresh browser profile opens a page, taps the magnifier and types a question; every
  byte (gzip, as received) of the search's own files is counted: for this site ``search.js`` and
  ``search/mb/…``, for Material its worker, lunr scripts and ``search_index.json``, which its bundle
  fetches at page load whether or not the reader searches. Time runs, inside the page, from the input
  event to the first result in the list (and, for this site, to the first five results' snippets).
* later queries: more questions typed into the same page; the bytes each one adds.

Used by ``scripts/budgets.py`` for this site and for plain Material on the same articles.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, CDPSession, Page, Request

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
    first_seconds: list[float] = field(default_factory=list)  # typing → first results in the list
    snippet_seconds: list[float] = field(default_factory=list)  # typing → the first five snippets (this site)
    later_bytes: list[int] = field(default_factory=list)  # one per later query
    later_seconds: list[float] = field(default_factory=list)
    other_hosts: set[str] = field(default_factory=set)

    def describe(self) -> str:
        later = (f"later query median {statistics.median(self.later_bytes) / 1000:.1f} KB, "
                 f"max {max(self.later_bytes) / 1000:.1f} KB, results within max {max(self.later_seconds):.2f} s"
                 if self.later_bytes else "no later query")
        snippets = (f", their snippets {max(self.snippet_seconds):.2f} s" if self.snippet_seconds else "")
        return (f"first search {max(self.first_bytes) / 1000:.1f} KB gzip (max of {len(self.first_bytes)}; "
                f"min {min(self.first_bytes) / 1000:.1f}), results {max(self.first_seconds):.2f} s after typing "
                f"(max; min {min(self.first_seconds):.2f} s){snippets}; {later}")


class _Counter:
    """Encoded bytes (as received, headers apart) of the engine's requests since the last ``take``, read
    from the DevTools protocol's network events, and any other host seen."""

    def __init__(self, page: Page, cdp: CDPSession, base: str, engine: str, load: SearchLoad) -> None:
        self.bytes, self.engine, self.load = 0, engine, load
        self.host = urlsplit(base).netloc
        self.urls: dict[str, str] = {}
        self.headers: dict[str, int] = {}
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")
        page.on("request", self._request)

    def _request(self, request: Request) -> None:
        netloc = urlsplit(request.url).netloc
        if netloc and netloc != self.host and request.url.startswith("http"):
            self.load.other_hosts.add(netloc)

    def _response(self, event: dict) -> None:
        response = event["response"]
        self.urls[event["requestId"]] = response["url"]
        self.headers[event["requestId"]] = int(response.get("encodedDataLength") or 0)

    def _finished(self, event: dict) -> None:
        url = self.urls.get(event["requestId"], "")
        if is_search_file(url, self.engine):
            total = int(event.get("encodedDataLength") or 0)
            self.bytes += max(0, total - self.headers.get(event["requestId"], 0))

    def take(self, page: Page) -> int:
        page.wait_for_timeout(300)  # let the last network events arrive
        taken, self.bytes = self.bytes, 0
        return taken


# Timed inside the page, so the harness's own latency (the page is polled for the result) is not counted:
# from the input event of the typed text to the first result in the list, for either engine.
WATCH = """() => {
  const box = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const times = window.__searchTimes = {};
  box.addEventListener('input', () => { times.typed = times.typed || performance.now(); }, {once: true});
  new MutationObserver((_, observer) => {
    if (list.querySelector('.md-search-result__item') && times.typed) {
      times.shown = performance.now();
      observer.disconnect();
    }
  }).observe(list, {childList: true, subtree: true});
}"""
SNIPPETS_FOR = "(query) => document.querySelector('.md-search-result')?.getAttribute('data-mb-snippets') === query"


def _type(page: Page, engine: str, text: str, timeout_ms: float) -> tuple[float, float | None]:
    """Seconds from typing to the first results shown, and (this site) to the first five snippets."""
    box = page.locator(SEARCH_BOX)
    page.evaluate(WATCH)
    box.fill(text)
    if engine == "material":
        box.press("End")  # Material searches on keyup
        page.wait_for_function(MATERIAL_SHOWN, timeout=timeout_ms)
    else:
        page.wait_for_function(SHOWN_FOR, arg=text.strip(), timeout=timeout_ms)
        page.wait_for_function(SNIPPETS_FOR, arg=text.strip(), timeout=timeout_ms)
    page.wait_for_function("() => window.__searchTimes.shown", timeout=timeout_ms)
    times = page.evaluate("() => window.__searchTimes")
    shown = (times["shown"] - times["typed"]) / 1000
    snippets = None
    if engine == "mingbai":
        done = page.evaluate("() => document.querySelector('[data-mb-search]').mbEngine.snippetsAt")
        snippets = (done - times["typed"]) / 1000
    return shown, snippets


def measure(browser: Browser, base: str, questions: list[str], engine: str = "mingbai", cold: int = 3,
            later: int = 10, throttle: float = THROTTLE, timeout_ms: float = 60_000) -> SearchLoad:
    """First searches of ``cold`` questions (each in a fresh profile) and ``later`` more in one page."""
    load = SearchLoad(engine)
    for number in range(min(cold, len(questions))):
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                      is_mobile=True, has_touch=True, locale="zh-CN")
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            counter = _Counter(page, cdp, base, engine, load)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            page.goto(base, wait_until="load")
            page.locator(SEARCH_TOGGLE).first.click()
            if engine == "material":
                page.locator(SEARCH_BOX).click()
            seconds, snippets = _type(page, engine, questions[number], timeout_ms)
            load.first_seconds.append(seconds)
            if snippets is not None:
                load.snippet_seconds.append(snippets)
            load.first_bytes.append(counter.take(page))
            if number == 0:
                for text in questions[cold:cold + later]:
                    if engine == "material":  # its old list stays until the new one is in: clear it first
                        page.locator(SEARCH_BOX).fill("")
                        page.locator(SEARCH_BOX).press("End")
                        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
                    load.later_seconds.append(_type(page, engine, text, timeout_ms)[0])
                    load.later_bytes.append(counter.take(page))
        finally:
            context.close()
    return load
