"""The site's model of each content type: what its pages show of a case, a guide, a group, an event.

`BUILDERS` names, by content type, the function that turns the type's validated documents into
models (`Site` calls them in the registry's order, cases first, so the others can link to
cases). A type without a builder, such as a new kind of content, gets `Entry`: its front matter
read as attributes, sorted by title. Pure Python: no MkDocs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..content.documents import Document
from ..content.project import build_today
from ..content.staleness import confirmed_on, stale_since
from ..content.taxonomy import Municipality, Region, Theme
from ..content.types import CASE, EVENT, GROUP
from .events import build_events
from .fields import FrontMatterFields
from .formatting import period
from .groups import build_groups
from .reuse import ReuseTree, reuse_tree

if TYPE_CHECKING:
    from .model import Site


@dataclass(frozen=True)
class Partner:
    name: str
    """As the contributor wrote it."""
    municipality: Municipality | None = None
    """Set when the name means a municipality (`Aarhus`, `Aarhus Kommune`); it then links."""
    region: Region | None = None
    """Set when the name means a region (`Region Midtjylland`); it then links."""


@dataclass(eq=False)
class Case(FrontMatterFields):
    doc: Document
    municipality: Municipality
    themes: list[Theme]
    partners: list[Partner]
    status: str
    status_label: str
    sdgs: list[tuple[int, str]]
    published: dt.date
    reviewed: dt.date | None
    based_on: list[Case] = field(default_factory=list)
    reused_by: list[Case] = field(default_factory=list)
    related: list[Case] = field(default_factory=list)

    @property
    def period(self) -> str:
        return period(self.doc.meta["started"], self.doc.meta.get("ended"))

    @property
    def region(self) -> Region:
        return self.municipality.region

    @property
    def primary_theme(self) -> Theme:
        return self.themes[0]

    @property
    def stale_since(self) -> dt.date | None:
        """The day the facts turned over two years old (see `generator/content/staleness.py`), or None."""
        return stale_since(self.doc.meta, build_today())

    @property
    def confirmed_on(self) -> dt.date | None:
        return confirmed_on(self.doc.meta)

    @property
    def reusable(self) -> bool:
        """Another municipality can take it: its code is published, it says what copying it
        takes (`reuse`), or it has been reused. The one rule for the case page's reuse box and
        the finder's "Kan genbruges" facet."""
        meta = self.doc.meta
        return bool(meta.get("source_code")) or bool(meta.get("reuse")) or bool(self.reused_by)

    @cached_property
    def reuse_tree(self) -> ReuseTree:
        """Everyone who reused this case, over the generations (`generator/site/reuse.py`)."""
        return reuse_tree(self)

    @property
    def sort_key(self):
        """Newest first: by published date, then title."""
        return (-self.published.toordinal(), self.doc.meta["title"].lower(), self.slug)


@dataclass(eq=False)
class Guide(FrontMatterFields):
    doc: Document
    themes: list[Theme]
    published: dt.date
    reviewed: dt.date | None
    cases: list[Case] = field(default_factory=list)
    """Cases that share a theme with the guide, newest first."""


@dataclass(eq=False)
class Entry(FrontMatterFields):
    """A document of a type with no model of its own: its front matter, read as attributes."""

    doc: Document


def build_cases(site: Site, docs: Iterable[Document]) -> list[Case]:
    """Cases newest first, each linked to the cases it builds on and those that build on it."""
    status_labels = site.schemas.labels(CASE.schema_id, "status")
    sdg_names = site.taxonomy.sdgs
    taxonomy = site.taxonomy

    def partner(name: str) -> Partner:
        return Partner(name, taxonomy.municipality_named(name), taxonomy.region_named(name))

    def case(doc: Document) -> Case:
        meta = doc.meta
        return Case(
            doc=doc,
            municipality=taxonomy.municipalities[meta["municipality"]],
            themes=[taxonomy.themes[t] for t in meta["themes"]],
            partners=[partner(p) for p in meta.get("partners", [])],
            status=meta["status"],
            status_label=status_labels[meta["status"]],
            sdgs=[(n, sdg_names[n]) for n in meta.get("sdgs", [])],
            published=dt.date.fromisoformat(meta["published"]),
            reviewed=dt.date.fromisoformat(meta["reviewed"]) if meta.get("reviewed") else None,
        )

    cases = sorted((case(d) for d in docs), key=lambda c: c.sort_key)
    by_slug = {c.slug: c for c in cases}
    for one in cases:
        one.based_on = [by_slug[s] for s in one.doc.meta.get("based_on", []) if s in by_slug]
        for original in one.based_on:
            original.reused_by.append(one)
    return cases


def build_guides(site: Site, docs: Iterable[Document]) -> list[Guide]:
    """Guides by title, each with the cases that share a theme with it."""
    guides = []
    for doc in docs:
        meta = doc.meta
        themes = [site.taxonomy.themes[t] for t in meta.get("themes", [])]
        guides.append(
            Guide(
                doc,
                themes,
                dt.date.fromisoformat(meta["published"]),
                dt.date.fromisoformat(meta["reviewed"]) if meta.get("reviewed") else None,
                [c for c in site.cases if set(c.themes) & set(themes)],
            )
        )
    return sorted(guides, key=lambda g: (g.doc.meta["title"].lower(), g.slug))


def build_entries(site: Site, docs: Iterable[Document]) -> list[Entry]:
    """Any other type's documents, by title."""
    return sorted((Entry(d) for d in docs), key=lambda e: (e.doc.meta["title"].lower(), e.slug))


BUILDERS: dict[str, Callable[[Site, Iterable[Document]], list]] = {
    "case": build_cases,
    "guide": build_guides,
    "group": lambda site, docs: build_groups(
        docs,
        site.taxonomy,
        site.cases,
        {key: site.schemas.labels(GROUP.schema_id, key) for key in ("status", "cadence")},
    ),
    "event": lambda site, docs: build_events(
        docs, site.taxonomy, site.case_by_slug, site.schemas.labels(EVENT.schema_id, "kind")
    ),
}
"""The model builder of each content type that has one, by the type's name."""
