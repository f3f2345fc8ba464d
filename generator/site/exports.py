"""Open data and feeds: the case bank as files another system can read.

- `data/cases.json`: every case's front matter exactly as validated (dates stay `YYYY-MM-DD`
  text, the reuse facts `reuse` and `based_on` as written), plus the lead municipality's
  kommunekode, region and region code beside its name, and `slug`, `url` and `body` as plain
  text. Without the added keys (`ADDED_KEYS`) each entry validates against
  `data/case.schema.json`, which is the case schema with every `$ref` inlined and, as its `$id`,
  the address it is published at.
- `data/cases.csv`: one row per case for a spreadsheet. Danish Excel opens a CSV correctly only
  when it is UTF-8 with a byte order mark and separated by `;`; lists are joined with `, `.
- `feed.xml`: an Atom feed of the newest cases, reproducible (no wall-clock time in it). Each
  entry's author is the municipality's official name (`Københavns Kommune`), and the feed's and
  entries' ids are `tag:` URIs (RFC 4151) minted from `TAG_AUTHORITY`, not from `site_url`, so
  a feed reader does not show every case again when the site moves to its real address.

Serialisation is by the standard library (json, csv, ElementTree), which escapes for us. Pure
Python, no MkDocs: the plugin passes `site_url`, the site's name, the licence and each case's
body as text, made from the HTML the build rendered (`bodytext.plain_texts`; converting every
body from Markdown a second time would cost a fifth of the build).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.project import build_today
from . import routes
from .formatting import danish_number

if TYPE_CHECKING:
    from .kinds import Case
    from .model import Site

CASE_SCHEMA = "urn:smartcity:schema:case"
FEED_SIZE = 20
"""Entries in the Atom feed: the newest cases by publication date."""
TAG_AUTHORITY = "kl.dk,2025"
"""The tagging entity of the feed's ids (`tag:kl.dk,2025:smartcity/case/<slug>`): KL hosts the
forum's secretariat, and 2025 is when the ids were first minted. Never change it: readers know
every entry by its id."""
ADDED_KEYS = {
    "municipality_code": "Den ledende kommunes kommunekode (DAGI), fire cifre, fx 0101 for "
    "København.",
    "region": "Den ledende kommunes region, fx Region Hovedstaden.",
    "region_code": "Regionens kode (DAGI), fx 1084 for Region Hovedstaden.",
    "slug": "Casens id: filnavnet uden .md. Bruges i based_on og i adressen.",
    "url": "Casens fulde adresse på sitet.",
    "body": "Casens tekst (afsnittene Udfordring, Løsning, Resultater og Erfaringer) som ren tekst "
    "uden Markdown og HTML.",
}
"""Keys `cases.json` adds to the front matter; they are not in the schema."""


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


# -- cases.json --------------------------------------------------------------------------------


def absolute(site_url: str, path: str) -> str:
    """`https://example.org/` + `cases/x/`; root-relative when no `site_url` is set."""
    return (site_url.rstrip("/") if site_url else "") + "/" + path.lstrip("/")


def case_record(case: Case, site_url: str, body: str) -> dict:
    """The front matter as read from the file, in its own key order, with the municipality's
    and region's codes after `municipality`; then slug, url, body."""
    meta = json.loads(json.dumps(case.doc.meta))  # a deep copy that is plain JSON data
    record = {}
    for key, value in meta.items():
        record[key] = value
        if key == "municipality":
            record["municipality_code"] = case.municipality.code_text
            record["region"] = case.region.name
            record["region_code"] = str(case.region.code)
    record["slug"] = case.slug
    record["url"] = absolute(site_url, case.url)
    record["body"] = body
    return record


def cases_json(
    site: Site, site_url: str, licence: Licence, title: str, bodies: Mapping[str, str]
) -> str:
    """`bodies`: each case's body as plain text, by slug."""
    document = {
        "title": f"{title}: cases",
        "description": "Danske kommuners Smart City-cases med deres oplysninger og tekst.",
        "license": {"name": licence.name, "url": licence.url},
        "url": absolute(site_url, routes.DATA),
        "schema": absolute(site_url, routes.CASE_SCHEMA),
        "count": len(site.cases),
        "cases": [case_record(c, site_url, bodies[c.slug]) for c in site.cases],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- cases.csv ---------------------------------------------------------------------------------


def _joined(values) -> str:
    return ", ".join(str(v) for v in values or [])


def _result(result: dict) -> str:
    text = f"{result['indicator']}: {danish_number(result['value'])} {result['unit']}"
    return f"{text} ({result['year']})" if result.get("year") else text


def _reuse(meta: dict, key: str):
    return (meta.get("reuse") or {}).get(key, "")


CSV_COLUMNS: list[tuple[str, Callable | None]] = [
    ("slug", lambda m, c: c.slug),
    ("title", lambda m, c: m["title"]),
    ("municipality", lambda m, c: m["municipality"]),
    ("municipality_code", lambda m, c: c.municipality.code_text),
    ("region", lambda m, c: c.region.name),
    ("region_code", lambda m, c: c.region.code),
    ("partners", lambda m, c: _joined(m.get("partners"))),
    ("themes", lambda m, c: _joined(m["themes"])),
    ("status", lambda m, c: m["status"]),
    ("started", lambda m, c: m["started"]),
    ("ended", lambda m, c: m.get("ended", "")),
    ("summary", lambda m, c: m["summary"]),
    ("contact_email", lambda m, c: m["contact"]["email"]),
    ("contact_name", lambda m, c: m["contact"].get("name", "")),
    ("contact_role", lambda m, c: m["contact"].get("role", "")),
    ("contact_phone", lambda m, c: m["contact"].get("phone", "")),
    ("tags", lambda m, c: _joined(m.get("tags"))),
    ("sdgs", lambda m, c: _joined(m.get("sdgs"))),
    ("budget_dkk", lambda m, c: m.get("budget_dkk", "")),
    ("results", lambda m, c: ", ".join(_result(r) for r in m.get("results", []))),
    ("based_on", lambda m, c: _joined(m.get("based_on"))),
    ("source_code", lambda m, c: m.get("source_code", "")),
    ("reuse_procurement", lambda m, c: _reuse(m, "procurement")),
    ("reuse_supplier", lambda m, c: _reuse(m, "supplier")),
    ("reuse_running_cost_dkk", lambda m, c: _reuse(m, "running_cost_dkk")),
    ("reuse_staff_effort", lambda m, c: _reuse(m, "staff_effort")),
    ("reuse_dpia", lambda m, c: {True: "ja", False: "nej"}.get(_reuse(m, "dpia"), "")),
    ("reuse_licence", lambda m, c: _reuse(m, "licence")),
    ("links", lambda m, c: _joined(link["url"] for link in m.get("links", []))),
    ("published", lambda m, c: m["published"]),
    ("reviewed", lambda m, c: m.get("reviewed", "")),
    ("url", None),
]
"""CSV columns: header and value (None: the case's address)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Text a spreadsheet shows as text: a leading `=`, `+`, `-` or `@` would start a formula
    (`+45 12 34 56 78` becomes an error, `=HYPERLINK(...)` a live link), so it gets a `'`."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def cases_csv(site: Site, site_url: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for case in site.cases:
        meta = case.doc.meta
        writer.writerow(
            [
                _cell(absolute(site_url, case.url) if value is None else value(meta, case))
                for _, value in CSV_COLUMNS
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- case.schema.json --------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    key: str
    title: str
    description: str
    required: bool
    kind: str


_KINDS = {
    "string": "tekst",
    "integer": "heltal",
    "number": "tal",
    "array": "liste",
    "object": "objekt",
    "boolean": "sand/falsk",
}


def schema_fields(site: Site) -> list[Field]:
    """The case fields as the data page lists them, from the schema so they never disagree."""
    schema = site.case_schema
    required = set(schema.get("required", []))
    fields = []
    for key, prop in schema["properties"].items():
        kind = _KINDS.get(prop.get("type"), "tekst")
        if prop.get("format") == "date":
            kind = "dato (ÅÅÅÅ-MM-DD)"
        fields.append(
            Field(key, prop.get("title", key), prop.get("description", ""), key in required, kind)
        )
    for key, description in ADDED_KEYS.items():
        fields.append(Field(key, key, description, True, "tekst"))
    return fields


# -- feed.xml ----------------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def case_updated(case: Case) -> dt.date:
    return case.reviewed or case.published


def published_schema(site: Site, site_url: str) -> dict:
    """The case schema as published: its `$id` is the address it is published at, so a
    validator that meets it elsewhere knows where it came from (kept as `urn:` without a
    `site_url`)."""
    schema = dict(site.case_schema)
    if site_url:
        schema = {"$schema": schema.get("$schema"), "$id": absolute(site_url, SCHEMA_PATH)} | {
            k: v for k, v in schema.items() if k not in ("$schema", "$id")
        }
    return schema


SCHEMA_PATH = routes.CASE_SCHEMA


def tag_uri(specific: str) -> str:
    """`tag:kl.dk,2025:smartcity/<specific>`: an id that survives a change of address."""
    return f"tag:{TAG_AUTHORITY}:smartcity/{specific}"


def atom_feed(site: Site, site_url: str, title: str, subtitle: str) -> bytes:
    """The newest cases, newest first by publication; `updated` is the case's review date or,
    if it was never reviewed, its publication date, so the feed changes only with the content."""
    entries = site.cases[:FEED_SIZE]
    updated = max((case_updated(c) for c in entries), default=build_today())
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "da"})
    ET.SubElement(feed, "id").text = tag_uri("feed/cases")
    ET.SubElement(feed, "title").text = f"{title}: nyeste cases"
    if subtitle:
        ET.SubElement(feed, "subtitle").text = subtitle
    ET.SubElement(
        feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, routes.FEED)
    )
    ET.SubElement(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute(site_url, routes.cases_page(1)),
    )
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = title
    for case in entries:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "id").text = tag_uri(f"case/{case.slug}")
        ET.SubElement(entry, "title").text = case.title
        ET.SubElement(
            entry, "link", rel="alternate", type="text/html", href=absolute(site_url, case.url)
        )
        ET.SubElement(entry, "published").text = _timestamp(case.published)
        ET.SubElement(entry, "updated").text = _timestamp(case_updated(case))
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = case.municipality.official_name
        for theme in case.themes:
            ET.SubElement(
                entry,
                "category",
                term=theme.id,
                label=theme.label,
                scheme=absolute(site_url, routes.THEMES),
            )
        ET.SubElement(entry, "summary", type="text").text = case.summary
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# -- everything at once ------------------------------------------------------------------------


def files(
    site: Site,
    *,
    site_url: str,
    title: str,
    description: str,
    licence: Licence,
    bodies: Callable[[], Mapping[str, str]],
) -> dict[str, str | bytes | Callable[[], str]]:
    """Every export by its path in the site. `bodies()` gives each case's body as plain text
    by slug once the pages are rendered, so `cases.json` comes as a function to call then."""
    return {
        routes.CASES_JSON: lambda: cases_json(site, site_url, licence, title, bodies()),
        routes.CASES_CSV: cases_csv(site, site_url),
        SCHEMA_PATH: json.dumps(published_schema(site, site_url), ensure_ascii=False, indent=2)
        + "\n",
        routes.FEED: atom_feed(site, site_url, title, description),
    }
