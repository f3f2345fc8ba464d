"""No third-party requests: every page type, loaded in Chromium, asks nothing of any host but the
site's own, and sets no cookie.

A request to another host (a web font, an icon CDN, a repository-statistics call, analytics)
hands the reader's IP address and the page they read to a third party, which GDPR makes the
publishing municipality answer for. Requests are intercepted, so nothing leaves this machine
even when the test fails; the static check of the HTML is in test_site.py.
"""

from __future__ import annotations

import pytest
from browser import Watch
from pagetypes import SEARCH_WORDS, open_search, url_params


def visit(
    browser, base, url: str, width: int = 1280, then=None
) -> tuple[list[str], list, list[str]]:
    """Load `url` as a first visit (fresh context, empty cache), let it settle, optionally do
    `then(page)`; returns the foreign requests, the cookies, and every URL requested."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        watch = Watch(page, base)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}/{url}", wait_until="networkidle")
        if then is not None:
            then(page)
            page.wait_for_load_state("networkidle")
        return watch.foreign, context.cookies(), requested
    finally:
        context.close()


@pytest.mark.parametrize("url", url_params())
def test_page_requests_nothing_from_another_host(browser, base, url):
    foreign, cookies, requested = visit(browser, base, url)
    assert foreign == [], f"{url or '/'} asked other hosts for:\n" + "\n".join(foreign)
    assert cookies == []
    assert requested and requested[0].startswith(base)


@pytest.mark.parametrize("width", [1280, 320])
def test_search_requests_nothing_from_another_host(browser, base, width):
    """Searching loads the index and a worker; all of it comes from the site itself."""
    foreign, cookies, requested = visit(
        browser, base, "", width, then=lambda page: open_search(page, SEARCH_WORDS[1])
    )
    assert foreign == []
    assert cookies == []


def test_the_watch_does_catch_a_foreign_request(browser, base):
    """The check above can fail: a page that asks another host is caught and the request is
    aborted, so an empty list means no page asked, not that nothing was watched."""

    def fetch_elsewhere(page):
        page.evaluate("() => fetch('https://fonts.example.net/font.woff2').catch(() => null)")

    foreign, _, _ = visit(browser, base, "", then=fetch_elsewhere)
    assert foreign == ["https://fonts.example.net/font.woff2"]
