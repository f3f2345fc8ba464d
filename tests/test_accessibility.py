"""WCAG 2.1 AA in a real browser: axe-core finds nothing on any page type, and a keyboard user
reaches and operates every control, sees where the focus is, and can skip to the content.

Danish law (EN 301 549) requires WCAG 2.1 AA of a public-sector site. axe-core comes from the npm
registry (`npm ci`, which `.ci/run` runs) and is injected into Debian's headless Chromium; page
types are listed once, in `pagetypes.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import Watch
from pagetypes import (
    CASE_PAGE,
    PAGE_TYPES,
    SEARCH_WORDS,
    apply_finder_filters,
    open_search,
    url_params,
)

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDE, NARROW = 1280, 320

FOCUSABLE = """
  (() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
      + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
    const shown = e => e.checkVisibility({visibilityProperty: true, opacityProperty: false})
      && !e.closest('[inert], [aria-hidden=true]') && e.tabIndex >= 0 && !e.disabled;
    return [...document.querySelectorAll(selector)].filter(shown);
  })()
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is missing at {AXE.relative_to(REPO)}: run `npm ci` in the "
            "repository (bash .ci/run does it)"
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def open_page(browser, base):
    """`open_page(url, width)`: a fresh tab on the local site; nothing may leave 127.0.0.1."""
    pages = []

    def opener(url: str, width: int = WIDE):
        page = browser.new_page(viewport={"width": width, "height": 800})
        watch = Watch(page, base)
        pages.append((page, watch))
        page.goto(f"{base}/{url}", wait_until="load")
        return page

    yield opener
    for page, watch in pages:
        page.close()
        assert watch.foreign == [] and watch.dialogs == []


def axe_violations(page, source: str) -> list[str]:
    """Run axe-core on the page as it is now; one line per failing element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    lines = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(
                f"{rule['id']} ({rule['impact']}): {rule['help']} -- "
                f"{' '.join(map(str, node['target']))}: {summary}"
            )
    return lines


def describe(page, handle=None) -> str:
    return page.evaluate(
        "e => e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + "
        "JSON.stringify((e.getAttribute('aria-label') || e.textContent || e.getAttribute('href') "
        "|| '').trim().replace(/\\s+/g, ' ').slice(0, 50)) : 'nothing'",
        handle if handle is not None else page.evaluate_handle("document.activeElement"),
    )


# -- axe on every page type ---------------------------------------------------------------------


@pytest.mark.parametrize("url", url_params())
def test_every_page_type_has_no_axe_violations(open_page, axe_source, url):
    page = open_page(url, WIDE)
    found = [f"{WIDE}px: {line}" for line in axe_violations(page, axe_source)]
    page.set_viewport_size({"width": NARROW, "height": 640})
    page.reload(wait_until="load")  # fresh styles, no transition under way from the resize
    found += [f"{NARROW}px: {line}" for line in axe_violations(page, axe_source)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_search_with_results_open_has_no_violations(open_page, axe_source, width):
    page = open_page("", width)
    open_search(page, SEARCH_WORDS[0])
    assert page.locator(".md-search-result__item").count() > 0
    assert axe_violations(page, axe_source) == []


def test_finder_with_filters_applied_has_no_violations(open_page, axe_source):
    """The finder (/cases/) with filters applied and results shown: see `apply_finder_filters`,
    which the finder's engineer extends with the real filtering when the facets land."""
    page = open_page(PAGE_TYPES["finder"][0], WIDE)
    apply_finder_filters(page)
    assert page.locator(".sc-card").count() > 0
    assert axe_violations(page, axe_source) == []


def test_open_navigation_menu_on_a_phone_has_no_violations(open_page, axe_source):
    page = open_page("", NARROW)
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
    assert axe_violations(page, axe_source) == []


# -- keyboard: skip link, every control reachable, focus visible --------------------------------

FOCUS_LOOK = """
  e => [e, ...e.querySelectorAll('*')].slice(0, 6).map(n => {
    const s = getComputedStyle(n);
    return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color,
            s.borderColor, s.textDecorationLine, s.stroke, s.strokeWidth, s.fill].join();
  }).join('|')
"""
"""How a control looks: focus is visible when this differs between focused and not focused."""


def tab_walk(page, limit: int) -> list[str]:
    """Press Tab until the focus comes round to a control it has been on, checking at every stop
    that the focused control is on screen and that its focus is drawn: a ring of at least 2 px,
    or (SVG map areas) another visible change of its look. Returns the stops, named."""
    page.evaluate(f"""() => {{
        const look = {FOCUS_LOOK};
        window.scLook = new Map({FOCUSABLE}.map(e => [e, look(e)]));
    }}""")
    stops, problems = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(f"""() => {{
            const e = document.activeElement;
            if (!e || e === document.body) return {{outside: true}};
            if (e.dataset.scStop) return null;
            e.dataset.scStop = '1';
            const r = e.getBoundingClientRect(), s = getComputedStyle(e);
            const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
              && r.top < innerHeight && r.left < innerWidth;
            const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            const changed = window.scLook.has(e) && window.scLook.get(e) !== ({FOCUS_LOOK})(e);
            const name = (e.matches('a.sc-skip') ? 'skip link ' : '') + e.tagName.toLowerCase() + ' ' + JSON.stringify((e.getAttribute('aria-label')
              || e.textContent || e.getAttribute('href') || '').trim().replace(/\\s+/g, ' ').slice(0, 50));
            return {{inView, visible: ring || changed, name}};
        }}""")
        if state is None:
            break
        if state.get("outside"):  # past the last control, before Tab wraps round to the first
            continue
        stops.append(state["name"])
        if not state["inView"]:
            problems.append(f"focus is off screen on {state['name']}")
        elif not state["visible"]:
            problems.append(f"focus is not visible on {state['name']}")
    assert problems == [], "\n".join(problems)
    return stops


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("url", url_params())
def test_keyboard_reaches_every_control_with_visible_focus(open_page, url, width):
    page = open_page(url, width)
    count = page.evaluate(f"{FOCUSABLE}.length")
    stops = tab_walk(page, count + 20)
    assert stops and stops[0].startswith("skip link"), f"the first Tab goes to {stops[:1]}"
    # What is a control now, after the walk: Material shows and hides some (back to top) on scroll.
    unreached = page.evaluate(
        f"{FOCUSABLE}.filter(e => !e.dataset.scStop).map(e => e.outerHTML.slice(0, 120))"
    )
    assert unreached == [], "controls the Tab key never reaches:\n" + "\n".join(unreached)


@pytest.mark.parametrize("url", ["", CASE_PAGE, PAGE_TYPES["finder"][0], PAGE_TYPES["404"][0]])
def test_skip_link_moves_focus_to_the_content(open_page, url):
    """The skip link is the first stop on every page (checked in the walk above); here it is
    used: the next Tab lands in the content, not back in the header or the navigation."""
    page = open_page(url, WIDE)
    page.keyboard.press("Tab")
    skip = page.evaluate_handle("document.activeElement")
    assert page.evaluate("e => e.matches('a.sc-skip')", skip), describe(page, skip)
    assert page.evaluate("e => e.textContent.trim()", skip) == "Gå til indholdet"
    page.wait_for_function("e => getComputedStyle(e).opacity === '1'", arg=skip)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'sc-main'")
    page.keyboard.press("Tab")
    after = page.evaluate("""() => {
        const e = document.activeElement, target = document.getElementById('sc-main');
        return e === document.body || (!e.closest('.md-header, .md-sidebar--primary')
          && !!(target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));
    }""")
    assert after, f"after the skip link, Tab went back to {describe(page)}"


# -- keyboard walk-throughs ---------------------------------------------------------------------


def focused_href(page) -> str:
    """The absolute address of the focused link (HTML or SVG)."""
    return page.evaluate(
        "() => new URL(document.activeElement.getAttribute('href'), location.href).href"
    )


def tab_to(page, predicate: str, limit: int = 60) -> None:
    """Press Tab until `predicate(document.activeElement)` holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"e => ({predicate})(e)", page.evaluate_handle("document.activeElement")):
            return
    pytest.fail(f"Tab never reached an element where {predicate}")


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_keyboard_walk_through_search(open_page, width):
    """Open search with the keyboard, type a Danish word, walk to a result and open it."""
    page = open_page("", width)
    if width == NARROW:  # the search box hides behind a button on small screens
        tab_to(page, "e => e.matches('label[for=__search]')")
        assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    else:
        tab_to(page, "e => e.matches('.md-search__input')")
    page.keyboard.type(SEARCH_WORDS[0])
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.keyboard.press("ArrowDown")  # Material: arrows walk the results, Tab leaves the search
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result')"), describe(
        page
    )
    target = focused_href(page)
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "**")
    assert SEARCH_WORDS[0] in page.locator(".md-content").inner_text().lower()


def test_keyboard_walk_through_navigation_menu_on_a_phone(open_page):
    page = open_page("", NARROW)
    tab_to(page, "e => e.matches('label[for=__drawer]')", limit=5)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.matches('label[for=__drawer]')")
    page.keyboard.press(" ")
    tab_to(page, "e => e.textContent.trim() === 'Statistik'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stats/")


def test_keyboard_walk_through_map(open_page):
    """Choose a theme on the map with the keyboard, then open a municipality from the map."""
    page = open_page(PAGE_TYPES["map"][0], WIDE)
    tab_to(page, "e => !!e.closest('.sc-map-themes') && e.textContent.includes('Klima')")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => (document.querySelector('.sc-map-themes [aria-current=page]') || {}).textContent"
        "?.includes('Klima')"
    )
    tab_to(
        page,
        "e => !!e.closest('figure.sc-map') && e.matches('a[href*=\"municipalities/\"]')",
        limit=150,
    )
    target = focused_href(page)
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.locator("h1").inner_text().lower().endswith("kommune")  # or Regionskommune


def test_keyboard_walk_through_finder(open_page):
    """The finder (/cases/): filters applied, then a result opened with the keyboard. The finder's
    engineer extends this with the facets and the search field when they land."""
    page = open_page(PAGE_TYPES["finder"][0], WIDE)
    apply_finder_filters(page)
    tab_to(page, "e => !!e.closest('.sc-card') && e.matches('a')", limit=200)
    target = focused_href(page)
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.locator(".sc-facts").is_visible()


def test_page_types_are_listed_once_and_exist(built):
    """Every URL in pagetypes.py is a page of the built site, so no check silently tests a 404."""
    urls = [url for urls in PAGE_TYPES.values() for url in urls]
    assert len(urls) == len(set(urls))
    site = built / "site"
    missing = [u for u in urls if not ((site / u).is_file() or (site / u / "index.html").is_file())]
    assert missing == []
