"""The maps as pages draw them: the geometry (`mapgeometry.py`) coloured by the case counts.

`map_views()` joins the geometry with the counts from `statistics.py` into what
`theme/smartcity/map.html` renders: one view for all themes and one per theme, on one colour
scale. Pure Python, no MkDocs; no markup here, only numbers and path data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.taxonomy import Theme, danish_sort_key
from . import routes
from .mapgeometry import MAP_FILE, Attribution, Geometry, Shape, attribution, geometry
from .maplabels import Label, labels
from .statistics import MunicipalityCounts

if TYPE_CHECKING:  # the model imports this module
    from .model import Site

# -- views: geometry joined with the content ---------------------------------------------------

PALETTE_STEPS = 5
"""Colour steps for municipalities with cases (`sc-c1`..`sc-c5` in mapping.css); `sc-c0` is none."""


@dataclass(frozen=True)
class ColourClass:
    low: int
    high: int
    step: int
    """The CSS colour step, `sc-c<step>`."""

    @property
    def label(self) -> str:
        if self.low == 0:
            return "Ingen cases endnu"
        if self.low == self.high:
            return f"{self.low} case" if self.low == 1 else f"{self.low} cases"
        return f"{self.low}–{self.high} cases"


def colour_classes(maximum: int) -> list[ColourClass]:
    """At most five classes from 1 to `maximum`, growing geometrically, plus one for none.

    Small counts get a class each (1, 2, 3); larger ones share (5-9, 10-22), so that one
    municipality with many cases does not wash out the rest. Colours are spread over the palette
    so that neighbouring classes differ as much as the number of classes allows.
    """
    classes = [ColourClass(0, 0, 0)]
    if maximum < 1:
        return classes
    if maximum <= PALETTE_STEPS:
        lows = list(range(1, maximum + 1))
    else:
        lows = sorted({max(1, round(maximum ** (i / PALETTE_STEPS))) for i in range(PALETTE_STEPS)})
    n = len(lows)
    steps = (
        [PALETTE_STEPS - 1]
        if n == 1
        else [1 + round(i * (PALETTE_STEPS - 1) / (n - 1)) for i in range(n)]
    )
    for i, low in enumerate(lows):
        high = lows[i + 1] - 1 if i + 1 < n else maximum
        classes.append(ColourClass(low, high, steps[i]))
    return classes


def colour_of(count: int, classes: list[ColourClass]) -> ColourClass:
    for cls in classes:
        if cls.low <= count <= cls.high:
            return cls
    raise ValueError(f"no colour class for {count}")


@dataclass(frozen=True)
class Area:
    """One municipality on one map: its shape, its count and where its link goes."""

    counts: MunicipalityCounts
    shape: Shape
    count: int
    colour: ColourClass

    @property
    def name(self) -> str:
        return self.counts.municipality.name

    @property
    def label(self) -> str:
        """The link's accessible name: `Aarhus: 7 cases`, `Læsø: ingen cases endnu`."""
        if self.count == 0:
            return f"{self.name}: ingen cases endnu"
        return f"{self.name}: {self.count} {'case' if self.count == 1 else 'cases'}"

    @property
    def url(self) -> str | None:
        """The municipality's page (every municipality has one)."""
        return self.counts.page.url if self.counts.page else None

    @property
    def anchor(self) -> str:
        """Its row in the table below the map, where a municipality without a page links."""
        return table_anchor(self.counts)


def table_anchor(counts: MunicipalityCounts) -> str:
    return f"kommune-{counts.municipality.slug}"


@dataclass(frozen=True)
class MapView:
    """One map page: all themes (`theme` None) or one theme."""

    theme: Theme | None
    geometry: Geometry
    areas: list[Area]
    """National map, in code order; Bornholm is in its box."""
    capital: list[Area]
    """The Copenhagen inset's municipalities, focusable there and only there."""
    context: list[Area]
    """Neighbours cut at the inset's edge, for the eye and the mouse only."""
    classes: list[ColourClass]
    """The colour scale: the same on every map, so a colour means one count everywhere."""
    rows: list[MunicipalityCounts]
    """Every municipality for the table, in Danish alphabetical order."""
    attribution: Attribution
    labels: list[Label] = field(default_factory=list)
    """Names printed on the national map."""
    capital_labels: list[Label] = field(default_factory=list)
    """Names printed in the Copenhagen inset."""

    @property
    def with_cases(self) -> int:
        """Municipalities with at least one case on this map (of its theme, if it has one)."""
        return sum(1 for area in self.areas if area.count)

    @property
    def url(self) -> str:
        return routes.map_view(None if self.theme is None else self.theme.id)

    @property
    def capital_codes(self) -> set[int]:
        return {a.counts.municipality.code for a in self.capital}


def map_views(site: Site) -> list[MapView]:
    """The all-themes map first, then one per theme; computed once per model, as
    `Site.map_views`."""
    geo = geometry(site.taxonomy.schema_dir / MAP_FILE)
    counts = site.municipality_counts
    by_code = {c.municipality.code: c for c in counts}
    missing = set(by_code) ^ set(geo.shapes)
    if missing:
        raise ValueError(
            f"municipalities.csv and municipalities.geojson disagree on {sorted(missing)}"
        )
    rows = sorted(counts, key=lambda c: danish_sort_key(c.municipality.name))
    credit = attribution(site.taxonomy.schema_dir / "README.md")
    # One scale for every map, from the all-themes counts (no theme's count is higher), so that
    # a colour means the same number on the climate map as on the traffic map.
    classes = colour_classes(max((c.total for c in counts), default=0))
    names = {c.municipality.code: c.municipality.name for c in counts}
    inset = set(geo.capital_shapes)
    marks = (labels(geo.shapes, names, skip=inset), labels(geo.capital_shapes, names))
    return [
        _view(theme, geo, counts, rows, credit, classes, marks)
        for theme in [None, *site.taxonomy.themes.values()]
    ]


def _view(
    theme: Theme | None,
    geo: Geometry,
    counts: list[MunicipalityCounts],
    rows: list[MunicipalityCounts],
    credit: Attribution,
    classes: list[ColourClass],
    marks: tuple[list[Label], list[Label]],
) -> MapView:
    by_code = {c.municipality.code: c for c in counts}
    number = {
        code: c.total if theme is None else c.by_theme[theme.id] for code, c in by_code.items()
    }

    def areas(shapes: dict[int, Shape]) -> list[Area]:
        return [
            Area(by_code[code], shape, number[code], colour_of(number[code], classes))
            for code, shape in shapes.items()
        ]

    return MapView(
        theme=theme,
        geometry=geo,
        areas=areas(geo.shapes),
        capital=areas(geo.capital_shapes),
        context=areas(geo.capital_context),
        classes=classes,
        rows=rows,
        attribution=credit,
        labels=marks[0],
        capital_labels=marks[1],
    )
