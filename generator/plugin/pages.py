"""The pages the plugin adds or takes over: what each is called, its template and its subject.

Generated pages are `File.generated` with empty Markdown: their HTML comes from a template in
`theme/smartcity/` that reads the page's subject from the context. Content pages (cases and
guides) get the same treatment, so every page's template and title are decided here and never
by a contributor's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Site


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


SITE_DESCRIPTION = ("Danske kommuners Smart City-projekter samlet ét sted, så en kommune kan finde, "
                    "lære af og genbruge det, andre allerede har bygget.")


def page_specs(site: Site) -> list[PageSpec]:
    """Every page of the site except MkDocs' and Material's own (404, sitemap, search)."""
    specs = [
        PageSpec("index.md", "smartcity/home.html", "Smart City-vidensbanken", SITE_DESCRIPTION),
        PageSpec("cases/index.md", "smartcity/cases.html", "Alle cases",
                 f"Alle {len(site.cases)} cases i Smart City-vidensbanken."),
        PageSpec("themes/index.md", "smartcity/themes.html", "Temaer",
                 "Cases ordnet efter tema: trafik, klima, borgerinddragelse og flere."),
        PageSpec("municipalities/index.md", "smartcity/municipalities.html", "Kommuner",
                 "Kommunerne bag casene, ordnet efter region."),
        PageSpec("guides/index.md", "smartcity/guides.html", "Guides",
                 "Vejledninger i at starte, organisere og måle Smart City-projekter."),
        PageSpec("tags/index.md", "smartcity/tags.html", "Nøgleord",
                 "Alle nøgleord, som casene er mærket med."),
        PageSpec("contribute/index.md", "smartcity/contribute.html", "Bidrag med en case",
                 "Sådan deler din kommune et projekt i vidensbanken."),
    ]
    for page in site.themes:
        specs.append(PageSpec(f"themes/{page.theme.id}/index.md", "smartcity/theme.html",
                              page.theme.label, page.theme.description, {"theme_page": page}))
    for page in site.municipalities.values():
        name = page.municipality.name
        specs.append(PageSpec(f"municipalities/{page.municipality.slug}/index.md",
                              "smartcity/municipality.html", f"{name} Kommune",
                              f"Smart City-cases, som {name} Kommune leder eller deltager i.",
                              {"municipality_page": page}))
    for page in site.tags.values():
        specs.append(PageSpec(f"tags/{page.slug}/index.md", "smartcity/tag.html",
                              f"Nøgleord: {page.tag}", f"Cases med nøgleordet {page.tag}.",
                              {"tag_page": page}))
    for case in site.cases:
        specs.append(PageSpec(_src_uri(case.doc), "smartcity/case.html", case.title,
                              case.summary, {"case": case}, generated=False, kind="article",
                              hide=()))
    for guide in site.guides:
        specs.append(PageSpec(_src_uri(guide.doc), "smartcity/guide.html", guide.title,
                              guide.summary, {"guide": guide}, generated=False, kind="article",
                              hide=()))
    return specs


def navigation(site_themes) -> list:
    """Sections and theme pages only: Material renders the whole navigation into every page, so
    listing every case would make the build grow with the square of the case count."""
    return [
        {"Forside": "index.md"},
        {"Cases": ["cases/index.md", *({t.label: f"themes/{t.id}/index.md"} for t in site_themes)]},
        {"Kommuner": "municipalities/index.md"},
        {"Guides": "guides/index.md"},
        {"Nøgleord": "tags/index.md"},
        {"Bidrag": "contribute/index.md"},
    ]


def _src_uri(doc) -> str:
    """The document's path inside the content folder, as MkDocs names it."""
    return f"{doc.type.directory}/{doc.slug}.md"
