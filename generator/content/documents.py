"""The content model: the kinds of document and one validated document.

Adding a kind of content means adding a `ContentType` here, a schema in `schema/` and a
template in `theme/`; nothing else branches on the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frontmatter import FrontMatter

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
RESERVED_SLUGS = frozenset({"index", "images", "kalender"})
"""`kalender` is taken by the calendar of all events, `events/kalender.ics`."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
IMAGE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(png|jpg|jpeg|webp)$")


@dataclass(frozen=True)
class ContentType:
    name: str
    """Singular id, e.g. `case`."""
    directory: str
    """Folder under `content/`, and the first part of the URL."""
    schema_id: str
    template: str
    """Page template in `theme/`."""
    sections: tuple[str, ...] = ()
    """`##` sections every body should have (a missing one is a warning)."""


CASE = ContentType(
    name="case",
    directory="cases",
    schema_id="urn:smartcity:schema:case",
    template="case.html",
    sections=("Udfordring", "Løsning", "Resultater", "Erfaringer"),
)
GUIDE = ContentType(
    name="guide", directory="guides", schema_id="urn:smartcity:schema:guide", template="guide.html"
)
GROUP = ContentType(
    name="group", directory="groups", schema_id="urn:smartcity:schema:group", template="group.html"
)
EVENT = ContentType(
    name="event", directory="events", schema_id="urn:smartcity:schema:event", template="event.html"
)

CONTENT_TYPES: dict[str, ContentType] = {t.directory: t for t in (CASE, GUIDE, GROUP, EVENT)}
"""Content types by folder."""


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

    @property
    def url(self) -> str:
        return f"{self.type.directory}/{self.slug}/"

    def __repr__(self) -> str:
        return f"Document({self.path!r})"


class FrontMatterFields:
    """Plain front-matter fields read as attributes (`case.title`, `guide.summary`); optional
    fields that are absent read as None, or as an empty list for list fields."""

    _optional_lists = ("tags", "results", "links")

    def __getattr__(self, name):
        meta = self.__dict__["doc"].meta
        if name in meta:
            return meta[name]
        if name in self._optional_lists:
            return []
        if name.startswith("_"):
            raise AttributeError(name)
        return None

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def url(self) -> str:
        return self.doc.url
