"""The pages the plugin adds or takes over: what each is called, its template and its subject.

Generated pages are `File.generated` with empty Markdown: their HTML comes from a template in
`theme/smartcity/` that reads the page's subject from the context. Content pages (cases and
guides) get the same treatment, so every page's template and title are decided here and never
by a contributor's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import escape

from ..content.documents import Document
from ..content.types import CONTENT_TYPES, EVENT, GROUP, GUIDE
from ..site import finder, routes
from ..site.exports import schema_fields
from ..site.model import Site
from .listings import paged


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    description: str = ""
    context: dict = field(default_factory=dict)
    generated: bool = True
    kind: str = "website"
    """Open Graph type: `article` for cases and guides."""
    hide: tuple[str, ...] = ("toc",)
    """Material's `hide` for this page: listings have no table of contents to show."""
    document: Document | None = None
    """The document a content page shows (its scan may hold the body's HTML already)."""

    @property
    def body(self) -> str:
        """The Markdown MkDocs converts: the document's body as validated, so that MkDocs need
        not read the file and parse its front matter again; none for a generated page."""
        return self.document.body if self.document is not None else ""


TEMPLATE_FOLDER = "smartcity/"
"""The project's templates in `theme/`; a content type names its templates inside it."""

SITE_DESCRIPTION = (
    "Danske kommuners Smart City-projekter samlet ét sted, så en kommune kan finde, "
    "lære af og genbruge det, andre allerede har bygget."
)


SECTION_ORDER = (
    routes.HOME,
    routes.cases_page(1),
    routes.THEMES,
    routes.MUNICIPALITIES,
    routes.listing(GUIDE),
    routes.TAGS,
    routes.CONTRIBUTE,
    routes.ACCESSIBILITY,
    routes.REUSE,
    routes.listing(GROUP),
    routes.listing(EVENT),
)
"""The order of the section pages in the page list, which is the order of the search's result
documents; a new content type's listing comes after these."""


def page_specs(site: Site, page_size: int = finder.PAGE_SIZE) -> list[PageSpec]:
    """Every page of the site except MkDocs' and Material's own (404, sitemap, search)."""
    listings = finder.pages(site, page_size)
    specs = _section_specs(site, listings[0])
    for page in site.themes:
        specs.append(
            PageSpec(
                routes.source(page.url),
                "smartcity/theme.html",
                page.theme.label,
                page.theme.description,
                {"theme_page": page},
            )
        )
    for page in site.municipalities.values():
        name = page.municipality.official_name
        specs.append(
            PageSpec(
                routes.source(page.url),
                "smartcity/municipality.html",
                name,
                f"{name} i Smart City-vidensbanken: cases, arbejdsgrupper og genbrug.",
                {"municipality_page": page},
            )
        )
    for page in site.tags.values():
        specs.append(
            PageSpec(
                routes.source(page.url),
                "smartcity/tag.html",
                f"Nøgleord: {page.label}",
                f"Cases med nøgleordet {page.label}.",
                {"tag_page": page},
            )
        )
    for listing in listings[1:]:
        # The case list for readers without script, continued (the finder shows page 1).
        specs.append(
            PageSpec(
                routes.source(listing.url),
                "smartcity/cases_page.html",
                f"Alle cases, side {listing.number} af {listing.count}",
                f"Side {listing.number} af {listing.count} af listen over alle cases, "
                "senest udgivet først.",
                {"cases_page": listing},
                hide=("navigation", "toc"),
            )
        )
    for ctype in CONTENT_TYPES.values():
        for item in site.entries[ctype.directory]:
            specs.append(
                PageSpec(
                    routes.document_source(item.doc),
                    TEMPLATE_FOLDER + ctype.template,
                    item.title,
                    item.summary,
                    {ctype.name: item},
                    generated=False,
                    kind="article",
                    hide=(),
                    document=item.doc,
                )
            )
    specs.extend(_mapping_specs(site))
    return paged(specs, site, page_size)


def _section_specs(site: Site, first_cases_page: finder.CasesPage) -> list[PageSpec]:
    """The home page, the case finder, the other sections and each content type's listing."""
    specs = [
        PageSpec(routes.HOME, "smartcity/home.html", "Smart City-vidensbanken", SITE_DESCRIPTION),
        PageSpec(
            routes.cases_page(1),
            "smartcity/cases.html",
            "Alle cases",
            f"Alle {len(site.cases)} cases i Smart City-vidensbanken.",
            {"finder": _finder(site), "cases_page": first_cases_page},
            hide=("navigation", "toc"),
        ),
        PageSpec(
            routes.THEMES,
            "smartcity/themes.html",
            "Temaer",
            "Cases ordnet efter tema: trafik, klima, borgerinddragelse og flere.",
        ),
        PageSpec(
            routes.MUNICIPALITIES,
            "smartcity/municipalities.html",
            "Kommuner",
            "Kommunerne bag casene, ordnet efter region.",
        ),
        PageSpec(
            routes.TAGS,
            "smartcity/tags.html",
            "Nøgleord",
            "Alle nøgleord, som casene er mærket med.",
        ),
        PageSpec(
            routes.CONTRIBUTE,
            "smartcity/contribute.html",
            "Bidrag med en case",
            "Sådan deler din kommune et projekt i vidensbanken.",
        ),
        PageSpec(
            routes.ACCESSIBILITY,
            "smartcity/accessibility.html",
            "Tilgængelighed",
            "Vidensbankens tilgængelighedserklæring, og sådan melder du et problem.",
        ),
        PageSpec(
            routes.REUSE,
            "smartcity/reuse.html",
            "Genbrug mellem kommuner",
            "Løsninger, som en kommune har bygget og andre kommuner har taget i brug, "
            "de mest genbrugte først.",
        ),
    ]
    for ctype in CONTENT_TYPES.values():
        if ctype.listing is not None:
            specs.append(
                PageSpec(
                    routes.listing(ctype),
                    TEMPLATE_FOLDER + ctype.listing.template,
                    ctype.listing.title,
                    ctype.listing.description,
                    {"content_type": ctype, "entries": site.entries[ctype.directory]},
                    hide=ctype.listing.hide,
                )
            )
    for spec in specs:  # the URL until here: the page's source follows from it
        spec.src_uri = routes.source(spec.src_uri)
    order = {routes.source(url): i for i, url in enumerate(SECTION_ORDER)}
    return sorted(specs, key=lambda s: order.get(s.src_uri, len(order)))


def _mapping_specs(site: Site) -> list[PageSpec]:
    """The mapping: the map (all themes, then one page per theme), statistics and open data."""
    stats = site.statistics
    views = site.map_views
    specs = []
    for view in views:
        context = {"map_view": view, "map_views": views, "stats": stats}
        if view.theme is None:
            specs.append(
                PageSpec(
                    routes.source(view.url),
                    "smartcity/map.html",
                    "Kort over kommunernes cases",
                    "Danmarks 98 kommuner farvet efter antal Smart City-cases, og en "
                    "tabel med hver kommunes cases pr. tema.",
                    context,
                    # The map and its table of every theme need the width of the page.
                    hide=("navigation", "toc"),
                )
            )
        else:
            specs.append(
                PageSpec(
                    routes.source(view.url),
                    "smartcity/map.html",
                    f"Kort: {view.theme.label}",
                    f"Kommunernes cases om {view.theme.label.lower()} på et kort.",
                    context,
                    hide=("navigation", "toc"),
                )
            )
    specs.append(
        PageSpec(
            routes.source(routes.STATS),
            "smartcity/stats.html",
            "Statistik",
            "Vidensbankens cases talt op efter tema, status, region og startår.",
            {"stats": stats},
        )
    )
    specs.append(
        PageSpec(
            routes.source(routes.DATA),
            "smartcity/data.html",
            "Åbne data",
            "Alle cases som JSON og CSV, skemaet og et Atom-feed, til fri genbrug.",
            {
                "stats": stats,
                "fields": schema_fields(site),
                # the data page's schema.org Dataset, called by the template; the plugin puts
                # it here with the build's context, which knows site_url and the licence
                "dataset_jsonld": None,
            },
        )
    )
    return specs


def navigation(site_themes) -> list:
    """Sections and theme pages only: Material renders the whole navigation into every page, so
    listing every case would make the build grow with the square of the case count."""
    src = routes.source
    return [
        {"Forside": src(routes.HOME)},
        {
            "Cases": [
                src(routes.cases_page(1)),
                {"Genbrug": src(routes.REUSE)},
                *({t.label: src(routes.theme(t.id))} for t in site_themes),
            ]
        },
        {"Kommuner": src(routes.MUNICIPALITIES)},
        {GROUP.listing.title: src(routes.listing(GROUP))},
        {EVENT.listing.title: src(routes.listing(EVENT))},
        {
            "Kortlægning": [
                {"Kort": src(routes.MAP)},
                {"Statistik": src(routes.STATS)},
                {"Åbne data": src(routes.DATA)},
            ]
        },
        {GUIDE.listing.title: src(routes.listing(GUIDE))},
        {"Nøgleord": src(routes.TAGS)},
        {"Bidrag": src(routes.CONTRIBUTE)},
        {"Tilgængelighed": src(routes.ACCESSIBILITY)},
    ]


def _finder(site: Site) -> dict:
    """What the finder page needs: facets with counts, the year range, where its data is."""
    return {
        "facets": finder.facets(site),
        "facet_keys": list(finder.FACETS),
        "years": finder.year_range(site),
        "data": finder.DATA_FILE,
        "page_size": finder.PAGE_SIZE,
    }


def page_meta(spec: PageSpec) -> dict:
    """The page's meta as Material reads it. The plugin decides every key Material reads
    (template, title, description, status, tags, hide, ...): a contributor's front matter never
    reaches Material directly, and the values are escaped because Material prints them
    unescaped."""
    return {
        "template": spec.template,
        "title": escape(spec.title),
        "description": escape(spec.description),
        "hide": list(spec.hide),
    }
