"""The rules for event files: times that exist in Danish time, an end after the start, a place,
and presented cases that exist.

Front matter gives times as Danish wall-clock text (`2026-09-24T09:00`), because that is how a
contributor thinks of them; `parse_local` turns them into aware datetimes in Europe/Copenhagen,
so that a time on either side of a daylight-saving change maps to the right instant. The site's
event model (`generator/site/events.py`) reads times with the same function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostic
from .documents import Document
from .frontmatter import dotted
from .messages import diagnostic, suggestion
from .taxonomy import Taxonomy, closest

if TYPE_CHECKING:
    from .validate import ContentTree

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


def check_event(doc: Document, taxonomy: Taxonomy, today: dt.date) -> Iterator[Diagnostic]:
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


def check_event_cases(tree: ContentTree) -> Iterator[Diagnostic]:
    """Every case an event names as presented exists (the cross-file half of the rules)."""
    case_slugs = {doc.slug for doc in tree.of_type("cases")}
    for doc in tree.of_type("events"):
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
