"""Open data and feeds: cases.json, cases.csv, case.schema.json, feed.xml and the sitemap, as a
program that downloads them reads them."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import markdown
import pytest
from htmltree import parse
from jsonschema import Draft202012Validator
from tests_support import build

from generator.content.project import Project
from generator.content.validate import load_tree
from generator.site.bodytext import plain_text
from generator.site.exports import ADDED_KEYS

SITE_URL = "https://example.org/"


@pytest.fixture(scope="session")
def front_matter(built):
    """Each case's front matter as read from its file, by slug."""
    return {d.slug: d.meta for d in load_tree(Project(built)).of_type("cases")}


@pytest.fixture(scope="session")
def cases_json(built):
    return json.loads((built / "site" / "data" / "cases.json").read_text(encoding="utf-8"))


def test_cases_json_round_trips_every_case(cases_json, front_matter):
    entries = cases_json["cases"]
    assert cases_json["count"] == len(entries) == len(front_matter)
    assert {e["slug"] for e in entries} == set(front_matter)
    dates = [e["published"] for e in entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    for entry in entries:
        slug = entry["slug"]
        assert entry["url"] == f"{SITE_URL}cases/{slug}/"
        meta = {k: v for k, v in entry.items() if k not in ADDED_KEYS}
        assert meta == front_matter[slug]
        assert list(meta) == list(front_matter[slug]), "keys keep the file's order"


def test_cases_json_validates_against_the_published_schema(built, cases_json):
    schema = json.loads((built / "site" / "data" / "case.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for entry in cases_json["cases"]:
        errors = list(
            validator.iter_errors({k: v for k, v in entry.items() if k not in ADDED_KEYS})
        )
        assert errors == [], entry["slug"]
        assert list(validator.iter_errors(entry)), "the added keys are not in the schema"


def test_published_schema_is_self_contained_and_equals_the_resolved_one(built):
    text = (built / "site" / "data" / "case.schema.json").read_text(encoding="utf-8")
    assert "$ref" not in text
    published = json.loads(text)
    assert list(published)[:2] == ["$schema", "$id"]
    assert published.pop("$id") == f"{SITE_URL}data/case.schema.json", "its published address"
    resolved = Project(built).schemas.resolved("urn:smartcity:schema:case")
    assert resolved.pop("$id") == "urn:smartcity:schema:case"
    assert published == resolved


def test_json_and_csv_carry_codes_and_reuse_facts(built, cases_json):
    by_slug = {e["slug"]: e for e in cases_json["cases"]}
    kbh = by_slug["koebenhavn-intelligente-trafiksignaler"]
    keys = list(kbh)
    assert keys[keys.index("municipality") + 1 : keys.index("municipality") + 4] == [
        "municipality_code",
        "region",
        "region_code",
    ]
    assert (kbh["municipality_code"], kbh["region"], kbh["region_code"]) == (
        "0101",
        "Region Hovedstaden",
        "1084",
    )
    assert by_slug["aarhus-city-lab"]["municipality_code"] == "0751"
    text = (built / "site" / "data" / "cases.csv").read_bytes().decode("utf-8-sig")
    records = {r["slug"]: r for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}
    assert records["aarhus-city-lab"]["municipality_code"] == "0751"
    assert records["aarhus-city-lab"]["region_code"] == "1082"
    assert records["aarhus-city-lab"]["reuse_supplier"] == ""


def test_json_and_csv_carry_the_reuse_facts(tiny, base_case):
    reuse = (
        "based_on: [sensorer]\nreuse:\n  procurement: framework\n  supplier: 'Sensor & Co A/S'\n"
        "  running_cost_dkk: 45000\n  staff_effort: To dage om måneden 🚦\n  dpia: true\n"
        "  licence: EUPL-1.2\npublished:"
    )
    tiny.write(
        {
            "content/cases/sensorer.md": base_case,
            "content/cases/genbrug.md": base_case.replace("published:", reuse, 1).replace(
                "title: Sensorer måler trafikken i midtbyen", "title: Vejle genbruger sensorerne"
            ),
        }
    )
    site = build(tiny)
    entries = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    entry = next(e for e in entries if e["slug"] == "genbrug")
    assert entry["based_on"] == ["sensorer"]
    assert entry["reuse"] == {
        "procurement": "framework",
        "supplier": "Sensor & Co A/S",
        "running_cost_dkk": 45000,
        "staff_effort": "To dage om måneden 🚦",
        "dpia": True,
        "licence": "EUPL-1.2",
    }
    text = (site / "data" / "cases.csv").read_bytes().decode("utf-8-sig")
    record = next(
        r
        for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
        if r["slug"] == "genbrug"
    )
    assert {k: v for k, v in record.items() if k.startswith("reuse_") or k == "based_on"} == {
        "based_on": "sensorer",
        "reuse_procurement": "framework",
        "reuse_supplier": "Sensor & Co A/S",
        "reuse_running_cost_dkk": "45000",
        "reuse_staff_effort": "To dage om måneden 🚦",
        "reuse_dpia": "ja",
        "reuse_licence": "EUPL-1.2",
    }


def test_feed_ids_do_not_change_with_site_url_and_authors_are_official_names(tiny, base_case):
    tiny.write(
        {
            "content/cases/sensorer.md": base_case,
            "content/cases/kbh.md": base_case.replace(
                "municipality: Aarhus", "municipality: København"
            ).replace("trafik@aarhus.dk", "trafik@kk.dk"),
        }
    )
    first = feedparser.parse((build(tiny) / "feed.xml").read_bytes())
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    tiny.write({"mkdocs.yml": config.replace("https://example.org/", "https://smartcity.kl.dk/")})
    second = feedparser.parse((build(tiny) / "feed.xml").read_bytes())
    assert [e.link for e in second.entries] != [e.link for e in first.entries]
    assert [e.id for e in second.entries] == [e.id for e in first.entries]
    assert second.feed.id == first.feed.id == "tag:kl.dk,2025:smartcity/feed/cases"
    assert sorted(e.author for e in second.entries) == ["Aarhus Kommune", "Københavns Kommune"]
    assert all(e.id.startswith("tag:kl.dk,2025:smartcity/case/") for e in second.entries)


def test_body_is_plain_text(cases_json, front_matter):
    for entry in cases_json["cases"]:
        body = entry["body"]
        assert "##" not in body and "**" not in body and "<" not in body, entry["slug"]
        for section in ("Udfordring", "Løsning", "Resultater", "Erfaringer"):
            assert f"\n\n{section}\n\n" in f"\n\n{body}", (entry["slug"], section)
    html = markdown.markdown(
        "## Løsning\n\nEn **fed** [sti](https://x.dk) &amp; <b>mere</b>\n\n"
        "- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        extensions=["tables"],
    )
    assert plain_text(html) == "Løsning\n\nEn fed sti & mere\n\n- a\n- b\n\na b\n\n1 2"


def test_cases_csv_opens_in_danish_excel(built, front_matter):
    raw = (built / "site" / "data" / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == len(front_matter)
    assert all(len(row) == len(header) for row in body)
    records = [dict(zip(header, row)) for row in body]
    assert {r["slug"] for r in records} == set(front_matter)
    for record in records:
        meta = front_matter[record["slug"]]
        assert record["title"] == meta["title"]
        assert record["themes"] == ", ".join(meta["themes"])
        assert record["tags"] == ", ".join(meta.get("tags", []))
        assert record["published"] == meta["published"]
        assert record["url"] == f"{SITE_URL}cases/{record['slug']}/"
        assert "\n" not in record["summary"]


def test_csv_cells_never_start_a_formula(tiny, base_case):
    tiny.write(
        {
            "content/cases/sensorer.md": base_case.replace(
                "  email: trafik@aarhus.dk", '  email: trafik@aarhus.dk\n  phone: "+45 12 34 56 78"'
            ).replace(
                "themes: [trafik, data]", "themes: [trafik, data]\npartners: ['=1+1', '@kommune']"
            )
        }
    )
    site = build(tiny)
    text = (site / "data" / "cases.csv").read_bytes().decode("utf-8-sig")
    record = next(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert record["contact_phone"] == "'+45 12 34 56 78"
    assert record["partners"] == "'=1+1, @kommune"
    entry = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))["cases"][0]
    assert entry["contact"]["phone"] == "+45 12 34 56 78", "the JSON keeps the value as written"


def test_feed_is_valid_atom_with_the_newest_cases_first(built, front_matter):
    raw = (built / "site" / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = feed.entries
    assert len(entries) == min(20, len(front_matter))
    newest = sorted(front_matter, key=lambda s: front_matter[s]["published"], reverse=True)
    published = [e.published[:10] for e in entries]
    assert published == sorted(published, reverse=True)
    assert published == [front_matter[s]["published"] for s in newest[: len(entries)]]
    for entry in entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        meta = front_matter[slug]
        assert entry.link == f"{SITE_URL}cases/{slug}/"
        assert entry.id == f"tag:kl.dk,2025:smartcity/case/{slug}"
        assert entry.title == meta["title"]
        assert entry.updated[:10] == meta.get("reviewed", meta["published"])
        official = "Københavns Kommune" if meta["municipality"] == "København" else None
        assert entry.author == (official or f"{meta['municipality']} Kommune")
        assert [t.term for t in entry.tags] == meta["themes"]
    assert feed.feed.updated[:10] == max(e.updated[:10] for e in entries)
    assert any(
        link.rel == "self" and link.href == f"{SITE_URL}feed.xml" for link in feed.feed.links
    )


def test_feed_is_reproducible(tiny, base_case, monkeypatch):
    tiny.write({"content/cases/sensorer.md": base_case})
    first = (build(tiny) / "feed.xml").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert (build(tiny) / "feed.xml").read_bytes() == first


def test_sitemap_lists_every_page_including_the_generated_ones(built):
    site = built / "site"
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(SITE_URL) for loc in locs)
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    pages = {"" if p == "." else p + "/" for p in pages}
    assert {loc.removeprefix(SITE_URL) for loc in locs} == pages
    for url in ["map/", "map/trafik/", "stats/", "data/", "municipalities/koebenhavn/"]:
        assert SITE_URL + url in locs


def test_data_page_describes_files_fields_and_licence(built):
    html = parse((built / "site" / "data" / "index.html").read_text(encoding="utf-8"))
    hrefs = {a.attrs["href"] for a in html.find_all("a")}
    assert {"cases.json", "cases.csv", "case.schema.json", "../feed.xml", "../sitemap.xml"} <= hrefs
    for href in ["cases.json", "cases.csv", "case.schema.json"]:
        assert (built / "site" / "data" / href).is_file()
    licence = html.find("h2", id="sc-data-licence").parent.find(
        "a", href="https://creativecommons.org/licenses/by/4.0/deed.da"
    )
    assert licence.text == "CC BY 4.0"
    keys = [row.find("code").text for row in html.find("table", cls="sc-fields").find_all("tr")[1:]]
    schema = Project(built).schemas.documents["urn:smartcity:schema:case"]
    assert keys == [*schema["properties"], *ADDED_KEYS]


def test_licence_is_configurable(tiny, base_case):
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("name: CC BY 4.0", "name: CC0 1.0").replace(
        "url: https://creativecommons.org/licenses/by/4.0/deed.da",
        "url: https://creativecommons.org/publicdomain/zero/1.0/deed.da",
    )
    tiny.write({"mkdocs.yml": config, "content/cases/sensorer.md": base_case})
    site = build(tiny)
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert data["license"] == {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.da",
    }
    html = parse((site / "data" / "index.html").read_text(encoding="utf-8"))
    link = html.find("a", href="https://creativecommons.org/publicdomain/zero/1.0/deed.da")
    assert link.text == "CC0 1.0"


def test_every_page_announces_the_feed(built):
    for page in [
        "index.html",
        "cases/index.html",
        "map/index.html",
        "guides/kom-godt-i-gang/index.html",
    ]:
        html = parse((built / "site" / page).read_text(encoding="utf-8"))
        feed = html.find("link", type="application/atom+xml", title="Nyeste cases")
        assert "alternate" in feed.attrs["rel"].split(), page  # rel as the words a reader splits
