"""Benchmark the search index and the related lists on scale corpora (figures only, not a timed test).

Usage: python scripts/bench_search.py [--sizes 200 2000] [--workdir /tmp/mingbai-bench] [--rounds 3]

For each size N it generates (once) a corpus with scripts/scale_corpus.py, then prints:
index build time and size; warm in-process search latency p50/p95 over the reader questions of
tests/search_queries.yml; the time to compute every article's related list, both from scratch (an
in-memory index, as in a plain `mkdocs build`) and reusing the index just built (as in `mingbai build`);
and the cold start of one `mingbai search` process. Wall-clock and CPU seconds are both shown: on a
shared machine the wall clock also measures the neighbours.
Budgets at N = 2,000 (2 cores): warm p95 ≤ 30 ms, related lists ≤ 60 s, cold search ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_corpus import generate  # noqa: E402

from mingbai.project import Project  # noqa: E402
from mingbai.related import RelatedFinder  # noqa: E402
from mingbai.search import indexer  # noqa: E402
from mingbai.search.analysis import setup_project  # noqa: E402
from mingbai.search.evaluate import load_questions  # noqa: E402
from mingbai.search.query import Synonyms  # noqa: E402
from mingbai.search.searcher import SiteSearch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """The result, wall seconds and CPU seconds of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def corpus(size: int, workdir: Path) -> Project:
    dest = workdir / f"scale-{size}"
    if not (dest / "urls.yml").exists():
        shutil.rmtree(dest, ignore_errors=True)
        generate(size, dest, ROOT / "laws")
    return Project(dest)


def bench(size: int, workdir: Path, rounds: int) -> None:
    project = corpus(size, workdir)
    articles, _ = project.articles()
    setup_project(project)  # the segmenter's dictionary load is cold-start cost, measured below, not index cost
    print(f"\n== N = {len(articles)} articles ({project.root})")

    shutil.rmtree(project.root / indexer.INDEX_FOLDER, ignore_errors=True)
    dest = Path(tempfile.mkdtemp(prefix="bench-index-", dir=workdir))
    _, wall, cpu = timed(lambda: indexer.build_index(project, articles, dest))
    print(f"index build            {wall:8.2f} s wall {cpu:8.2f} s CPU   size {folder_size(dest) / 1e6:.1f} MB")

    index = indexer.open_index(dest)
    site = SiteSearch(index, Synonyms(project.taxonomy.synonyms))
    questions = [q.query for q in load_questions(ROOT / "tests" / "search_queries.yml")]
    for text in questions:  # warm: caches, jieba, the OS page cache
        site.search(text)
    latencies, cpus = [], []
    for _ in range(rounds):
        for text in questions:
            _, wall, cpu = timed(lambda text=text: site.search(text))
            latencies.append(wall * 1000)
            cpus.append(cpu * 1000)
    site.close()
    index.close()
    print(f"search warm ({len(latencies)} q)   wall p50 {percentile(latencies, 0.5):6.1f} ms   "
          f"p95 {percentile(latencies, 0.95):6.1f} ms   max {max(latencies):6.1f} ms")
    print(f"                        CPU  p50 {percentile(cpus, 0.5):6.1f} ms   p95 {percentile(cpus, 0.95):6.1f} ms   "
          f"max {max(cpus):6.1f} ms")

    def all_related() -> int:
        finder = RelatedFinder(project, articles)
        total = sum(len(finder.for_article(a)) for a in articles)
        if finder._similar is not None:
            finder._similar.close()
        return total

    built = dict(indexer._built)
    indexer._built.clear()  # from scratch: no on-disk index to reuse, as in a plain `mkdocs build`
    entries, wall, cpu = timed(all_related)
    print(f"related, from scratch  {wall:8.2f} s wall {cpu:8.2f} s CPU   ({entries} entries, in-memory index)")
    indexer._built.update(built)  # as in `mingbai build`: the index written a moment ago is reused
    entries, wall, cpu = timed(all_related)
    print(f"related, reusing index {wall:8.2f} s wall {cpu:8.2f} s CPU   ({entries} entries)")

    shutil.move(str(dest), str(project.root / indexer.INDEX_FOLDER))
    command = [sys.executable, "-m", "mingbai.cli", "--root", str(project.root), "search", "信用卡还不上了怎么办"]
    env = dict(os.environ, NO_COLOR="1")
    runs = []
    for _ in range(rounds + 2):
        _, wall, _ = timed(lambda: subprocess.run(command, capture_output=True, check=True, env=env))
        runs.append(wall)
    print(f"cold `mingbai search`  first {runs[0]:5.2f} s (cold disk caches)   "
          f"then median {statistics.median(runs[1:]):5.2f} s   max {max(runs[1:]):5.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mingbai-bench")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    for size in args.sizes:
        bench(size, args.workdir, args.rounds)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
