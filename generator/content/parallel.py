"""Reading the content files on two cores: the calling process and one helper process.

Reading a file (YAML, schema, the body rendered and scanned) depends on that file alone, so the
files can be shared out. The caller takes chunks from the front of the list and hands chunks
from the back to the helper, a few at a time; they meet wherever their speeds take them, so a
helper that starts late (it imports the validator first) or not at all costs nothing but the
chunks it was handed, which the caller then waits for. The result is in the files' order, the
same whoever read what.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .diagnostics import Diagnostic
from .documents import ContentType, Document
from .project import Project
from .types import CONTENT_TYPES

if TYPE_CHECKING:
    from .validate import Validator

CHUNK = 16
"""Files a message: large enough that the pickling between the processes is a small part of
the work, small enough that the two sides end close together."""

IN_FLIGHT = 2
"""Chunks handed to the helper and not yet returned: one it reads, one waiting, so it never
idles on a message."""

SHARED_FROM = 64
"""Fewer files than this are read in place: the helper's start would cost more than it saves."""

HANDOFF = 0.0002
"""Python's thread switch interval, in seconds, while the helper reads (the default is 0.005).
The helper's results come in on a thread of this process, which needs the interpreter's lock
to take each 64 KB off the pipe; by default it waits up to 5 ms for this thread to let go,
while the helper sits blocked on the full pipe. At 1,000 files that was a tenth of the
helper's time."""

Read = tuple[Document | None, list[Diagnostic]]


class Pending(Protocol):
    def done(self) -> bool: ...

    def result(self) -> list[Read]: ...


class Helper(Protocol):
    """What reads beside the caller: `submit(function, *args)` runs `function(*args)` in
    another process (the build's worker, `generator.engine.background.Background`)."""

    def submit(self, function: Callable, *args) -> Pending: ...


def read_all(
    validator: Validator, files: Sequence[tuple[Path, ContentType]], helper: Helper | None
) -> list[Read]:
    """`validator.read(path, ctype)` for every file, in order, shared with `helper` when there
    is one. The helper's validator is made for the same project and day."""
    read = validator.read
    if helper is None or len(files) < SHARED_FROM:
        return [read(path, ctype) for path, ctype in files]
    project = validator.project
    settings = (
        str(project.root),
        _text(project.content),
        _text(project.schema),
        validator.today.isoformat(),
        project.setup_stamp(),  # a kept helper (the preview's) sees mkdocs.yml or the schema change
    )
    chunks = deque((start, files[start : start + CHUNK]) for start in range(0, len(files), CHUNK))
    results: list[Read | None] = [None] * len(files)
    handed: list[tuple[int, Pending]] = []
    with _switch_interval(HANDOFF):
        while chunks:
            waiting = sum(not pending.done() for _, pending in handed)
            while waiting < IN_FLIGHT and len(chunks) > 1:
                start, chunk = chunks.pop()
                items = [(str(path), ctype.directory) for path, ctype in chunk]
                handed.append((start, helper.submit(read_chunk, settings, items)))
                waiting += 1
            start, chunk = chunks.popleft()
            for offset, (path, ctype) in enumerate(chunk):
                results[start + offset] = read(path, ctype)
        for start, pending in handed:
            for offset, item in enumerate(pending.result()):
                results[start + offset] = item
    return results  # type: ignore[return-value] - every slot is filled above


@contextlib.contextmanager
def _switch_interval(seconds: float):
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(seconds, previous))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


_validators: dict[tuple, Validator] = {}


def read_chunk(
    settings: tuple[str, str | None, str | None, str, str], items: list[tuple[str, str]]
):
    """In the helper: read `items` (path, content folder) of the project `settings` describes,
    as of its day. The validator (schemas, taxonomy, Markdown converter) is made once per
    process and setup."""
    from .validate import Validator

    validator = _validators.get(settings)
    if validator is None:
        _validators.clear()
        root, content, schema, day, _ = settings
        project = Project(
            Path(root), content=content and Path(content), schema=schema and Path(schema)
        )
        validator = _validators[settings] = Validator(project, on=dt.date.fromisoformat(day))
    return [validator.read(Path(path), CONTENT_TYPES[folder]) for path, folder in items]
