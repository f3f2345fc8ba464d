"""The case finder's facets: which values each case has, and how many cases have each value.

The finder page lists every case server-side with its facet values as data attributes; the
browser filters that list (AND across facets, OR within one) and recounts. The first counts,
for the page as a reader without JavaScript sees it, come from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Case, Site
from .taxonomy import danish_slug

STATUS_ORDER = ("idea", "pilot", "operation", "scaled", "ended")
FACETS = ("theme", "region", "municipality", "status", "tag", "sdg", "reusable")
"""Facet keys, which are also the URL parameters (`/cases/?theme=trafik&status=operation`)."""


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
    """The facet values of one case, as the page writes them into data attributes."""
    municipalities = [case.municipality] + [p.municipality for p in case.partners
                                            if p.municipality and p.municipality is not case.municipality]
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
            tag_labels.setdefault(danish_slug(tag), tag)
        municipality_labels[case.municipality.slug] = case.municipality.name
        for partner in case.partners:
            if partner.municipality:
                municipality_labels[partner.municipality.slug] = partner.municipality.name

    def values(key, labels, order=None):
        keys = order if order is not None else sorted(counts[key], key=lambda v: labels.get(v, v))
        return [FacetValue(v, labels.get(v, v), counts[key][v]) for v in keys if counts[key][v]]

    regions = {r.slug: r.short_name for r in site.taxonomy.regions.values()}
    return [
        Facet("theme", "Tema", values("theme", {t.theme.id: t.theme.label for t in site.themes},
                                      [t.theme.id for t in site.themes]), open=True),
        Facet("region", "Region", values("region", regions,
                                         [r.slug for r in site.taxonomy.regions.values()]), open=True),
        Facet("municipality", "Kommune", values("municipality", municipality_labels)),
        Facet("status", "Status", values("status", site.status_labels, list(STATUS_ORDER)), open=True),
        Facet("tag", "Nøgleord", sorted(values("tag", tag_labels), key=lambda v: (-v.count, v.label))),
        Facet("sdg", "Verdensmål", values("sdg", {str(n): f"{n}. {name}" for n, name in site.sdg_names.items()},
                                          [str(n) for n in sorted(site.sdg_names)])),
        Facet("reusable", "Genbrug", values("reusable", {"ja": "Kan genbruges"}, ["ja"])),
    ]


def year_range(site: Site) -> tuple[int, int]:
    years = [case.started for case in site.cases] or [2000]
    return min(years), max(years)
