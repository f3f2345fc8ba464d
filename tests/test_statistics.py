"""The statistics page (/stats/): each chart's numbers, its table and the key figures equal what
the case files say."""

from __future__ import annotations

from collections import Counter

import pytest
from htmltree import parse

from generator.content.project import Project
from generator.content.validate import load_tree
from generator.site.statistics import bar_chart


@pytest.fixture(scope="session")
def metas(built):
    return [d.meta for d in load_tree(Project(built)).of_type("cases")]


@pytest.fixture(scope="session")
def stats_page(built):
    return parse((built / "site" / "stats" / "index.html").read_text(encoding="utf-8"))


def chart(html, section_id: str):
    section = html.find("section", **{"aria-labelledby": section_id})
    svg = section.find("svg", cls="sc-chart__svg")
    table = section.find("table", cls="sc-chart-table")
    rows = {
        tr.find("th").text: int(tr.find("td").text) for tr in table.find("tbody").find_all("tr")
    }
    bars = list(
        zip(
            (t.text for t in svg.find_all("text", cls="sc-chart__label")),
            (int(t.text) for t in svg.find_all("text", cls="sc-chart__value")),
            (float(r.attrs["width"]) for r in svg.find_all("rect", cls="sc-chart__bar")),
        )
    )
    return svg, rows, bars


def _assert_chart_shows(html, section_id, expected: dict[str, int]):
    svg, rows, bars = chart(html, section_id)
    assert rows == expected
    assert [(label, value) for label, value, _ in bars] == list(expected.items())
    assert svg.attrs["role"] == "img"
    title = svg.find("title")
    desc = svg.find("desc")
    assert svg.attrs["aria-labelledby"] == title.attrs["id"]
    assert svg.attrs["aria-describedby"] == desc.attrs["id"]
    for label, value in expected.items():
        assert f"{label}: {value}" in desc.text
    widths = {value: width for _, value, width in bars}
    for a, width_a in widths.items():  # longer bars for bigger numbers, no bar for none
        for b, width_b in widths.items():
            if a > b:
                assert width_a > width_b
    if 0 in widths:
        assert widths[0] == 0


def test_cases_by_theme(built, stats_page, metas):
    project = Project(built)
    counts = Counter(t for m in metas for t in m["themes"])
    _assert_chart_shows(
        stats_page,
        "sc-stats-theme",
        {t.label: counts[t.id] for t in project.taxonomy.themes.values()},
    )


def test_cases_by_status(stats_page, metas):
    labels = {
        "idea": "Idé",
        "pilot": "Pilot",
        "operation": "I drift",
        "scaled": "Udbredt",
        "ended": "Afsluttet",
    }
    counts = Counter(m["status"] for m in metas)
    _assert_chart_shows(stats_page, "sc-stats-status", {labels[s]: counts[s] for s in labels})


def test_cases_by_region_of_the_lead_municipality(built, stats_page, metas):
    municipalities = Project(built).taxonomy.municipalities
    counts = Counter(municipalities[m["municipality"]].region.short_name for m in metas)
    regions = ["Nordjylland", "Midtjylland", "Syddanmark", "Hovedstaden", "Sjælland"]
    _assert_chart_shows(stats_page, "sc-stats-region", {r: counts[r] for r in regions})


def test_cases_by_start_year_with_empty_years_shown(stats_page, metas):
    counts = Counter(m["started"] for m in metas)
    years = range(min(counts), max(counts) + 1)
    _assert_chart_shows(stats_page, "sc-stats-year", {str(y): counts[y] for y in years})


def test_key_figures(built, stats_page, metas):
    names = set(Project(built).taxonomy.municipalities)
    involved = {m["municipality"] for m in metas} | {
        p for m in metas for p in m.get("partners", []) if p in names
    }
    figures = stats_page.find("ul", cls="sc-keyfigures").text
    assert f"{len(metas)} cases" in figures
    share = round(100 * len(involved) / 98)
    assert f"{len(involved)} af 98 kommuner ({share} %) er med i mindst én case" in figures
    assert f"{len({m['municipality'] for m in metas})} kommuner leder en case" in figures


def test_replications_list_every_based_on_link(built, stats_page, metas):
    tree = load_tree(Project(built))
    slugs = {d.meta["title"]: d.slug for d in tree.of_type("cases")}
    expected = {
        (d.slug, original) for d in tree.of_type("cases") for original in d.meta.get("based_on", [])
    }
    assert expected, "the bundled content has at least one reuse"
    section = stats_page.find("section", **{"aria-labelledby": "sc-stats-reuse"})
    rows = section.find("table").find("tbody").find_all("tr")
    shown = set()
    for row in rows:
        links = row.find_all("a")
        shown.add((slugs[links[0].text], slugs[links[1].text]))
        assert links[0].attrs["href"] == f"../cases/{slugs[links[0].text]}/"
    assert shown == expected
    reusing = len({case for case, _ in expected})
    assert (
        f"{reusing} {'case' if reusing == 1 else 'cases'} bygger på en anden case"
        in stats_page.find("ul", cls="sc-keyfigures").text
    )


def test_bar_chart_geometry():
    chart = bar_chart("x", "Cases pr. år", [("2020", 0), ("2021", 4), ("2022", 2)])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 0 and widths[1] > widths[2] > 0
    assert max(bar.value_x for bar in chart.bars) < chart.width
    assert chart.height > chart.bars[-1].bar_y + chart.bar_height
    assert "2021: 4" in chart.description
    empty = bar_chart("y", "Tom", [])
    assert empty.bars == [] and empty.height > 0
