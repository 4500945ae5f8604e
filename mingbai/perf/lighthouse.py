"""Run Lighthouse (pinned in package.json) on a served page with Debian's chromium, offline.

Lighthouse 12.2.3 is the newest that runs on Node 20. It is started through node from node_modules
(never fetched at run time), with CHROME_PATH pointing at /usr/bin/chromium. Chromium is told to
resolve no host but 127.0.0.1, so nothing can leave the machine even if a page asked; the script also
reports any request Lighthouse saw to another host. Scores swing with machine load (TBT is measured
main-thread time, scaled), so the median of several runs is taken, as Lighthouse's docs advise.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"LCP": "largest-contentful-paint", "TBT": "total-blocking-time", "CLS": "cumulative-layout-shift",
           "FCP": "first-contentful-paint", "SI": "speed-index"}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync --disable-default-apps "
                "--disable-background-networking --disable-component-update --disable-domain-reliability "
                '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"')


@dataclass
class LighthouseRun:
    """One run's category scores (0–100), metric values (ms, CLS unitless) and what it flagged."""

    url: str
    scores: dict[str, int]
    metrics: dict[str, float]
    failed_audits: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)


def cli(root: Path) -> Path:
    path = root / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `npm ci` in {root}")
    return path


def parse(lhr: dict, url: str) -> LighthouseRun:
    """The figures the budget needs from a Lighthouse result (LHR) JSON."""
    scores = {c: round((lhr["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    metrics = {name: float(lhr["audits"][audit]["numericValue"]) for name, audit in METRICS.items()}
    failed = []
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']} {audit.get('displayValue', '')}".rstrip())
    own = urlsplit(url).netloc
    requests = lhr["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    offsite = [r["url"] for r in requests
               if urlsplit(r["url"]).scheme in ("http", "https") and urlsplit(r["url"]).netloc != own]
    return LighthouseRun(url, scores, metrics, failed, offsite)


def run_once(root: Path, url: str, chrome: str = "/usr/bin/chromium") -> LighthouseRun:
    """One mobile Lighthouse run (the default form factor: a mid-range phone on slow 4G, simulated)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = ["node", str(cli(root)), url, "--output=json", f"--output-path={out}", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        env = {**os.environ, "CHROME_PATH": chrome, "TMPDIR": tmp}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        return parse(json.loads(out.read_text(encoding="utf-8")), url)


def median_run(runs: list[LighthouseRun]) -> LighthouseRun:
    """The run with the median performance score; its own metrics, so figures belong together."""
    ordered = sorted(runs, key=lambda r: (r.scores["performance"], -r.metrics["TBT"]))
    chosen = ordered[len(ordered) // 2]
    chosen.offsite = sorted({u for r in runs for u in r.offsite})
    return chosen


def run(root: Path, url: str, times: int = 3, chrome: str = "/usr/bin/chromium") -> tuple[LighthouseRun, list[int]]:
    """The median of ``times`` runs, and every run's performance score (to show the spread)."""
    runs = [run_once(root, url, chrome) for _ in range(times)]
    return median_run(runs), [r.scores["performance"] for r in runs]


def spread(values: list[int]) -> str:
    return f"{min(values)}–{max(values)}" if len(set(values)) > 1 else str(values[0])
