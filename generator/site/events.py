"""Events: the forum's conference and workshops, their times, and which are still to come.

Front matter gives times as Danish wall-clock text (`2026-09-24T09:00`), because that is how a
contributor thinks of them; here they become aware datetimes in Europe/Copenhagen, so that a
time on either side of a daylight-saving change maps to the right instant. Whether an event is
upcoming is decided against the build's moment (`project.now()`), never the wall clock, so two
builds of one commit agree. Pure Python: no MkDocs here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..content.diagnostics import Diagnostic
from ..content.documents import Document, FrontMatterFields
from ..content.frontmatter import dotted
from ..content.messages import diagnostic, suggestion
from ..content.taxonomy import Taxonomy, Theme, closest
from .formatting import danish_date

if TYPE_CHECKING:  # the model imports this module
    from .model import Case

TIMEZONE_NAME = "Europe/Copenhagen"
TIMEZONE = ZoneInfo(TIMEZONE_NAME)
LOCAL_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}$")
"""The event schema's pattern, applied as jsonschema applies it (`re.search`): a value it
refuses has the schema's message and no second one from here."""


def parse_local(text: object) -> dt.datetime | None:
    """`2026-09-24T09:00` (or with a space for the T) in Danish time; None if it is no time.

    A time that the clock skips when summer time starts is returned as written (it does not
    round-trip); `nonexistent` tells those apart.
    """
    if not isinstance(text, str) or not LOCAL_DATETIME.search(text) or len(text) != 16:
        return None
    try:
        naive = dt.datetime.fromisoformat(text[:10] + "T" + text[11:])
    except ValueError:
        return None
    return naive.replace(tzinfo=TIMEZONE)


def nonexistent(moment: dt.datetime) -> bool:
    """True for a wall-clock time inside the spring-forward gap (02:00-03:00 on the last
    Sunday of March), which no clock in Denmark ever shows."""
    there_and_back = moment.astimezone(dt.UTC).astimezone(TIMEZONE)
    return there_and_back.replace(tzinfo=None) != moment.replace(tzinfo=None)


# -- single-file rules -------------------------------------------------------------------------


def _at(doc: Document, path: tuple, code: str, **params) -> Diagnostic:
    line, column = doc.frontmatter.position(path)
    return diagnostic(code, doc.path, line, column, field=dotted(path), **params)


def check_event(doc: Document) -> Iterator[Diagnostic]:
    """Times that exist, an end after the start, and somewhere to be (a place, or online)."""
    meta = doc.meta
    times = {}
    for key in ("start", "end", "updated"):
        value = meta.get(key)
        if not isinstance(value, str) or not LOCAL_DATETIME.search(value):
            continue  # missing or wrongly written: the schema's message says how to write it
        moment = parse_local(value)
        if moment is None:
            yield _at(doc, (key,), "event.time-invalid", value=value)
        elif nonexistent(moment):
            later = moment.replace(tzinfo=None) + dt.timedelta(hours=1)
            yield _at(
                doc,
                (key,),
                "event.time-gap",
                time=value[11:],
                date=value[:10],
                suggestion=later.strftime("%Y-%m-%dT%H:%M"),
            )
        else:
            times[key] = moment
    if "start" in times and "end" in times and times["end"] <= times["start"]:
        yield _at(doc, ("end",), "event.end-before-start", end=meta["end"], start=meta["start"])
    if not meta.get("place") and meta.get("online") is not True:
        # Like a missing required field: at the opening `---`.
        yield diagnostic("event.place-missing", doc.path, 1, 1, field="place")


def check_event_cases(events: Iterable[Document], case_slugs: set[str]) -> Iterator[Diagnostic]:
    """Every case an event names as presented exists (the cross-file half of the rules)."""
    for doc in events:
        slugs = doc.meta.get("cases")
        if not isinstance(slugs, list):
            continue
        for index, slug in enumerate(slugs):
            if isinstance(slug, str) and slug not in case_slugs:
                yield _at(
                    doc,
                    ("cases", index),
                    "event.case-missing",
                    slug=slug,
                    hint=suggestion(closest(slug, sorted(case_slugs))),
                )


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
        return f"{self.doc.type.directory}/{self.slug}.ics"

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


def event_labels(schema_dir: Path) -> dict[str, str]:
    """The kinds' Danish labels, from the event schema, so they have one source."""
    schema = json.loads((Path(schema_dir) / "event.schema.json").read_text(encoding="utf-8"))
    return schema["properties"]["kind"]["x-enum-labels"]


def build_events(
    docs: Iterable[Document], taxonomy: Taxonomy, case_by_slug: dict[str, Case], schema_dir: Path
) -> list[Event]:
    """Validated event documents as `Event`s, earliest first."""
    labels = event_labels(schema_dir)
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
