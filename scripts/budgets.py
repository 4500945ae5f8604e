"""Measure the site against its performance budgets (issue 7) and print every figure.

Usage: python scripts/budgets.py [--sizes 200,2000] [--runs 5] [--quick] [--laws DIR] [--keep DIR]

Builds a copy of this checkout (cold: no caches), packs it like `mingbai dist` and serves it on
127.0.0.1 with Debian's nginx and the shipped deploy/nginx.conf (gzip_static, security headers, CSP),
then measures:

  1. page weight: the heaviest article page, HTML + CSS + JS + fonts it loads, gzip     ≤ 85 KB
     (search is reported apart: the index, and the worker and lunr scripts that read it)
  2. Material's browser search index, raw and gzip, per 100 articles                    ≤ 250 KB gzip
     (each scale corpus's whole index; the real site's article entries, its whole index printed too)
  3. Lighthouse 12.2.3, mobile, median of --runs: performance, accessibility, best
     practices, SEO on the home page, the heaviest article and the heaviest tool page   each ≥ 95
  4. browser search (issue 15), CPU throttled 4× by the DevTools protocol, for the real site and the
     largest scale corpus, beside plain Material's lunr search on the same articles in the same run:
     a first search downloads ≤ 300 KB gzip (everything search needs) and shows results ≤ 1 s after
     typing; a later query downloads ≤ 80 KB (perf/search_load.py). --search measures only this.
  5. build time with everything on, for the real site and scale corpora made by
     scripts/scale_corpus.py: linear (per article at the largest size ≤ 1.3 × at the
     smallest) and, at the largest size, ≤ 0.5 × plain Material with its default nav
     on the same docs in the same run, its search segmenting Chinese with Python's jieba
     as DESIGN.md configures it (jieba is installed apart for it: see perf/buildtime.py);
     plain Material without jieba (no segmentation, so faster) is printed too. Verdicts
     use the first, cold build (no image caches); a rebuild with warm caches is printed too.

KB are 1000 bytes; gzip is level 6 (what web servers use on the fly). Exits 1 when a budget is missed
or a figure could not be measured. --quick skips the scale corpora and runs Lighthouse once.
A script, not a test: timings depend on the machine and are meant to be read (DESIGN.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from mingbai.deploy import nginx
from mingbai.deploy.dist import package
from mingbai.perf import buildtime, lighthouse, search_load
from mingbai.perf.server import serve  # search load: the same static server for this site and plain Material
from mingbai.perf.weight import BUDGET_KINDS, PageWeight, measure
from mingbai.project import Project
from mingbai.search_assets import dumps

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MINGBAI_CHROMIUM", "/usr/bin/chromium")
PAGE_BUDGET_KB = 85
INDEX_BUDGET_KB = 250
SCORE_BUDGET = 95
LINEAR_BUDGET = 1.3
PLAIN_BUDGET = 0.5
SEARCH_FIRST_KB, SEARCH_SECONDS, SEARCH_LATER_KB = 300, 1.0, 80
QUESTIONS = ROOT / "tests" / "search_queries.yml"
JIEBA_CACHE = ROOT / ".cache" / "budgets"  # Python's jieba for plain Material, installed once (not committed)


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


@dataclass
class Verdicts:
    """Every budget's outcome, printed again at the end."""

    lines: list[tuple[bool, str]]

    def check(self, ok: bool, text: str) -> bool:
        self.lines.append((ok, text))
        return ok

    def fail(self, text: str) -> None:
        self.lines.append((False, text))


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def index_sizes(site: Path) -> tuple[int, int]:
    path = site / "search" / "search_index.json"
    packed = path.with_name(path.name + ".gz")
    return path.stat().st_size, packed.stat().st_size if packed.is_file() else 0


def article_share(site: Path, article_urls: set[str]) -> tuple[int, int]:
    """Raw and gzip bytes of the index's article entries alone (its config included)."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in data["docs"] if "/" + d["location"].split("#")[0] in article_urls]
    raw = dumps({**data, "docs": docs})
    return len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0))


def report_index(label: str, site: Path, article_urls: set[str], verdicts: Verdicts, whole: bool) -> None:
    """Per 100 articles: of the whole index (``whole``), or of its article entries (the real site, whose
    tools, glossary and about pages are a fixed amount that 46 articles cannot amortise)."""
    articles = len(article_urls)
    raw, packed = index_sizes(site)
    print(f"  {label}: {articles} articles, whole index raw {kb(raw)}, gzip {kb(packed)} "
          f"→ per 100 articles raw {kb(raw * 100 / articles)}, gzip {kb(packed * 100 / articles)}")
    if not whole:
        raw, packed = article_share(site, article_urls)
        print(f"  {label}: article entries alone raw {kb(raw)}, gzip {kb(packed)} "
              f"→ per 100 articles raw {kb(raw * 100 / articles)}, gzip {kb(packed * 100 / articles)}")
    per_gz = packed * 100 / articles
    what = "whole index" if whole else "article entries"
    verdicts.check(0 < per_gz <= INDEX_BUDGET_KB * 1000, f"search index, {label} ({what}): {kb(per_gz)} gzip "
                   f"per 100 articles (≤ {INDEX_BUDGET_KB} KB)")


def article_urls(root: Path) -> set[str]:
    articles, _ = Project(root).articles()
    return {a.url for a in articles}


def describe(weight: PageWeight) -> str:
    parts = ", ".join(f"{kind} {kb(weight.by_kind[kind])}" for kind in BUDGET_KINDS)
    apart = ", ".join(f"{kind} {kb(size)}" for kind, size in sorted(weight.by_kind.items())
                      if kind not in BUDGET_KINDS and size)
    return f"{kb(weight.budgeted)} ({parts}; not counted: {apart or 'nothing'})"


def measure_pages(base: str, site: Path, root: Path, verdicts: Verdicts) -> tuple[str, str | None]:
    """Page weights; returns the heaviest article's and the heaviest tool page's URLs."""
    articles, _ = Project(root).articles()
    tools = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.glob("tools/**/index.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            article_weights = [measure(browser, base, site, a.url) for a in articles]
            home = measure(browser, base, site, "/")
            tool_weights = [measure(browser, base, site, url) for url in tools]
        finally:
            browser.close()
    heaviest = max(article_weights, key=lambda w: w.budgeted)
    lightest = min(article_weights, key=lambda w: w.budgeted)
    print(f"  heaviest article {heaviest.url}: {describe(heaviest)}")
    for path, kind, size in sorted(heaviest.files, key=lambda f: -f[2]):
        print(f"      {kind:12} {kb(size):>9}  {path}")
    print(f"  lightest article {lightest.url}: {kb(lightest.budgeted)}")
    print(f"  home /: {describe(home)}")
    verdicts.check(heaviest.budgeted <= PAGE_BUDGET_KB * 1000,
                   f"heaviest article page {heaviest.url}: {kb(heaviest.budgeted)} gzip (≤ {PAGE_BUDGET_KB} KB)")
    tool = None
    if tool_weights:
        heaviest_tool = max(tool_weights, key=lambda w: w.budgeted)
        tool = heaviest_tool.url
        print(f"  heaviest tool page {tool} (of {len(tool_weights)}): {describe(heaviest_tool)}")
    else:
        print("  no tool pages (tools/) in the built site")
    return heaviest.url, tool


def run_lighthouse(base: str, pages: dict[str, str | None], runs: int, verdicts: Verdicts) -> None:
    print(f"  {'page':44} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP':>8} {'TBT':>8} {'CLS':>6}"
          f"  perf over {runs} run(s)")
    for name, url in pages.items():
        if url is None:
            verdicts.fail(f"Lighthouse {name}: no such page to measure")
            continue
        result, perf_runs = lighthouse.run(ROOT, base + url, times=runs, chrome=CHROMIUM)
        s, m = result.scores, result.metrics
        print(f"  {name + ' ' + url:44} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} "
              f"{s['seo']:>4} {m['LCP'] / 1000:>6.2f} s {m['TBT']:>5.0f} ms {m['CLS']:>6.3f}"
              f"  {lighthouse.spread(perf_runs)}")
        for audit in result.failed_audits:
            print(f"      below full marks: {audit}")
        low = {c: v for c, v in s.items() if v < SCORE_BUDGET}
        verdicts.check(not low, f"Lighthouse {name} {url}: " + " ".join(f"{c} {v}" for c, v in s.items())
                       + f" (each ≥ {SCORE_BUDGET})")
        verdicts.check(not result.offsite, f"Lighthouse {name}: no request to another host"
                       + (f" — saw {result.offsite}" if result.offsite else ""))


def questions() -> list[str]:
    from mingbai.search.evaluate import load_questions

    return [q.query for q in load_questions(QUESTIONS)]


def report_search(label: str, site: Path, plain_site: Path | None, verdicts: Verdicts, check: bool) -> None:
    """This site's search and plain Material's, each served alone like production, CPU throttled."""
    texts = questions()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            with serve(site, compress=True) as base:
                ours = search_load.measure(browser, base + "/", texts, "mingbai")
            theirs = None
            if plain_site is not None:
                with serve(plain_site, compress=True) as base:
                    theirs = search_load.measure(browser, base + "/", texts, "material", cold=1, later=3)
        finally:
            browser.close()
    throttle = f"CPU {search_load.THROTTLE:g}× slower, load average {load()}"
    print(f"  {label}, this site ({throttle}): {ours.describe()}")
    if theirs is not None:
        print(f"  {label}, plain Material's lunr search, same articles: {theirs.describe()}")
    if not check:
        return
    first, seconds = max(ours.first_bytes), max(ours.first_seconds)
    verdicts.check(first <= SEARCH_FIRST_KB * 1000, f"search, {label}: first search {kb(first)} gzip "
                   f"(≤ {SEARCH_FIRST_KB} KB)" + (f"; Material {kb(max(theirs.first_bytes))}" if theirs else ""))
    verdicts.check(seconds <= SEARCH_SECONDS, f"search, {label}: results {seconds:.2f} s after typing, CPU "
                   f"{search_load.THROTTLE:g}× (≤ {SEARCH_SECONDS:g} s)"
                   + (f"; Material {max(theirs.first_seconds):.2f} s" if theirs else ""))
    later = max(ours.later_bytes) if ours.later_bytes else 0
    verdicts.check(later <= SEARCH_LATER_KB * 1000, f"search, {label}: later query at most {kb(later)} gzip "
                   f"(≤ {SEARCH_LATER_KB} KB)")
    verdicts.check(not ours.other_hosts, "search: no request to another host"
                   + (f" — saw {sorted(ours.other_hosts)}" if ours.other_hosts else ""))


def search_only(sizes: list[int], work: Path, laws: Path | None, verdicts: Verdicts) -> None:
    """--search: build the real site and the largest scale corpus, ours and plain Material (with jieba)."""
    real = buildtime.copy_project(ROOT, work / "real")
    jieba = buildtime.jieba_folder(JIEBA_CACHE)
    buildtime.time_build(real, laws)
    buildtime.time_plain_material(real, work / "plain-real", jieba)
    print("\nBrowser search (issue 15)")
    report_search("real site", real / "site", work / "plain-real" / "site", verdicts, check=True)
    size = max(sizes)
    root = work / f"scale-{size}"
    if (root / "site" / "search" / "mb").is_dir():  # --keep: a corpus built by an earlier run is reused,
        refresh_search(root)                          # its browser search rewritten by this checkout's code
    else:
        scale_corpus(size, root)
        buildtime.time_build(root, laws)
    if not (work / f"plain-{size}" / "site").is_dir():
        buildtime.time_plain_material(root, work / f"plain-{size}", jieba)
    report_search(f"scale corpus of {size}", root / "site", work / f"plain-{size}" / "site", verdicts, check=True)


def refresh_search(root: Path) -> None:
    """Rewrite a built site's browser search (its index and script) as this checkout's build would: the
    index depends only on the articles and Material's index of the other pages, both already built."""
    from mingbai.search.browser_index import write_browser_index

    project = Project(root)
    articles, _ = project.articles()
    write_browser_index(project, articles, root / "site")
    script = Path("assets") / "javascripts" / "search.js"
    (root / "site" / script).write_bytes((ROOT / "docs" / script).read_bytes())


def scale_corpus(size: int, dest: Path) -> None:
    script = ROOT / "scripts" / "scale_corpus.py"
    if not script.is_file():
        raise FileNotFoundError(f"{script} does not exist: no scale corpus to time")
    done = subprocess.run([sys.executable, str(script), str(size), str(dest), "--no-check"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scale_corpus.py {size} failed:\n{(done.stdout + done.stderr)[-2000:]}")


def time_scale(sizes: list[int], work: Path, laws: Path | None, verdicts: Verdicts) -> None:
    ours: dict[int, buildtime.Timed] = {}
    plain: dict[int, buildtime.Timed] = {}
    bare: dict[int, buildtime.Timed] = {}
    for size in sizes:
        root = work / f"scale-{size}"
        try:
            jieba = buildtime.jieba_folder(JIEBA_CACHE)
            scale_corpus(size, root)
            ours[size] = buildtime.Timed(buildtime.time_build(root, laws), size)
            warm = buildtime.Timed(buildtime.time_build(root, laws), size)  # card and poster caches kept
            plain[size] = buildtime.Timed(buildtime.time_plain_material(root, work / f"plain-{size}", jieba), size)
            bare[size] = buildtime.Timed(buildtime.time_plain_material(root, work / f"bare-{size}"), size)
        except (OSError, RuntimeError) as error:
            verdicts.fail(f"build time, scale corpus of {size}: {error}")
            return
        mine, theirs = ours[size], plain[size]
        print(f"  scale {size:>5}: ours {mine.seconds:7.1f} s ({mine.per_article_ms:5.1f} ms/article), "
              f"rebuilt with warm caches {warm.seconds:7.1f} s ({warm.per_article_ms:5.1f} ms/article)\n"
              f"{'':15}plain Material, default nav: with jieba {theirs.seconds:7.1f} s "
              f"({theirs.per_article_ms:5.1f} ms/article), without jieba {bare[size].seconds:7.1f} s")
        report_index(f"scale corpus of {size}", root / "site", article_urls(root), verdicts, whole=True)
        report_search(f"scale corpus of {size}", root / "site", work / f"plain-{size}" / "site", verdicts,
                      check=size == max(sizes))
    small, large = min(sizes), max(sizes)
    ratio = ours[large].per_article_ms / ours[small].per_article_ms
    verdicts.check(ratio <= LINEAR_BUDGET, f"build time linear: per article at {large} is {ratio:.2f}× at {small} "
                   f"(≤ {LINEAR_BUDGET}×)")
    versus = ours[large].seconds / plain[large].seconds
    strict = ours[large].seconds / bare[large].seconds
    verdicts.check(versus <= PLAIN_BUDGET, f"build time at {large} (cold): {ours[large].seconds:.1f} s is "
                   f"{versus:.2f}× plain Material's {plain[large].seconds:.1f} s with jieba (≤ {PLAIN_BUDGET}×); "
                   f"{strict:.2f}× its {bare[large].seconds:.1f} s without jieba")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="scale corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (median is kept)")
    parser.add_argument("--quick", action="store_true", help="no scale corpora, one Lighthouse run")
    laws = ROOT / "laws"  # the project's own law texts (issue 12)
    parser.add_argument("--laws", type=Path, default=laws if laws.is_dir() else None)
    parser.add_argument("--search", action="store_true", help="only the browser search figures (real site and "
                        "the largest --sizes corpus, beside plain Material)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    runs = 1 if args.quick else args.runs
    verdicts = Verdicts([])
    print(f"明白账 budgets — {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")

    with tempfile.TemporaryDirectory(prefix="mingbai-budgets-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.search:
            search_only(sizes, work, args.laws, verdicts)
            return finish(verdicts)
        port = free_port()
        real = buildtime.copy_project(ROOT, work / "real")
        urls = article_urls(real)
        count = len(urls)
        print("\nBuild time, real site")
        try:
            ours = buildtime.Timed(buildtime.time_build(real, args.laws, f"http://127.0.0.1:{port}/"), count)
        except buildtime.BuildFailed as error:
            print(f"FAIL  the real site does not build, nothing to measure:\n{error}")
            return 1
        try:
            jieba = buildtime.jieba_folder(JIEBA_CACHE)
        except buildtime.BuildFailed as error:
            print(f"FAIL  {error}")
            return 1
        plain = buildtime.Timed(buildtime.time_plain_material(real, work / "plain-real", jieba), count)
        warm = buildtime.Timed(buildtime.time_build(real, args.laws, f"http://127.0.0.1:{port}/"), count)
        print(f"  real  {count:>5}: ours {ours.seconds:7.1f} s ({ours.per_article_ms:5.1f} ms/article), "
              f"rebuilt with warm caches {warm.seconds:7.1f} s   "
              f"plain Material, default nav, with jieba {plain.seconds:7.1f} s")
        site = real / "site"
        print("\nSearch index (Material's lunr index, as served)")
        report_index("real site", site, urls, verdicts, whole=False)
        package(site, work / "dist")  # served as operators serve it: nginx, deploy/nginx.conf, the CSP
        with nginx.serve(work / "dist", port=port) as base:
            print("\nPage weight (gzip; budget counts HTML + CSS + JS + fonts)")
            article, tool = measure_pages(base, site, real, verdicts)
            print(f"\nLighthouse 12.2.3, mobile (simulated slow 4G, 4× CPU), median of {runs}; "
                  f"load average before: {load()}")
            run_lighthouse(base, {"home": "/", "article": article, "tool": tool}, runs, verdicts)
            print(f"  load average after: {load()} (TBT is measured main-thread time: other work on "
                  f"the machine lowers the performance score)")
        print("\nBrowser search (issue 15)")
        report_search("real site", site, work / "plain-real" / "site", verdicts, check=True)
        if not args.quick:
            print(f"\nBuild time, scale corpora {', '.join(map(str, sizes))} (everything on vs plain Material)")
            time_scale(sizes, work, args.laws, verdicts)

    return finish(verdicts)


def finish(verdicts: Verdicts) -> int:
    print("\nBudgets")
    for ok, text in verdicts.lines:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for ok, _ in verdicts.lines) else 1


if __name__ == "__main__":
    sys.exit(main())
