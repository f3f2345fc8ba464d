"""Work that needs nothing from MkDocs, done in a second process beside the build.

MkDocs converts and renders pages one after the other in one process. Reading the content files
(`generator.content.parallel`), building the search indexes and scanning the rendered pages
(`generator.site.guard`) depend only on plain data, so they run beside it on a second core; on a
machine with one core they run in place, with the same result. The worker starts before
validation, which is the first to share its work with it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


class Background:
    """`lazy`: start the worker at the first `submit`, not at once (`smartcity validate` on a
    small project never needs it). `in_place`: never start one; every `submit` runs at once (a
    process forked from the build must not touch the build's worker, `forked.py`)."""

    def __init__(self, lazy: bool = False, in_place: bool = False) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._started = in_place
        if not lazy and not in_place:
            self._start()

    def _start(self) -> None:
        self._started = True
        if (os.cpu_count() or 1) > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=_context(),
                initializer=watch_build,
                initargs=(os.getpid(),),
            )
            self._pool.submit(_warm_up)

    def submit(self, function: Callable, *args) -> Pending:
        """`function(*args)` in the worker; `function` must be importable and its arguments
        plain data."""
        if not self._started:
            self._start()
        if self._pool is not None:
            try:
                return Pending(self._pool.submit(function, *args), function, args)
            except BrokenProcessPool:
                self._pool = None
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except Exception as exc:  # handed to whoever asks for the result
            future.set_exception(exc)
        return Pending(future, function, args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Batches:
    """Items handed to the worker a batch at a time, as they come (fewer, larger messages
    between the processes); `results()` joins what `function(batch)` returned for each."""

    def __init__(self, background: Background, function: Callable[[list], list], size: int = 50):
        self.background, self.function, self.size = background, function, size
        self._batch: list = []
        self._pending: list[Pending] = []
        self._ready: list = []

    def add(self, item) -> None:
        self._batch.append(item)
        if len(self._batch) >= self.size:
            self.flush()

    def ready(self, result) -> None:
        """A result made before (the preview keeps those of unchanged pages)."""
        self._ready.append(result)

    def flush(self) -> None:
        """Hand over the items of the batch begun, without waiting for a full one."""
        if self._batch:
            self._pending.append(self.background.submit(self.function, self._batch))
            self._batch = []

    def results(self) -> list:
        self.flush()
        made = [result for pending in self._pending for result in pending.result()]
        return self._ready + made


class Pending:
    """A result to come. Should the worker be unable to start (it imports the main module, and
    a script read from standard input cannot be imported again), the work is done in place."""

    def __init__(self, future: Future, function: Callable, args: tuple) -> None:
        self._future, self._function, self._args = future, function, args
        future.add_done_callback(self._settled)

    def _settled(self, future: Future) -> None:
        # Keep the arguments (the pages of a build) only while they may still be needed.
        if not isinstance(future.exception(), BrokenProcessPool):
            self._args = ()

    def done(self) -> bool:
        return self._future.done()

    def result(self):
        try:
            return self._future.result()
        except BrokenProcessPool:
            return self._function(*self._args)


def _context():
    # "fork" where it is safe, on Linux from a process with no other thread (a build from the
    # command line): the worker starts at once with every module the build has imported, where
    # a fresh interpreter would take half a second to import them while validation waits.
    # Not under `mkdocs serve`, whose server threads must not be forked, nor on macOS, where a
    # forked process may crash in the system's libraries.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    # The fork server imports the worker's modules once; each worker still imports the main
    # module, so scripts that build need a `__main__` guard (see `Pending` for when they cannot
    # have one).
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(
            ["generator.content.validate", "generator.site.guard", "generator.site.search.index"]
        )
        return context
    return multiprocessing.get_context("spawn")


def watch_build(build: int) -> None:
    """End the worker when the build's process is gone. A killed build never tells its worker
    to stop, and the worker holds its own end of the queue open, so it would wait forever."""

    def watch() -> None:
        while not _gone(build):
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _gone(pid: int) -> bool:
    """Whether `pid` has ended. A killed process stays a zombie until its parent reaps it (a
    test that reads the preview's output reaps it only once every holder of the pipe is gone,
    this worker among them), so a zombie counts as gone where /proc tells."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # there, under another user: cannot be ours, but do not guess
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state in (b"Z", b"X")


def _warm_up() -> None:
    """Import what the worker will run, while the main process validates the content."""
    from ..site import guard  # noqa: F401
    from ..site.search import index  # noqa: F401
