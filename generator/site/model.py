"""The site's model: validated documents joined with the taxonomy into what pages show.

Built once per build from a `ContentTree`; every generated page reads from it, so no page loops
over all cases to find its own. Pure Python: no MkDocs here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from ..content.documents import Document, FrontMatterFields
from ..content.project import build_today
from ..content.project import now as build_moment
from ..content.staleness import confirmed_on, stale_since
from ..content.taxonomy import (
    Municipality,
    Region,
    Taxonomy,
    Theme,
    danish_slug,
    danish_sort_key,
    keyword_label,
)
from ..content.validate import ContentTree
from .events import Event, build_events, past, upcoming
from .formatting import period
from .groups import Group, build_groups, by_municipality
from .reuse import ReuseTree, chains, reuse_tree

RELATED_MAX = 5
RELATED_POOL = 40
"""Newest cases per theme, tag and municipality that are scored as related: exact for small
sites, bounded for large ones so the work grows with the number of cases, not its square."""


@dataclass(frozen=True)
class Partner:
    name: str
    """As the contributor wrote it."""
    municipality: Municipality | None = None
    """Set when the name means a municipality (`Aarhus`, `Aarhus Kommune`); it then links."""
    region: Region | None = None
    """Set when the name means a region (`Region Midtjylland`); it then links."""


@dataclass(eq=False)
class Case(FrontMatterFields):
    doc: Document
    municipality: Municipality
    themes: list[Theme]
    partners: list[Partner]
    status: str
    status_label: str
    sdgs: list[tuple[int, str]]
    published: dt.date
    reviewed: dt.date | None
    based_on: list[Case] = field(default_factory=list)
    reused_by: list[Case] = field(default_factory=list)
    related: list[Case] = field(default_factory=list)

    @property
    def period(self) -> str:
        return period(self.doc.meta["started"], self.doc.meta.get("ended"))

    @property
    def region(self) -> Region:
        return self.municipality.region

    @property
    def primary_theme(self) -> Theme:
        return self.themes[0]

    @property
    def stale_since(self) -> dt.date | None:
        """The day the facts turned over two years old (see `generator/content/staleness.py`), or None."""
        return stale_since(self.doc.meta, build_today())

    @property
    def confirmed_on(self) -> dt.date | None:
        return confirmed_on(self.doc.meta)

    @property
    def reusable(self) -> bool:
        """Another municipality can take it: its code is published, it says what copying it
        takes (`reuse`), or it has been reused. The one rule for the case page's reuse box and
        the finder's "Kan genbruges" facet."""
        meta = self.doc.meta
        return bool(meta.get("source_code")) or bool(meta.get("reuse")) or bool(self.reused_by)

    @cached_property
    def reuse_tree(self) -> ReuseTree:
        """Everyone who reused this case, over the generations (`generator/site/reuse.py`)."""
        return reuse_tree(self)

    @property
    def sort_key(self):
        """Newest first: by published date, then title."""
        return (-self.published.toordinal(), self.doc.meta["title"].lower(), self.slug)


@dataclass(eq=False)
class Guide(FrontMatterFields):
    doc: Document
    themes: list[Theme]
    published: dt.date
    reviewed: dt.date | None
    cases: list[Case] = field(default_factory=list)
    """Cases that share a theme with the guide, newest first."""


@dataclass(eq=False)
class ThemePage:
    theme: Theme
    cases: list[Case]

    @property
    def url(self) -> str:
        return f"themes/{self.theme.id}/"

    @cached_property
    def status_counts(self) -> Counter:
        return Counter(case.status for case in self.cases)


@dataclass(eq=False)
class MunicipalityPage:
    """Where one of the 98 municipalities stands in the forum's work: the mapping, one page each,
    municipalities with nothing to show yet included (their page invites them to contribute)."""

    municipality: Municipality
    led: list[Case] = field(default_factory=list)
    partnered: list[Case] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    """The working groups it sits in."""
    events: list[Event] = field(default_factory=list)
    """Events held in the municipality (its name is in the event's place) or presenting its cases."""
    reused: list[Case] = field(default_factory=list)
    """Other municipalities' cases that its own cases build on."""
    reused_by: list[Case] = field(default_factory=list)
    """Other municipalities' cases that build on its own."""

    @property
    def url(self) -> str:
        return f"municipalities/{self.municipality.slug}/"

    @property
    def count(self) -> int:
        return len(self.led) + len(self.partnered)

    @property
    def empty(self) -> bool:
        """Nothing to show yet: no case, group or event."""
        return not (self.count or self.groups or self.events)


@dataclass(eq=False)
class TagPage:
    tag: str
    cases: list[Case]

    @property
    def slug(self) -> str:
        return danish_slug(self.tag)

    @property
    def label(self) -> str:
        return keyword_label(self.tag)

    @property
    def url(self) -> str:
        return f"tags/{self.slug}/"


class Site:
    """Everything the generated pages show, indexed the ways pages look it up."""

    def __init__(
        self,
        tree: ContentTree,
        taxonomy: Taxonomy,
        schema: dict,
        schema_dir: Path,
        now: dt.datetime | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.now = now or build_moment()
        """The build's moment: what is upcoming and what is past is decided against it."""
        self.status_labels: dict[str, str] = schema["properties"]["status"]["x-enum-labels"]
        self.procurement_labels: dict[str, str] = schema["properties"]["reuse"]["properties"][
            "procurement"
        ]["x-enum-labels"]
        with open(Path(schema_dir) / "sdgs.yaml", encoding="utf-8") as fh:
            self.sdg_names: dict[int, str] = {int(k): v for k, v in yaml.safe_load(fh).items()}
        self.cases: list[Case] = sorted(
            (self._case(d) for d in tree.valid("cases")), key=lambda c: c.sort_key
        )
        self.case_by_slug = {c.slug: c for c in self.cases}
        self.case_by_path = {c.doc.path: c for c in self.cases}
        for case in self.cases:
            case.based_on = [
                self.case_by_slug[s]
                for s in case.doc.meta.get("based_on", [])
                if s in self.case_by_slug
            ]
            for original in case.based_on:
                original.reused_by.append(case)
        self.themes = [
            ThemePage(t, [c for c in self.cases if t in c.themes]) for t in taxonomy.themes.values()
        ]
        self.theme_page = {page.theme.id: page for page in self.themes}
        self.tags = self._tags()
        self.guides = sorted(
            (self._guide(d) for d in tree.valid("guides")),
            key=lambda g: (g.doc.meta["title"].lower(), g.slug),
        )
        self.guide_by_path = {g.doc.path: g for g in self.guides}
        self.groups: list[Group] = build_groups(
            tree.valid("groups"), taxonomy, self.cases, schema_dir
        )
        self._groups_by_municipality = by_municipality(self.groups)
        self.events: list[Event] = build_events(
            tree.valid("events"), taxonomy, self.case_by_slug, schema_dir
        )
        self.municipalities = self._municipalities()
        self._relate()

    # -- construction -------------------------------------------------------------------------

    def _case(self, doc: Document) -> Case:
        meta = doc.meta
        municipalities = self.taxonomy.municipalities
        return Case(
            doc=doc,
            municipality=municipalities[meta["municipality"]],
            themes=[self.taxonomy.themes[t] for t in meta["themes"]],
            partners=[self._partner(p) for p in meta.get("partners", [])],
            status=meta["status"],
            status_label=self.status_labels[meta["status"]],
            sdgs=[(n, self.sdg_names[n]) for n in meta.get("sdgs", [])],
            published=dt.date.fromisoformat(meta["published"]),
            reviewed=dt.date.fromisoformat(meta["reviewed"]) if meta.get("reviewed") else None,
        )

    def _partner(self, name: str) -> Partner:
        return Partner(
            name, self.taxonomy.municipality_named(name), self.taxonomy.region_named(name)
        )

    def _guide(self, doc: Document) -> Guide:
        meta = doc.meta
        themes = [self.taxonomy.themes[t] for t in meta.get("themes", [])]
        cases = [c for c in self.cases if set(c.themes) & set(themes)]
        return Guide(
            doc,
            themes,
            dt.date.fromisoformat(meta["published"]),
            dt.date.fromisoformat(meta["reviewed"]) if meta.get("reviewed") else None,
            cases,
        )

    def _municipalities(self) -> dict[str, MunicipalityPage]:
        """A page for each of the 98 municipalities, by official name, in slug order."""
        pages = {
            name: MunicipalityPage(m, groups=list(self._groups_by_municipality.get(name, [])))
            for name, m in self.taxonomy.municipalities.items()
        }
        for case in self.cases:
            lead = case.municipality
            pages[lead.name].led.append(case)
            for partner in case.partners:
                if partner.municipality is not None and partner.municipality is not lead:
                    page = pages[partner.municipality.name]
                    if case not in page.partnered:
                        page.partnered.append(case)
            for original in case.based_on:
                if original.municipality is not lead:
                    if original not in pages[lead.name].reused:
                        pages[lead.name].reused.append(original)
                    reusers = pages[original.municipality.name].reused_by
                    if case not in reusers:
                        reusers.append(case)
        for event in self.events:
            hosts = {m.name for m in self._places_in(event.place or "")}
            hosts |= {c.municipality.name for c in event.cases}
            for name in hosts:
                pages[name].events.append(event)
        return dict(sorted(pages.items(), key=lambda item: item[1].municipality.slug))

    @cached_property
    def _place_pattern(self):
        names = sorted(self.taxonomy.municipalities, key=len, reverse=True)
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def _places_in(self, text: str) -> list[Municipality]:
        """The municipalities named, as whole words, in a place (`Rådhuset i Vejle` -> Vejle)."""
        return [self.taxonomy.municipalities[m] for m in self._place_pattern.findall(text)]

    def _tags(self) -> dict[str, TagPage]:
        """Tag pages by URL slug (`fjernovervågning` -> `fjernovervaagning`), sorted Danish-style."""
        pages: dict[str, TagPage] = {}
        for case in self.cases:
            for tag in case.doc.meta.get("tags", []):
                page = pages.setdefault(danish_slug(tag), TagPage(tag, []))
                if case not in page.cases:
                    page.cases.append(case)
        return dict(sorted(pages.items()))

    def _relate(self) -> None:
        """3-5 related cases each: shared themes and tags first, then the same municipality."""
        pools = {t.theme.id: t.cases[:RELATED_POOL] for t in self.themes}
        by_tag: dict[str, list[Case]] = defaultdict(list)
        by_municipality: dict[str, list[Case]] = defaultdict(list)
        for case in self.cases:
            by_municipality[case.municipality.name].append(case)
            for tag in case.doc.meta.get("tags", ()):
                by_tag[tag].append(case)
        # Each case's themes and tags as sets, computed once rather than once per comparison.
        features = {
            id(c): (frozenset(t.id for t in c.themes), frozenset(c.doc.meta.get("tags", ())))
            for c in self.cases
        }
        rank = {id(c): i for i, c in enumerate(self.cases)}  # position = newest first
        for case in self.cases:
            themes, tags = features[id(case)]
            candidates = {id(c): c for t in themes for c in pools[t]}
            for tag in tags:
                candidates.update((id(c), c) for c in by_tag[tag][:RELATED_POOL])
            candidates.update(
                (id(c), c) for c in by_municipality[case.municipality.name][:RELATED_POOL]
            )
            candidates.pop(id(case), None)
            scored = []
            for key, other in candidates.items():
                other_themes, other_tags = features[key]
                score = 2 * len(themes & other_themes) + 2 * len(tags & other_tags)
                same_place = other.municipality is case.municipality
                if score or same_place:
                    scored.append((-score, not same_place, rank[key], other))
            best = heapq.nsmallest(RELATED_MAX, scored, key=lambda item: item[:3])
            case.related = [item[3] for item in best]

    # -- lookups used by templates ------------------------------------------------------------

    @property
    def newest(self) -> list[Case]:
        return self.cases[:6]

    @property
    def contributing_municipalities(self) -> int:
        """Municipalities that lead a case."""
        return len({c.municipality.name for c in self.cases})

    @property
    def municipalities_with_cases(self) -> int:
        """Municipalities that lead or partner in at least one case."""
        return sum(1 for page in self.municipalities.values() if page.count)

    @property
    def regions(self) -> list[tuple[Region, list[MunicipalityPage]]]:
        grouped: dict[int, list[MunicipalityPage]] = defaultdict(list)
        for page in sorted(
            self.municipalities.values(), key=lambda p: danish_sort_key(p.municipality.name)
        ):
            grouped[page.municipality.region.code].append(page)
        return [
            (region, grouped[code])
            for code, region in self.taxonomy.regions.items()
            if grouped[code]
        ]

    def municipality_page(self, municipality: Municipality) -> MunicipalityPage | None:
        return self.municipalities.get(municipality.name)

    def groups_of(self, municipality: Municipality) -> list[Group]:
        """The working groups the municipality sits in."""
        return self._groups_by_municipality.get(municipality.name, [])

    @cached_property
    def reuse_chains(self) -> list[ReuseTree]:
        """Every reuse chain, the most reused first (the /reuse/ page)."""
        return chains(self.cases)

    @property
    def upcoming_events(self) -> list[Event]:
        return upcoming(self.events, self.now)

    @property
    def past_events(self) -> list[Event]:
        return past(self.events, self.now)

    @property
    def next_event(self) -> Event | None:
        """The soonest event not yet over, for the home page."""
        events = self.upcoming_events
        return events[0] if events else None
