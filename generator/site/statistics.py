"""The mapping in numbers: counts per municipality, theme, status, region and year, and the charts
that show them.

Every figure is computed from the `Site` model, the same one the pages list cases from, so a
count on the map or the statistics page always equals what a reader finds by clicking through.
Charts are geometry only (bar positions and lengths); `theme/smartcity/stats.html`
draws them. Pure Python, no MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.taxonomy import Municipality

if TYPE_CHECKING:  # the model imports this module
    from .kinds import Case
    from .listings import MunicipalityPage
    from .model import Site


@dataclass(frozen=True)
class MunicipalityCounts:
    """One municipality's cases, as lead or partner, in all and per theme."""

    municipality: Municipality
    page: MunicipalityPage | None
    total: int
    by_theme: dict[str, int]


def municipality_counts(site: Site) -> list[MunicipalityCounts]:
    """All 98 municipalities in code order, those without a case included (count 0).

    Computed once per model, as `Site.municipality_counts`."""
    result = []
    for municipality in site.taxonomy.municipalities.values():
        page = site.municipality_page(municipality)
        cases = (page.led + page.partnered) if page else []
        by_theme = {
            theme_id: sum(1 for c in cases if any(t.id == theme_id for t in c.themes))
            for theme_id in site.taxonomy.themes
        }
        result.append(MunicipalityCounts(municipality, page, len(cases), by_theme))
    return sorted(result, key=lambda c: c.municipality.code)


# -- charts ------------------------------------------------------------------------------------

CHART_WIDTH = 340
"""viewBox width. Narrow on purpose: a phone draws the chart at about its own size, so its text
(15 units) stays about 15 px."""
ROW = 44
BAR = 16
LABEL_GAP = 6
VALUE_ROOM = 40
"""Space right of the longest bar for its number."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    """Top of the row: the label's baseline is below it, the bar below the label."""
    width: float

    @property
    def label_y(self) -> int:
        return self.y + 16

    @property
    def bar_y(self) -> int:
        return self.y + 16 + LABEL_GAP

    @property
    def value_x(self) -> float:
        return round(self.width + 6, 1)

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR - 3


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    """What the chart shows in words, for `<desc>`: the numbers themselves, in one sentence."""
    bars: list[Bar]
    width: int = CHART_WIDTH
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return len(self.bars) * ROW + 8


def bar_chart(id: str, title: str, items: list[tuple[str, int]], unit: str = "cases") -> BarChart:
    """Horizontal bars, one per item, labels above the bars so long labels never crowd them."""
    top = max((v for _, v in items), default=0)
    room = CHART_WIDTH - VALUE_ROOM
    per_unit = room / top if top else 0
    bars = [
        Bar(label, value, i * ROW, round(value * per_unit, 1))
        for i, (label, value) in enumerate(items)
    ]
    words = "; ".join(f"{label}: {value}" for label, value in items)
    return BarChart(id, title, f"{title}, antal {unit}. {words}.", bars)


# -- the statistics page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reuse:
    case: Case
    original: Case


@dataclass
class Statistics:
    cases: int
    municipalities: int
    """How many municipalities there are (98)."""
    with_cases: int
    """Municipalities that lead or partner in at least one case."""
    leading: int
    """Municipalities that lead at least one case."""
    by_theme: BarChart
    by_status: BarChart
    by_region: BarChart
    by_year: BarChart
    reuses: list[Reuse] = field(default_factory=list)

    @property
    def share(self) -> int:
        """Percent of all municipalities with at least one case, rounded."""
        return round(100 * self.with_cases / self.municipalities) if self.municipalities else 0

    @property
    def reusing_cases(self) -> int:
        return len({id(r.case) for r in self.reuses})

    @property
    def reused_cases(self) -> int:
        return len({id(r.original) for r in self.reuses})

    @property
    def charts(self) -> list[BarChart]:
        return [self.by_theme, self.by_status, self.by_region, self.by_year]


def site_statistics(site: Site) -> Statistics:
    """The statistics page's figures; computed once per model, as `Site.statistics`."""
    cases = site.cases
    counts = site.municipality_counts
    by_status = [
        (label, sum(1 for c in cases if c.status == status))
        for status, label in site.status_labels.items()
    ]
    by_region = [
        (region.short_name, sum(1 for c in cases if c.region == region))
        for region in site.taxonomy.regions.values()
    ]
    years = [c.started for c in cases]
    by_year = [(str(y), years.count(y)) for y in range(min(years), max(years) + 1)] if years else []
    reuses = sorted(
        (Reuse(c, o) for c in cases for o in c.based_on),
        key=lambda r: (r.case.sort_key, r.original.sort_key),
    )
    return Statistics(
        cases=len(cases),
        municipalities=len(site.taxonomy.municipalities),
        with_cases=sum(1 for c in counts if c.total),
        leading=site.contributing_municipalities,
        by_theme=bar_chart(
            "tema", "Cases pr. tema", [(t.theme.label, len(t.cases)) for t in site.themes]
        ),
        by_status=bar_chart("status", "Cases pr. status", by_status),
        by_region=bar_chart("region", "Cases pr. region (den ledende kommunes)", by_region),
        by_year=bar_chart("startaar", "Cases pr. startår", by_year),
        reuses=reuses,
    )
