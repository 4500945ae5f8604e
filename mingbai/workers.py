"""How a build starts its worker processes (the card and poster drawing pool, the index job).

One place, so both kinds of worker start the same way.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def worker_context() -> BaseContext:
    """forkserver where the platform has it: a worker starts from a clean process, not as a copy of
    this one (its threads, its open files, a test's monkeypatches); elsewhere the default method."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
