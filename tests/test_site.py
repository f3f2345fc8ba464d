"""The built site, from the bundled content: pages exist, link up and show what the content says."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from htmltree import parse

from generator.content.project import Project
from generator.content.taxonomy import keyword_label
from generator.content.validate import load_tree
from generator.site.formatting import danish_number, kroner, period


@pytest.fixture(scope="session")
def cases(built):
    tree = load_tree(Project(built))
    return {d.slug: d.meta for d in tree.of_type("cases")}


def page(built: Path, url: str):
    return parse((built / "site" / url / "index.html").read_text(encoding="utf-8"))


def card_links(node) -> set[str]:
    return {
        a.attrs["href"]
        for card in node.find_all("article", cls="sc-card")
        for a in card.find_all("a")
    }


def test_every_case_is_on_each_of_its_theme_pages(built, cases):
    for slug, meta in cases.items():
        for theme in meta["themes"]:
            links = card_links(page(built, f"themes/{theme}"))
            assert f"../../cases/{slug}/" in links, (slug, theme)


def test_theme_pages_list_only_their_cases_newest_first(built, cases):
    for theme in ["trafik", "klima", "borgerinddragelse"]:
        html = page(built, f"themes/{theme}")
        listed = [
            a.attrs["href"].split("/")[-2] for a in html.find_all("a") if a.parent.tag == "h3"
        ]
        expected = sorted(
            (s for s, m in cases.items() if theme in m["themes"]),
            key=lambda s: (cases[s]["published"],),
            reverse=True,
        )
        assert sorted(listed) == sorted(expected)
        dates = [cases[s]["published"] for s in listed]
        assert dates == sorted(dates, reverse=True)


def test_every_case_is_on_its_municipality_pages(built, cases):
    project = Project(built)
    municipalities = project.taxonomy.municipalities
    for slug, meta in cases.items():
        lead = municipalities[meta["municipality"]]
        assert f"../../cases/{slug}/" in card_links(page(built, f"municipalities/{lead.slug}"))
        for partner in meta.get("partners", []):
            if partner in municipalities and partner != meta["municipality"]:
                partner_page = page(built, f"municipalities/{municipalities[partner].slug}")
                assert f"../../cases/{slug}/" in card_links(partner_page), (slug, partner)


def test_municipality_slugs_are_danish_transliterations(built):
    assert (built / "site/municipalities/koebenhavn/index.html").is_file()
    assert (built / "site/municipalities/hoeje-taastrup/index.html").is_file()
    index = page(built, "municipalities")
    regions = [h.text for h in index.find_all("h2")]
    assert regions == [
        r
        for r in [
            "Region Nordjylland",
            "Region Midtjylland",
            "Region Syddanmark",
            "Region Hovedstaden",
            "Region Sjælland",
        ]
        if r in regions
    ]
    # Each municipality links to its page by the transliterated slug, relative to this page.
    links = {a.text: a.attrs.get("href") for a in index.find("main").find_all("a")}
    assert links["København"] == "koebenhavn/"
    assert links["Høje-Taastrup"] == "hoeje-taastrup/"


def _facts(html) -> dict[str, str]:
    box = html.find("aside", cls="sc-facts")
    terms = box.find_all("dt")
    values = box.find_all("dd")
    return {dt.text: dd for dt, dd in zip(terms, values)}


def test_case_page_facts_match_front_matter(built, cases):
    municipalities = Project(built).taxonomy.municipalities
    for slug, meta in cases.items():
        html = page(built, f"cases/{slug}")
        assert html.find("h1").text == meta["title"]
        facts = _facts(html)
        official = municipalities[meta["municipality"]].official_name  # `Københavns Kommune`
        assert facts["Kommune"].text.startswith(f"{official} (Region ")
        assert facts["Periode"].text == period(meta["started"], meta.get("ended"))
        labels = {
            "idea": "Idé",
            "pilot": "Pilot",
            "operation": "I drift",
            "scaled": "Udbredt",
            "ended": "Afsluttet",
        }
        assert facts["Status"].text == labels[meta["status"]]
        theme_links = [a.attrs["href"] for a in facts["Temaer"].find_all("a")]
        assert theme_links == [f"../../themes/{t}/" for t in meta["themes"]]
        mailto = [a.attrs["href"] for a in facts["Kontakt"].find_all("a")]
        assert f"mailto:{meta['contact']['email']}" in mailto
        if "budget_dkk" in meta:
            assert facts["Budget"].text == kroner(meta["budget_dkk"])
        if meta.get("tags"):
            # Labels, not slugs: `grøn-bølge` reads "grøn bølge".
            shown = [a.text for a in facts["Nøgleord"].find_all("a")]
            assert shown == [keyword_label(t) for t in meta["tags"]]
            assert not any("-" in t and " " not in t and t != "CO2-neutral" for t in shown)
        if meta.get("sdgs"):
            assert [li.text.split(".")[0] for li in facts["Verdensmål"].find_all("li")] == [
                str(n) for n in meta["sdgs"]
            ]
        if meta.get("results"):
            rows = html.find("section", **{"aria-labelledby": "sc-results-title"}).find_all("tr")[
                1:
            ]
            for row, result in zip(rows, meta["results"], strict=True):
                cells = [td.text for td in row.find_all("td")]
                assert cells[0] == result["indicator"]
                assert cells[1] == f"{danish_number(result['value'])} {result['unit']}"
        dates = html.find("p", cls="sc-dates")
        assert dates.find("time").attrs["datetime"] == meta["published"]


def test_reused_by_inverts_based_on(built, cases):
    reused_by: dict[str, set[str]] = {}
    for slug, meta in cases.items():
        for original in meta.get("based_on", []):
            reused_by.setdefault(original, set()).add(slug)
    assert reused_by, "the bundled content should show at least one reuse"
    for slug in cases:
        html = page(built, f"cases/{slug}")
        builds_on = html.find_all("section", cls="sc-reuse")
        shown = (
            {a.attrs["href"].split("/")[-2] for a in builds_on[0].find_all("a")}
            if builds_on
            else set()
        )
        assert shown == set(cases[slug].get("based_on", [])), slug
        # Who reused it is said once, in the reuse box's tree.
        box = html.find("section", cls="sc-adopt")
        trees = box.find_all("ul", cls="sc-reuse-tree")
        reusers = (
            {a.attrs["href"].split("/")[-2] for a in trees[0].find_all("a")} if trees else set()
        )
        assert reused_by.get(slug, set()) <= reusers, slug
        assert "Genbrugt af" not in html.text, slug


def test_related_cases_are_three_to_five_and_never_the_case_itself(built, cases):
    for slug in cases:
        html = page(built, f"cases/{slug}")
        related = html.find("section", **{"aria-labelledby": "sc-related-title"})
        links = [a.attrs["href"] for a in related.find_all("a") if a.parent.tag == "h3"]
        assert 3 <= len(links) <= 5, slug
        assert f"../{slug}/" not in links


def test_related_cases_follow_the_rule_over_every_case(built, monkeypatch):
    """With pools large enough to hold every case, each case's related cases are exactly the
    best five of all others: more shared themes and keywords first, then the same municipality,
    then the newer; a case with nothing in common and another municipality is never related."""
    from generator.content.validate import load_tree
    from generator.site import model

    monkeypatch.setattr(model, "RELATED_POOL", 10**6)
    project = Project(built)
    site = model.Site(load_tree(project), project.schemas)
    for number, case in enumerate(site.cases):
        themes, tags = {t.id for t in case.themes}, set(case.doc.meta.get("tags", ()))
        ranked = []
        for position, other in enumerate(site.cases):
            shared = len(themes & {t.id for t in other.themes}) + len(
                tags & set(other.doc.meta.get("tags", ()))
            )
            same_place = other.municipality is case.municipality
            if position != number and (shared or same_place):
                ranked.append((-shared, not same_place, position, other.slug))
        expected = [slug for *_, slug in sorted(ranked)[: model.RELATED_MAX]]
        assert [c.slug for c in case.related] == expected, case.slug


def test_home_page(built, cases):
    html = page(built, "")
    tiles = {
        t.find("span", cls="sc-tile__label").text: t.find("span", cls="sc-tile__count").text
        for t in html.find_all("li", cls="sc-tile")
    }
    for theme, label in [("trafik", "Trafik og mobilitet"), ("klima", "Klima og klimatilpasning")]:
        count = sum(theme in m["themes"] for m in cases.values())
        assert tiles[label] == f"{count} cases"
    stats = html.find("ul", cls="sc-stats").text
    leads = len({m["municipality"] for m in cases.values()})
    assert f"{leads} kommuner har bidraget" in stats
    assert f"{len(cases)} cases" in stats
    newest = [a.attrs["href"].split("/")[-2] for a in html.find_all("a") if a.parent.tag == "h3"]
    by_date = sorted(cases, key=lambda s: cases[s]["published"], reverse=True)
    assert {cases[s]["published"] for s in newest} == {cases[s]["published"] for s in by_date[:6]}
    assert html.find("a", href="contribute/")


def test_guides_and_tags_pages(built):
    guides = page(built, "guides")
    assert {a.attrs["href"] for a in guides.find_all("a") if a.parent.tag == "h2"} == {
        "kom-godt-i-gang/",
        "maal-effekten/",
        "organisering-paa-tvaers/",
    }
    guide = page(built, "guides/kom-godt-i-gang")
    assert guide.find("section", **{"aria-labelledby": "sc-guide-cases"}).find_all("article")
    tags = page(built, "tags")
    first = tags.find("ul", cls="sc-columns").find("a")
    target = built / "site" / "tags" / first.attrs["href"] / "index.html"
    assert target.is_file()


def test_navigation_lists_sections_and_themes_not_cases(built, cases):
    html = page(built, "")
    nav = html.find("nav", cls="md-nav--primary")
    hrefs = [a.attrs["href"] for a in nav.find_all("a")]
    assert not any("cases/" in h and h != "cases/" for h in hrefs if not h.startswith("themes"))
    assert "themes/trafik/" in hrefs and "municipalities/" in hrefs and "guides/" in hrefs
    assert len(hrefs) < 30


def _internal_targets(site: Path):
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        base = "/" + html_file.relative_to(site).as_posix()
        for _attr, url in re.findall(r'\s(href|src)="([^"]*)"', text):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "tel:")):
                continue
            yield html_file, urljoin(base, unquote(parts.path))


def test_no_broken_internal_links(built):
    site = built / "site"
    broken = []
    for source, target in _internal_targets(site):
        path = site / target.lstrip("/")
        if not (path.is_file() or (path / "index.html").is_file()):
            broken.append((source.relative_to(site).as_posix(), target))
    assert broken == []


def test_no_page_loads_anything_from_another_host(built):
    resource = re.compile(
        r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*"
        r'\s(?:src|href|data)="(https?:)?//',
        re.I,
    )
    css_import = re.compile(r"@import|url\((['\"]?)(https?:)?//", re.I)
    offenders = []
    for html_file in (built / "site").rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for match in resource.finditer(text):
            tag = text[match.start() : text.index(">", match.start()) + 1]
            if 'rel="canonical"' in tag or "og:" in tag:
                continue
            offenders.append((html_file.name, tag))
    for css in (built / "site").rglob("*.css"):
        if css_import.search(css.read_text(encoding="utf-8")):
            offenders.append((css.name, "remote url() in CSS"))
    assert offenders == []


def test_open_graph_and_meta_description_come_from_the_case(built, cases):
    slug, meta = next(iter(sorted(cases.items())))
    text = (built / "site" / "cases" / slug / "index.html").read_text(encoding="utf-8")
    html = parse(text)
    assert html.find("title").text == f"{meta['title']} - Smart City-vidensbanken"
    assert html.find("meta", name="description").attrs["content"] == " ".join(
        meta["summary"].split()
    )
    assert html.find("meta", property="og:title").attrs["content"] == meta["title"]
    assert html.find("meta", property="og:type").attrs["content"] == "article"
    assert html.find("html").attrs["lang"] == "da"


def test_search_index_has_every_case(built, cases):
    pages = sorted((built / "site/search/pages").glob("*.json"), key=lambda p: int(p.stem))
    locations = [d[0] for page in pages for d in json.loads(page.read_text(encoding="utf-8"))]
    # Cases first, in the site's order: newest first, then by title (their search numbers are
    # their positions, which the finder page uses).
    newest_first = sorted(
        cases,
        key=lambda s: (
            -dt.date.fromisoformat(str(cases[s]["published"])).toordinal(),
            cases[s]["title"].lower(),
            s,
        ),
    )
    assert locations[: len(cases)] == [f"cases/{slug}/" for slug in newest_first]


def test_stale_cases_carry_a_discreet_note(tiny, base_case):
    from tests_support import build

    tiny.write(
        {
            "content/cases/old.md": base_case.replace(
                "published: 2025-01-15", "published: 2023-01-15"
            ),
            "content/cases/reviewed.md": base_case.replace(
                "published: 2025-01-15", "published: 2023-01-15\nreviewed: 2025-11-01"
            ),
        }
    )
    site = build(tiny)
    old = parse((site / "cases/old/index.html").read_text(encoding="utf-8"))
    assert old.find("p", cls="sc-stale").text.startswith(
        "Bemærk: oplysningerne er over to år gamle (senest bekræftet 15. januar 2023)."
    )
    fresh = parse((site / "cases/reviewed/index.html").read_text(encoding="utf-8"))
    assert fresh.find_all("p", cls="sc-stale") == []


def test_every_municipality_has_a_page_and_the_map_links_them_all(built, cases):
    """The mapping: each of the 98 municipalities has its page, whether or not it has a case,
    and the map and its table link every one."""
    municipalities = Project(built).taxonomy.municipalities
    assert len(municipalities) == 98
    for m in municipalities.values():
        html = page(built, f"municipalities/{m.slug}")
        assert html.find("h1").text == m.official_name
    # As the two sign themselves, never "København Kommune" or "Bornholm Kommune".
    assert page(built, "municipalities/koebenhavn").find("h1").text == "Københavns Kommune"
    assert page(built, "municipalities/bornholm").find("h1").text == "Bornholms Regionskommune"
    index = page(built, "municipalities")
    linked = {a.attrs["href"] for a in index.find_all("a")}
    assert {f"{m.slug}/" for m in municipalities.values()} <= linked
    for url in ("map", "map/klima"):
        html = page(built, url)
        figure = html.find("figure", cls="sc-map")
        on_map = {
            a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
            for a in figure.find_all("a")
            if "/municipalities/" in a.attrs["href"]
        }
        assert on_map == {m.slug for m in municipalities.values()}, url
        table = html.find("table", cls="sc-map-table")
        assert len([a for a in table.find_all("a") if "municipalities/" in a.attrs["href"]]) == 98


def test_a_municipality_without_a_case_of_its_own_shows_what_it_takes_part_in(built, cases):
    # Gladsaxe leads nothing but is a partner in Albertslund's LINC case.
    gladsaxe = page(built, "municipalities/gladsaxe")
    assert "../../cases/albertslund-linc-selvkoerende-shuttles/" in card_links(gladsaxe)
    assert gladsaxe.find("h2", id="sc-partnered") is not None
    assert gladsaxe.find("h2", id="sc-invite-title") is not None, "invited to lead one"
    # Læsø has nothing yet: an invitation, and no empty sections.
    laesoe = page(built, "municipalities/laesoe")
    assert "Endnu ingen cases i vidensbanken." in laesoe.text
    assert laesoe.find_all("h2", id="sc-led") == laesoe.find_all("h2", id="sc-partnered") == []
    invite = laesoe.find("section", cls="sc-invite")
    assert invite.find("a", cls="md-button").attrs["href"] == "../../contribute/"


def test_municipality_pages_show_events_and_reuse_both_ways(built, cases):
    reusers = {
        (s, o)
        for s, m in cases.items()
        for o in m.get("based_on", [])
        if cases[o]["municipality"] != m["municipality"]
    }
    assert reusers, "the bundled content has reuse between municipalities"
    municipalities = Project(built).taxonomy.municipalities
    for reuser, original in reusers:
        mine = municipalities[cases[reuser]["municipality"]].slug
        theirs = municipalities[cases[original]["municipality"]].slug
        html = page(built, f"municipalities/{mine}")
        assert html.find("h2", id="sc-municipality-reuse") is not None, mine
        assert f"../../cases/{original}/" in {a.attrs["href"] for a in html.find_all("a")}
        html = page(built, f"municipalities/{theirs}")
        assert html.find("h2", id="sc-municipality-reuse") is not None, theirs
        assert f"../../cases/{reuser}/" in {a.attrs["href"] for a in html.find_all("a")}
    # The 2025 conference is held in Vejle.
    vejle = page(built, "municipalities/vejle")
    events = vejle.find("h2", id="sc-municipality-events")
    assert events is not None
    assert "../../events/smart-city-konferencen-2025/" in card_links(vejle)


def test_the_table_of_contents_lists_every_section_of_a_case(built, cases):
    """The right-hand table of contents: the measured results and the reuse box too, not only
    the body's headings, each pointing at a heading of the page."""
    for slug, meta in cases.items():
        html = page(built, f"cases/{slug}")
        toc = html.find("nav", cls="md-nav--secondary")
        entries = [(a.text.strip(), a.attrs["href"]) for a in toc.find_all("a")]
        titles = [t for t, _ in entries]
        assert "Vil I gøre det samme?" in titles, slug
        assert ("Målte resultater" in titles) == bool(meta.get("results")), slug
        headings = {h.attrs.get("id"): h.text for h in html.find_all("h2") if h.attrs.get("id")}
        for title, href in entries:
            assert headings.get(href.lstrip("#"), "").startswith(title), (slug, title)
        if meta.get("results"):
            assert titles.index("Målte resultater") < titles.index("Vil I gøre det samme?")


def test_keyword_pages_show_labels_not_slugs(built):
    for url, label in [("tags/groen-boelge", "grøn bølge"), ("tags/iot", "IoT")]:
        html = page(built, url)
        assert html.find("h1").text == f"Nøgleord: {label}"
    index = page(built, "tags")
    names = [a.text for a in index.find_all("a") if a.attrs["href"].count("/") == 1]
    assert "første og sidste led" in names and not any("-" in n for n in names if " " in n)


def test_partners_written_naturally_validate_and_link(tiny, base_case):
    from tests_support import build

    partners = (
        "partners: [Københavns Kommune, Region Midtjylland, KL, Aarhus Universitet & Co., "
        "Skanderborg Kommune, Bornholms Regionskommune]\npublished:"
    )
    tiny.write({"content/cases/sensorer.md": base_case.replace("published:", partners, 1)})
    checked = tiny.run("validate", "--strict")
    assert checked.exit_code == 0, checked.output
    assert checked.output == "Tjekket 1 fil: ingen fejl.\n"
    site = build(tiny, "--strict")
    facts = parse((site / "cases/sensorer/index.html").read_text(encoding="utf-8"))
    items = {
        li.text.strip(): [a.attrs["href"] for a in li.find_all("a")]
        for li in facts.find("aside", cls="sc-facts")
        .find("ul", cls="sc-inline-list")
        .find_all("li")
    }
    assert items == {
        "Københavns Kommune": ["../../municipalities/koebenhavn/"],
        "Region Midtjylland": ["../../municipalities/#midtjylland"],
        "KL": [],
        "Aarhus Universitet & Co.": [],
        "Skanderborg Kommune": ["../../municipalities/skanderborg/"],
        "Bornholms Regionskommune": ["../../municipalities/bornholm/"],
    }
    partnered = parse((site / "municipalities/koebenhavn/index.html").read_text(encoding="utf-8"))
    assert "../../cases/sensorer/" in card_links(partnered)


def test_a_partner_that_only_looks_like_a_municipality_is_still_a_warning(tiny, base_case):
    tiny.write(
        {
            "content/cases/sensorer.md": base_case.replace(
                "published:", "partners: [Lyngby]\npublished:", 1
            )
        }
    )
    checked = tiny.run("validate")
    assert "Partneren 'Lyngby' ligner kommunen 'Lyngby-Taarbæk'." in checked.output


def test_page_titles_name_the_site_once(built, cases):
    assert page(built, "").find("title").text == "Smart City-vidensbanken"
    slug, meta = next(iter(cases.items()))
    assert page(built, f"cases/{slug}").find("title").text == (
        f"{meta['title']} - Smart City-vidensbanken"
    )
    doubled = [
        path.relative_to(built / "site").as_posix()
        for path in (built / "site").rglob("index.html")
        if parse(path.read_text(encoding="utf-8")).find("title").text.count("vidensbanken") > 1
    ]
    assert doubled == []


def test_the_build_points_to_serve_not_to_a_file_url(tiny, base_case):
    """The pages link to folders (`cases/x/`), which a browser shows as directory listings when
    the site is opened from the disk: `file://` would lead a contributor astray."""
    tiny.write({"content/cases/sensorer.md": base_case})
    result = tiny.run("build")
    assert result.exit_code == 0
    assert "file://" not in result.output
    assert result.stdout.splitlines()[-2:] == [
        f"Sitet er bygget i {tiny.root / 'site'}.",
        "Se det med 'smartcity serve' på http://127.0.0.1:8000/, eller læg mappen på en "
        "webserver, som den er.",
    ]
    assert 'href="cases/"' in (tiny.root / "site" / "index.html").read_text(encoding="utf-8")
