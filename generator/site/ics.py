"""iCalendar files (RFC 5545) for the events: one per event, and one to subscribe to.

Written by hand rather than with a library, because the format is small and the build should
stay light; `tests/test_events.py` reads every file back with the `icalendar` package. What
RFC 5545 asks and this module does: CRLF line ends, lines folded at 75 octets (never inside a
UTF-8 character), `\\`, `;`, `,` and newlines escaped in text, times as local time with
`TZID=Europe/Copenhagen` and a `VTIMEZONE` that defines that zone, a `UID` that stays the same
from build to build (slug and domain), and a `DTSTAMP` that is the build's moment, so two builds
of one commit write the same bytes.

A calendar that has imported an event replaces its copy only when the new one has a higher
`SEQUENCE` (RFC 5545 3.8.7.4). An event's file says when it was changed after it was announced
(`updated: 2026-08-15T10:30`, Danish time; the secretariat sets it when the time, place or
programme changes): the event then gets `LAST-MODIFIED` at that moment and a `SEQUENCE` of the
whole minutes from 2000-01-01 UTC to it, so every later change gives a higher number, without
anyone counting revisions. An event never changed has `SEQUENCE:0` and no `LAST-MODIFIED`. Git
history was not used: the deploy workflow checks out one commit, and a typo fix is no change a
calendar needs to hear about.

The `VTIMEZONE` is computed from the machine's time-zone data (`zoneinfo`) for the years the
events fall in, one observance per change of offset, rather than copied from a fixed EU rule: if
Denmark stops changing its clocks, the calendars follow the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..content.eventrules import TIMEZONE, TIMEZONE_NAME
from . import routes
from .events import Event

PRODID = "-//Smart City-forum//Smart City-vidensbanken//DA"
LINE_OCTETS = 75


# -- the format --------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as octets, folded at 75 octets with CRLF and a space (RFC 5545 3.1).

    A fold never splits a multi-octet UTF-8 character: `ø` is two octets and stays whole.
    """
    data = line.encode("utf-8")
    parts, start, limit = [], 0, LINE_OCTETS
    while True:
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation octet
            end -= 1
        parts.append(data[start:end])
        if end >= len(data):
            break
        start, limit = end, LINE_OCTETS - 1  # the leading space counts
    return b"\r\n ".join(parts) + b"\r\n"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(TIMEZONE).strftime("%Y%m%dT%H%M%S")


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


# -- the time zone -----------------------------------------------------------------------------


def transitions(first_year: int, last_year: int) -> list[dt.datetime]:
    """Every moment (UTC) in the years given at which Danish time changes its offset.

    Found by comparing offsets day by day and then hour by hour: offsets in Europe change on
    the hour, and a few hundred look-ups a year cost nothing.
    """
    found = []
    day = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    while day < end:
        following = day + dt.timedelta(days=1)
        if day.astimezone(TIMEZONE).utcoffset() != following.astimezone(TIMEZONE).utcoffset():
            hour = day
            while hour.astimezone(TIMEZONE).utcoffset() == day.astimezone(TIMEZONE).utcoffset():
                hour += dt.timedelta(hours=1)
            found.append(hour)
        day = following
    return found


def vtimezone(years: Iterable[int]) -> list[str]:
    """A `VTIMEZONE` for Europe/Copenhagen that covers `years`.

    It starts with the last change before the first year, so January of the first year is
    covered too; each observance's `DTSTART` is the local time just before the change, as
    RFC 5545 3.6.5 defines it.
    """
    years = sorted(set(years))
    changes = transitions(years[0] - 1, years[-1])
    start_of_range = dt.datetime(years[0], 1, 1, tzinfo=dt.UTC)
    before = [c for c in changes if c < start_of_range]
    changes = before[-1:] + [c for c in changes if c >= start_of_range]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{TIMEZONE_NAME}", f"X-LIC-LOCATION:{TIMEZONE_NAME}"]
    if not changes:  # a zone that does not change its clocks: one observance from 1970 on
        local = start_of_range.astimezone(TIMEZONE)
        offset = _offset(local.utcoffset())
        return [
            *lines,
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{local.tzname()}",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    for change in changes:
        old = (change - dt.timedelta(seconds=1)).astimezone(TIMEZONE)
        new = change.astimezone(TIMEZONE)
        kind = "DAYLIGHT" if new.dst() else "STANDARD"
        onset = (change + old.utcoffset()).replace(tzinfo=None)  # wall-clock time before it
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{onset:%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{_offset(old.utcoffset())}",
            f"TZOFFSETTO:{_offset(new.utcoffset())}",
            f"TZNAME:{new.tzname()}",
            f"END:{kind}",
        ]
    return [*lines, "END:VTIMEZONE"]


# -- events ------------------------------------------------------------------------------------


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path.lstrip("/")) if site_url else ""


def uid(event: Event, domain: str) -> str:
    """Stable across builds and edits: a calendar that imported the event updates it in place
    when the time or place changes, instead of showing it twice."""
    return f"{event.doc.type.directory}-{event.slug}@{domain}"


SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def sequence(event: Event) -> int:
    """0 for an event never changed; else whole minutes from 2000 to its `updated` moment."""
    if event.updated is None:
        return 0
    return max(0, int((event.updated - SEQUENCE_EPOCH).total_seconds()) // 60)


def vevent(event: Event, *, domain: str, site_url: str, stamp: dt.datetime) -> list[str]:
    page = _absolute(site_url, event.url)
    description = " ".join(event.summary.split())
    if event.registration:
        description += f"\n\nTilmelding: {event.registration}"
    if page:
        description += f"\n\nLæs mere: {page}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event, domain)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{sequence(event)}",
        *([f"LAST-MODIFIED:{_utc(event.updated)}"] if event.updated else []),
        f"DTSTART;TZID={TIMEZONE_NAME}:{_local(event.start)}",
        f"DTEND;TZID={TIMEZONE_NAME}:{_local(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(event.where)}",
        f"CATEGORIES:{escape_text(event.kind_label)}",
    ]
    if page:
        lines.append(f"URL:{page}")
    return [*lines, "END:VEVENT"]


def calendar(
    events: list[Event], *, name: str, domain: str, site_url: str, stamp: dt.datetime
) -> bytes:
    """A whole `.ics` file with the events given, earliest first."""
    years = {moment.astimezone(TIMEZONE).year for e in events for moment in (e.start, e.end)}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TIMEZONE_NAME}",
        *vtimezone(years or {stamp.year}),
    ]
    for event in sorted(events, key=lambda e: (e.start, e.slug)):
        lines += vevent(event, domain=domain, site_url=site_url, stamp=stamp)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def files(
    events: list[Event], *, site_name: str, domain: str, site_url: str, stamp: dt.datetime
) -> Iterator[tuple[str, bytes]]:
    """`events/<slug>.ics` for each event, and `events/kalender.ics` with all of them."""
    for event in events:
        yield (
            event.ics_path,
            calendar([event], name=event.title, domain=domain, site_url=site_url, stamp=stamp),
        )
    yield (
        CALENDAR_PATH,
        calendar(
            events,
            name=f"{site_name}: arrangementer",
            domain=domain,
            site_url=site_url,
            stamp=stamp,
        ),
    )


CALENDAR_PATH = routes.CALENDAR
"""The calendar of every event, to subscribe to (`kalender` is a reserved slug)."""
