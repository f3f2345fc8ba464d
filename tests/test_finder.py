"""The case finder at /cases/ in headless Chromium, on the built bundled content."""

from __future__ import annotations

import pytest

from browser import Watch, serve
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
    return page.eval_on_selector_all(
        ".sc-finder__item:not([hidden]) h2 a", "els => els.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())")


def count_text(page) -> str:
    return page.inner_text("#sc-finder-count")


def counter(page, key, value) -> int:
    return int(page.inner_text(f"[data-sc-count='{key}:{value}']"))


def test_without_javascript_every_case_is_listed(built, browser, cases):
    with serve(built / "site") as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/cases/")
        links = page.eval_on_selector_all(".sc-finder__item h2 a", "els => els.map(a => a.getAttribute('href'))")
        assert sorted(href.rstrip("/").split("/")[-1] for href in links) == sorted(cases)
        assert not page.is_visible(".sc-finder__form")
        context.close()


def test_typing_narrows_the_list(finder, cases):
    page, _ = finder
    page.fill("#sc-q", "")
    page.type("#sc-q", "sensorer")
    shown = visible(page)
    assert 0 < len(shown) < len(cases)
    assert {"silkeborg-badevand-sensorer", "vejle-smart-vand-sluse"} <= set(shown)
    assert count_text(page) == f"Viser {len(shown)} af {len(cases)} cases."
    page.type("#sc-q", " badevand")
    assert visible(page) == ["silkeborg-badevand-sensorer"]


def test_danish_inflections_and_prefixes_in_the_finder(finder):
    page, _ = finder
    for query, slug in [("cyklerne", "koebenhavn-intelligente-trafiksignaler"),
                        ("skybruddene", "frederiksberg-skybrudssikring"),
                        ("fjernkø", "hoeje-taastrup-fjernkoeling")]:
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
            assert counter(page, "status", status) == sum(cases[s]["status"] == status for s in either)
    page.check("input[name=status][value=operation]")
    both = {s for s in either if cases[s]["status"] == "operation"}
    assert set(visible(page)) == both, "AND across facets"
    # A facet's own counts ignore its own choice: 'trafik' counts operation cases with trafik.
    assert counter(page, "theme", "trafik") == sum(
        "trafik" in cases[s]["themes"] and cases[s]["status"] == "operation" for s in cases)
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
    expected = {s for s, m in cases.items() if "trafik" in m["themes"] and m["status"] == "operation"}
    assert set(visible(page)) <= expected


def test_year_range_and_sorting(finder, cases):
    page, _ = finder
    page.fill("#sc-from", "2015")
    page.dispatch_event("#sc-from", "input")
    assert set(visible(page)) == {s for s, m in cases.items() if m["started"] >= 2015}
    page.select_option("#sc-sort", "title")
    titles = page.eval_on_selector_all(".sc-finder__item:not([hidden]) h2", "els => els.map(e => e.textContent.trim())")
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
        assert any(u.endswith("/search/index-main.json") for u in urls)
        assert not any(u.endswith("/search/index-body.json") for u in urls)
        page.focus("#sc-q")
        page.wait_for_selector("[data-sc-ready=full]")
        page.close()
