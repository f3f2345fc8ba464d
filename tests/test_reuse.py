"""1:1 reuse: the reuse box on every case page, the reuse tree over several generations,
`based_on` cycles as validation errors, and the /reuse/ page."""

from __future__ import annotations

import pytest
from conftest import TinyProject
from htmltree import parse
from tests_support import build

from generator.content.cycles import based_on_cycles
from generator.content.project import Project
from generator.content.validate import load_tree
from generator.site.finder import case_values
from generator.site.model import Site

# slug: (municipality, published, based_on). `f` builds on two cases of the same chain.
FAMILY = {
    "a": ("Albertslund", "2020-01-01", []),
    "b": ("Aarhus", "2021-01-01", ["a"]),
    "c": ("Odense", "2021-06-01", ["a"]),
    "d": ("Vejle", "2022-01-01", ["b"]),
    "e": ("Kolding", "2023-01-01", ["d"]),
    "f": ("Fredensborg", "2023-06-01", ["b", "c"]),
    "x": ("Silkeborg", "2022-03-01", []),
    "y": ("Holbæk", "2024-03-01", ["x"]),
}


def case_text(base_case: str, slug: str, municipality: str, published: str, based_on) -> str:
    text = (
        base_case.replace("municipality: Aarhus", f"municipality: {municipality}")
        .replace(
            "title: Sensorer måler trafikken i midtbyen", f"title: Sensorer i byen, case {slug}"
        )
        .replace("published: 2025-01-15", f"published: {published}")
    )
    if based_on:
        text = text.replace(
            f"published: {published}\n",
            f"published: {published}\nbased_on: [{', '.join(based_on)}]\n",
        )
    return text


def write_family(tiny: TinyProject, base_case: str, family=FAMILY) -> TinyProject:
    return tiny.write(
        {
            f"content/cases/{slug}.md": case_text(base_case, slug, *spec)
            for slug, spec in family.items()
        }
    )


def site_model(tiny: TinyProject, *, force_valid: bool = False) -> Site:
    project = tiny.project
    tree = load_tree(project)
    if force_valid:  # what the model does if invalid content ever got past validation
        for docs in tree.documents.values():
            for doc in docs:
                doc.valid = True
    return Site(tree, project.schemas)


def shape(node) -> list:
    """A reuse tree as the page draws it: [(slug, [children...]), ...] from nested lists."""
    found = []
    for li in (c for c in node.children if getattr(c, "tag", None) == "li"):
        link = next(c for c in li.children if getattr(c, "tag", None) == "a")
        nested = [c for c in li.children if getattr(c, "tag", None) == "ul"]
        found.append(
            (link.attrs["href"].rstrip("/").rsplit("/", 1)[-1], shape(nested[0]) if nested else [])
        )
    return found


def box(site, slug: str):
    html = parse((site / "cases" / slug / "index.html").read_text(encoding="utf-8"))
    return html.find("section", cls="sc-adopt")


@pytest.fixture(scope="module")
def family_site(tmp_path_factory, base_case):
    tiny = write_family(TinyProject(tmp_path_factory.mktemp("reuse") / "project"), base_case)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1780272000")
        return build(tiny)


# -- the tree ----------------------------------------------------------------------------------


def test_reuse_tree_inverts_based_on_over_several_generations(tiny, base_case):
    site = site_model(write_family(tiny, base_case))
    tree = site.case_by_slug["a"].reuse_tree

    def walk(node):
        return [(child.case.slug, child.repeated, walk(child)) for child in node.children]

    assert walk(tree.root) == [
        ("b", False, [("d", False, [("e", False, [])]), ("f", False, [])]),
        ("c", False, [("f", True, [])]),
    ]
    assert tree.generations == 3
    assert [c.slug for c in tree.reusers] == ["b", "c", "d", "f", "e"]
    assert [m.name for m in tree.municipalities] == [
        "Aarhus",
        "Odense",
        "Vejle",
        "Fredensborg",
        "Kolding",
    ]
    assert site.case_by_slug["e"].reuse_tree.generations == 0


def test_case_page_draws_the_tree_as_nested_lists(family_site):
    section = box(family_site, "a")
    assert section.find("h2").text == "Vil I gøre det samme?"
    assert "Genbrugt 5 gange af 5 kommuner over 3 generationer." in section.text
    assert shape(section.find("ul", cls="sc-reuse-tree")) == [
        ("b", [("d", [("e", [])]), ("f", [])]),
        ("c", [("f", [])]),
    ]
    items = section.find("ul", cls="sc-reuse-tree").find_all("li")
    assert items[0].text.startswith("Aarhus: Sensorer i byen, case b")
    assert "står også et andet sted i træet" in items[-1].text  # f under c

    middle = box(family_site, "b")
    assert "Genbrugt 3 gange af 3 kommuner over 2 generationer." in middle.text
    assert shape(middle.find("ul", cls="sc-reuse-tree")) == [("d", [("e", [])]), ("f", [])]

    leaf = box(family_site, "e")
    assert not leaf.find_all("ul", cls="sc-reuse-tree")
    # The reader is told what to do, in words; the field to write is the review's business.
    assert "Ingen kommune har meldt genbrug endnu." in leaf.text
    assert "based_on" not in leaf.text and not leaf.find_all("code")


def test_every_edge_of_the_drawn_tree_is_a_based_on_entry(family_site):
    """However the tree is laid out, a child always names its parent in `based_on`, and the
    tree holds exactly the cases that reach the root through `based_on`."""

    def edges(items, parent):
        for slug, children in items:
            yield parent, slug
            yield from edges(children, slug)

    for root in FAMILY:
        reachers = {root}
        while True:
            more = {s for s, (_, _, on) in FAMILY.items() if set(on) & reachers} - reachers
            if not more:
                break
            reachers |= more
        section = box(family_site, root)
        trees = section.find_all("ul", cls="sc-reuse-tree")
        drawn = list(edges(shape(trees[0]), root)) if trees else []
        assert all(parent in FAMILY[child][2] for parent, child in drawn), root
        assert {child for _, child in drawn} == reachers - {root}, root


def test_deep_chains_are_cut_and_say_so(tiny, base_case):
    chain = {"g0": ("Aarhus", "2020-01-01", [])}
    for n in range(1, 10):
        chain[f"g{n}"] = ("Aarhus", f"20{20 + n}-01-01", [f"g{n - 1}"])
    site = site_model(write_family(tiny, base_case, chain))
    tree = site.case_by_slug["g0"].reuse_tree
    node, depth = tree.root, 0
    while node.children:
        node, depth = node.children[0], depth + 1
    assert depth == 6 and node.case.slug == "g6" and node.hidden == 3
    assert len(tree.reusers) == 9


# -- cycles ------------------------------------------------------------------------------------


def test_based_on_cycle_is_an_error_at_the_entry_that_closes_it(tiny, base_case):
    write_family(
        tiny,
        base_case,
        {
            "lys-aarhus": ("Aarhus", "2021-01-01", ["lys-odense"]),
            "lys-odense": ("Odense", "2022-01-01", ["lys-aarhus"]),
        },
    )
    result = tiny.run("validate")
    assert result.stdout.splitlines() == [
        "content/cases/lys-odense.md:11:12: fejl: based_on[0]: Genbruget går i ring: lys-aarhus "
        "→ lys-odense → lys-aarhus. En case kan ikke bygge på en case, der selv bygger på den "
        "(direkte eller via andre). Fjern 'lys-aarhus' her, eller ret den case, der står forkert. "
        "[based_on.cycle]",
        "Tjekket 2 filer: 1 fejl i 1 fil.",
    ]
    assert result.exit_code == 1


def test_longer_cycle_is_reported_once(tiny, base_case):
    write_family(
        tiny,
        base_case,
        {
            "a": ("Aarhus", "2021-01-01", ["b"]),
            "b": ("Odense", "2022-01-01", ["x", "c"]),
            "c": ("Vejle", "2023-01-01", ["a"]),
            "x": ("Kolding", "2020-01-01", []),
        },
    )
    lines = tiny.run("validate").stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        "content/cases/c.md:11:12: fejl: based_on[0]: Genbruget går i ring: a → b → c → a."
    )


def test_cycle_search_blames_the_right_entry_and_skips_what_other_rules_report():
    graph = {"a": ["a", "nope", "b"], "b": ["c"], "c": ["b", "a"], "d": ["a"]}
    found = [(c.slug, c.index, " → ".join(c.path)) for c in based_on_cycles(graph)]
    assert found == [("c", 0, "b → c → b"), ("c", 1, "a → b → c → a")]
    long_chain = {f"n{i}": [f"n{i + 1}"] for i in range(5000)} | {"n5000": ["n0"]}
    assert len(based_on_cycles(long_chain)) == 1  # no recursion limit on a long chain


def test_model_never_loops_on_a_cycle(tiny, base_case):
    write_family(
        tiny,
        base_case,
        {
            "a": ("Aarhus", "2021-01-01", ["c"]),
            "b": ("Odense", "2022-01-01", ["a"]),
            "c": ("Vejle", "2023-01-01", ["b"]),
        },
    )
    site = site_model(tiny, force_valid=True)
    tree = site.case_by_slug["a"].reuse_tree
    assert [c.slug for c in tree.reusers] == ["b", "c"]
    assert tree.root.children[0].children[0].children[0].repeated  # a again, not expanded
    assert [t.root.case.slug for t in site.reuse_chains] == ["c"]  # newest first among equals
    assert {c.slug for t in site.reuse_chains for c in t.reusers} == {"a", "b"}


# -- what the box says -------------------------------------------------------------------------


def test_box_shows_contact_what_to_reuse_and_what_copying_takes(tiny):
    tiny.fixture("valid", "cases/reuse-facts.md")
    site = build(tiny)
    section = box(site, "reuse-facts")
    assert [
        a.attrs["href"] for a in section.find_all("a") if a.attrs["href"].startswith("mailto:")
    ] == ["mailto:vej@skanderborg.dk"]
    facts = section.find("dl", cls="sc-adopt__facts")
    assert {dt.text: dd.text for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"))} == {
        "Kildekode": "https://github.com/skanderborg/lysstyring",
        "Indkøb": "Rammeaftale",
        "Leverandør": "Lys og Styring A/S",
        "Drift om året": "120.000 kr.",
        "Personale": "0,2 årsværk",
        "Konsekvensanalyse (databeskyttelse)": "Nej, ikke udført",
        "Licens": "EUPL-1.2",
    }
    # The case's links are sources, listed as such after the box, not as something to reuse.
    assert "Udbudsmaterialet" not in section.text
    html = parse((site / "cases" / "reuse-facts" / "index.html").read_text(encoding="utf-8"))
    sources = html.find("section", **{"aria-labelledby": "sc-sources-title"})
    assert sources.find("h2").text == "Kilder og links"
    assert [li.text for li in sources.find_all("li")] == ["Udbudsmaterialet"]


def test_box_without_material_or_reuse_tells_what_to_do(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    section = box(build(tiny), "sensorer")
    assert "Spørg kontakten, hvad I kan få med" in section.text
    assert not section.find_all("dl")
    assert "Ingen kommune har meldt genbrug endnu." in section.text


# -- the /reuse/ page and the one rule ---------------------------------------------------------


def test_reuse_page_lists_every_chain_most_reused_first(family_site):
    html = parse((family_site / "reuse" / "index.html").read_text(encoding="utf-8"))
    chains = html.find("ol", cls="sc-chains").find_all("li", cls="sc-chain")
    assert [shape(c.find("ul", cls="sc-reuse-tree")) for c in chains] == [
        [("a", [("b", [("d", [("e", [])]), ("f", [])]), ("c", [("f", [])])])],
        [("x", [("y", [])])],
    ]
    assert [c.find("p", cls="sc-chain__count").text for c in chains] == [
        "Genbrugt 5 gange af 5 kommuner over 3 generationer",
        "Genbrugt 1 gang af 1 kommune",
    ]


def test_reusable_is_one_rule_for_the_finder_and_the_reuse_page(tiny, base_case):
    write_family(
        tiny, base_case, {"a": ("Aarhus", "2021-01-01", []), "b": ("Odense", "2022-01-01", ["a"])}
    )
    tiny.fixture("valid", "cases/reuse-facts.md")  # source code and a `reuse` mapping
    only_mapping = base_case.replace("published:", "reuse:\n  supplier: Firma A/S\npublished:")
    only_code = base_case.replace("published:", "source_code: https://github.com/k/p\npublished:")
    tiny.write(
        {"content/cases/kun-genbrug.md": only_mapping, "content/cases/kun-kode.md": only_code}
    )
    site = site_model(tiny)
    finder_says = {c.slug for c in site.cases if case_values(c)["reusable"] == ["ja"]}
    assert finder_says == {"a", "reuse-facts", "kun-genbrug", "kun-kode"}
    html = parse((build(tiny) / "reuse" / "index.html").read_text(encoding="utf-8"))
    ready = {
        a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in html.find("section", **{"aria-labelledby": "sc-ready-title"}).find_all("a")
        if a.parent.tag == "h3"
    }
    in_chains = {
        a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in html.find("ol", cls="sc-chains").find_all("a")
    }
    assert ready | (in_chains - {"b"}) == finder_says  # b reuses, nobody reuses b


# -- the bundled site --------------------------------------------------------------------------


def test_every_bundled_case_page_has_the_box(built):
    tree = load_tree(Project(built))
    cases = {d.slug: d.meta for d in tree.of_type("cases")}
    for slug, meta in cases.items():
        section = box(built / "site", slug)
        assert section.find("h2").text == "Vil I gøre det samme?"
        assert section.find("a", href=f"mailto:{meta['contact']['email']}")
        html = parse((built / "site" / "cases" / slug / "index.html").read_text(encoding="utf-8"))
        if meta.get("links"):  # sources, after the box
            sources = html.find("section", **{"aria-labelledby": "sc-sources-title"})
            listed = {a.attrs["href"] for a in sources.find_all("a")}
            assert {link["url"] for link in meta["links"]} == listed, slug
        reusers = {s for s, m in cases.items() if slug in m.get("based_on", [])}
        trees = section.find_all("ul", cls="sc-reuse-tree")
        drawn = {s for s, _ in shape(trees[0])} if trees else set()
        assert drawn == reusers, slug
    assert (built / "site" / "reuse" / "index.html").is_file()
