"""Long listings in pages: each theme's, municipality's and keyword's cases and /reuse/ go on at
`side/2/` and on once they pass the plugin's `page_size`, so that no page grows with the number
of cases; every case stays reachable by following the page links, without JavaScript."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from posixpath import normpath

import pytest
from browser import serve
from conftest import BUILD_DATE_EPOCH, REPO
from htmltree import parse

from generator.content.project import Project
from generator.content.taxonomy import danish_slug
from generator.content.validate import load_tree
from generator.site.paging import paginate

PAGE_SIZE = 3
CASES = 60


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """A synthetic site of CASES cases (benchmarks/corpus.py) built with `page_size: 3`:
    (site folder, case metadata by slug)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    project = write_corpus(tmp_path_factory.mktemp("paged") / "project", CASES)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - smartcity:\n" in text
    config.write_text(
        text.replace("  - smartcity:\n", f"  - smartcity:\n      page_size: {PAGE_SIZE}\n"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--strict"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH},
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    metas = {d.slug: d.meta for d in load_tree(Project(project)).of_type("cases")}
    return project / "site", metas


def newest_first(metas: dict, slugs) -> list[str]:
    return sorted(
        slugs,
        key=lambda s: (
            -dt.date.fromisoformat(metas[s]["published"]).toordinal(),
            metas[s]["title"].lower(),
            s,
        ),
    )


def page_at(site, url: str):
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


def card_slugs(html) -> list[str]:
    return [
        a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in html.find_all("a")
        if a.parent.attrs.get("class") == "sc-card__title"
    ]


def follow(site, first: str) -> list[tuple[str, object]]:
    """The pages of a listing as a reader without script goes through them: the first page,
    then its "Næste side" link until there is none. (URL, parsed page) each."""
    pages, url = [], first
    while True:
        html = page_at(site, url)
        pages.append((url, html))
        following = [a for a in html.find_all("a") if a.attrs.get("rel") == "next"]
        if not following:
            return pages
        assert len(following) == 1
        url = normpath(f"{url}{following[0].attrs['href']}") + "/"
        assert len(pages) < 100, "the links go round in circles"


def listings(metas: dict) -> dict[str, list[str]]:
    """First-page URL -> the cases it must list, in order, from the case files alone."""
    names = {}
    expected: dict[str, list[str]] = {}
    for theme in {t for m in metas.values() for t in m["themes"]}:
        expected[f"themes/{theme}/"] = newest_first(
            metas, [s for s, m in metas.items() if theme in m["themes"]]
        )
    for tag in {t for m in metas.values() for t in m.get("tags", [])}:
        expected[f"tags/{danish_slug(tag)}/"] = newest_first(
            metas, [s for s, m in metas.items() if tag in m.get("tags", [])]
        )
    for slug, meta in metas.items():
        names.setdefault(meta["municipality"], set())
        for partner in meta.get("partners", []):
            names.setdefault(partner, set()).add(slug)
    for name, partnered in names.items():
        if name == "Aalborg Universitet":
            continue
        led = newest_first(metas, [s for s, m in metas.items() if m["municipality"] == name])
        expected[f"municipalities/{danish_slug(name)}/"] = led + newest_first(
            metas, partnered - set(led)
        )
    return expected


def test_every_case_is_reached_by_the_page_links_newest_first(paged_site):
    site, metas = paged_site
    expected = listings(metas)
    assert any(len(v) > 2 * PAGE_SIZE for k, v in expected.items() if k.startswith("themes/"))
    assert any(len(v) > PAGE_SIZE for k, v in expected.items() if k.startswith("municipalities/"))
    for first, slugs in expected.items():
        pages = follow(site, first)
        assert len(pages) == max(1, -(-len(slugs) // PAGE_SIZE)), first
        shown = [card_slugs(html) for _, html in pages]
        assert all(len(on_page) <= PAGE_SIZE for on_page in shown), first
        assert [slug for on_page in shown for slug in on_page] == slugs, first


def test_later_pages_say_their_number_in_title_heading_and_canonical_link(paged_site):
    site, _ = paged_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = follow(site, "themes/klima/")
    count = len(pages)
    assert count > 2
    titles = set()
    for number, (url, html) in enumerate(pages, start=1):
        title = html.find("title").text
        h1 = html.find("h1").text
        canonical = html.find("link", rel="canonical").attrs["href"]
        assert canonical.endswith(f"/{url}") and f"<loc>{canonical}</loc>" in sitemap
        if number == 1:
            assert url == "themes/klima/" and "side" not in title
        else:
            assert url == f"themes/klima/side/{number}/"
            assert h1 == f"Klima og klimatilpasning, side {number} af {count}"
            assert title.startswith(f"{h1} - ")
        titles.add(title)
    assert len(titles) == count


def test_the_page_links_are_a_labelled_navigation(paged_site):
    site, _ = paged_site
    pages = follow(site, "themes/klima/")
    count = len(pages)
    _, second = pages[1]
    nav = second.find("nav", cls="sc-pages")
    assert nav.attrs["aria-label"] == "Sider med cases"
    assert nav.find("p", cls="sc-pages__status").text == f"Side 2 af {count}"
    # (the tree's text drops the space ending the visually hidden "Side ")
    current = nav.find("span", cls="sc-pages__current")
    assert current.attrs["aria-current"] == "page" and current.text == "Side2"
    links = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert links["Forrige side"] == "../../" and links["Side1"] == "../../"
    assert links["Næste side"] == "../3/"
    assert "Forrige side" not in page_at(site, "themes/klima/").find("nav", cls="sc-pages").text


def test_a_municipality_shows_its_other_sections_on_the_first_page_only(paged_site):
    site, metas = paged_site
    first_only = {"sc-municipality-groups", "sc-municipality-events", "sc-municipality-reuse"}
    first_only |= {"sc-invite-title"}
    on_first_pages = set()
    paged = 0
    for url in listings(metas):
        pages = follow(site, url)
        if not url.startswith("municipalities/") or len(pages) == 1:
            continue
        paged += 1
        nav = pages[0][1].find("nav", cls="sc-pages")
        assert re.fullmatch(r"Sider med .+ Kommunes cases", nav.attrs["aria-label"])
        ids = [{n.attrs.get("id") for n in html.find("main").iter()} for _, html in pages]
        on_first_pages |= ids[0] & first_only
        for later in ids[1:]:
            assert not later & first_only, url
        for _, html in pages[1:]:
            assert html.find("nav", cls="sc-breadcrumb").find("a", href="../../")
    assert paged and on_first_pages, "some paged municipality has more than cases to show"


def test_a_listing_that_fits_one_page_has_no_page_links(paged_site):
    site, metas = paged_site
    small = [url for url, slugs in listings(metas).items() if 0 < len(slugs) <= PAGE_SIZE]
    assert small
    for url in small:
        assert not page_at(site, url).find_all("nav", cls="sc-pages")
        assert not (site / url / "side").exists()


def test_reuse_goes_on_in_pages_and_numbers_its_chains_across_them(paged_site):
    site, _ = paged_site
    pages = follow(site, "reuse/")
    assert len(pages) > 1
    starts = [
        int(html.find("ol", cls="sc-chains").attrs.get("start") or 1)
        for _, html in pages
        if html.find_all("ol", cls="sc-chains")
    ]
    assert starts[:2] == [1, PAGE_SIZE + 1]
    for _, html in pages:
        assert len(html.find_all("li", cls="sc-chain")) <= PAGE_SIZE


def test_without_javascript_a_reader_pages_through_a_theme(paged_site, browser):
    site, metas = paged_site
    with serve(site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/themes/trafik/")
        seen = []
        while True:
            seen += page.eval_on_selector_all(
                ".sc-card__title a",
                "els => els.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())",
            )
            following = page.locator(".sc-pages a[rel=next]")
            if not following.count():
                break
            following.click()
            page.wait_for_load_state()
        context.close()
    assert seen == listings(metas)["themes/trafik/"]


def test_paginate_puts_every_entry_on_exactly_one_page():
    pages = paginate("x/", {"led": list(range(5)), "partnered": ["a", "b"]}, 3)
    assert [p.sections for p in pages] == [
        {"led": [0, 1, 2], "partnered": []},
        {"led": [3, 4], "partnered": ["a"]},
        {"led": [], "partnered": ["b"]},
    ]
    assert [p.url for p in pages] == ["x/", "x/side/2/", "x/side/3/"]
    assert [p.offset for p in pages] == [0, 3, 6] and pages[2].title("X") == "X, side 3 af 3"
    (empty,) = paginate("x/", {"cases": []}, 3)
    assert empty.count == 1 and empty.items == [] and empty.title("X") == "X"
    with pytest.raises(ValueError):
        paginate("x/", {"cases": [1]}, 0)


def later_pages(site, metas) -> list[str]:
    """Page 2 of a theme, a keyword, a municipality and /reuse/."""
    firsts = list(listings(metas)) + ["reuse/"]
    found = {}
    for url in firsts:
        kind = url.split("/")[0]
        if kind not in found and (site / url / "side" / "2").is_dir():
            found[kind] = f"{url}side/2/"
    assert set(found) == {"themes", "tags", "municipalities", "reuse"}
    return list(found.values())


def test_later_pages_have_no_axe_violations(paged_site, browser):
    from test_accessibility import AXE, axe_violations

    site, metas = paged_site
    source = AXE.read_text(encoding="utf-8")
    found = []
    with serve(site) as base:
        page = browser.new_page()
        for url in later_pages(site, metas):
            page.goto(f"{base}/{url}")
            found += axe_violations(page, source)
        page.close()
    assert found == []


def test_later_pages_are_valid_html(paged_site):
    from test_html_validity import VNU, Problem, load_allowlist

    site, metas = paged_site
    pages = [site / url / "index.html" for url in later_pages(site, metas)]
    pages.append(site / "themes" / "klima" / "index.html")
    run = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(VNU), "--format", "json", "--errors-only"]
        + [str(page) for page in pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    allowed = load_allowlist()
    problems = [
        Problem(
            m.get("url", "").split(str(site) + "/")[-1],
            m.get("lastLine", 0),
            " ".join(m["message"].split()),
        )
        for m in json.loads(run.stderr)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert [str(p) for p in problems if not any(a.matches(p) for a in allowed)] == []


def test_site_search_finds_a_listing_by_its_first_page_only(paged_site):
    site, _ = paged_site
    texts = sorted((site / "search" / "pages").glob("*.json"), key=lambda p: int(p.stem))
    urls = [doc[0] for path in texts for doc in json.loads(path.read_text(encoding="utf-8"))]
    assert "themes/klima/" in urls and "reuse/" in urls
    assert "municipalities/koebenhavn/" in urls
    assert not [url for url in urls if "/side/" in url]


def test_later_pages_and_their_links_fit_a_phone(paged_site, browser):
    from test_responsive import NARROW, assert_no_sideways_scrolling

    site, metas = paged_site
    with serve(site) as base:
        page = browser.new_page(viewport={"width": NARROW, "height": 640})
        for url in later_pages(site, metas):
            page.goto(f"{base}/{url}", wait_until="load")
            assert_no_sideways_scrolling(page, url)
            assert page.is_visible(".sc-pages a[rel=prev]")
        page.close()


@pytest.mark.parametrize("size", ["0", "tre"])
def test_a_page_size_that_is_not_a_whole_number_of_at_least_one_stops_the_build(
    tiny, base_case, size
):
    config = tiny.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - smartcity:\n", f"  - smartcity:\n      page_size: {size}\n"),
        encoding="utf-8",
    )
    tiny.write({"content/cases/sensorer.md": base_case})
    result = tiny.run("build")
    assert result.exit_code != 0
    shown = "0" if size == "0" else f"'{size}'"
    assert f"'page_size': skal være et helt tal på mindst 1, ikke {shown}" in result.stderr
    assert not (tiny.root / "site").exists()
