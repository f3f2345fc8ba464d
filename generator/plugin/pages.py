"""The pages the plugin adds or takes over: what each is called, its template and its subject.

Generated pages are `File.generated` with empty Markdown: their HTML comes from a template in
`theme/smartcity/` that reads the page's subject from the context. Content pages (cases and
guides) get the same treatment, so every page's template and title are decided here and never
by a contributor's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from .. import finder
from ..exports import schema_fields
from ..mapping import map_views
from ..model import Site
from ..search.analysis import STOP_WORDS
from ..statistics import site_statistics
from .listings import paged
from .outputs import dataset_block


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
    body: str = ""
    """The Markdown MkDocs converts: a document's body as validated, so that MkDocs need not
    read the file and parse its front matter again."""


SITE_DESCRIPTION = (
    "Danske kommuners Smart City-projekter samlet ét sted, så en kommune kan finde, "
    "lære af og genbruge det, andre allerede har bygget."
)


def page_specs(site: Site, page_size: int = finder.PAGE_SIZE) -> list[PageSpec]:
    """Every page of the site except MkDocs' and Material's own (404, sitemap, search)."""
    listings = finder.pages(site, page_size)
    specs = [
        PageSpec("index.md", "smartcity/home.html", "Smart City-vidensbanken", SITE_DESCRIPTION),
        PageSpec(
            "cases/index.md",
            "smartcity/cases.html",
            "Alle cases",
            f"Alle {len(site.cases)} cases i Smart City-vidensbanken.",
            {"finder": _finder(site), "cases_page": listings[0]},
            hide=("navigation", "toc"),
        ),
        PageSpec(
            "themes/index.md",
            "smartcity/themes.html",
            "Temaer",
            "Cases ordnet efter tema: trafik, klima, borgerinddragelse og flere.",
        ),
        PageSpec(
            "municipalities/index.md",
            "smartcity/municipalities.html",
            "Kommuner",
            "Kommunerne bag casene, ordnet efter region.",
        ),
        PageSpec(
            "guides/index.md",
            "smartcity/guides.html",
            "Guides",
            "Vejledninger i at starte, organisere og måle Smart City-projekter.",
        ),
        PageSpec(
            "tags/index.md",
            "smartcity/tags.html",
            "Nøgleord",
            "Alle nøgleord, som casene er mærket med.",
        ),
        PageSpec(
            "contribute/index.md",
            "smartcity/contribute.html",
            "Bidrag med en case",
            "Sådan deler din kommune et projekt i vidensbanken.",
        ),
        PageSpec(
            "accessibility/index.md",
            "smartcity/accessibility.html",
            "Tilgængelighed",
            "Vidensbankens tilgængelighedserklæring, og sådan melder du et problem.",
        ),
        PageSpec(
            "reuse/index.md",
            "smartcity/reuse.html",
            "Genbrug mellem kommuner",
            "Løsninger, som en kommune har bygget og andre kommuner har taget i brug, "
            "de mest genbrugte først.",
        ),
        PageSpec(
            "groups/index.md",
            "smartcity/groups.html",
            "Arbejdsgrupper",
            "Forummets arbejdsgrupper: hvem der er med, hvor ofte de mødes, og hvem man kontakter.",
        ),
        PageSpec(
            "events/index.md",
            "smartcity/events.html",
            "Arrangementer",
            "Forummets årlige konference og workshops: kommende arrangementer først, "
            "som kalenderfiler til at abonnere på.",
        ),
    ]
    for page in site.themes:
        specs.append(
            PageSpec(
                f"themes/{page.theme.id}/index.md",
                "smartcity/theme.html",
                page.theme.label,
                page.theme.description,
                {"theme_page": page},
            )
        )
    for page in site.municipalities.values():
        name = page.municipality.name
        specs.append(
            PageSpec(
                f"municipalities/{page.municipality.slug}/index.md",
                "smartcity/municipality.html",
                f"{name} Kommune",
                f"{name} Kommune i Smart City-vidensbanken: cases, arbejdsgrupper og genbrug.",
                {"municipality_page": page},
            )
        )
    for page in site.tags.values():
        specs.append(
            PageSpec(
                f"tags/{page.slug}/index.md",
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
                f"{listing.url}index.md",
                "smartcity/cases_page.html",
                f"Alle cases, side {listing.number} af {listing.count}",
                f"Side {listing.number} af {listing.count} af listen over alle cases, "
                "senest udgivet først.",
                {"cases_page": listing},
                hide=("navigation", "toc"),
            )
        )
    for case in site.cases:
        specs.append(
            PageSpec(
                _src_uri(case.doc),
                "smartcity/case.html",
                case.title,
                case.summary,
                {"case": case},
                generated=False,
                kind="article",
                hide=(),
                body=case.doc.body,
            )
        )
    for guide in site.guides:
        specs.append(
            PageSpec(
                _src_uri(guide.doc),
                "smartcity/guide.html",
                guide.title,
                guide.summary,
                {"guide": guide},
                generated=False,
                kind="article",
                hide=(),
                body=guide.doc.body,
            )
        )
    for group in site.groups:
        specs.append(
            PageSpec(
                _src_uri(group.doc),
                "smartcity/group.html",
                group.title,
                group.summary,
                {"group": group},
                generated=False,
                kind="article",
                hide=(),
                body=group.doc.body,
            )
        )
    for event in site.events:
        specs.append(
            PageSpec(
                _src_uri(event.doc),
                "smartcity/event.html",
                event.title,
                event.summary,
                {"event": event},
                generated=False,
                kind="article",
                hide=(),
                body=event.doc.body,
            )
        )
    specs.extend(_mapping_specs(site))
    return paged(specs, site, page_size)


def _mapping_specs(site: Site) -> list[PageSpec]:
    """The mapping: the map (all themes, then one page per theme), statistics and open data."""
    stats = site_statistics(site)
    views = map_views(site)
    specs = []
    for view in views:
        context = {"map_view": view, "map_views": views, "stats": stats}
        if view.theme is None:
            specs.append(
                PageSpec(
                    "map/index.md",
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
                    f"{view.url}index.md",
                    "smartcity/map.html",
                    f"Kort: {view.theme.label}",
                    f"Kommunernes cases om {view.theme.label.lower()} på et kort.",
                    context,
                    hide=("navigation", "toc"),
                )
            )
    specs.append(
        PageSpec(
            "stats/index.md",
            "smartcity/stats.html",
            "Statistik",
            "Vidensbankens cases talt op efter tema, status, region og startår.",
            {"stats": stats},
        )
    )
    specs.append(
        PageSpec(
            "data/index.md",
            "smartcity/data.html",
            "Åbne data",
            "Alle cases som JSON og CSV, skemaet og et Atom-feed, til fri genbrug.",
            {
                "stats": stats,
                "fields": schema_fields(site),
                # called with MkDocs' config by the template: the block needs site_url
                "dataset_jsonld": partial(dataset_block, site),
            },
        )
    )
    return specs


def navigation(site_themes) -> list:
    """Sections and theme pages only: Material renders the whole navigation into every page, so
    listing every case would make the build grow with the square of the case count."""
    return [
        {"Forside": "index.md"},
        {
            "Cases": [
                "cases/index.md",
                {"Genbrug": "reuse/index.md"},
                *({t.label: f"themes/{t.id}/index.md"} for t in site_themes),
            ]
        },
        {"Kommuner": "municipalities/index.md"},
        {"Arbejdsgrupper": "groups/index.md"},
        {"Arrangementer": "events/index.md"},
        {
            "Kortlægning": [
                {"Kort": "map/index.md"},
                {"Statistik": "stats/index.md"},
                {"Åbne data": "data/index.md"},
            ]
        },
        {"Guides": "guides/index.md"},
        {"Nøgleord": "tags/index.md"},
        {"Bidrag": "contribute/index.md"},
        {"Tilgængelighed": "accessibility/index.md"},
    ]


def _finder(site: Site) -> dict:
    """What the finder page needs: facets with counts, the year range, where its data is."""
    return {
        "facets": finder.facets(site),
        "facet_keys": list(finder.FACETS),
        "years": finder.year_range(site),
        "stop_words": sorted(STOP_WORDS),
        "data": finder.DATA_FILE,
        "page_size": finder.PAGE_SIZE,
    }


def _src_uri(doc) -> str:
    """The document's path inside the content folder, as MkDocs names it."""
    return f"{doc.type.directory}/{doc.slug}.md"
