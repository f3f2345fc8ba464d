"""The collector's full passes paused for the length of one build.

A build holds a large heap that lives until it ends: the validated documents, the site's model,
MkDocs' pages. Python's collector walks all of it in each full pass, and it makes one whenever
the heap has grown by a quarter, eleven times in a 5,000-case build (2 s of the build's 25,
measured with `gc.callbacks`). A forked process (`forked.py`, the background worker) that makes
one also writes to every object it walks, so the pages it shares with the build are copied.
The young generations are still collected, where nearly all cyclic garbage dies; what reaches
the oldest generation is collected after the build (some 35 MB more at its peak, at 5,000 cases).
Not for `serve`, whose process lives on from build to build.

When the process ends, the heap is frozen first (`gc.freeze`): the interpreter's collections
at exit then skip it, and the system takes the memory back. They took 0.2-0.3 s after every
1,000-case build had finished, 5 % of the build.
"""

from __future__ import annotations

import atexit
import functools
import gc

PAUSED = 100_000
"""Young-generation collections between two full passes while paused (a 5,000-case build
makes about 240)."""


class FullCollectionsPaused:
    """`with FullCollectionsPaused():` around one build; nests, and restores what it found."""

    def __enter__(self) -> FullCollectionsPaused:
        _frozen_at_exit()
        self._before = gc.get_threshold()
        young, middle, _ = self._before
        gc.set_threshold(young, middle, PAUSED)
        return self

    def __exit__(self, *exc) -> None:
        gc.set_threshold(*self._before)


@functools.cache
def _frozen_at_exit() -> None:
    # Once per process. The interpreter collects after every function registered here has run.
    atexit.register(gc.freeze)
