"""Events: validation, the /events/ page ordered by the build date, event pages, the next event
on the home page, and the iCalendar files as a calendar program reads them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import BUILD_DATE_EPOCH, TinyProject
from htmltree import parse
from tests_support import build

from generator.content.project import Project
from generator.content.validate import load_tree
from generator.site import ics

UTC = dt.UTC
CPH = ZoneInfo("Europe/Copenhagen")
SUMMARY = "En workshop for kommuner om at genbruge hinandens løsninger, med oplæg og øvelser."

# slug: (start, end, start in UTC, end in UTC). 2026: summer time from 29 March 02:00 to
# 25 October 03:00, so the two night events last 5 and 7 hours, not 6.
EVENTS = {
    "vinter": ("2026-01-15T10:00", "2026-01-15T12:00", "2026-01-15T09:00", "2026-01-15T11:00"),
    "foraarsnat": ("2026-03-28T22:00", "2026-03-29T04:00", "2026-03-28T21:00", "2026-03-29T02:00"),
    "sommer": ("2026-06-18T10:00", "2026-06-18T12:00", "2026-06-18T08:00", "2026-06-18T10:00"),
    "efteraarsnat": (
        "2026-10-24T22:00",
        "2026-10-25T04:00",
        "2026-10-24T20:00",
        "2026-10-25T03:00",
    ),
}


def event_text(title: str, start: str, end: str, extra: str = "", kind: str = "workshop") -> str:
    return (
        f"---\ntitle: {title}\nkind: {kind}\nstart: {start}\nend: {end}\n"
        f"place: Aarhus Rådhus\nsummary: {SUMMARY}\n{extra}---\nProgram følger.\n"
    )


def write_events(tiny: TinyProject) -> TinyProject:
    return tiny.write(
        {
            f"content/events/{slug}.md": event_text(f"Arrangement {slug}", start, end)
            for slug, (start, end, _, _) in EVENTS.items()
        }
    )


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def read_calendar(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def listed(section) -> list[str]:
    return [
        a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in section.find_all("a")
        if a.parent.tag == "h3"
    ]


def page(site, url: str):
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    tiny = write_events(TinyProject(tmp_path_factory.mktemp("events") / "project"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        return build(tiny)


# -- iCalendar ---------------------------------------------------------------------------------


def test_ics_holds_local_and_utc_times_across_daylight_saving(events_site):
    for slug, (start, end, start_utc, end_utc) in EVENTS.items():
        calendar = read_calendar(events_site / "events" / f"{slug}.ics")
        [event] = calendar.walk("VEVENT")
        for key, local, expected in (("DTSTART", start, start_utc), ("DTEND", end, end_utc)):
            assert event[key].params["TZID"] == "Europe/Copenhagen"
            moment = event.decoded(key)
            assert moment.astimezone(UTC) == utc(expected), (slug, key)
            assert moment.astimezone(CPH).replace(tzinfo=None) == dt.datetime.fromisoformat(local)
        # The VTIMEZONE in the file, read on its own, gives the same instants: a calendar that
        # does not know Europe/Copenhagen still gets the times right.
        [vtimezone] = calendar.walk("VTIMEZONE")
        zone = vtimezone.to_tz(lookup_tzid=False)
        for local, expected in ((start, start_utc), (end, end_utc)):
            assert dt.datetime.fromisoformat(local).replace(tzinfo=zone).astimezone(UTC) == utc(
                expected
            ), slug
    durations = {
        slug: read_calendar(events_site / "events" / f"{slug}.ics").walk("VEVENT")[0]
        for slug in ("foraarsnat", "efteraarsnat")
    }
    assert {
        slug: e.decoded("DTEND").astimezone(UTC) - e.decoded("DTSTART").astimezone(UTC)
        for slug, e in durations.items()
    } == {"foraarsnat": dt.timedelta(hours=5), "efteraarsnat": dt.timedelta(hours=7)}


def test_subscribable_calendar_has_every_event_once_earliest_first(events_site):
    calendar = read_calendar(events_site / "events" / "kalender.ics")
    assert calendar["X-WR-CALNAME"] == "Smart City-vidensbanken: arrangementer"
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids == [
        f"events-{slug}@example.org" for slug in ("vinter", "foraarsnat", "sommer", "efteraarsnat")
    ]
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_ics_lines_follow_rfc_5545(tiny):
    title = "Genbrug; data, privatliv og åbne standarder \\ en workshop for kommunernes fagfolk"
    tiny.write(
        {
            "content/events/lang-titel.md": event_text(
                title,
                "2026-09-24T09:00",
                "2026-09-24T16:00",
                extra="registration: https://example.org/tilmelding?navn=a,b;c\n",
            )
        }
    )
    raw = (build(tiny) / "events" / "lang-titel.ics").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n"), "CRLF only"
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character in two
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:Genbrug\\; data\\, privatliv og åbne standarder \\\\ en workshop" in unfolded
    assert "DTSTAMP:20260601T000000Z\r\n" in unfolded
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    description = str(event["DESCRIPTION"])
    assert description == (
        f"{SUMMARY}\n\nTilmelding: https://example.org/tilmelding?navn=a,b;c"
        "\n\nLæs mere: https://example.org/events/lang-titel/"
    )
    assert str(event["LOCATION"]) == "Aarhus Rådhus"
    assert str(event["URL"]) == "https://example.org/events/lang-titel/"


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "æøå" * 60
    folded = ics.fold(line)
    parts = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert [p.decode("utf-8") for p in parts]
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"
    assert ics.fold("SHORT:x") == b"SHORT:x\r\n"


def test_uid_is_stable_and_the_domain_configurable(tiny, monkeypatch):
    write_events(tiny)
    first = (build(tiny) / "events" / "sommer.ics").read_bytes()
    assert (build(tiny) / "events" / "sommer.ics").read_bytes() == first, "reproducible"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    tiny.write(
        {
            "content/events/sommer.md": event_text(
                "Ny titel om sommeren", "2026-06-18T11:00", "2026-06-18T13:00"
            )
        }
    )
    [event] = read_calendar(build(tiny) / "events" / "sommer.ics").walk("VEVENT")
    assert str(event["UID"]) == "events-sommer@example.org", "an edit keeps the UID"
    assert event.decoded("DTSTAMP") == dt.datetime.fromtimestamp(1790000000, UTC)
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    tiny.write(
        {
            "mkdocs.yml": config.replace(
                "  - smartcity:\n", "  - smartcity:\n      calendar_domain: kalender.kl.dk\n"
            )
        }
    )
    [event] = read_calendar(build(tiny) / "events" / "sommer.ics").walk("VEVENT")
    assert str(event["UID"]) == "events-sommer@kalender.kl.dk"


def test_a_changed_event_gets_a_higher_sequence_and_last_modified(tiny):
    """An event announced, then moved twice: each version outranks the one before it in a
    calendar that imported it (RFC 5545 SEQUENCE), and says when it changed."""
    versions = [
        ("2026-09-24T09:00", ""),
        ("2026-09-24T10:00", "updated: 2026-08-15T10:30\n"),
        ("2026-09-25T10:00", "updated: 2026-08-20T08:05\n"),
    ]
    sequences = []
    for start, extra in versions:
        end = start[:11] + "16:00"
        tiny.write({"content/events/flyttet.md": event_text("Flyttet workshop", start, end, extra)})
        site = build(tiny)
        [event] = read_calendar(site / "events" / "flyttet.ics").walk("VEVENT")
        [listed_event] = [
            e
            for e in read_calendar(site / "events" / "kalender.ics").walk("VEVENT")
            if str(e["UID"]).startswith("events-flyttet@")
        ]
        assert listed_event["SEQUENCE"] == event["SEQUENCE"]
        sequences.append(int(event["SEQUENCE"]))
        modified = event.get("LAST-MODIFIED")
        if extra:
            local = dt.datetime.fromisoformat(extra.split(": ")[1].strip()).replace(tzinfo=CPH)
            assert modified.dt == local.astimezone(UTC)
        else:
            assert modified is None
        assert str(event["UID"]) == "events-flyttet@example.org"
    assert sequences[0] == 0
    assert sequences[0] < sequences[1] < sequences[2]
    assert (dt.datetime(2026, 8, 20, 6, 5, tzinfo=UTC) - dt.datetime(2000, 1, 1, tzinfo=UTC)) // (
        dt.timedelta(minutes=1)
    ) == sequences[2]


def test_an_impossible_updated_time_is_an_error(tiny):
    tiny.write(
        {
            "content/events/x.md": event_text(
                "Workshop om data",
                "2026-09-24T09:00",
                "2026-09-24T16:00",
                "updated: 2026-02-30T10:00\n",
            )
        }
    )
    result = tiny.run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/events/x.md:8:10: fejl: updated: '2026-02-30T10:00' er ikke et tidspunkt, der "
        "findes. Skriv dato og klokkeslæt i dansk tid som ÅÅÅÅ-MM-DD, et T og TT:MM, fx "
        "2026-09-24T09:00. [event.time-invalid]"
    )


def test_vtimezone_comes_from_the_time_zone_data():
    changes = ics.transitions(2026, 2026)
    assert changes == [
        dt.datetime(2026, 3, 29, 1, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 1, tzinfo=UTC),
    ]
    text = "\r\n".join(ics.vtimezone([2026]))
    assert (
        "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"
        in text
    )
    assert (
        "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"
        in text
    )
    assert "DTSTART:20251026T030000" in text, "January is covered by the change before it"


# -- upcoming and past -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "epoch, upcoming, past, next_event",
    [
        # 2026-06-01 00:00 UTC, the tests' build date
        (BUILD_DATE_EPOCH, ["sommer", "efteraarsnat"], ["foraarsnat", "vinter"], "sommer"),
        # 2026-10-25 02:30 UTC: the night event is under way, so it is still upcoming
        ("1792895400", ["efteraarsnat"], ["sommer", "foraarsnat", "vinter"], "efteraarsnat"),
        # 2026-10-25 03:00 UTC: it has just ended
        ("1792897200", [], ["efteraarsnat", "sommer", "foraarsnat", "vinter"], None),
    ],
)
def test_upcoming_and_past_follow_the_build_date(
    tiny, monkeypatch, epoch, upcoming, past, next_event
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = build(write_events(tiny))
    html = page(site, "events")
    up = html.find("section", **{"aria-labelledby": "sc-upcoming-title"})
    gone = html.find("section", **{"aria-labelledby": "sc-past-title"})
    assert listed(up) == upcoming
    assert listed(gone) == past
    if not upcoming:
        assert "Der er ingen kommende arrangementer i kalenderen lige nu." in up.text
    home = page(site, "")
    nexts = home.find_all("section", cls="sc-next-event")
    if next_event is None:
        assert nexts == []
    else:
        link = nexts[0].find("p", cls="sc-next-event__title").find("a")
        assert link.attrs["href"] == f"events/{next_event}/"


# -- pages -------------------------------------------------------------------------------------


def test_event_page_shows_when_where_and_the_calendar_file(events_site):
    html = page(events_site, "events/efteraarsnat")
    box = html.find("aside", cls="sc-facts")
    facts = {d.text: v for d, v in zip(box.find_all("dt"), box.find_all("dd"))}
    assert facts["Type"].text == "Workshop"
    assert (
        facts["Tidspunkt"].text
        == "24. oktober 2026 kl. 22.00 – 25. oktober 2026 kl. 4.00 (dansk tid)"
    )
    assert facts["Tidspunkt"].find("time").attrs["datetime"] == "2026-10-24T22:00+02:00"
    assert facts["Sted"].text == "Aarhus Rådhus"
    href = facts["Kalender"].find("a").attrs["href"]
    assert (events_site / "events" / "efteraarsnat" / href).resolve() == (
        events_site / "events" / "efteraarsnat.ics"
    ).resolve()
    same_day = page(events_site, "events/sommer").find("time")
    assert same_day.text == "18. juni 2026 kl. 10.00–12.00"


def test_past_conference_links_its_presentations_and_cases(tiny, base_case):
    tiny.write(
        {
            "content/cases/sensorer.md": base_case,
            "content/events/konferencen-2025.md": event_text(
                "Konferencen 2025",
                "2025-10-01T09:00",
                "2025-10-02T16:00",
                kind="conference",
                extra=(
                    "registration: https://example.org/tilmelding\n"
                    "presentations:\n  - title: Slides om sensorer\n    url: https://example.org/s.pdf\n"
                    "    speaker: Aarhus Kommune\ncases: [sensorer]\n"
                ),
            ),
        }
    )
    html = page(build(tiny), "events/konferencen-2025")
    assert html.find("p", cls="sc-event-over").text == "Arrangementet er afholdt."
    talks = html.find("section", **{"aria-labelledby": "sc-presentations-title"})
    assert [(a.attrs["href"], a.text) for a in talks.find_all("a")] == [
        ("https://example.org/s.pdf", "Slides om sensorer")
    ]
    assert "(Aarhus Kommune)" in talks.text
    shown = html.find("section", **{"aria-labelledby": "sc-event-cases"})
    assert shown.find("h2").text == "Cases, der blev præsenteret"
    assert listed(shown) == ["sensorer"]
    assert not html.find_all("a", href="https://example.org/tilmelding"), "no sign-up when over"


def test_event_rules_on_a_whole_tree(tiny):
    tiny.write(
        {
            "content/events/omvendt.md": event_text(
                "Omvendt", "2026-09-24T16:00", "2026-09-24T09:00"
            ),
            "content/events/ingen-steder.md": event_text(
                "Intet sted", "2026-09-24T09:00", "2026-09-24T10:00"
            ).replace("place: Aarhus Rådhus\n", ""),
            "content/events/kun-online.md": event_text(
                "Kun online", "2026-09-24T09:00", "2026-09-24T10:00"
            ).replace("place: Aarhus Rådhus\n", "online: true\n"),
        }
    )
    result = tiny.run("validate")
    assert [line.rsplit("[", 1)[-1] for line in result.stdout.splitlines()[:-1]] == [
        "event.place-missing]",
        "event.end-before-start]",
    ]
    assert result.stdout.splitlines()[-1] == "Tjekket 3 filer: 2 fejl i 2 filer."


# -- the bundled content -----------------------------------------------------------------------


def test_bundled_events(built):
    site = built / "site"
    docs = {d.slug: d.meta for d in load_tree(Project(built)).of_type("events")}
    assert len(docs) >= 4
    assert {m["kind"] for m in docs.values()} == {"conference", "workshop"}
    build_day = "2026-06-01"
    upcoming = sorted(
        (s for s, m in docs.items() if m["end"] > build_day), key=lambda s: docs[s]["start"]
    )
    past = sorted(
        (s for s, m in docs.items() if m["end"] <= build_day),
        key=lambda s: docs[s]["start"],
        reverse=True,
    )
    assert upcoming and past
    assert all(docs[s]["start"] > "2026-11-27" for s in upcoming), "upcoming in real time too"
    assert all(docs[s]["end"] < "2026-06-01" for s in past)
    html = page(site, "events")
    assert listed(html.find("section", **{"aria-labelledby": "sc-upcoming-title"})) == upcoming
    assert listed(html.find("section", **{"aria-labelledby": "sc-past-title"})) == past
    assert html.find("a", href="kalender.ics")
    for slug, meta in docs.items():
        [event] = read_calendar(site / "events" / f"{slug}.ics").walk("VEVENT")
        assert event.decoded("DTSTART").astimezone(CPH).strftime("%Y-%m-%dT%H:%M") == meta["start"]
        assert "eksempel" in meta["title"].lower() or "Eksempel" in meta["summary"]
    assert len(read_calendar(site / "events" / "kalender.ics").walk("VEVENT")) == len(docs)
    home = page(site, "").find("section", cls="sc-next-event")
    assert home.find("a").attrs["href"] == f"events/{upcoming[0]}/"


def test_event_text_is_escaped_on_pages_and_in_the_calendar(tiny):
    title = "<script>alert(1)</script> & Co"
    tiny.write(
        {
            "content/events/fjendtlig.md": event_text(
                f"'{title}'", "2026-09-24T09:00", "2026-09-24T10:00"
            )
        }
    )
    site = build(tiny)
    for url in ("events/fjendtlig", "events", ""):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, url
    html = page(site, "events/fjendtlig")
    assert html.find("h1").text == title
    [event] = read_calendar(site / "events" / "fjendtlig.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == title
