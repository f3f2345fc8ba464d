"""Events: the forum's conference and workshops, their times, and which are still to come.

Front matter gives times as Danish wall-clock text (`2026-09-24T09:00`), because that is how a
contributor thinks of them; `generator/content/eventrules.py` reads them as aware datetimes in
Europe/Copenhagen, so that a time on either side of a daylight-saving change maps to the right
instant. Whether an event is upcoming is decided against the build's moment (`project.now()`),
never the wall clock, so two builds of one commit agree. Pure Python: no MkDocs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.documents import Document
from ..content.eventrules import parse_local
from ..content.taxonomy import Taxonomy, Theme
from . import routes
from .fields import FrontMatterFields
from .formatting import danish_date

if TYPE_CHECKING:  # the model imports this module
    from .kinds import Case

# -- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presentation:
    title: str
    url: str
    speaker: str | None = None


@dataclass(eq=False)
class Event(FrontMatterFields):
    doc: Document
    kind_label: str
    start: dt.datetime
    """Aware, in Europe/Copenhagen."""
    end: dt.datetime
    themes: list[Theme] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    """The cases presented at the event, in the order the file names them."""
    presentations: list[Presentation] = field(default_factory=list)

    @property
    def updated(self) -> dt.datetime | None:
        """When the event was last changed after it was announced (`updated` in the file)."""
        return parse_local(self.doc.meta.get("updated"))

    @property
    def ics_path(self) -> str:
        """The event's own calendar file, beside its page."""
        return routes.event_calendar(self.doc)

    @property
    def place(self) -> str | None:
        return self.doc.meta.get("place")

    @property
    def online(self) -> bool:
        return self.doc.meta.get("online") is True

    @property
    def registration(self) -> str | None:
        return self.doc.meta.get("registration")

    @property
    def contact(self) -> dict | None:
        return self.doc.meta.get("contact")

    @property
    def where(self) -> str:
        """The place as one line: `Aarhus Rådhus`, `Aarhus Rådhus og online` or `Online`."""
        if self.place and self.online:
            return f"{self.place} og online"
        return self.place or "Online"

    @property
    def same_day(self) -> bool:
        return self.start.date() == self.end.date()

    @property
    def when(self) -> str:
        """Danish: `24. september 2026 kl. 9.00-16.00`, or both dates when it spans days."""
        start, end = self.start, self.end
        if self.same_day:
            return f"{danish_date(start.date())} kl. {_clock(start)}–{_clock(end)}"
        return (
            f"{danish_date(start.date())} kl. {_clock(start)} – "
            f"{danish_date(end.date())} kl. {_clock(end)}"
        )

    def is_past(self, now: dt.datetime) -> bool:
        """Over once it has ended; an event under way still counts as upcoming."""
        return self.end <= now


def _clock(moment: dt.datetime) -> str:
    """Danish clock time: `9.00`, `16.30`."""
    return f"{moment.hour}.{moment.minute:02d}"


def build_events(
    docs: Iterable[Document],
    taxonomy: Taxonomy,
    case_by_slug: dict[str, Case],
    labels: dict[str, str],
) -> list[Event]:
    """Validated event documents as `Event`s, earliest first; `labels` are the event schema's
    labels of `kind`."""
    events = []
    for doc in docs:
        meta = doc.meta
        start, end = parse_local(meta["start"]), parse_local(meta["end"])
        if start is None or end is None:
            continue  # cannot happen after validation; a broken event is left out, not fatal
        events.append(
            Event(
                doc=doc,
                kind_label=labels[meta["kind"]],
                start=start,
                end=end,
                themes=[taxonomy.themes[t] for t in meta.get("themes", [])],
                cases=[case_by_slug[s] for s in meta.get("cases", []) if s in case_by_slug],
                presentations=[
                    Presentation(p["title"], p["url"], p.get("speaker"))
                    for p in meta.get("presentations", [])
                ],
            )
        )
    return sorted(events, key=lambda e: (e.start, e.slug))


def upcoming(events: Iterable[Event], now: dt.datetime) -> list[Event]:
    """Events not yet over, the soonest first."""
    return sorted((e for e in events if not e.is_past(now)), key=lambda e: (e.start, e.slug))


def past(events: Iterable[Event], now: dt.datetime) -> list[Event]:
    """Events that are over, the most recent first."""
    return sorted(
        (e for e in events if e.is_past(now)), key=lambda e: (e.start, e.slug), reverse=True
    )
