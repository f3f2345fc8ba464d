"""Where a project's parts live, found from its root (the folder with `mkdocs.yml`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

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

    def relative(self, path: Path) -> str:
        """Project-relative POSIX path for messages; absolute when outside the project."""
        path = Path(os.path.abspath(path))
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def now() -> dt.datetime:
    """The build's moment in UTC: `SOURCE_DATE_EPOCH` when set, as `today()` reads it.

    Whether an event is upcoming or past, and the calendars' `DTSTAMP`, are decided by it, so
    two builds of one commit show the same events in the same places.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def today() -> dt.date:
    """The build's idea of today: `SOURCE_DATE_EPOCH` when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
