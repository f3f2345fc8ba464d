"""Every page type of the built bundled site, in ONE place, with the URLs that stand for it.

The accessibility, validity, privacy and responsive checks, the screenshots and the page-size
benchmark all read this list, so a new kind of page is checked everywhere by adding it here.
URLs are relative to the site root; pick the richest example of a type (a case with partners,
results, budget and reuse), because a check can only fail on markup that the page renders.

Interactive states (search with results open, the finder with filters applied) are not URLs:
`open_search` and `apply_finder_filters` below put a loaded page into them, and the checks call
them the same way on every run.
"""

from __future__ import annotations

PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "home": ("",),
    "themes": ("themes/",),
    "theme": ("themes/trafik/",),
    "municipalities": ("municipalities/",),
    "municipality": ("municipalities/koebenhavn/", "municipalities/vejle/"),
    "municipality-without-case": ("municipalities/laesoe/", "municipalities/gladsaxe/"),
    "case": ("cases/koebenhavn-intelligente-trafiksignaler/", "cases/aarhus-led-gadebelysning/"),
    "guides": ("guides/",),
    "guide": ("guides/kom-godt-i-gang/",),
    "tags": ("tags/",),
    "tag": ("tags/sensorer/",),
    "contribute": ("contribute/",),
    "finder": ("cases/",),
    "map": ("map/", "map/klima/"),
    "stats": ("stats/",),
    "data": ("data/",),
    "accessibility": ("accessibility/",),
    "reuse": ("reuse/",),
    "groups": ("groups/",),
    "group": ("groups/smart-belysning-og-sensorer/",),
    "events": ("events/",),
    "event": ("events/smart-city-konferencen-2025/", "events/workshop-genbrug-af-loesninger-2027/"),
    "404": ("404.html",),
}
"""Page type -> URLs. Extend this when a page type lands; every check picks it up."""

CASE_PAGE = PAGE_TYPES["case"][0]
"""The case page that the page-size budget and the print stylesheet are measured on."""

SEARCH_WORDS = ("trafik", "klimatilpasning", "borgerinddragelse")
"""Danish words that the bundled content contains, so a search for them has results."""


def all_urls() -> list[str]:
    return [url for urls in PAGE_TYPES.values() for url in urls]


def url_params() -> list:
    """`pytest.param(url, id=...)` for every URL, named by page type, for parametrized tests."""
    import pytest

    return [
        pytest.param(url, id=f"{kind}:{url or '/'}")
        for kind, urls in PAGE_TYPES.items()
        for url in urls
    ]


def open_search(page, word: str = SEARCH_WORDS[0]) -> None:
    """Open the site search as a user does, type `word` and wait until results are listed.

    Written against Material's search box (the input in the header and its result list), not
    against the engine behind it, so it holds when the index or the worker changes.
    """
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():  # small screens: the box hides behind a button in the header
        button.click()
    field = page.locator(".md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(word)
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def apply_finder_filters(page) -> None:
    """Put the finder (/cases/) into the state "filters applied, results shown", as a reader
    does: wait until the finder can filter, tick the first theme, and wait for its cards."""
    page.locator("[data-sc-ready=facets], [data-sc-ready=full]").wait_for(state="attached")
    page.locator("form.sc-finder__form input[name=theme]").first.check()
    page.wait_for_function(
        "() => document.getElementById('sc-finder-count').textContent.includes(' af ')"
    )
    page.locator(".sc-finder__list .sc-card:visible").first.wait_for(state="visible")
