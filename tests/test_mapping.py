"""The map (/map/): every municipality a shape and a link, coloured by its count, with a table of
the same numbers; and the geometry behind it, simplified without breaking shared borders."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from htmltree import parse

from generator.content.project import Project
from generator.content.taxonomy import danish_slug
from generator.content.validate import load_tree
from generator.site import mapgeometry, mapviews

REPO = Path(__file__).resolve().parent.parent
PAGE_LIMIT = 400 * 1024


# -- helpers -----------------------------------------------------------------------------------


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """The rings of path data written as `M x y l dx dy ... z`."""
    rings = []
    for sub in re.findall(r"M([^Mz]*)z", d):
        start, _, rest = sub.partition("l")
        x, y = (float(n) for n in start.split())
        ring = [(x, y)]
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", rest)]
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def bbox(d: str) -> tuple[float, float, float, float]:
    points = [p for ring in rings_of(d) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def inside_evenodd(point, d: str) -> bool:
    """Whether `point` is filled under `fill-rule="evenodd"`."""
    x, y = point
    crossings = 0
    for ring in rings_of(d):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def area(d: str) -> float:
    return sum(abs(mapgeometry.ring_area(ring)) for ring in rings_of(d))


@pytest.fixture(scope="session")
def content_counts(built):
    """Cases per municipality (lead or partner) and per theme, counted from the files alone."""
    project = Project(built)
    names = set(project.taxonomy.municipalities)
    total: Counter = Counter()
    by_theme: dict[str, Counter] = {t: Counter() for t in project.taxonomy.themes}
    for doc in load_tree(project).of_type("cases"):
        meta = doc.meta
        involved = {meta["municipality"]} | {p for p in meta.get("partners", []) if p in names}
        for name in involved:
            total[name] += 1
            for theme in meta["themes"]:
                by_theme[theme][name] += 1
    return total, by_theme


def map_page(built, url="map"):
    text = (built / "site" / url / "index.html").read_text(encoding="utf-8")
    return text, parse(text)


def areas(html) -> list:
    """The focusable municipality links, one per municipality."""
    figure = html.find("figure", cls="sc-map")
    return figure.find_all("a", cls="sc-area")


# -- the built map -----------------------------------------------------------------------------


def test_98_shapes_each_linking_to_the_right_page(built, content_counts):
    _, html = map_page(built)
    project = Project(built)
    total, _ = content_counts
    links = areas(html)
    codes = [int(a.attrs["data-code"]) for a in links]
    assert len(links) == 98
    assert sorted(codes) == sorted(m.code for m in project.taxonomy.municipalities.values())
    rows = {tr.attrs.get("id") for tr in html.find_all("tr")}
    by_code = {m.code: m for m in project.taxonomy.municipalities.values()}
    for link in links:
        municipality = by_code[int(link.attrs["data-code"])]
        assert link.find("path").attrs["d"].startswith("M")
        assert "tabindex" not in link.attrs and "aria-hidden" not in link.attrs
        count = total[municipality.name]
        name = link.find("title").text
        # Every municipality links to its own page, those without a case too.
        assert link.attrs["href"] == f"../municipalities/{municipality.slug}/"
        assert (built / "site" / "municipalities" / municipality.slug / "index.html").is_file()
        assert f"kommune-{municipality.slug}" in rows
        if count:
            assert name == f"{municipality.name}: {count} {'case' if count == 1 else 'cases'}"
        else:
            assert name == f"{municipality.name}: ingen cases endnu"


def test_copies_of_shapes_are_for_the_mouse_only(built):
    _, html = map_page(built)
    figure = html.find("figure", cls="sc-map")
    copies = [a for a in figure.find_all("a") if "sc-area" not in a.attrs.get("class", "").split()]
    assert copies, (
        "the Copenhagen area is drawn on the national map too, and cut neighbours in the inset"
    )
    for a in copies:
        hidden = a.attrs.get("aria-hidden") == "true" or a.parent.attrs.get("aria-hidden") == "true"
        assert a.attrs.get("tabindex") == "-1" and hidden


def _legend(html) -> dict[int, tuple[int, int]]:
    """Colour step -> (low, high) from the legend's words."""
    legend = {}
    for li in html.find("ul", cls="sc-legend").find_all("li"):
        step = int(re.search(r"sc-c(\d)", li.find("span").attrs["class"]).group(1))
        words = li.text
        if words == "Ingen cases endnu":
            legend[step] = (0, 0)
        else:
            numbers = [int(n) for n in re.findall(r"\d+", words)]
            legend[step] = (numbers[0], numbers[-1])
    return legend


@pytest.mark.parametrize("theme", [None, "klima", "trafik", "velfaerd"])
def test_colours_follow_the_counts(built, content_counts, theme):
    total, by_theme = content_counts
    counts = total if theme is None else by_theme[theme]
    _, html = map_page(built, "map" if theme is None else f"map/{theme}")
    legend = _legend(html)
    assert legend[0] == (0, 0)
    seen = []
    for link in areas(html):
        name = link.find("title").text.split(":")[0]
        step = int(re.search(r"\bsc-c(\d)\b", link.attrs["class"]).group(1))
        low, high = legend[step]
        assert low <= counts[name] <= high, (name, counts[name], step)
        assert int(link.attrs["data-count"]) == counts[name]
        seen.append((counts[name], step))
    for count_a, step_a in seen:  # more cases never get a lighter colour
        for count_b, step_b in seen:
            if count_a > count_b:
                assert step_a > step_b
    # One scale for every map: it reaches the highest count of the all-themes map.
    assert max(high for _, high in legend.values()) == max(total.values())


def test_the_table_has_every_municipality_and_the_counts_from_the_content(built, content_counts):
    total, by_theme = content_counts
    project = Project(built)
    themes = list(project.taxonomy.themes.values())
    _, html = map_page(built)
    table = html.find("table", cls="sc-map-table")
    header = [th.text for th in table.find("thead").find_all("th")]
    assert header == ["Kommune", "Region", "I alt", *(t.label for t in themes)]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 98
    seen = set()
    for row in rows:
        name = row.find("th").text
        municipality = project.taxonomy.municipalities[name]
        seen.add(name)
        cells = [td.text for td in row.find_all("td")]
        assert cells[0] == municipality.region.short_name
        assert int(cells[1]) == total[name]
        assert [int(c) for c in cells[2:]] == [by_theme[t.id][name] for t in themes], name
        assert row.attrs["id"] == f"kommune-{danish_slug(name)}"
    assert seen == set(project.taxonomy.municipalities)
    names = [row.find("th").text for row in rows]
    assert names[0] == "Aabenraa" and names[-1] == "Ærø"  # Danish order: Æ, Ø, Å after Z
    assert names.index("Aarhus") < names.index("Vejle") < names.index("Ærø")


def test_theme_selector_links_every_theme_map_and_marks_the_current_one(built):
    project = Project(built)
    for theme in [None, *project.taxonomy.themes.values()]:
        _, html = map_page(built, "map" if theme is None else f"map/{theme.id}")
        nav = html.find("nav", cls="sc-map-themes")
        labels = [a.text for a in nav.find_all("a")]
        assert labels == ["Alle temaer", *(t.label for t in project.taxonomy.themes.values())]
        current = [a.text for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
        assert current == ["Alle temaer" if theme is None else theme.label]
        assert len(areas(html)) == 98


def test_map_pages_stay_small_and_load_nothing_from_elsewhere(built):
    pages = [
        built / "site" / "map" / "index.html",
        *sorted((built / "site" / "map").glob("*/index.html")),
    ]
    assert len(pages) == 9
    for page in pages:
        text = page.read_bytes()
        assert len(text) < PAGE_LIMIT, (page, len(text))
        html = text.decode("utf-8")
        for attr, url in re.findall(r'\s(src|href)="(https?://[^"]*)"', html):
            assert attr == "href", url  # nothing is loaded from another host; links are fine


def test_bornholm_and_the_small_islands_are_visible(built):
    _, html = map_page(built)
    project = Project(built)
    by_name = {a.find("title").text.split(":")[0]: a.find("path").attrs["d"] for a in areas(html)}
    box = html.find("rect", cls="sc-map__box")
    x, y, w, h = (float(box.attrs[k]) for k in ("x", "y", "width", "height"))
    left, top, right, bottom = bbox(by_name["Bornholm"])
    assert x <= left and right <= x + w and y <= top and bottom <= y + h, "Bornholm is in its box"
    svg = html.find("figure", cls="sc-map").find("svg")
    width = float(svg.attrs["viewbox"].split()[2])
    for island in ["Læsø", "Samsø", "Fanø", "Ærø", "Bornholm"]:
        assert area(by_name[island]) >= 60, island  # square pixels of a ~600-wide map
        assert bbox(by_name[island])[2] <= width
    assert len(by_name) == len(project.taxonomy.municipalities)


def test_frederiksberg_is_a_hole_in_koebenhavn(built):
    _, html = map_page(built)
    inset = html.find("figure", cls="sc-map").find_all("svg")[1]
    by_name = {
        a.find("title").text.split(":")[0]: a.find("path").attrs["d"]
        for a in inset.find_all("a", cls="sc-area")
    }
    assert {"København", "Frederiksberg", "Dragør", "Tårnby", "Gentofte"} <= set(by_name)
    left, top, right, bottom = bbox(by_name["Frederiksberg"])
    middle = ((left + right) / 2, (top + bottom) / 2)
    assert inside_evenodd(middle, by_name["Frederiksberg"])
    assert not inside_evenodd(middle, by_name["København"])
    for name, d in by_name.items():  # big enough to see and to hit with a finger
        assert area(d) >= 150, name


def test_attribution_from_the_data_readme_is_shown(built):
    _, html = map_page(built)
    credit = html.find("p", cls="sc-attribution")
    assert credit.text.startswith("Kommunegrænser: Indeholder data fra Klimadatastyrelsen")
    assert "CC BY 4.0" in credit.text and "forenklet" in credit.text
    assert credit.find("a").attrs["href"] == "https://creativecommons.org/licenses/by/4.0/"


def test_map_is_in_the_navigation(built):
    html = parse((built / "site" / "index.html").read_text(encoding="utf-8"))
    nav = html.find("nav", cls="md-nav--primary")
    hrefs = [a.attrs["href"] for a in nav.find_all("a")]
    assert {"map/", "stats/", "data/"} <= set(hrefs)
    assert "map/trafik/" not in hrefs


# -- geometry ----------------------------------------------------------------------------------


def test_douglas_peucker_drops_points_within_tolerance_and_keeps_the_ends():
    line = [(0, 0), (1, 0), (2, 1), (3, 0), (4, 0), (5, 0), (6, 8), (7, 0)]
    assert mapgeometry.douglas_peucker(line, 1.5) == [(0, 0), (5, 0), (6, 8), (7, 0)]
    assert mapgeometry.douglas_peucker(line, 0.1) == [
        (0, 0),
        (1, 0),
        (2, 1),
        (3, 0),
        (5, 0),
        (6, 8),
        (7, 0),
    ]
    assert mapgeometry.douglas_peucker([(0, 0), (9, 9)], 5) == [(0, 0), (9, 9)]


def test_shared_borders_are_simplified_once_for_both_neighbours():
    border = [(10, 0), (10, 1), (11, 2), (10, 3), (10, 4), (9, 5), (10, 6), (10, 10)]
    west = [(0, 0), *border, (0, 10)]
    east = [(20, 0), (20, 10), *reversed(border)]  # the other way round, as its neighbour runs
    out = mapgeometry.simplify_shared({1: [west], 2: [east]}, tolerance=1.5)
    west_border = [p for p in out[1][0] if p[0] >= 9 and p not in {(0, 0), (0, 10)}]
    east_border = [p for p in out[2][0] if p[0] <= 11 and p not in {(20, 0), (20, 10)}]
    assert set(west_border) == set(east_border)
    assert len(west_border) < len(border)


def test_the_real_boundaries_keep_neighbours_touching():
    geometry = mapgeometry.geometry(REPO / "schema" / "municipalities.geojson")
    vertices = {
        code: {p for ring in rings_of(shape.d) for p in ring}
        for code, shape in geometry.shapes.items()
    }
    assert len(vertices[751] & vertices[727]) >= 2, "Aarhus and Odder still share their border"
    assert len(vertices[147] & vertices[101]) >= 3, "Frederiksberg's border is København's hole"
    assert len(geometry.shapes) == 98
    total = sum(len(s.d) for s in geometry.shapes.values())
    assert total < 120_000


def test_clip_ring_cuts_to_the_rectangle():
    square = [(-5, -5), (5, -5), (5, 5), (-5, 5)]
    clipped = mapgeometry.clip_ring(square, (0, 0, 10, 10))
    assert sorted(clipped) == [(0, 0), (0, 5), (5, 0), (5, 5)]
    assert mapgeometry.clip_ring([(20, 20), (30, 20), (30, 30)], (0, 0, 10, 10)) == []


@pytest.mark.parametrize("maximum", [0, 1, 2, 3, 5, 6, 9, 17, 60, 1000])
def test_colour_classes_cover_every_count_once(maximum):
    classes = mapviews.colour_classes(maximum)
    assert classes[0].low == classes[0].high == 0 and classes[0].step == 0
    for count in range(maximum + 1):
        assert sum(c.low <= count <= c.high for c in classes) == 1
    steps = [c.step for c in classes]
    assert steps == sorted(set(steps)) and max(steps) <= mapviews.PALETTE_STEPS
    assert len(classes) <= 1 + mapviews.PALETTE_STEPS


def test_each_theme_map_states_its_own_count_with_one_colour_scale(built, content_counts):
    total, by_theme = content_counts
    legends = set()
    for theme, counts in [(None, total), *by_theme.items()]:
        _, html = map_page(built, "map" if theme is None else f"map/{theme}")
        lead = html.find("p", cls="sc-lead").text
        with_cases = sum(1 for n in counts.values() if n)
        assert lead.startswith(f"{with_cases} af landets 98 kommuner"), (theme, lead)
        legend = html.find("ul", cls="sc-legend")
        legends.add(tuple(li.text for li in legend.find_all("li")))
        # A colour means the same count on every map.
        for link in areas(html):
            name = link.find("title").text.split(":")[0]
            step = next(c for c in link.attrs["class"].split() if c.startswith("sc-c"))
            assert step == f"sc-c{_step(total, counts[name])}", (theme, name)
    assert len(legends) == 1, legends


def _step(total: Counter, count: int) -> int:
    return mapviews.colour_of(count, mapviews.colour_classes(max(total.values()))).step


def test_a_geometry_made_in_another_process_is_used_while_the_file_is_unchanged(tmp_path):
    """The build's background worker projects the boundaries while the main process validates;
    the main process takes its result, and makes the map anew once the file has changed."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    boundaries = tmp_path / mapgeometry.MAP_FILE
    boundaries.write_bytes(
        (Path(mapgeometry.__file__).parents[2] / "schema" / mapgeometry.MAP_FILE).read_bytes()
    )
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as worker:
        version, made = worker.submit(mapgeometry.made, boundaries).result()
    mapgeometry.keep(version, made)
    assert mapgeometry.geometry(boundaries) is made
    assert len(made.shapes) == 98
    boundaries.write_bytes(boundaries.read_bytes() + b"\n")  # another version of the file
    again = mapgeometry.geometry(boundaries)
    assert again is not made
    assert again.shapes == made.shapes
