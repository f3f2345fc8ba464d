"""The case finder's facets, its data for the browser, and its pages for readers without script.

Without JavaScript, /cases/ lists the newest `PAGE_SIZE` cases and links to the next pages
(`/cases/side/2/`, ...), so every case is reachable as a plain list of links. With it, the
finder reads every case's card text and facet values from one compact file
(`search/finder.json`), filters them in memory (AND across facets, OR within one), recounts,
and renders only the first matches as cards. The first counts, for the page as served, come
from here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..content.taxonomy import danish_slug, keyword_label
from . import routes
from .kinds import Case
from .model import Site

STATUS_ORDER = ("idea", "pilot", "operation", "scaled", "ended")
FACETS = ("theme", "region", "municipality", "status", "tag", "sdg", "reusable")
"""Facet keys, which are also the URL parameters (`/cases/?theme=trafik&status=operation`)."""
PAGE_SIZE = 50
"""Cases per page: on each page for readers without script, and shown at a time by the finder
("Vis flere" shows the next ones)."""
DATA_FILE = routes.FINDER_DATA


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    open: bool = False
    """Shown unfolded: the facets most readers start with."""


def case_values(case: Case) -> dict[str, list[str]]:
    """The facet values of one case, by facet key (the values of the URL parameters)."""
    municipalities = [case.municipality] + [
        p.municipality
        for p in case.partners
        if p.municipality and p.municipality is not case.municipality
    ]
    return {
        "theme": [t.id for t in case.themes],
        "region": [case.region.slug],
        "municipality": [m.slug for m in municipalities],
        "status": [case.status],
        "tag": [danish_slug(t) for t in case.tags],
        "sdg": [str(n) for n, _ in case.sdgs],
        "reusable": ["ja"] if case.reusable else [],
    }


def facets(site: Site) -> list[Facet]:
    counts = {key: Counter() for key in FACETS}
    tag_labels: dict[str, str] = {}
    municipality_labels: dict[str, str] = {}
    for case in site.cases:
        for key, values in case_values(case).items():
            counts[key].update(values)
        for tag in case.tags:
            tag_labels.setdefault(danish_slug(tag), keyword_label(tag))
        municipality_labels[case.municipality.slug] = case.municipality.name
        for partner in case.partners:
            if partner.municipality:
                municipality_labels[partner.municipality.slug] = partner.municipality.name

    def values(key, labels, order=None):
        keys = order if order is not None else sorted(counts[key], key=lambda v: labels.get(v, v))
        return [FacetValue(v, labels.get(v, v), counts[key][v]) for v in keys if counts[key][v]]

    regions = {r.slug: r.short_name for r in site.taxonomy.regions.values()}
    return [
        Facet(
            "theme",
            "Tema",
            values(
                "theme",
                {t.theme.id: t.theme.label for t in site.themes},
                [t.theme.id for t in site.themes],
            ),
            open=True,
        ),
        Facet(
            "region",
            "Region",
            values("region", regions, [r.slug for r in site.taxonomy.regions.values()]),
            open=True,
        ),
        Facet("municipality", "Kommune", values("municipality", municipality_labels)),
        Facet(
            "status", "Status", values("status", site.status_labels, list(STATUS_ORDER)), open=True
        ),
        Facet(
            "tag", "Nøgleord", sorted(values("tag", tag_labels), key=lambda v: (-v.count, v.label))
        ),
        Facet(
            "sdg",
            "Verdensmål",
            values(
                "sdg",
                {str(n): f"{n}. {name}" for n, name in site.sdg_names.items()},
                [str(n) for n in sorted(site.sdg_names)],
            ),
        ),
        Facet("reusable", "Genbrug", values("reusable", {"ja": "Kan genbruges"}, ["ja"])),
    ]


def year_range(site: Site) -> tuple[int, int]:
    years = [case.started for case in site.cases] or [2000]
    return min(years), max(years)


@dataclass
class CasesPage:
    """One page of the case list as served: `number` counts from 1; page 1 is /cases/."""

    number: int
    count: int
    cases: list[Case]

    @staticmethod
    def url_of(number: int) -> str:
        """Page `number`'s URL, for the pager's links (`theme/smartcity/macros.html`)."""
        return routes.cases_page(number)

    @property
    def url(self) -> str:
        return routes.cases_page(self.number)


def pages(site: Site, size: int = PAGE_SIZE) -> list[CasesPage]:
    """The case list cut into pages of `size`, newest first; at least one page."""
    cases = site.cases
    count = max(1, -(-len(cases) // size))
    return [CasesPage(n + 1, count, cases[n * size : (n + 1) * size]) for n in range(count)]


def data(site: Site) -> str:
    """`search/finder.json`: what the finder needs of every case, as compact as it stays readable.

    `facets` maps each key of `FACETS` to its values as `[value, label]`, in the order the page
    lists the checkboxes. `cases` has one row per case, in the site's order (a case's row number
    is its number in the search indexes): `[url, title, summary, period, published, started,
    values]`, where `values` holds, per key of `FACETS`, the indexes of the case's values in
    `facets[key]`; the first municipality is the one that leads the case, and themes keep the
    case's own order.
    """
    facet_list = facets(site)
    position = {f.key: {v.value: i for i, v in enumerate(f.values)} for f in facet_list}
    rows = []
    for case in site.cases:
        values = case_values(case)
        rows.append(
            [
                case.url,
                case.title,
                " ".join(case.summary.split()),
                case.period,
                case.published.isoformat(),
                case.started,
                [[position[key][v] for v in values[key]] for key in FACETS],
            ]
        )
    return json.dumps(
        {
            "facets": {f.key: [[v.value, v.label] for v in f.values] for f in facet_list},
            "cases": rows,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
