"""The pages that gather cases: one per theme, per municipality and per keyword.

Built by `Site` (`model.py`) from its cases; templates read them. Pure Python: no MkDocs here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..content.taxonomy import Municipality, Theme, danish_slug, keyword_label
from . import routes

if TYPE_CHECKING:
    from .events import Event
    from .groups import Group
    from .kinds import Case


@dataclass(eq=False)
class ThemePage:
    theme: Theme
    cases: list[Case]

    @property
    def url(self) -> str:
        return routes.theme(self.theme.id)

    @cached_property
    def status_counts(self) -> Counter:
        return Counter(case.status for case in self.cases)


@dataclass(eq=False)
class MunicipalityPage:
    """Where one of the 98 municipalities stands in the forum's work: the mapping, one page each,
    municipalities with nothing to show yet included (their page invites them to contribute)."""

    municipality: Municipality
    led: list[Case] = field(default_factory=list)
    partnered: list[Case] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    """The working groups it sits in."""
    events: list[Event] = field(default_factory=list)
    """Events held in the municipality (its name is in the event's place) or presenting its cases."""
    reused: list[Case] = field(default_factory=list)
    """Other municipalities' cases that its own cases build on."""
    reused_by: list[Case] = field(default_factory=list)
    """Other municipalities' cases that build on its own."""

    @property
    def url(self) -> str:
        return routes.municipality(self.municipality.slug)

    @property
    def count(self) -> int:
        return len(self.led) + len(self.partnered)

    @property
    def empty(self) -> bool:
        """Nothing to show yet: no case, group or event."""
        return not (self.count or self.groups or self.events)


@dataclass(eq=False)
class TagPage:
    tag: str
    cases: list[Case]

    @property
    def slug(self) -> str:
        return danish_slug(self.tag)

    @property
    def label(self) -> str:
        return keyword_label(self.tag)

    @property
    def url(self) -> str:
        return routes.tag(self.slug)
