"""One validated document, and the shape of a content type.

The content types themselves (cases, guides, working groups, events) are data, registered in
`types.py`: adding one means a registry entry there, a schema in `schema/` and a template in
`theme/smartcity/`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .frontmatter import FrontMatter

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .taxonomy import Taxonomy
    from .validate import ContentTree

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
RESERVED_SLUGS = frozenset({"index", "images", "kalender"})
"""`kalender` is taken by the calendar of all events, `events/kalender.ics`."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
IMAGE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(png|jpg|jpeg|webp)$")

Rule = Callable[["Document", "Taxonomy", dt.date], Iterable["Diagnostic"]]
"""A single-file rule: one document, the taxonomy, today's date -> its problems."""
TreeRule = Callable[["ContentTree"], Iterable["Diagnostic"]]
"""A cross-file rule: the whole tree -> the problems found across files."""


@dataclass(frozen=True)
class Listing:
    """The page that lists every document of a type (`guides/`), shown in the navigation."""

    template: str
    """Template in `theme/smartcity/`."""
    title: str
    description: str
    hide: tuple[str, ...] = ("toc",)
    """Material's `hide` for the page."""


@dataclass(frozen=True)
class ContentType:
    name: str
    """Singular id, e.g. `case`; the page template reads the document under this name."""
    directory: str
    """Folder under `content/`, and the first part of the URL."""
    schema_id: str
    template: str
    """Page template in `theme/smartcity/`."""
    label: str = ""
    """Danish plural, as messages and help texts name the kind (`arbejdsgrupper`)."""
    sections: tuple[str, ...] = ()
    """`##` sections every body should have (a missing one is a warning)."""
    url: str = "{directory}/{slug}/"
    """Where a document's page is (`generator/site/routes.py`); MkDocs makes it from the
    source file `<directory>/<slug>.md`, so it must keep that shape."""
    listing: Listing | None = None
    rules: tuple[Rule, ...] = ()
    """Single-file rules beyond the schema and the rules every type has (dates, body)."""
    tree_rules: tuple[TreeRule, ...] = ()
    """Cross-file rules for this type, run once over the whole tree."""

    def page_url(self, slug: str) -> str:
        return self.url.format(directory=self.directory, slug=slug)


@dataclass
class Document:
    """One content file that was read, with its front matter as plain data."""

    type: ContentType
    path: str
    """Project-relative POSIX path."""
    slug: str
    frontmatter: FrontMatter
    valid: bool = True
    """False when any error was reported for this file."""
    reused_by: list[Document] = field(default_factory=list)
    scan: object = field(default=None, repr=False, compare=False)
    """The body as the renderer reads it (`generator.content.body.BodyScan`), once it was scanned."""

    @property
    def meta(self) -> dict:
        return self.frontmatter.data

    @property
    def body(self) -> str:
        return self.frontmatter.body

    def __repr__(self) -> str:
        return f"Document({self.path!r})"
