"""Working groups: validated like cases, a page per group with its members and the cases of its
themes, the groups index, municipality pages that list their groups, and the navigation."""

from __future__ import annotations

import pytest
from htmltree import parse
from tests_support import build

from generator.content.project import Project
from generator.content.validate import load_tree


def page(site, url: str):
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled(built):
    tree = load_tree(Project(built))
    return (
        {d.slug: d.meta for d in tree.of_type("groups")},
        {d.slug: d.meta for d in tree.of_type("cases")},
    )


def test_bundled_content_has_groups_marked_as_examples(bundled):
    groups, _ = bundled
    assert len(groups) >= 3
    for meta in groups.values():
        assert "(eksempel)" in meta["title"] and meta["summary"].startswith("Eksempel:")


def test_group_page_links_members_and_lists_the_cases_of_its_themes(built, bundled):
    groups, cases = bundled
    municipalities = Project(built).taxonomy.municipalities
    for slug, meta in groups.items():
        html = page(built / "site", f"groups/{slug}")
        assert html.find("h1").text == meta["title"]
        members = html.find("section", **{"aria-labelledby": "sc-members-title"}).find_all("li")
        assert sorted(li.text for li in members) == sorted(
            municipalities[m].official_name for m in meta["members"]
        )
        for li, name in zip(members, sorted(meta["members"], key=lambda n: municipalities[n].slug)):
            links = li.find_all("a")
            # every municipality has a page, those without a case too
            assert links[0].attrs["href"] == f"../../municipalities/{municipalities[name].slug}/"
        shown = html.find("section", **{"aria-labelledby": "sc-group-cases"})
        listed = [
            a.attrs["href"].split("/")[-2] for a in shown.find_all("a") if a.parent.tag == "h3"
        ]
        expected = sorted(
            (s for s, m in cases.items() if set(m["themes"]) & set(meta["themes"])),
            key=lambda s: cases[s]["published"],
            reverse=True,
        )[:12]
        assert sorted(listed) == sorted(expected)
        dates = [cases[s]["published"] for s in listed]
        assert dates == sorted(dates, reverse=True), "newest first"
        facts = html.find("aside", cls="sc-facts")
        assert facts.find("a", href=f"mailto:{meta['contact']['email']}")


def test_groups_index_lists_every_group_forming_and_active_first(built, bundled):
    groups, _ = bundled
    html = page(built / "site", "groups")
    listed = [a.attrs["href"].rstrip("/") for a in html.find_all("a") if a.parent.tag == "h2"]
    assert sorted(listed) == sorted(groups)
    order = {"forming": 0, "active": 1, "closed": 2}
    ranks = [order[groups[s]["status"]] for s in listed]
    assert ranks == sorted(ranks)


def test_municipality_pages_list_the_groups_they_sit_in(built, bundled):
    groups, _ = bundled
    municipalities = Project(built).taxonomy.municipalities
    for folder in (built / "site" / "municipalities").iterdir():
        if not (folder / "index.html").is_file():
            continue
        html = page(built / "site", f"municipalities/{folder.name}")
        name = next(m for m in municipalities.values() if m.slug == folder.name).name
        expected = {s for s, meta in groups.items() if name in meta["members"]}
        found = html.find_all("h2", id="sc-municipality-groups")
        shown = set()
        if found:
            shown = {
                a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
                for a in found[0].parent.find_all("a")
                if "groups/" in a.attrs["href"]
            }
        assert shown == expected, name


def test_navigation_has_groups_and_events(built):
    nav = page(built / "site", "").find("nav", cls="md-nav--primary")
    links = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert links["Arbejdsgrupper"] == "groups/"
    assert links["Arrangementer"] == "events/"
    assert links["Genbrug"] == "reuse/"


def test_group_in_a_tiny_project(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})  # Aarhus, themes trafik and data
    tiny.fixture("valid", "groups/group-minimal.md")
    site = build(tiny)
    html = page(site, "groups/group-minimal")
    facts = html.find("aside", cls="sc-facts")
    values = {d.text: v.text for d, v in zip(facts.find_all("dt"), facts.find_all("dd"))}
    assert values["Status"] == "Aktiv"
    assert values["Mødes"] == "Hvert kvartal"
    assert values["Medlemmer"] == "3 kommuner"
    members = html.find("section", **{"aria-labelledby": "sc-members-title"})
    assert [li.text for li in members.find_all("li")] == [
        "Aarhus Kommune",
        "Høje-Taastrup Kommune",
        "Odense Kommune",
    ]
    assert [a.text for a in members.find_all("a")] == [
        "Aarhus Kommune",
        "Høje-Taastrup Kommune",
        "Odense Kommune",
    ]
    # Odense has no case, only the group: its page says so, and invites a case.
    odense = page(site, "municipalities/odense")
    assert "Endnu ingen cases i vidensbanken, men med i 1 arbejdsgruppe." in odense.text
    assert odense.find("h2", id="sc-municipality-groups") is not None
    assert odense.find("h2", id="sc-invite-title") is not None
    assert "Der er ingen cases inden for gruppens temaer endnu." in html.text  # energi only
    aarhus = page(site, "municipalities/aarhus")
    assert (
        aarhus.find("h2", id="sc-municipality-groups").text
        == "Arbejdsgrupper, som Aarhus Kommune er med i"
    )
    assert "(aktiv, mødes hvert kvartal)" in aarhus.text
