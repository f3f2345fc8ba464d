"""The case finder at /cases/ in headless Chromium: on the built bundled content, and on a
synthetic site with more cases than one page shows (the pages without script, "Vis flere")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from browser import Watch, serve
from conftest import BUILD_DATE_EPOCH, REPO

from generator.content.project import Project
from generator.content.validate import load_tree
from generator.site.finder import PAGE_SIZE


@pytest.fixture(scope="module")
def cases(built):
    tree = load_tree(Project(built))
    return {d.slug: d.meta for d in tree.of_type("cases")}


@pytest.fixture
def finder(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        watch = Watch(page, base)
        page.goto(f"{base}/cases/")
        page.focus("#sc-q")  # the index's manifest loads when a text search begins
        page.wait_for_selector("[data-sc-ready=full]")
        yield page, base
        page.close()
        assert watch.foreign == []


def settled(page) -> None:
    """Wait while the list waits for the search index (it is marked busy meanwhile)."""
    page.wait_for_selector(".sc-finder__list:not([aria-busy=true])", state="attached")


def visible(page) -> list[str]:
    """The slugs of the cases the list shows, top to bottom, once the list has settled."""
    settled(page)
    return page.eval_on_selector_all(
        ".sc-finder__list .sc-finder__item:not([hidden]) h2 a",
        "els => els.filter(a => a.checkVisibility()).map(a => a.getAttribute('href').split('/').filter(Boolean).pop())",
    )


def crawl_without_script(browser, base) -> list[list[str]]:
    """Every page of the case list as a reader without JavaScript reaches it: /cases/, then
    "Næste side" until there is none. The slugs on each page, in order."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/cases/")
    assert not page.is_visible(".sc-finder__form")
    lead = page.inner_text(".sc-lead")
    assert "kræver JavaScript" in lead and "Filtrér" not in lead, "no promise of what needs script"
    width = page.eval_on_selector(".sc-finder__list", "e => e.getBoundingClientRect().width")
    content = page.eval_on_selector(".md-content__inner", "e => e.getBoundingClientRect().width")
    assert width > 0.9 * content - 60, "the list takes the width the form leaves"
    pages = []
    while True:
        pages.append(visible(page))
        following = page.locator(".sc-pages a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()
    context.close()
    return pages


def count_text(page) -> str:
    settled(page)
    return page.inner_text("#sc-finder-count")


def counter(page, key, value) -> int:
    settled(page)
    return int(page.inner_text(f"[data-sc-count='{key}:{value}']"))


def test_without_javascript_every_case_is_listed(built, browser, cases):
    with serve(built / "site") as base:
        pages = crawl_without_script(browser, base)
    assert sorted(slug for slugs in pages for slug in slugs) == sorted(cases)


def test_typing_narrows_the_list(finder, cases):
    page, _ = finder
    page.fill("#sc-q", "")
    page.type("#sc-q", "sensorer")
    shown = visible(page)
    assert 0 < len(shown) < len(cases)
    assert {"silkeborg-badevand-sensorer", "vejle-smart-vand-sluse"} <= set(shown)
    assert count_text(page) == f"Viser {len(shown)} af {len(cases)} cases."
    assert not page.is_visible(".sc-finder__more"), "every match is shown"
    page.type("#sc-q", " badevand")
    assert visible(page) == ["silkeborg-badevand-sensorer"]


def test_danish_inflections_and_prefixes_in_the_finder(finder):
    page, _ = finder
    for query, slug in [
        ("cyklerne", "koebenhavn-intelligente-trafiksignaler"),
        ("skybruddene", "frederiksberg-skybrudssikring"),
        ("fjernkø", "hoeje-taastrup-fjernkoeling"),
    ]:
        page.fill("#sc-q", query)
        page.dispatch_event("#sc-q", "input")
        assert slug in visible(page), query


def test_facets_combine_and_count(finder, cases):
    page, _ = finder
    page.check("input[name=theme][value=trafik]")
    trafik = {s for s, m in cases.items() if "trafik" in m["themes"]}
    assert set(visible(page)) == trafik
    page.check("input[name=theme][value=klima]")
    either = {s for s, m in cases.items() if {"trafik", "klima"} & set(m["themes"])}
    assert set(visible(page)) == either, "OR within a facet"
    for status in ["operation", "ended", "scaled"]:
        if page.locator(f"[data-sc-count='status:{status}']").count():
            assert counter(page, "status", status) == sum(
                cases[s]["status"] == status for s in either
            )
    page.check("input[name=status][value=operation]")
    both = {s for s in either if cases[s]["status"] == "operation"}
    assert set(visible(page)) == both, "AND across facets"
    # A facet's own counts ignore its own choice: 'trafik' counts operation cases with trafik.
    assert counter(page, "theme", "trafik") == sum(
        "trafik" in cases[s]["themes"] and cases[s]["status"] == "operation" for s in cases
    )
    assert count_text(page) == f"Viser {len(both)} af {len(cases)} cases."


def test_state_round_trips_through_the_url_reload_and_back(finder, cases):
    page, base = finder
    page.check("input[name=theme][value=klima]")
    page.check("input[name=status][value=operation]")
    page.fill("#sc-q", "regnvand")
    page.dispatch_event("#sc-q", "input")
    page.dispatch_event("#sc-q", "change")
    url = page.url
    assert "theme=klima" in url and "status=operation" in url and "tekst=regnvand" in url
    shown = visible(page)
    page.reload()
    page.wait_for_selector("[data-sc-ready=full]")
    assert visible(page) == shown
    assert page.is_checked("input[name=theme][value=klima]")
    assert page.input_value("#sc-q") == "regnvand"
    page.go_back()
    page.wait_for_function("() => !location.search.includes('tekst=regnvand')")
    assert page.input_value("#sc-q") == ""
    assert page.is_checked("input[name=status][value=operation]")
    page.go_back()
    assert not page.is_checked("input[name=status][value=operation]")
    page.goto(f"{base}/cases/?theme=trafik&status=operation&tekst=parkering")
    page.wait_for_selector("[data-sc-ready=full]")
    expected = {
        s for s, m in cases.items() if "trafik" in m["themes"] and m["status"] == "operation"
    }
    assert set(visible(page)) <= expected


def search(page, text: str) -> list[str]:
    page.fill("#sc-q", text)
    page.dispatch_event("#sc-q", "input")
    return visible(page)


def test_the_words_of_the_facets_find_their_cases(finder, cases, built):
    """A theme's name, a status label, a region or a keyword's label typed in the box finds at
    least the cases the facet of that name gives."""
    page, _ = finder
    labels = yaml.safe_load((built / "schema" / "themes.yaml").read_text(encoding="utf-8"))
    status = json.loads((built / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    status_labels = status["properties"]["status"]["x-enum-labels"]
    missing = []
    for theme in labels:
        want = {s for s, m in cases.items() if theme["id"] in m["themes"]}
        for text in (theme["label"], theme["label"].lower()):
            if want - set(search(page, text)):
                missing.append((text, sorted(want - set(visible(page)))))
    for value, label in status_labels.items():
        want = {s for s, m in cases.items() if m["status"] == value}
        if want - set(search(page, label)):
            missing.append((label, sorted(want - set(visible(page)))))
    assert missing == []
    assert set(search(page, "borgerinddragelse")) == {
        s for s, m in cases.items() if "borgerinddragelse" in m["themes"]
    }
    assert "koebenhavn-intelligente-trafiksignaler" in search(page, "grøn bølge")
    assert "aarhus-city-lab" in search(page, "Midtjylland")


@pytest.mark.parametrize(
    "text, municipality",
    [
        ("Kobenhavn", "København"),
        ("koebenhavn", "København"),
        ("Århus", "Aarhus"),
        ("aarhus kommune", "Aarhus"),
        ("Ålborg", "Aalborg"),
        ("Hoje-Taastrup Kommune", "Høje-Taastrup"),
        ("Sonderborg", "Sønderborg"),
    ],
)
def test_a_municipality_is_found_however_it_is_spelt(finder, cases, text, municipality):
    page, _ = finder
    led = {s for s, m in cases.items() if m["municipality"] == municipality}
    assert led and led <= set(search(page, text)), text


def test_a_misspelt_text_gets_a_suggestion_that_works(finder, cases):
    page, _ = finder
    assert search(page, "skybrd") == []
    suggestion = page.locator(".sc-finder__suggestion")
    suggestion.wait_for(state="visible")
    assert suggestion.inner_text() == "Mente du skybrud?"
    suggestion.get_by_role("button", name="skybrud").click()
    assert page.input_value("#sc-q") == "skybrud"
    assert "frederiksberg-skybrudssikring" in visible(page)
    assert not suggestion.is_visible()
    assert "tekst=skybrud" in page.url
    search(page, "borgerindragelse")
    suggestion.wait_for(state="visible")
    assert suggestion.inner_text() == "Mente du borgerinddragelse?"
    search(page, "xqzvw")
    page.wait_for_timeout(300)
    assert not suggestion.is_visible(), "no suggestion when nothing is near"


def test_the_sort_follows_the_text_unless_chosen(finder, cases):
    page, _ = finder
    assert page.input_value("#sc-sort") == "newest"
    search(page, "sensorer")
    assert page.input_value("#sc-sort") == "relevance"
    assert "sort=" not in page.url, "the default for a text stays out of the address"
    search(page, "")
    assert page.input_value("#sc-sort") == "newest"
    page.select_option("#sc-sort", "title")
    page.dispatch_event("#sc-sort", "input")
    search(page, "sensorer")
    assert page.input_value("#sc-sort") == "title", "a chosen order stays"
    assert "sort=title" in page.url


@pytest.mark.parametrize("parameter", ["tekst", "q"])
def test_a_shared_search_opens_the_finder_without_the_site_search(built, browser, parameter):
    """A link with the text (and an old one with `q`, which Material's search reads) opens the
    finder with the text and its results, and no search overlay over it."""
    with serve(built / "site") as base:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(f"{base}/cases/?theme=klima&{parameter}=skybrud")
        page.wait_for_selector("[data-sc-ready=full]")
        page.wait_for_timeout(500)
        assert page.input_value("#sc-q") == "skybrud"
        assert set(visible(page)) == {"frederiksberg-skybrudssikring", "middelfart-klimabyen"}
        assert page.evaluate("document.getElementById('__search').checked") is False
        assert not page.locator(".md-search__output").is_visible()
        assert "tekst=skybrud" in page.url and "q=" not in page.url.replace("tekst=", "")
        page.reload()
        page.wait_for_selector("[data-sc-ready=full]")
        page.wait_for_timeout(300)
        assert page.input_value("#sc-q") == "skybrud"
        assert page.evaluate("document.getElementById('__search').checked") is False
        page.close()


def test_cards_show_the_date_they_are_sorted_by(finder, cases):
    page, _ = finder
    dates = page.eval_on_selector_all(
        ".sc-finder__list .sc-card__published", "els => els.map(e => e.textContent)"
    )
    assert len(dates) == len(cases)
    assert all(d.startswith("Udgivet ") for d in dates)
    published = [str(cases[s]["published"]) for s in visible(page)]
    assert published == sorted(published, reverse=True)


def test_on_a_phone_the_results_come_first_and_filters_wait_behind_one_button(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(f"{base}/cases/")
        page.wait_for_selector("[data-sc-ready=facets]")
        toggle = page.get_by_role("button", name="Filtrér")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator("details.sc-facet").first.is_visible()
        first_card = page.locator(".sc-finder__list .sc-card").first.bounding_box()
        assert first_card["y"] < 800, "the first result is on the first screen"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.check("input[name=theme][value=klima]")
        page.check("input[name=status][value=operation]")
        assert toggle.inner_text() == "Filtrér (2 valgt)"
        show = page.locator(".sc-finder__show")
        assert show.inner_text() == f"Vis {len(visible(page))} cases"
        show.click()
        assert not page.locator("details.sc-facet").first.is_visible()
        assert toggle.inner_text() == "Filtrér (2 valgt)"
        page.close()


def test_year_range_and_sorting(finder, cases):
    page, _ = finder
    page.fill("#sc-from", "2015")
    page.dispatch_event("#sc-from", "input")
    assert set(visible(page)) == {s for s, m in cases.items() if m["started"] >= 2015}
    page.select_option("#sc-sort", "title")
    titles = page.eval_on_selector_all(
        ".sc-finder__item:not([hidden]) h2", "els => els.map(e => e.textContent.trim())"
    )
    assert titles == page.evaluate("t => t.slice().sort(new Intl.Collator('da').compare)", titles)
    page.select_option("#sc-sort", "oldest")
    shown = visible(page)
    dates = [str(cases[s]["published"]) for s in shown]
    assert dates == sorted(dates)


def test_controls_are_labelled_and_the_count_is_announced(finder):
    page, _ = finder
    assert page.get_attribute("#sc-finder-count", "aria-live") == "polite"
    unlabelled = page.evaluate("""() => Array.from(document.querySelectorAll('.sc-finder__form input, .sc-finder__form select'))
        .filter(el => !el.labels || el.labels.length === 0).map(el => el.name)""")
    assert unlabelled == []
    page.focus("#sc-q")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sc-sort"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    assert "af" in count_text(page)


def test_a_visit_loads_the_cards_first_and_the_index_as_the_words_need_it(built, browser):
    """A visit fetches the finder's data and the small files that make site search ready (no
    index yet); a text search then fetches the shards of its words, not the whole index."""
    site = built / "site"
    manifest = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
    with serve(site) as base:
        page = browser.new_page()
        watch = Watch(page, base)
        urls = []
        page.on("request", lambda r: urls.append(r.url.split("?")[0]))
        page.goto(f"{base}/cases/")
        page.wait_for_selector("[data-sc-ready=facets]")
        page.wait_for_timeout(300)
        assert any(u.endswith("/search/finder.json") for u in urls)
        # Material's loader fetches its configuration (search_index.json, 113 bytes) on every
        # page, and the site search's worker its manifest (the shards' first terms).
        assert sorted(u.rsplit("/", 1)[1] for u in urls if "/search/" in u) == [
            "finder.json",
            "manifest.json",
            "search_index.json",
        ]
        page.check("input[name=theme][value=klima]")
        assert "af" in count_text(page), "the facets work before any index is in"
        page.type("#sc-q", "skybrud")
        page.wait_for_selector("[data-sc-ready=full]")
        assert "frederiksberg-skybrudssikring" in visible(page)
        shards = [u for u in urls if "/search/terms/" in u]
        assert any(u.endswith("/search/manifest.json") for u in urls)
        assert 0 < len(set(shards)) < len(manifest["shards"]) or len(manifest["shards"]) == 1
        assert not any("/search/pages/" in u for u in urls), "the finder has its own card texts"
        page.close()
    assert watch.foreign == []


# -- more cases than one page: the pages without script, "Vis flere" -----------------------------

MANY = 2 * PAGE_SIZE + 30
"""Three pages without script; with it, two clicks on "Vis flere" show every case."""


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A synthetic site of MANY cases (benchmarks/corpus.py), built and served: (base, slugs)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    project = write_corpus(tmp_path_factory.mktemp("many") / "project", MANY)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    slugs = sorted(path.stem for path in (project / "content" / "cases").glob("*.md"))
    with serve(project / "site") as base:
        yield base, slugs, project / "site"


@pytest.fixture
def big_finder(many, browser):
    base, slugs, _ = many
    page = browser.new_page()
    watch = Watch(page, base)
    page.goto(f"{base}/cases/")
    page.focus("#sc-q")  # the index's manifest loads when a text search begins
    page.wait_for_selector("[data-sc-ready=full]")
    yield page, slugs
    page.close()
    assert watch.foreign == []


def show_all(page) -> None:
    """Press "Vis flere" until every match is shown."""
    for _ in range(MANY):
        if not page.is_visible(".sc-finder__more button"):
            return
        page.click(".sc-finder__more button")


def test_without_javascript_every_case_is_reachable_through_the_pages(many, browser):
    base, slugs, _ = many
    pages = crawl_without_script(browser, base)
    assert len(pages) == 3 and [len(p) for p in pages] == [
        PAGE_SIZE,
        PAGE_SIZE,
        MANY - 2 * PAGE_SIZE,
    ]
    assert sorted(slug for slugs_on_page in pages for slug in slugs_on_page) == slugs


def _cases_in(site, key: str, value: str) -> set[str]:
    """The slugs of the cases that a facet value gives, from the finder's data."""
    data = json.loads((site / "search" / "finder.json").read_text(encoding="utf-8"))
    keys = list(data["facets"])
    place = [v for v, _ in data["facets"][key]].index(value)
    return {
        row[0].strip("/").rsplit("/", 1)[1]
        for row in data["cases"]
        if place in row[6][keys.index(key)]
    }


def test_text_and_facets_narrow_together_over_the_sharded_index(many, big_finder):
    """On a site whose index comes in several shards: a facet and a Danish text (æ, ø, å)
    together give the cases both give; a facet's label typed as the page shows it finds at
    least that facet's cases."""
    page, _ = big_finder
    site = many[2]
    assert len(json.loads((site / "search/manifest.json").read_text("utf-8"))["shards"]) >= 3
    text = set(search(page, "grøn bølge"))
    assert text and len(text) < MANY
    page.check("input[name=theme][value=klima]")
    both = set(visible(page))
    assert both and both == text & _cases_in(site, "theme", "klima")
    assert count_text(page) == f"Viser {len(both)} af {MANY} cases."
    page.uncheck("input[name=theme][value=klima]")
    search(page, "")
    label = page.inner_text("input[name=theme][value=byens-drift] + .sc-facet__label")
    assert label == "Byens drift"
    page.fill("#sc-q", "")
    page.type("#sc-q", label)
    assert _cases_in(site, "theme", "byens-drift") <= set(page_all(page))


def page_all(page) -> list[str]:
    """Every match, after "Vis flere" as often as it takes."""
    settled(page)
    show_all(page)
    return visible(page)


def test_the_finder_shows_the_first_cases_and_more_on_request(many, big_finder):
    page, slugs = big_finder
    base = many[0]
    # The same cards, in the same order, as the pages without script.
    assert count_text(page) == f"Viser alle {MANY} cases."
    assert not page.is_visible(".sc-pages"), "the finder replaces the pages' links"
    first = visible(page)
    assert len(first) == PAGE_SIZE
    assert page.inner_text(".sc-finder__shown") == f"Du ser de første {PAGE_SIZE} af {MANY}."
    page.click(".sc-finder__more button")
    assert len(visible(page)) == 2 * PAGE_SIZE
    # The keyboard carries on at the first new card.
    assert page.evaluate(
        "document.activeElement.closest('.sc-finder__item') === "
        f"document.querySelectorAll('.sc-finder__list .sc-finder__item')[{PAGE_SIZE}]"
    )
    page.click(".sc-finder__more button")
    everything = visible(page)
    assert len(everything) == MANY and sorted(everything) == slugs
    assert not page.is_visible(".sc-finder__more")
    assert everything == [
        slug
        for slugs_on_page in crawl_without_script(page.context.browser, base)
        for slug in slugs_on_page
    ]
    # Long lists are not list-items: Chromium would renumber every following item on each
    # change, and replacing thousands of cards would stall the page for seconds.
    assert (
        page.eval_on_selector(".sc-finder__list > li", "li => getComputedStyle(li).display")
        == "block"
    )


def test_cards_from_the_data_read_as_the_served_cards(many, browser, big_finder):
    """The finder's cards (the page's template, filled from search/finder.json) say what the
    served cards say."""
    page, _ = big_finder
    base = many[0]
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{base}/cases/")
    text = "els => els.map(e => e.innerText.replace(/\\s+/g, ' ').trim())"
    hrefs = "els => els.map(a => a.getAttribute('href'))"
    served = plain.eval_on_selector_all(".sc-finder__list .sc-card", text)
    served_links = plain.eval_on_selector_all(".sc-finder__list .sc-card h2 a", hrefs)
    served_status = plain.eval_on_selector_all(
        ".sc-finder__list .sc-status", "els => els.map(e => e.className)"
    )
    context.close()
    assert page.eval_on_selector_all(".sc-finder__list .sc-card", text) == served
    assert [
        href.split("/")[-2]
        for href in page.eval_on_selector_all(".sc-finder__list .sc-card h2 a", hrefs)
    ] == [href.split("/")[-2] for href in served_links]
    assert (
        page.eval_on_selector_all(".sc-finder__list .sc-status", "els => els.map(e => e.className)")
        == served_status
    )


@pytest.mark.parametrize("action", ["type", "facet", "years"])
def test_the_count_and_the_list_agree(big_finder, action):
    page, _ = big_finder
    if action == "type":
        page.type("#sc-q", "parkering")
    elif action == "facet":
        page.check("input[name=theme] >> nth=0")
    else:
        page.fill("#sc-from", "2018")
        page.dispatch_event("#sc-from", "input")
    count = int(count_text(page).split()[1])
    assert 0 < count < MANY, count_text(page)
    assert len(visible(page)) == min(count, PAGE_SIZE)
    show_all(page)
    shown = visible(page)
    assert len(shown) == len(set(shown)) == count
    assert count_text(page) == f"Viser {count} af {MANY} cases."
    # A new choice starts from the top again.
    page.fill("#sc-q", "")
    page.dispatch_event("#sc-q", "input")
    page.uncheck("input[name=theme] >> nth=0")
    page.fill("#sc-from", "")
    page.dispatch_event("#sc-from", "input")
    assert count_text(page) == f"Viser alle {MANY} cases."
    assert len(visible(page)) == PAGE_SIZE


def test_the_list_pages_and_more_button_have_no_axe_violations(many, browser, big_finder):
    from test_accessibility import AXE, axe_violations

    source = AXE.read_text(encoding="utf-8")
    page, _ = big_finder
    page.click(".sc-finder__more button")
    found = axe_violations(page, source)
    listing = browser.new_page()  # axe needs script; the page has no finder to change it
    listing.goto(f"{many[0]}/cases/side/2/")
    found += axe_violations(listing, source)
    listing.close()
    assert found == []


def test_the_list_pages_are_valid_html(many):
    from test_html_validity import VNU, Problem, load_allowlist

    site = many[2]
    pages = ["cases/index.html", "cases/side/2/index.html", "cases/side/3/index.html"]
    run = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *(str(site / page) for page in pages),
        ],
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
