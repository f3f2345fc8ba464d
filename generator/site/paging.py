"""Long listings cut into pages, so that no page of the site grows with the number of cases.

A listing is one or more named sections in a fixed order (a municipality lists the cases it
leads, then those it partners in); the sections are laid end to end and cut every `size`
entries, so each page holds at most `size` entries and every entry is on exactly one page. Page
1 keeps the listing's own URL (`themes/klima/`); the next ones are `themes/klima/side/2/`, as
the case list's (`/cases/side/2/`). Pure Python: no MkDocs here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import routes

DEFAULT_PAGE_SIZE = 50
"""Entries a page: as many as the case list shows (`finder.PAGE_SIZE`)."""


@dataclass
class Listing:
    """One page of a listing: `number` counts from 1 to `count`."""

    base: str
    """The URL of page 1, ending in `/` (`themes/klima/`)."""
    number: int
    count: int
    sections: dict[str, list] = field(default_factory=dict)
    """This page's share of each section, by name; a section with nothing here is empty."""
    total: int = 0
    """Entries in the whole listing, on every page."""
    offset: int = 0
    """Entries on the pages before this one (a numbered list goes on from `offset + 1`)."""

    def url_of(self, number: int) -> str:
        return routes.listing_page(self.base, number)

    @property
    def url(self) -> str:
        return self.url_of(self.number)

    @property
    def items(self) -> list:
        """This page's entries, the sections end to end."""
        return [item for entries in self.sections.values() for item in entries]

    @property
    def first(self) -> bool:
        return self.number == 1

    def section(self, name: str) -> list:
        return self.sections.get(name, [])

    def title(self, title: str) -> str:
        """The page's title: the listing's own, with `side 2 af 5` after page 1."""
        return title if self.first else f"{title}, side {self.number} af {self.count}"


def paginate(base: str, sections: Mapping[str, Sequence], size: int) -> list[Listing]:
    """The sections, in the given order, as pages of at most `size` entries; at least one page."""
    if size < 1:
        raise ValueError("size must be at least 1")
    total = sum(len(entries) for entries in sections.values())
    count = max(1, -(-total // size))
    pages = [
        Listing(base, n + 1, count, {name: [] for name in sections}, total, n * size)
        for n in range(count)
    ]
    position = 0
    for name, entries in sections.items():
        for entry in entries:
            pages[position // size].sections[name].append(entry)
            position += 1
    return pages
