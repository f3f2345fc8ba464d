"""Pages rendered in two processes: the build, and a helper forked from it.

MkDocs reads, converts and renders the pages one after the other in one process, and with
thousands of cases that loop is most of a build. On Linux with a second core, the plugin forks
the build once MkDocs has made the navigation (`on_nav`). The helper reads, converts and renders
a share of the pages outside the navigation with MkDocs' own page functions, writes them into
the same (staging) folder, and ends. The build's loop passes over those pages without work: each
becomes an `Elsewhere` page (no source, no Markdown), whose output goes to the null device.

The helper renders its share from the front of a `Queue`; the build, once its own pages are
done, takes the helper's last pages back from the other end and renders them itself. Which of
the two processes is ahead depends on the machine and on what else runs on it, so neither waits
long for the other.

The helper sends the build what it reads of those pages afterwards, over a pipe:

- once its pages are converted (read in `on_env`): each case body's sanitized HTML, of which the
  background worker makes the texts of the exports, and each page's anchors and links to
  anchors (MkDocs checks those after the page loop);
- when it is done: its pages' guard scans, how many pages it wrote, or the error that stopped it;
- with each message, its log records, which the build prints once and counts (strict mode).

Another plugin listening to a page event would see only the build's share, so the helper starts
only where the project's plugin alone listens to them; under `serve` (whose server runs threads),
on one core and on systems other than Linux the build renders every page itself. The site is the
same byte for byte either way (tests/test_forked.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import mmap
import multiprocessing
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from jinja2 import DictLoader

from .backend import LOGGERS, InclusionLevel, Page, TableOfContents, listens_alone
from .background import watch_build

PAGE_EVENTS = (
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
    "env",
)
"""The events that see single pages (and the environment that renders them)."""

MIN_SHARE = 100
"""The fewest pages worth forking for: below, compiling the templates ahead, forking and the
messages cost about what the helper saves."""

SHARE = 0.55
"""The helper's part of the pages outside the navigation. The build has more to do besides its
pages (the navigation's pages, the sitemap, passing over the helper's pages, handing its own to
the worker to scan), the helper scans its own pages. Measured as the time from the helper's
last page to the build's: at 1,000 cases 0.42-0.51 s with 0.45, 0.09-0.57 s with a half,
0.12-0.32 s with 0.55, and 0.13-0.47 s with 0.6; at 5,000 cases 1.1 s with 0.45 and 0.3 s
with 0.55. The helper never finished last."""

ELSEWHERE_TEMPLATE = "smartcity-engine/elsewhere"
TEMPLATES = DictLoader({ELSEWHERE_TEMPLATE: "-"})
"""What the build renders for a page the helper renders: one character, which MkDocs writes to
the null device (an empty output would be logged as a skipped page)."""


def can_fork(config, owner) -> bool:
    """Whether this build may hand pages to a helper: it runs on Linux, has a second core, and
    `owner` (the project's plugin) alone listens to the page events. Only on Linux: Windows
    cannot fork, and on macOS a fork of a process with threads can crash in the system's own
    libraries (which is why Python starts processes there anew)."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return False
    return listens_alone(config, owner, PAGE_EVENTS)


def choose(files, nav, owned: Iterable[str], share: float = SHARE) -> tuple[str, ...]:
    """Every so many of the pages in `owned` outside the navigation, evenly through the
    build's order (and in it), so that each process gets cases, keywords and municipalities
    alike."""
    in_nav = {page.file.src_uri for page in nav.pages}
    owned = set(owned)
    candidates = [
        file.src_uri
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if file.src_uri in owned and file.src_uri not in in_nav
    ]
    return tuple(uri for i, uri in enumerate(candidates) if int((i + 1) * share) > int(i * share))


class Elsewhere(Page):
    """A page the helper renders, as the build's own loop sees it: nothing to read or convert,
    and its output (`ELSEWHERE_TEMPLATE`) goes to the null device."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {"template": ELSEWHERE_TEMPLATE}

    def render(self, config, files) -> None:
        self.content, self.toc = "", TableOfContents([])


def hand_over(page) -> None:
    """Make `page` (before MkDocs reads it) one the helper renders."""
    page.__class__ = Elsewhere
    page.file.abs_dest_path = os.devnull


def take_back(page) -> None:
    """Make a page `hand_over` gave the helper one of the build's own again, to be read."""
    page.__class__ = Page
    page.file.__dict__.pop("abs_dest_path", None)  # MkDocs' cached property: computed anew


class Queue:
    """The helper's pages in the build's order, taken one at a time under a lock: by the
    helper from the front (`next`), by the build from the back (`last`). The two ends live in
    memory the fork shares; the lock is a semaphore made before it."""

    WAIT = 10.0
    """Seconds the build waits for the lock: only a helper killed while holding it could keep
    it longer, and the build then learns from the helper's pipe that it ended."""

    def __init__(self, uris: Sequence[str]) -> None:
        self.uris = tuple(uris)
        # A semaphore unlinked at once (the "fork" context): no resource tracker to start.
        self._lock = multiprocessing.get_context("fork").Lock()
        self._memory = mmap.mmap(-1, ctypes.sizeof(ctypes.c_int64) * 2)  # shared, anonymous
        self._ends = (ctypes.c_int64 * 2).from_buffer(self._memory)
        self._ends[0], self._ends[1] = 0, len(self.uris)

    @classmethod
    def make(cls, uris: Sequence[str]) -> Queue | None:
        """A queue, or None where the system gives no semaphore (the helper then renders all
        of its pages)."""
        try:
            return cls(uris)
        except (OSError, ImportError):
            return None

    def next(self) -> str | None:
        """The helper's next page, or None when none is left."""
        with self._lock:
            first, end = self._ends
            if first >= end:
                return None
            self._ends[0] = first + 1
        return self.uris[first]

    def last(self) -> str | None:
        """The last page the helper has not begun, now the build's; None when none is left."""
        if not self._lock.acquire(timeout=self.WAIT):
            return None
        try:
            first, end = self._ends
            if first >= end:
                return None
            self._ends[1] = end - 1
        finally:
            self._lock.release()
        return self.uris[end - 1]

    def taken(self) -> int:
        """How many pages the helper has begun."""
        return self._ends[0]


class HelperFailed(Exception):
    """The helper stopped: the error it sent, or (in Danish) that it ended without a word."""


class Records(logging.Handler):
    """The helper's log records, kept to be sent to the build: made plain (message formatted,
    no traceback object) so that they can cross the pipe."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        plain = logging.makeLogRecord(
            {
                "name": record.name,
                "levelno": record.levelno,
                "levelname": record.levelname,
                "msg": record.getMessage(),
                "pathname": record.pathname,
                "lineno": record.lineno,
                "funcName": record.funcName,
                "created": record.created,
                "msecs": record.msecs,
                "exc_text": (
                    logging.Formatter().formatException(record.exc_info)
                    if record.exc_info
                    else record.exc_text
                ),
            }
        )
        self.records.append(plain)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken

    def catch_all(self) -> None:
        """Keep every record of the engines' loggers, and print none."""
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.handlers = [self]
            logger.propagate = False


def anchors(pages) -> list[tuple[str, set | None, dict | None]]:
    """What MkDocs' anchor check reads of each page: the ids it has, and its links to anchors
    of other pages (by their source path)."""
    return [
        (
            page.file.src_uri,
            page.present_anchor_ids,
            None
            if page.links_to_anchors is None
            else {target.src_uri: found for target, found in page.links_to_anchors.items()},
        )
        for page in pages
    ]


def give_anchors(files, found: list[tuple[str, set | None, dict | None]]) -> None:
    """Put the helper's `anchors()` on the build's page objects."""
    for uri, present, links in found:
        page = files.get_file_from_path(uri).page
        page.present_anchor_ids = present
        page.links_to_anchors = (
            None
            if links is None
            else {files.get_file_from_path(target): hits for target, hits in links.items()}
        )


class Helper:
    """The build's handle on its helper: `start` forks it to run `work(send)`, where `send`
    passes one message (a dict) to the build. The first message is read by `converted()`,
    the second by `finish()`; `abandon()` ends the helper when the build fails first. (The
    templates compiled ahead come from a helper with no pages and one message: `compiled.py`.)"""

    def __init__(
        self, pid: int, reader: Connection, share: frozenset[str], queue: Queue | None = None
    ) -> None:
        self.pid, self._reader, self.share, self.queue = pid, reader, share, queue

    @classmethod
    def start(
        cls,
        share: Iterable[str],
        work: Callable[[Callable[[dict], None]], None],
        queue: Queue | None = None,
    ):
        reader, writer = Pipe(duplex=False)
        parent = os.getpid()
        with warnings.catch_warnings():
            # Python 3.12 warns on any fork of a process with threads (the background worker's
            # pool has two). The helper touches none of their objects and ends with os._exit,
            # so no lock they might hold is ever waited for.
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                pid = os.fork()
            except OSError:
                reader.close()
                writer.close()
                return None
        if pid == 0:  # the helper
            reader.close()
            code = 1
            try:
                _end_with(parent)
                work(writer.send)
                code = 0
            finally:
                writer.close()
                os._exit(code)
        writer.close()
        return cls(pid, reader, frozenset(share), queue)

    def _receive(self) -> dict:
        try:
            message = self._reader.recv()
        except (EOFError, OSError):
            self._reap()
            raise HelperFailed(
                "Processen, der byggede en del af siderne, stoppede uden at melde tilbage."
            ) from None
        for record in message.get("logs", []):
            logging.getLogger(record.name).handle(record)
        if "error" in message:
            self._reap()
            raise HelperFailed(message["error"])
        return message

    def converted(self) -> dict:
        """The helper's first message: `bodies` and `anchors` of its pages."""
        return self._receive()

    def finish(self) -> dict:
        """The helper's last message, `scans`, `scanned` and `count`, once it has ended."""
        try:
            return self._receive()
        finally:
            self._reap()

    def abandon(self) -> None:
        """End the helper (the build failed); nothing when it has ended already."""
        if self.pid:  # never 0: os.kill(0, ...) would signal the whole process group
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        self._reap()

    def _reap(self) -> None:
        self._reader.close()
        if self.pid > 0:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


_PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """End the helper the moment its build's process ends (killed, say), so that nothing
    writes into a staging folder the next build removes as stale: Linux's parent-death signal
    (the helper runs on Linux only), else the background worker's watch."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
            if os.getppid() != parent:  # ended before the signal was asked for
                os._exit(1)
            return
    watch_build(parent)
