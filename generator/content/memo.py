"""Reading a content file again only when its bytes have changed (the preview's validation).

`smartcity serve` validates the whole tree after every save, as a build must; a `ReadMemo`
kept between those builds hands back the document and diagnostics of every file whose bytes,
name and validation day are the same as last time, so a save costs the reading of one file.
Cross-file rules still run over the whole tree (`validate.load_tree`), on fresh documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .documents import ContentType, Document
from .frontmatter import MAX_FILE_BYTES


@dataclass(frozen=True)
class _Reading:
    digest: str
    meta_digest: str | None
    day: dt.date
    doc: Document | None
    problems: tuple[Diagnostic, ...]


def file_digest(path: Path) -> str | None:
    """A digest of the file's bytes (as far as the validator reads them), None if unreadable."""
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(MAX_FILE_BYTES + 1), digest_size=16).hexdigest()
    except OSError:
        return None


def _meta_digest(doc: Document | None) -> str | None:
    if doc is None:
        return None
    data = json.dumps(doc.meta, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _fresh(doc: Document | None) -> Document | None:
    """A copy without what a run adds to a document (`reused_by`, `valid`)."""
    if doc is None:
        return None
    return Document(doc.type, doc.path, doc.slug, doc.frontmatter, scan=doc.scan)


class ReadMemo:
    """Documents and diagnostics of the last reading of each file, by its bytes."""

    def __init__(self) -> None:
        self._readings: dict[tuple[Path, str], _Reading] = {}
        self.digests: dict[str, str] = {}
        """Project-relative path -> digest of its bytes, for every file read in the last run."""
        self.meta_digests: dict[str, str] = {}
        """Project-relative path -> digest of its front matter as read: what other pages show
        of a document (a card, a link) changes only with it."""
        self.hits = 0
        self.misses = 0

    def read(self, validator, path: Path, ctype: ContentType):
        """`validator.read(path, ctype)`, or its result from last time if nothing changed."""
        digest = file_digest(path)
        key = (path, ctype.directory)
        day = validator.today
        last = self._readings.get(key)
        if digest is not None and last and last.digest == digest and last.day == day:
            self.hits += 1
            doc, problems, meta_digest = _fresh(last.doc), list(last.problems), last.meta_digest
        else:
            self.misses += 1
            doc, problems = validator.read(path, ctype)
            meta_digest = _meta_digest(doc)
            if digest is not None:
                self._readings[key] = _Reading(
                    digest, meta_digest, day, _fresh(doc), tuple(problems)
                )
        name = validator.project.relative(path)
        if digest is not None:
            self.digests[name] = digest
        if digest is not None and meta_digest is not None:
            self.meta_digests[name] = meta_digest
        return doc, problems

    def clear(self) -> None:
        self._readings.clear()
        self.digests.clear()
        self.meta_digests.clear()
