"""Build the Whoosh index and every related list in a second process while MkDocs renders the pages.

A build has two cores and three long jobs: MkDocs rendering (one process), drawing cards and posters
(``share/drawpool.py``), and the Whoosh index with the related lists computed from it. The related lists
go into the article pages, so they used to be needed before MkDocs could render the first article,
which kept the index on the critical path (about a fifth of a 2,000-article build). Now MkDocs renders
each article with a placeholder where 相关阅读 goes (``render.RELATED_PLACEHOLDER``), and the plugin
fills the lists in when it prepares each page's template context, after every page's Markdown has been
rendered — by then this job has long finished. The output is byte-identical to computing them inline.
"""

from __future__ import annotations

import multiprocessing
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from ..project import Project
from ..related import RelatedFinder
from ..workers import worker_context
from .indexer import build_index


def index_and_relate(root: Path, dest: Path) -> dict[str, list[str]]:
    """Write the index of ``root``'s articles into ``dest``; return every article's related keys."""
    project = Project(root)
    articles, _ = project.articles()
    build_index(project, articles, dest)
    finder = RelatedFinder(project, articles)  # finds the index just written (``indexer.fresh_index``)
    return {a.key: [r.key for r in finder.for_article(a)] for a in articles}


def _work(root: Path, dest: Path, out: Connection) -> None:
    """The worker: send back ``("ok", lists)``, or ``("error", traceback)`` if anything failed."""
    try:
        out.send(("ok", index_and_relate(root, dest)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the build with it
        out.send(("error", traceback.format_exc()))
    finally:
        out.close()


class IndexJob:
    """``index_and_relate`` running in a worker process (or here, where no process can be started).

    A plain process and a pipe rather than a pool: a failed build must be able to stop the worker at
    once (``close``), and a worker that dies (killed for memory, say) must fail the build, not hang it.
    """

    def __init__(self, project: Project, dest: Path) -> None:
        self._result: dict[str, list[str]] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None
        context = worker_context()
        try:
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_work, args=(project.root, dest, send), daemon=True)
            self._process.start()
            send.close()
            self._pipe = receive
        except (OSError, ValueError, RuntimeError):
            self.close()
            self._result = index_and_relate(project.root, dest)

    def related(self) -> dict[str, list[str]]:
        """Article key → related article keys; waits for the job, and raises RuntimeError if it failed."""
        if self._result is None:
            assert self._pipe is not None and self._process is not None
            try:
                kind, value = self._pipe.recv()
            except EOFError:
                self._process.join()
                raise RuntimeError(f"the index worker stopped (exit code {self._process.exitcode})") from None
            self._process.join()
            if kind != "ok":
                raise RuntimeError(f"the index worker failed:\n{value}")
            self._result = value
        return self._result

    def close(self) -> None:
        """Stop the worker if it is still running (a failed build does not wait for it)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
