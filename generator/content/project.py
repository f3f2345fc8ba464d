"""Where a project's parts live, found from its root (the folder with `mkdocs.yml`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .digests import stamp
from .schemas import SchemaSet
from .taxonomy import Taxonomy


class ProjectNotFound(Exception):
    pass


@dataclass
class Project:
    root: Path
    content: Path | None = None
    """The content folder (MkDocs' `docs_dir`); default `content/` under the root."""
    schema: Path | None = None
    """The schema folder; default `schema/` under the root."""

    def __post_init__(self) -> None:
        self.root = Path(self.root)

    @classmethod
    def find(cls, start: Path | str | None = None) -> Project:
        """The nearest folder at or above `start` that has `mkdocs.yml` and `schema/`."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "schema").is_dir():
                return cls(folder)
        raise ProjectNotFound(str(here))

    @property
    def content_dir(self) -> Path:
        return Path(self.content) if self.content else self.root / "content"

    @property
    def schema_dir(self) -> Path:
        return Path(self.schema) if self.schema else self.root / "schema"

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return Taxonomy(self.schema_dir)

    @cached_property
    def schemas(self) -> SchemaSet:
        return SchemaSet(self.schema_dir, self.taxonomy)

    def setup_stamp(self) -> str:
        """What reading a content file depends on besides the file, as sizes and modification
        times: `mkdocs.yml` (the Markdown settings) and the schema folder. A process that keeps
        a validator between builds keeps it only while this stays the same."""
        return stamp([self.root / "mkdocs.yml", self.schema_dir])

    def relative(self, path: Path) -> str:
        """Project-relative POSIX path for messages; absolute when outside the project."""
        path = Path(os.path.abspath(path))
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


PINNED_EPOCH = "SMARTCITY_PINNED_EPOCH"
"""Set beside `SOURCE_DATE_EPOCH` when the build took that value from the last commit."""


def pin_build_epoch(stamp: str) -> None:
    """Date what the build writes by `stamp` (the last commit), not what the rules check.

    MkDocs (sitemap, gzip headers) and `build_today()` read `SOURCE_DATE_EPOCH`; the marker
    tells `today()` that the value is the commit's, not one the user gave.
    """
    os.environ["SOURCE_DATE_EPOCH"] = stamp
    os.environ[PINNED_EPOCH] = stamp


def _epoch() -> int | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def now() -> dt.datetime:
    """The build's moment in UTC: `SOURCE_DATE_EPOCH` when set (by the user or the last commit).

    Whether an event is upcoming or past, and the calendars' `DTSTAMP`, are decided by it, so
    two builds of one commit show the same events in the same places.
    """
    epoch = _epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def build_today() -> dt.date:
    """The date written into the site (stale notes, feed): the build's, see `now()`."""
    return now().date()


def today() -> dt.date:
    """The date the rules check against (`published` not in the future, ...): the real date.

    Never the last commit's date, which a build pins for what it writes: a case written today
    must not be "in the future" because the last commit is a week old. A `SOURCE_DATE_EPOCH`
    that the user sets counts, so a check can be repeated as of a given day (the tests do).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and epoch != os.environ.get(PINNED_EPOCH):
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
