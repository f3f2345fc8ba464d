"""The case finder at /cases/ in headless Chromium: on the built bundled content, and on a
synthetic site with more cases than one page shows (the pages without script, "Vis flere")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from browser import Watch, serve
from conftest import BUILD_DATE_EPOCH, REPO

from generator.finder import PAGE_SIZE
from generator.project import Project
from generator.validate import load_tree


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
        page.focus("#sc-q")  # the bodies' index loads when a text search begins
        page.wait_for_selector("[data-sc-ready=full]")
        yield page, base
        page.close()
        assert watch.foreign == []


def visible(page) -> list[str]:
    """The slugs of the cases the list shows, top to bottom."""
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
    return page.inner_text("#sc-finder-count")


def counter(page, key, value) -> int:
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
    assert "theme=klima" in url and "status=operation" in url and "q=regnvand" in url
    shown = visible(page)
    page.reload()
    page.wait_for_selector("[data-sc-ready=full]")
    assert visible(page) == shown
    assert page.is_checked("input[name=theme][value=klima]")
    assert page.input_value("#sc-q") == "regnvand"
    page.go_back()
    page.wait_for_function("() => !location.search.includes('q=regnvand')")
    assert page.input_value("#sc-q") == ""
    assert page.is_checked("input[name=status][value=operation]")
    page.go_back()
    assert not page.is_checked("input[name=status][value=operation]")
    page.goto(f"{base}/cases/?theme=trafik&status=operation&q=parkering")
    page.wait_for_selector("[data-sc-ready=full]")
    expected = {
        s for s, m in cases.items() if "trafik" in m["themes"] and m["status"] == "operation"
    }
    assert set(visible(page)) <= expected


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


def test_a_visit_loads_the_small_index_only(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        urls = []
        page.on("request", lambda r: urls.append(r.url))
        page.goto(f"{base}/cases/")
        page.wait_for_selector("[data-sc-ready=search]")
        page.wait_for_timeout(300)
        assert any(u.endswith("/search/finder.json") for u in urls)
        assert any(u.endswith("/search/index-main.json") for u in urls)
        assert not any(u.endswith("/search/index-body.json") for u in urls)
        page.focus("#sc-q")
        page.wait_for_selector("[data-sc-ready=full]")
        page.close()


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
    page.focus("#sc-q")  # the bodies' index loads when a text search begins; its results with it
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
