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
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.site.search.analysis import STOP_WORDS, term, terms

QUERIES = yaml.safe_load((FIXTURES / "search" / "queries.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser_page(built, browser):
    with serve(built / "site") as base:
        page = browser.new_page()
        watch = Watch(page, base)
        page.goto(f"{base}/cases/")
        page.focus("#sc-q")  # the index's manifest loads when a text search begins
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


def site_docs(site) -> list[list[str]]:
    """Every search document of a built site as `[url, title, summary]`, by number."""
    docs = []
    for number in range(len(list((site / "search" / "pages").glob("*.json")))):
        docs += json.loads((site / "search" / "pages" / f"{number}.json").read_text("utf-8"))
    return docs


def _search(page, queries, site):
    """The URLs each query finds, best first, through the browser's engine and the site's index."""
    docs = site_docs(site)
    refs = page.evaluate(
        """async (qs) => {
      const base = new URL(JSON.parse(document.getElementById("sc-finder-config").textContent).base + "/", location.href);
      const get = async (p) => (await fetch(new URL(p, base))).json();
      const engine = new SmartCitySearch.Engine(await get("search/manifest.json"), get);
      const found = [];
      for (const q of qs) {
        await engine.ready(q);
        found.push(engine.search(q).map(h => h.ref));
      }
      return found;
    }""",
        queries,
    )
    return [[docs[ref][0] for ref in found] for found in refs]


def test_danish_query_set_finds_every_expected_case(browser_page, built):
    page, _, _ = browser_page
    results = _search(page, [q["query"] for q in QUERIES], built / "site")
    misses = []
    for query, urls in zip(QUERIES, results):
        found = {u.split("/")[1] for u in urls if u.startswith("cases/")}
        missing = set(query["expect"]) - found
        if missing:
            misses.append((query["query"], sorted(missing)))
    assert misses == [], f"hit rate {len(QUERIES) - len(misses)}/{len(QUERIES)}"


def test_search_covers_guides_and_generated_pages(browser_page, built):
    page, _, _ = browser_page
    [guides, themes] = _search(page, ["måle effekten", "klimatilpasning"], built / "site")
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
    assert site_docs(site)[0][1] == "Sensorer <img src=x onerror=alert(1)> i midtbyen"
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
    """Every result the index can give (its documents are in search/pages/) opens a page that
    exists."""
    docs = site_docs(built / "site")
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
    docs = site_docs(built / "site")
    locations = {d[0] for d in docs}
    assert any(loc.startswith("groups/") and loc != "groups/" for loc in locations)
    assert any(loc.startswith("events/") and loc != "events/" for loc in locations)
    assert not any(loc.startswith("tags/") for loc in locations)


# -- the sharded index against the whole lunr index it replaced ---------------------------------


def _bundled_docs(built):
    from generator.content.project import Project
    from generator.content.validate import load_tree
    from generator.engine.search import search_docs
    from generator.site.model import Site

    project = Project(built)
    site = Site(load_tree(project), project.schemas)
    return search_docs(site, [])


def _lunr_search(main, body, stop_words, query: str) -> dict[int, float]:
    """The search earlier builds shipped: two whole lunr indexes, queried as the browser did
    (each word's term exactly and as a prefix, the word as typed as a prefix; bodies count half;
    words combined with AND). Python lunr is the port of lunr.js that built those indexes."""
    from lunr.query import Query

    every = [w for w in re.findall(r"[^\W_]+", query.lower())]
    kept = [w for w in every if w not in stop_words] or every
    total = None
    for word in kept:
        found = term(word)
        scores: dict[int, float] = {}
        for index, weight in ((main, 1), (body, 0.5)):

            def clauses(q, word=word, found=found):
                q.term(found, use_pipeline=False, boost=10)
                if len(found) >= 4:
                    q.term(found, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=3)
                if word != found and len(word) >= 4:
                    q.term(word, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=1)

            for hit in index.query(callback=clauses):
                ref = int(hit["ref"])
                scores[ref] = scores.get(ref, 0) + weight * hit["score"]
        total = (
            scores
            if total is None
            else {ref: score + scores[ref] for ref, score in total.items() if ref in scores}
        )
    return total or {}


def _lunr_weights(docs, fields, keep=None) -> dict[str, dict[int, float]]:
    """Term -> {document: weight}, read from the field vectors of the lunr index the build
    once shipped, summed over the fields in lunr's order."""
    from lunr.field_ref import FieldRef

    from generator.site.search.index import lunr_index

    index = lunr_index(docs, fields, keep=keep)
    term_of = {posting["_index"]: t for t, posting in index.inverted_index.items()}
    summed: dict[str, dict[int, float]] = {}
    for field_ref, vector in index.field_vectors.items():
        doc = int(FieldRef.from_string(str(field_ref)).doc_ref)
        elements = vector.elements
        for i in range(0, len(elements), 2):
            postings = summed.setdefault(term_of[elements[i]], {})
            postings[doc] = postings.get(doc, 0) + elements[i + 1]
    return summed


def test_the_weights_are_those_of_lunrs_field_vectors(built):
    """The build weighs terms without building lunr's index; its floats are lunr's, to the
    last bit, for both indexes of the bundled site and of hostile texts."""
    import dataclasses

    from generator.site.search.index import BODY_FIELDS, BODY_TERMS, MAIN_FIELDS, analyse, bm25

    docs = _bundled_docs(built)
    docs += [
        dataclasses.replace(docs[0], title="Pris < 5 mio. & ﬁnansiering > 2 år", body="")
        for _ in range(2)  # two documents alike, and an empty field
    ]
    for fields, keep in ((MAIN_FIELDS, None), (BODY_FIELDS, BODY_TERMS)):
        assert bm25(analyse(docs, fields, keep), fields) == _lunr_weights(docs, fields, keep)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "title": st.lists(st.sampled_from("abcdefg"), max_size=8),
                "summary": st.lists(st.sampled_from("defghij"), max_size=30),
            }
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=150, deadline=None)
def test_bm25_equals_lunr_for_any_term_counts(records):
    """Repeated terms, terms in several fields, fields empty in every document."""
    from lunr.field_ref import FieldRef

    from generator.site.search.index import _Builder, bm25

    fields = {"title": 10, "summary": 3}
    builder = _Builder()
    builder.ref("id")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    for number, record in enumerate(records):
        builder.add({"id": number, **record})
    vectors = builder.build().field_vectors
    expected: dict[str, dict[int, float]] = {}
    term_of = {p["_index"]: t for t, p in builder.inverted_index.items()}
    for field_ref, vector in vectors.items():
        doc = int(FieldRef.from_string(str(field_ref)).doc_ref)
        for i in range(0, len(vector.elements), 2):
            postings = expected.setdefault(term_of[vector.elements[i]], {})
            postings[doc] = postings.get(doc, 0) + vector.elements[i + 1]
    assert bm25(records, fields) == expected


@given(st.lists(st.sampled_from("abcdefghijklmnop"), max_size=80), st.integers(1, 12))
@settings(max_examples=200, deadline=None)
def test_the_most_distinctive_terms_are_the_top_of_a_full_ranking(body, keep):
    """Ties at the cut are broken by the term's text, as a full sort by (score, term) would."""
    import math
    from collections import Counter

    from generator.site.search.index import _most_distinctive

    others = [{"body": list("abc")}, {"body": list("ghij") * 2}]
    records = [{"body": body}, *others]
    frequency = Counter(t for r in records for t in set(r["body"]))
    idf = {t: math.log(1 + len(records) / n) for t, n in frequency.items()}
    counts = Counter(body)
    ranked = sorted((-(tf * idf[t]), t) for t, tf in counts.items())
    kept = {t for _, t in ranked[:keep]}
    assert _most_distinctive(records, keep)[0]["body"] == [t for t in body if t in kept]


def test_an_index_made_again_after_edits_equals_one_made_afresh(built):
    """The preview's worker reuses what it analysed and weighed for the last index; after a
    body, a title or the set of documents changed, its files are those of a fresh process."""
    import dataclasses

    from generator.site.search import index, shards

    def afresh(docs):
        index._RECENT.clear()
        shards._LAST.clear()
        return shards.index_files(docs)

    docs = _bundled_docs(built)
    before = afresh(docs)
    edits = [
        # a sentence in one body: the main index's texts are as they were
        [dataclasses.replace(docs[0], body=docs[0].body + " Solcellerne på taget < 5 kW & mere.")]
        + docs[1:],
        # a title, which only the main index reads
        [docs[0], dataclasses.replace(docs[1], title="Førerløse busser 🚌 i ﬁre byer")] + docs[2:],
        docs[:3] + docs[4:],  # one document fewer
        docs + [dataclasses.replace(docs[2], url="cases/en-kopi/")],  # and one more
        docs,
    ]
    for edited in edits:
        made = shards.index_files(edited)  # with what the last index left behind
        assert made == afresh(edited)
        assert (made == before) == (edited == docs)


def test_the_sharded_index_finds_what_the_whole_lunr_index_found(built, browser_page):
    """Every query of the Danish set, the site search checks and a sample of the bundled words
    (and their first letters, as typed) finds the same documents with the same scores through
    the shards in the browser as through the two whole lunr indexes."""
    from lunr.index import Index

    from generator.site.search.index import BODY_FIELDS, BODY_TERMS, MAIN_FIELDS, lunr_index
    from generator.site.search.shards import index_files

    page, _, _ = browser_page
    docs = _bundled_docs(built)
    files = {name: json.loads(text) for name, text in index_files(docs).items()}
    main = Index.load(lunr_index(docs, MAIN_FIELDS).serialize())
    body = Index.load(lunr_index(docs, BODY_FIELDS, keep=BODY_TERMS).serialize())
    words = _word_list()[::7]
    queries = [q["query"] for q in QUERIES] + SITE_QUERIES + words + [w[:5] for w in words]
    sharded = page.evaluate(
        """async ([files, qs]) => {
      const get = (path) => Promise.resolve(files[path.split("?")[0]]);
      const engine = new SmartCitySearch.Engine(files["search/manifest.json"], get);
      const found = [];
      for (const q of qs) {
        await engine.ready(q);
        found.push(engine.search(q).map(h => [h.ref, h.score]));
      }
      return found;
    }""",
        [files, queries],
    )
    differ = []
    for query, hits in zip(queries, sharded):
        whole = _lunr_search(main, body, STOP_WORDS, query)
        if {ref for ref, _ in hits} != set(whole) or any(
            abs(score - whole[ref]) > 1e-6 * max(1, score) for ref, score in hits
        ):
            differ.append(query)
    assert len(queries) > 300
    assert sum(1 for hits in sharded if hits) > 200, "most queries find something"
    assert differ == []


# -- on a site with many shards: what one query fetches --------------------------------------------


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """A synthetic site of 400 cases (benchmarks/corpus.py), whose index has several shards."""
    import os
    import subprocess
    import sys

    from conftest import BUILD_DATE_EPOCH

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    project = write_corpus(tmp_path_factory.mktemp("sharded") / "project", 400)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH},
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def _needed_shards(manifest: dict, word: str) -> set[int]:
    """The shards a one-word query needs, worked out here from the manifest: those holding the
    word's term, the terms it begins, and the words that begin with the word as typed."""
    from bisect import bisect_right

    from generator.site.search.index import js_order

    first = [js_order(t) for t in manifest["shards"]]
    found = term(word)
    clauses = [(found, False)]
    if len(found) >= 4:
        clauses.append((found, True))
    if word != found and len(word) >= 4:
        clauses.append((word, True))
    needed = set()
    for text, prefix in clauses:
        n = max(0, bisect_right(first, js_order(text)) - 1)
        needed.add(n)
        while prefix and n + 1 < len(first) and manifest["shards"][n + 1].startswith(text):
            n += 1
            needed.add(n)
    return needed


@pytest.mark.parametrize("word", ["parkeringen", "kloakken", "Kalundborg", "fjernkøling"])
def test_one_word_fetches_only_the_shards_it_needs(sharded_site, browser, word):
    manifest = json.loads((sharded_site / "search/manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) >= 6
    docs = site_docs(sharded_site)
    with serve(sharded_site) as base:
        page = browser.new_page()
        watch = Watch(page, base)
        fetched = []
        page.on("request", lambda r: fetched.append(r.url.split("?")[0].removeprefix(base + "/")))
        page.goto(f"{base}/")
        box = page.locator("input[data-md-component='search-query']")
        box.click()
        box.fill(word.lower())  # the whole word at once: no query for its first letters
        box.press("End")  # Material reads the box on a key
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(300)
        results = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(a => a.getAttribute('href'))"
        )
        page.close()
        # The 50 results the worker answers with (Material shows them 10 at a time), from the
        # same engine on another page.
        other = browser.new_page()
        other.goto(f"{base}/cases/")
        answered = _search(other, [word.lower()], sharded_site)[0][:50]
        other.close()
    assert results, word
    shards = {int(u.rsplit("/", 1)[1].removesuffix(".json")) for u in fetched if "/terms/" in u}
    assert shards == _needed_shards(manifest, word.lower())
    number = {doc[0]: n for n, doc in enumerate(docs)}
    assert [r.removeprefix(base + "/") for r in results] == answered[: len(results)]
    chunks = {int(u.rsplit("/", 1)[1].removesuffix(".json")) for u in fetched if "/pages/" in u}
    assert chunks == {number[url] // manifest["chunk"] for url in answered}, (
        "the result texts of the results answered, and no others"
    )
    assert not any(u.endswith(("index-main.json", "index-body.json", "docs.json")) for u in fetched)
    assert watch.foreign == []


def test_site_search_marks_the_words_and_finds_danish_letters(sharded_site, browser):
    """A result's title marks the query's words; a word with æ, ø or å finds the pages that
    write it, and a municipality typed without them finds the cases it leads."""
    with serve(sharded_site) as base:
        page = browser.new_page()
        results = _site_search(page, base, "", "Vallensbæk")
        assert results and all("Vallensbæk" in r[1] for r in results[:5])
        marked = page.eval_on_selector_all(
            ".md-search-result__item mark", "els => els.map(e => e.textContent)"
        )
        assert "Vallensbæk" in marked
        page.goto(f"{base}/cases/")
        # The corpus's titles name the lead municipality: "Smart parkering i Vallensbæk 12".
        led = {d[0] for d in site_docs(sharded_site) if re.search(r" i Vallensbæk \d+$", d[1])}
        found = _search(page, ["Vallensbæk", "Vallensbaek", "vallensbæk kommune"], sharded_site)
        assert led and all(led <= set(urls) for urls in found)
        page.close()


def test_a_page_view_fetches_no_sitemap(built, browser):
    """Material fetches sitemap.xml for every `link[rel=alternate]` it takes for a translation;
    the feed's link is written so that it does not (theme/main.html): at 5,000 cases that file
    is larger than everything else the finder needs."""
    with serve(built / "site") as base:
        for path in ("", "cases/", "cases/koebenhavn-intelligente-trafiksignaler/", "data/"):
            page = browser.new_page()
            urls = []
            page.on("request", lambda r, urls=urls: urls.append(r.url))
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            page.close()
            assert any(u.endswith("/search/search_index.json") for u in urls), "Material ran"
            assert not [u for u in urls if "sitemap" in u], path
