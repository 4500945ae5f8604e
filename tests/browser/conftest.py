"""Browser fixtures: the built real site served by nginx on 127.0.0.1 and Debian's chromium driven by Playwright.

Playwright cannot download its own browser here (no internet), so it drives /usr/bin/chromium, which
.ci/run installs. A missing chromium fails loudly rather than skipping: these tests are part of CI.

The site is served as operators serve it (issue 16): packed like `mingbai dist`, by Debian's nginx with
the shipped deploy/nginx.conf, so every page runs under the real Content-Security-Policy. Every browser
context the tests open reports CSP violations, console errors and uncaught exceptions into one log, and
each test fails if anything it did left an entry there (``browser_log``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from support import dated

CHROMIUM = os.environ.get("MINGBAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def site_url(nginx_url: str) -> str:
    """The packed real site served by nginx with the shipped config (tests/conftest.py) for the session."""
    return nginx_url


# A violation of the page's policy is reported by the browser as a console error too, but the event
# says which directive blocked what; the init script runs before the page's own scripts, outside CSP.
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e => console.error(
  `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} ` +
  `(${e.sourceFile || location.href}:${e.lineNumber})`));"""
# Network failures are checked where they matter (test_network.py: a failed request to the site fails
# there; the 404 page is a 404 on purpose; tests that abort search requests abort them on purpose).
EXPECTED_CONSOLE = ("Failed to load resource",)


class BrowserLog:
    """CSP violations, console errors and uncaught exceptions of every page, until a test takes them."""

    def __init__(self) -> None:
        self.entries: list[str] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.entries.append(f"uncaught: {error.error}"))
        return context

    def _console(self, message: Any) -> None:
        if message.type == "error" and not message.text.startswith(EXPECTED_CONSOLE):
            self.entries.append(f"console error on {message.page.url if message.page else '?'}: {message.text}")

    def take(self) -> list[str]:
        """The entries so far, forgotten (for a test that causes them on purpose)."""
        taken, self.entries = self.entries, []
        return taken


@pytest.fixture(scope="session")
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture(autouse=True)
def _nothing_blocked_or_broken(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each browser test fails if a page reported a CSP violation, a console error or an exception."""
    if "browser" not in request.fixturenames:
        yield
        return
    log: BrowserLog = request.getfixturevalue("browser_log")
    log.take()
    yield
    assert log.take() == [], "the browser reported problems (CSP violations, console errors, exceptions)"


@pytest.fixture(scope="session")
def browser(browser_log: BrowserLog) -> Iterator[Browser]:
    """Debian's chromium; every context opened through it reports into ``browser_log``."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = instance.new_context
        instance.new_context = lambda **options: browser_log.watch(new_context(**options))  # type: ignore[method-assign]
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (360×740), the size most readers use."""
    context = dated(browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                        is_mobile=True, has_touch=True, locale="zh-CN"))
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def read_clipboard(site_url: str) -> Callable[[Page], str]:
    """What is on the clipboard, read from a blank page of the site's origin: the site's own pages turn
    clipboard reading off (Permissions-Policy: clipboard-read=()), as they never read it. The page's
    context must have been granted clipboard-read."""

    def read(page: Page) -> str:
        reader = page.context.new_page()
        url = site_url + "/__read-clipboard"
        reader.route(url, lambda route: route.fulfill(body="<!doctype html><title>clipboard</title>",
                                                      content_type="text/html"))
        reader.goto(url)
        reader.bring_to_front()
        try:
            return reader.evaluate("navigator.clipboard.readText()")
        finally:
            reader.close()
            page.bring_to_front()

    return read


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Folder for screenshots people look at; printed so it is easy to find."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SCREENSHOTS}")
    return SCREENSHOTS


# ---- Issue 7: pages of each kind found in the built site, any-size pages, axe-core, screenshot summary ----

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class SitePages:
    """Site-relative URLs of the built site's pages, found on disk so new pages (tools) join the tests."""

    home: str
    category: str
    article: str  # the largest article page that has a 相关阅读 list: the worst case for layout
    tags: str
    tools: tuple[str, ...]  # every page under tools/, the tool index included
    every: tuple[str, ...]  # every page except redirect stubs (short links, moved pages)

    def kinds(self) -> dict[str, str]:
        """One URL per kind of page plus every tool page, named for test ids and messages."""
        named = {"home": self.home, "category": self.category, "article": self.article, "tags": self.tags}
        return named | {f"tool {url}": url for url in self.tools}


def _url(site: Path, index: Path) -> str:
    parent = index.parent.relative_to(site).as_posix()
    return "/" if parent == "." else f"/{parent}/"


def _is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:2000]


@pytest.fixture(scope="session")
def site_pages(real_site) -> SitePages:
    project, site = real_site
    articles, _ = project.articles()
    with_related = [a for a in articles if 'id="related"' in (site / a.url.strip("/") / "index.html").read_text(
        encoding="utf-8")]
    assert with_related, "no article page has a 相关阅读 list"
    article = max(with_related, key=lambda a: ((site / a.url.strip("/") / "index.html").stat().st_size, a.url))
    folders = [c.folder for c in project.taxonomy.categories if any(a.folder == c.folder for a in articles)]
    pages = sorted(p for p in site.rglob("index.html") if not _is_redirect(p))
    tools = tuple(_url(site, p) for p in pages if p.relative_to(site).parts[0] == "tools")
    return SitePages(home="/", category=f"/{folders[0]}/", article=article.url, tags="/tags/", tools=tools,
                     every=tuple(_url(site, p) for p in pages))


@pytest.fixture
def make_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Pages of any size and colour scheme: ``make_page(desktop=True)``, ``make_page(dark=True)``."""
    contexts: list[BrowserContext] = []

    def make(desktop: bool = False, dark: bool = False) -> Page:
        context = dated(browser.new_context(viewport=DESKTOP if desktop else PHONE,
                                            device_scale_factor=1 if desktop else 2,
                                            is_mobile=not desktop, has_touch=not desktop, locale="zh-CN",
                                            color_scheme="dark" if dark else "light"))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe() -> Callable[..., list[dict[str, Any]]]:
    """Run axe-core (pinned in package.json) in a loaded page; returns its violations.

    ``axe(page, rules=[...])`` limits the run to those rule ids; ``impacts`` filters the result.
    """
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} not found: run `npm ci` (make test does it when package-lock.json changes)")
    source = AXE_JS.read_text(encoding="utf-8")

    def run(page: Page, rules: list[str] | None = None,
            impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
        # An inline <script> would be blocked by the site's CSP (as it should be): axe is loaded as a
        # file of the site's own origin instead, answered by the test, so the policy stays enforced.
        url = urljoin(page.url, "/__axe-core.min.js")
        page.route(url, lambda route: route.fulfill(body=source, content_type="application/javascript"))
        page.add_script_tag(url=url)
        options = {"runOnly": {"type": "rule", "values": rules}} if rules else {}
        violations = page.evaluate(
            """async (options) => (await axe.run(document, options)).violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))}))""",
            options)
        return [v for v in violations if v["impact"] in impacts]

    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the screenshots are, whether or not output was captured."""
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
