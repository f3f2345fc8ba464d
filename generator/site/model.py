"""The site's model: validated documents joined with the taxonomy into what pages show.

Built once per build from a `ContentTree` and the loaded `SchemaSet`; every generated page reads
from it, so no page loops over all cases to find its own. The constructor builds each content
type's models (`kinds.py`) and reads no file; every derived view (theme, keyword and
municipality pages, statistics, maps, the published schema) is a cached property, computed
when a page first asks for it. Pure Python: no MkDocs here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import defaultdict
from functools import cached_property

from ..content.project import now as build_moment
from ..content.schemas import SchemaSet
from ..content.taxonomy import Municipality, Region, danish_slug, danish_sort_key
from ..content.types import CASE, CONTENT_TYPES
from ..content.validate import ContentTree
from . import mapviews, statistics
from .events import Event, past, upcoming
from .groups import Group, by_municipality
from .kinds import BUILDERS, Case, Guide, build_entries
from .listings import MunicipalityPage, TagPage, ThemePage
from .reuse import ReuseTree, chains

RELATED_MAX = 5
RELATED_POOL = 40
"""Newest cases per theme, tag and municipality that are scored as related: exact for small
sites, bounded for large ones so the work grows with the number of cases, not its square."""


class Site:
    """Everything the generated pages show, indexed the ways pages look it up."""

    def __init__(
        self, tree: ContentTree, schemas: SchemaSet, now: dt.datetime | None = None
    ) -> None:
        self.schemas = schemas
        self.taxonomy = schemas.taxonomy
        self.now = now or build_moment()
        """The build's moment: what is upcoming and what is past is decided against it."""
        self.entries: dict[str, list] = {}
        """Each content type's models, by folder, in the registry's order."""
        for ctype in CONTENT_TYPES.values():
            build = BUILDERS.get(ctype.name, build_entries)
            self.entries[ctype.directory] = build(self, tree.valid(ctype.directory))
        self._relate()

    # -- the content types ---------------------------------------------------------------------

    @property
    def cases(self) -> list[Case]:
        return self.entries["cases"]

    @property
    def guides(self) -> list[Guide]:
        return self.entries["guides"]

    @property
    def groups(self) -> list[Group]:
        return self.entries["groups"]

    @property
    def events(self) -> list[Event]:
        return self.entries["events"]

    @cached_property
    def case_by_slug(self) -> dict[str, Case]:
        return {c.slug: c for c in self.cases}

    @cached_property
    def case_by_path(self) -> dict[str, Case]:
        return {c.doc.path: c for c in self.cases}

    @cached_property
    def guide_by_path(self) -> dict[str, Guide]:
        return {g.doc.path: g for g in self.guides}

    # -- labels, from the loaded schemas -------------------------------------------------------

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return self.schemas.labels(CASE.schema_id, "status")

    @cached_property
    def procurement_labels(self) -> dict[str, str]:
        return self.schemas.labels(CASE.schema_id, "reuse", "procurement")

    @property
    def sdg_names(self) -> dict[int, str]:
        return self.taxonomy.sdgs

    # -- derived views -------------------------------------------------------------------------

    @cached_property
    def themes(self) -> list[ThemePage]:
        return [
            ThemePage(t, [c for c in self.cases if t in c.themes])
            for t in self.taxonomy.themes.values()
        ]

    @cached_property
    def theme_page(self) -> dict[str, ThemePage]:
        return {page.theme.id: page for page in self.themes}

    @cached_property
    def _groups_by_municipality(self) -> dict[str, list[Group]]:
        return by_municipality(self.groups)

    @cached_property
    def municipalities(self) -> dict[str, MunicipalityPage]:
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
    def tags(self) -> dict[str, TagPage]:
        """Tag pages by URL slug (`fjernovervågning` -> `fjernovervaagning`), sorted Danish-style."""
        pages: dict[str, TagPage] = {}
        for case in self.cases:
            for tag in case.doc.meta.get("tags", []):
                page = pages.setdefault(danish_slug(tag), TagPage(tag, []))
                if case not in page.cases:
                    page.cases.append(case)
        return dict(sorted(pages.items()))

    @cached_property
    def municipality_counts(self) -> list[statistics.MunicipalityCounts]:
        """Every municipality's cases in all and per theme (the map and its table)."""
        return statistics.municipality_counts(self)

    @cached_property
    def statistics(self) -> statistics.Statistics:
        """The figures and charts of the statistics page."""
        return statistics.site_statistics(self)

    @cached_property
    def map_views(self) -> list[mapviews.MapView]:
        """The all-themes map first, then one per theme."""
        return mapviews.map_views(self)

    @cached_property
    def case_schema(self) -> dict:
        """The published case schema: self-contained, every `$ref` inlined, enums filled in."""
        return self.schemas.resolved(CASE.schema_id)

    # -- construction helpers ------------------------------------------------------------------

    @cached_property
    def _place_pattern(self):
        names = sorted(self.taxonomy.municipalities, key=len, reverse=True)
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def _places_in(self, text: str) -> list[Municipality]:
        """The municipalities named, as whole words, in a place (`Rådhuset i Vejle` -> Vejle)."""
        return [self.taxonomy.municipalities[m] for m in self._place_pattern.findall(text)]

    def _relate(self) -> None:
        """3-5 related cases each: shared themes and tags first, then the same municipality.

        Cases are numbered by position (newest first) and their themes and tags held as bit
        masks, so that scoring a candidate is two integer operations: at 5,000 cases this
        runs once per build on the critical path, before any page can be rendered.
        """
        cases = self.cases
        bits: dict[tuple[str, str], int] = {}
        themes_of, tags_of, place_of = [], [], [c.municipality for c in cases]
        by_tag: dict[str, list[int]] = defaultdict(list)
        by_municipality: dict[str, list[int]] = defaultdict(list)
        for number, case in enumerate(cases):
            themes = tags = 0
            for theme in case.themes:
                themes |= 1 << bits.setdefault(("theme", theme.id), len(bits))
            for tag in case.doc.meta.get("tags", ()):
                tags |= 1 << bits.setdefault(("tag", tag), len(bits))
                by_tag[tag].append(number)
            themes_of.append(themes)
            tags_of.append(tags)
            by_municipality[case.municipality.name].append(number)
        position = {id(c): number for number, c in enumerate(cases)}
        pools = {t.theme.id: [position[id(c)] for c in t.cases[:RELATED_POOL]] for t in self.themes}
        for number, case in enumerate(cases):
            candidates: set[int] = set()
            for theme_id in {t.id for t in case.themes}:
                candidates.update(pools[theme_id])
            for tag in set(case.doc.meta.get("tags", ())):
                candidates.update(by_tag[tag][:RELATED_POOL])
            place = case.municipality
            candidates.update(by_municipality[place.name][:RELATED_POOL])
            candidates.discard(number)
            themes, tags = themes_of[number], tags_of[number]
            scored = []
            for other in candidates:
                # Ordered as (more shared themes and tags, same municipality, newer).
                score = (themes & themes_of[other]).bit_count() + (
                    tags & tags_of[other]
                ).bit_count()
                same_place = place_of[other] is place
                if score or same_place:
                    scored.append((-score, not same_place, other))
            case.related = [cases[other] for *_, other in heapq.nsmallest(RELATED_MAX, scored)]

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
