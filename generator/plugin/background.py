"""Work that needs nothing from MkDocs, done in a second process while MkDocs renders pages.

MkDocs converts and renders pages one after the other in one process. Building the search
indexes and scanning the rendered pages (`generator.guard`) depend only on plain data, so they
run beside it on a second core; on a machine with one core they run in place, with the same
result. The worker is started when the build starts, so that starting it overlaps validation.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor


class Background:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if (os.cpu_count() or 1) > 1:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=_context())
            self._pool.submit(_warm_up)

    def submit(self, function: Callable, *args) -> Future:
        """`function(*args)` in the worker; `function` must be importable and its arguments
        plain data."""
        if self._pool is None:
            future: Future = Future()
            try:
                future.set_result(function(*args))
            except Exception as exc:  # handed to whoever asks for the result
                future.set_exception(exc)
            return future
        return self._pool.submit(function, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _context():
    # Not "fork": `mkdocs serve` has threads running, and forking those is unsafe. The fork
    # server imports the worker's modules once, and not the main module (a script without a
    # `__main__` guard would run again in it).
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["generator.guard", "generator.search.index"])
        return context
    return multiprocessing.get_context("spawn")


def _warm_up() -> None:
    """Import what the worker will run, while the main process validates the content."""
    from .. import guard  # noqa: F401
    from ..search import index  # noqa: F401
