"""Site search and the shared search engine, in headless Chromium on the built bundled site.

The build analyses documents in Python and the browser analyses queries in JavaScript; the same
word must become the same term on both sides, so a word list goes through both.
"""

from __future__ import annotations

import contextlib
import json
import re

import pytest
import yaml
from browser import Watch, serve
from conftest import FIXTURES, REPO
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.site.search.analysis import STOP_WORDS, term, terms

QUERIES = yaml.safe_load((FIXTURES / "search" / "queries.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser_page(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        watch = Watch(page, base)
        page.goto(f"{base}/cases/")
        page.focus("#sc-q")  # the bodies' index loads when a text search begins
        page.wait_for_selector("[data-sc-ready=full]")
        yield page, base, watch
        page.close()
        assert watch.foreign == []


def _word_list() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md")))
    extra = "kommunerne kommune cyklerne cykel trafiklysene trafiklys sensorer parkeringspladserne"
    return sorted({w.lower() for w in re.findall(r"[^\W_]+", text + " " + extra)})


def test_build_and_browser_give_the_same_terms(browser_page):
    page, _, _ = browser_page
    words = _word_list()
    assert len(words) > 2000
    browser_terms = page.evaluate("(ws) => ws.map(w => SmartCitySearch.term(w))", words)
    differ = [(w, term(w), b) for w, b in zip(words, browser_terms) if term(w) != b]
    assert differ == []


def test_inflected_forms_meet():
    for inflected, base in [
        ("kommunerne", "kommune"),
        ("cyklerne", "cykel"),
        ("trafiklysene", "trafiklys"),
        ("sensorerne", "sensor"),
    ]:
        assert terms(inflected) == terms(base)
    assert terms("og i det") == []
    assert "og" in STOP_WORDS


def _search(page, queries):
    return page.evaluate(
        """async (qs) => {
      const base = new URL(JSON.parse(document.getElementById("sc-finder-config").textContent).base + "/", location.href);
      const get = async (p) => (await fetch(new URL(p, base))).json();
      const docs = await get("search/docs.json");
      const engine = new SmartCitySearch.Engine(docs.docs, docs.stopWords, await get("search/index-main.json"));
      engine.addBody(await get("search/index-body.json"));
      return qs.map(q => engine.search(q).map(h => docs.docs[h.ref][0]));
    }""",
        queries,
    )


def test_danish_query_set_finds_every_expected_case(browser_page):
    page, _, _ = browser_page
    results = _search(page, [q["query"] for q in QUERIES])
    misses = []
    for query, urls in zip(QUERIES, results):
        found = {u.split("/")[1] for u in urls if u.startswith("cases/")}
        missing = set(query["expect"]) - found
        if missing:
            misses.append((query["query"], sorted(missing)))
    assert misses == [], f"hit rate {len(QUERIES) - len(misses)}/{len(QUERIES)}"


def test_search_covers_guides_and_generated_pages(browser_page):
    page, _, _ = browser_page
    [guides, themes] = _search(page, ["måle effekten", "klimatilpasning"])
    assert "guides/maal-effekten/" in guides
    assert "themes/klima/" in themes


def _site_search(page, base, url, query):
    page.goto(f"{base}/{url}")
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill("")
    box.type(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.match(/resultat|Ingen/) && document.querySelector('input[data-md-component=search-query]').value === q",
        arg=query,
    )
    # The meta line may still report an earlier, shorter query's empty answer: wait for a list.
    with contextlib.suppress(PlaywrightTimeout):  # a query that finds nothing
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(150)
    return page.eval_on_selector_all(
        ".md-search-result__item a",
        "els => els.map(a => [a.getAttribute('href'), a.querySelector('h1, h2') && a.querySelector('h1, h2').textContent, a.querySelector('article').innerText])",
    )


def test_material_search_box_uses_the_danish_index(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        watch = Watch(page, base)
        results = _site_search(page, base, "", "kommunerne")
        assert results, "inflected form finds pages"
        hrefs = [r[0] for r in results]
        results = _site_search(page, base, "themes/trafik/", "cyklerne")
        hrefs = [r[0].split("?")[0] for r in results]
        assert any(h.endswith("/cases/koebenhavn-intelligente-trafiksignaler/") for h in hrefs)
        case = next(r for r in results if "koebenhavn-intelligente-trafiksignaler" in r[0])
        meta = yaml.safe_load(
            (REPO / "content/cases/koebenhavn-intelligente-trafiksignaler.md")
            .read_text(encoding="utf-8")
            .split("---")[1]
        )
        assert case[1] == meta["title"]
        assert " ".join(meta["summary"].split())[:60] in case[2], "the summary is the result text"
    assert watch.foreign == []


def test_search_results_show_markup_as_text(tiny, base_case, browser):
    from tests_support import build

    tiny.write(
        {
            "content/cases/x.md": base_case.replace(
                "title: Sensorer måler trafikken i midtbyen",
                'title: "Sensorer <img src=x onerror=alert(1)> i midtbyen"',
            )
        }
    )
    site = build(tiny)
    docs = json.loads((site / "search/docs.json").read_text(encoding="utf-8"))
    assert docs["docs"][0][1] == "Sensorer <img src=x onerror=alert(1)> i midtbyen"
    with serve(site) as base:
        page = browser.new_page()
        page.add_init_script("window.alert = () => { window.__fired = true; };")
        results = _site_search(page, base, "", "sensorer")
        assert results[0][1] == "Sensorer <img src=x onerror=alert(1)> i midtbyen"
        assert page.evaluate("window.__fired || false") is False
        assert page.locator(".md-search-result__item img").count() == 0


def _built_page(site, location: str) -> bool:
    path = location.split("?")[0].split("#")[0]
    target = site / path
    return (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file()


def test_every_search_document_is_a_built_page(built):
    """Every result any index can give (they share docs.json) opens a page that exists."""
    docs = json.loads((built / "site/search/docs.json").read_text(encoding="utf-8"))["docs"]
    assert [d[0] for d in docs if not _built_page(built / "site", d[0])] == []
    assert not any(d[0].endswith(".md") for d in docs)


SITE_QUERIES = [q["query"] for q in QUERIES[:8]] + [
    "klimatilpasning og vand",
    "arbejdsgruppe",
    "konference",
    "workshop",
    "borgerinddragelse",
    "i drift",
    "Århus",
    "kobenhavn",
    "skybrd",
]


def test_every_site_search_result_opens_a_page_that_exists(built, browser):
    site = built / "site"
    with serve(site) as base:
        page = browser.new_page()
        dead = []
        for query in SITE_QUERIES:
            results = _site_search(page, base, "", query)
            assert results, query
            for href, _, _ in results:
                location = href.removeprefix(base + "/")
                if not _built_page(site, location):
                    dead.append((query, href))
        page.close()
    assert dead == []


def test_site_search_finds_municipalities_however_spelt_and_suggests(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        for query, slug in [
            ("Århus", "aarhus"),
            ("kobenhavn", "koebenhavn"),
            ("Ålborg", "aalborg"),
        ]:
            hrefs = [r[0] for r in _site_search(page, base, "", query)]
            assert any(h.endswith(f"/municipalities/{slug}/") for h in hrefs), query
            assert any(f"/cases/{slug}" in h for h in hrefs), query
        results = _site_search(page, base, "", "skybrd")
        assert results[0][1] == "Mente du skybrud?"
        assert results[0][0].endswith("/cases/?tekst=skybrud")
        assert any("frederiksberg-skybrudssikring" in r[0] for r in results[1:])
        page.close()


def test_groups_and_events_are_searchable(built):
    docs = json.loads((built / "site/search/docs.json").read_text(encoding="utf-8"))["docs"]
    locations = {d[0] for d in docs}
    assert any(loc.startswith("groups/") and loc != "groups/" for loc in locations)
    assert any(loc.startswith("events/") and loc != "events/" for loc in locations)
    assert not any(loc.startswith("tags/") for loc in locations)
