"""Draw cards and posters in worker processes while MkDocs renders the pages.

Drawing (Pillow text layout, quantizing, PNG encoding, QR codes) is over a third of a cold build and
needs nothing from the rendered HTML, so each cache miss is handed to a small process pool as soon
as its inputs are known, and the files are collected after the build. Threads would not help: the
work holds the GIL. Only the drawing moves: keys, hits, the render/reuse counts and pruning stay
with ``ImageCache`` in this process, so a build counts and caches exactly as a serial one would.
Drawing is deterministic, so a PNG is byte-identical whichever process drew it; that is why a draw
that cannot be sent to a worker (it does not pickle, e.g. a test's counting wrapper), or a pool that
cannot start or breaks, simply falls back to drawing here.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from PIL import Image

from ..workers import worker_context
from .cache import ImageCache, store

WORKERS = 2  # the build machines have two cores; MkDocs keeps rendering pages in this process meanwhile

log = logging.getLogger("mkdocs.plugins.mingbai.share")


def _lower_priority() -> None:
    """Runs in each worker first: yield the CPU to the MkDocs process, which is the build's critical path.

    Images are only needed at the very end of a build, and MkDocs renders in one process: when both
    want the two cores, rendering should win, and the workers draw in whatever time is left (the build
    waits for them only if they are not done by the end)."""
    try:
        os.nice(10)
    except OSError:
        pass


def _draw_and_store(draw: Callable[[], Image.Image], path: Path) -> None:
    """Runs in a worker: draw one image and store it in the cache folder (atomically, see ``store``)."""
    store(draw(), path)


class DrawPool:
    """Cache misses being drawn in worker processes, by the cache path they will be stored at."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = max(1, min(workers, os.cpu_count() or 1))
        self._executor: ProcessPoolExecutor | None = None
        self._failed = False
        self._pending: dict[Path, Future[None]] = {}

    def _start(self) -> ProcessPoolExecutor | None:
        if self._executor is None and not self._failed:
            context = worker_context()
            try:
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_lower_priority)
            except (OSError, ValueError, NotImplementedError) as error:
                log.info("share: drawing serially, no process pool (%s)", error)
                self._failed = True
        return self._executor

    def prefetch(self, cache: ImageCache, key: str, draw: Callable[[], Image.Image]) -> None:
        """Start drawing ``key`` in a worker if ``cache`` lacks it; ``get`` collects it later."""
        path = cache.path(key)
        if path in self._pending or path.is_file():
            return
        try:
            pickle.dumps(draw)
        except Exception:  # noqa: BLE001 - any unpicklable draw is simply drawn in this process later
            return
        executor = self._start()
        if executor is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._pending[path] = executor.submit(_draw_and_store, draw, path)
        except (BrokenProcessPool, RuntimeError, OSError) as error:
            log.info("share: drawing serially, the process pool failed (%s)", error)
            self._failed = True

    def get(self, cache: ImageCache, key: str, draw: Callable[[], Image.Image]) -> Path:
        """What ``cache.get(key, draw)`` returns, waiting for a drawing already started in a worker."""
        future = self._pending.pop(cache.path(key), None)
        if future is None:
            return cache.get(key, draw)
        try:
            future.result()
        except BrokenProcessPool as error:
            log.info("share: drawing serially, the process pool failed (%s)", error)
            self._failed = True
            return cache.get(key, draw)
        cache.rendered += 1
        return cache.path(key)

    def close(self) -> None:
        """Stop the workers; drawings not yet started are dropped (a later build draws what it needs)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._pending.clear()
