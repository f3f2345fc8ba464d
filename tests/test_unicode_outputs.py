"""Every output is well-formed for every accepted value, and the search indexes load.

Hypothesis generates accepted plain-text values (astral characters, fullwidth forms, PDF
ligatures, combining marks, right-to-left text, emoji, `<`, `>` and `&`), one project is built
from a batch of them, and every output is read back with a real parser: feed.xml and the
sitemap with an XML parser, the calendars with `icalendar`, the JSON files with `json`, the CSV
with `csv`, and the search indexes with lunr.js in Chromium. A build is expensive, so a few
batches of several cases each, not one build per value.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import icalendar
import pytest
from browser import Watch, serve
from conftest import FIXTURES, TinyProject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.plaintext import first_refused
from generator.content.validate import validate
from generator.site.search.index import js_order

SPECIAL = [
    "𝔸",  # mathematical letters (NFKC: A)
    "𐌰",  # Gothic, outside the BMP, unchanged by NFKC
    "﨎",  # a CJK compatibility ideograph that NFKC keeps: above U+D800 in code points only
    "ＡＢＣ",  # fullwidth
    "ﬁ",  # ligature from a PDF
    "ﬂ",
    "e\u0301",  # combining mark
    "مدينة",  # right to left
    "עיר",
    "🚦",
    "👩🏽\u200d🚒",  # emoji with a skin tone and a joiner
    "<",
    ">",
    "&",
    '"',
    "'",
    "Aarhus Kommune",
]
WORD = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(
        st.characters(
            categories=("L", "M", "N", "P", "S", "Zs"),
            exclude_characters="\u2028\u2029\x85",
        ),
        min_size=1,
        max_size=8,
    ),
)


def _line(min_size: int, max_size: int):
    return (
        st.lists(WORD, min_size=1, max_size=12)
        .map(" ".join)
        .map(lambda text: " ".join(text.split()))  # no leading, trailing or double spaces
        .filter(lambda text: min_size <= len(text) <= max_size)
        .filter(lambda text: first_refused(text, one_line=True) is None)
    )


CASE = st.fixed_dictionaries(
    {
        "title": _line(5, 100),
        "summary": _line(40, 300),
        "unit": _line(1, 60),
        "note": _line(1, 300),
        "body": _line(1, 400),
    }
)


def _case(number: int, values: dict) -> str:
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731 - JSON is YAML
    body = values["body"].replace("\\", "\\\\")
    for char in "*_[]()`<>!#|~":
        body = body.replace(char, "\\" + char)  # the body as text, not as Markdown
    title = f"{number} 𐌰ntenne ﬁber <5 & >2 " + values["title"]
    return (
        "---\n"
        f"title: {dump(title)}\n"
        "municipality: Aarhus\n"
        "themes: [trafik]\n"
        "status: pilot\n"
        "started: 2022\n"
        f"summary: {dump(values['summary'])}\n"
        "contact:\n"
        "  email: trafik@aarhus.dk\n"
        "results:\n"
        "  - indicator: Ventetid i kryds\n"
        "    value: 12\n"
        f"    unit: {dump(values['unit'])}\n"
        "    year: 2024\n"
        f"    note: {dump(values['note'])}\n"
        "published: 2025-01-15\n"
        "---\n"
        "## Udfordring\n\nTekst om 﨎 og 𐌰 og ＡＢＣ.\n\n"
        f"## Løsning\n\n{body}\n\n## Resultater\n\nMålt.\n\n## Erfaringer\n\nStart småt.\n"
    )


def _event(values: dict) -> str:
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    text = (FIXTURES / "valid" / "events" / "event-minimal.md").read_text(encoding="utf-8")
    return text.replace(
        "title: Workshop om smart belysning", f"title: {dump(values['title'])}"
    ).replace(
        "summary: En dag om at kopiere en anden kommunes udbud af dæmpbar LED-belysning, med "
        "besøg i byen.",
        f"summary: {dump(values['summary'])}",
    )


def _parse_outputs(site) -> dict:
    """Every output read with a real parser; returns what the checks below compare."""
    feed = ET.parse(site / "feed.xml").getroot()
    ET.parse(site / "sitemap.xml")
    for ics in sorted((site / "events").glob("*.ics")):
        icalendar.Calendar.from_ical(ics.read_bytes())
    for path in sorted(site.rglob("*.json")):
        if "assets" not in path.parts:
            json.loads(path.read_text(encoding="utf-8"))
    text = (site / "data" / "cases.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    titles = [el.text for el in feed.iter() if el.tag.endswith("title")]
    return {"feed_titles": titles, "csv_rows": rows}


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(CASE, min_size=4, max_size=4))
def test_accepted_values_give_well_formed_outputs_and_loadable_indexes(
    batch, tmp_path_factory, browser
):
    from tests_support import build

    tiny = TinyProject(tmp_path_factory.mktemp("unicode") / "project")
    files = {f"content/cases/case-{n}.md": _case(n, values) for n, values in enumerate(batch)}
    files["content/events/workshop.md"] = _event(batch[0])
    tiny.write(files)
    result = validate(tiny.project)
    assert result.ok, [str(d) for d in result.errors]
    site = build(tiny)
    outputs = _parse_outputs(site)
    for number, values in enumerate(batch):
        title = f"{number} 𐌰ntenne ﬁber <5 & >2 {values['title']}"
        assert title in outputs["feed_titles"]
        row = next(r for r in outputs["csv_rows"] if r.get("title", "").startswith(f"{number} "))
        assert row["title"] == title
    shards = sorted((site / "search" / "terms").glob("*.json"), key=lambda p: int(p.stem))
    terms = [entry[0] for path in shards for entry in json.loads(path.read_text())]
    assert terms == sorted(terms, key=js_order)
    with serve(site) as base:
        page = browser.new_page()
        watch = Watch(page, base)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/cases/")
        page.focus("#sc-q")
        page.wait_for_selector("[data-sc-ready=full]", timeout=20_000)
        for query in ("fiber", "FIBER", "𐌰ntenne", "ＡＢＣ 﨎"):
            # NFKC on both sides: `ﬁber` was indexed as `fiber`, `ＡＢＣ` as `abc`; the
            # astral and compatibility letters are terms of their own, in lunr.js' order.
            page.fill("#sc-q", "")
            page.fill("#sc-q", query)
            page.wait_for_function(
                "(n) => document.getElementById('sc-finder-count').textContent"
                ".startsWith('Viser alle ' + n + ' cases')",
                arg=len(batch),
            )
        shown = page.eval_on_selector_all(
            ".sc-finder__list .sc-card__title a", "links => links.map(a => a.textContent)"
        )
        for number, values in enumerate(batch):  # as typed, `<5 & >2` included
            assert f"{number} 𐌰ntenne ﬁber <5 & >2 {values['title']}" in shown
        page.close()
    assert errors == []
    assert watch.foreign == []


def test_index_terms_are_in_javascript_string_order():
    from generator.site.search.index import SearchDoc
    from generator.site.search.shards import index_files, shard_path

    docs = [SearchDoc("a/", "﨎 and 𐌰 and ＡＢＣ and ﬁber", "Resumé med ＡＢＣ", body="﨎 𐌰")]
    files = index_files(docs)
    every = [entry[0] for entry in json.loads(files[shard_path(0)])]
    assert every.index("𐌰") < every.index("﨎")  # UTF-16: D800 < FA0E
    assert "abc" in every  # NFKC before the analysis: fullwidth ＡＢＣ
    assert not any("ﬁ" in t for t in every)  # and the ligature read as f, i


@pytest.fixture(scope="module")
def broken_index_site(tmp_path_factory, base_case):
    from tests_support import build

    tiny = TinyProject(tmp_path_factory.mktemp("broken") / "project")
    tiny.write({"content/cases/ok.md": base_case})
    site = build(tiny)
    (site / "search" / "manifest.json").write_text('{"version": "1", "shards": [')
    return site


def test_the_finder_works_from_its_data_when_an_index_does_not_load(broken_index_site, browser):
    with serve(broken_index_site) as base:
        page = browser.new_page()
        page.goto(f"{base}/cases/")
        page.wait_for_selector("[data-sc-ready=facets]")
        page.fill("#sc-q", "sensorer")
        page.wait_for_function(
            "document.getElementById('sc-finder-count').textContent.includes('Søgeindekset')"
        )
        count = page.text_content("#sc-finder-count")
        assert "Søgeindekset kunne ikke indlæses, så der søges kun i titler" in count
        assert page.locator(".sc-finder__list li").count() == 1
        page.fill("#sc-q", "ingen-sådan-case")
        page.wait_for_function("document.querySelectorAll('.sc-finder__list li').length === 0")
        page.close()
