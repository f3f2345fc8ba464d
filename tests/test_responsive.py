"""Responsive and printable: every page type fits a 320 px wide screen without scrolling
sideways (WCAG 1.4.10, reflow), and a case prints as a clean document.

320 CSS pixels is what WCAG's reflow criterion names (1280 px at 400 % zoom). A wide table may
scroll inside its own box; the page itself may not.
"""

from __future__ import annotations

import pytest
from browser import Watch
from pagetypes import CASE_PAGE, open_search, url_params

NARROW = 320

OVERFLOW = """
  width => [...document.querySelectorAll('body *')].filter(e => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) return false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) return false;
      }
      return e.checkVisibility({visibilityProperty: true});
    }).slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
      + ' ends at ' + Math.round(e.getBoundingClientRect().right) + ' px')
"""

CUT_OFF = """
  width => [...document.querySelectorAll('body *')].filter(e => {
      const r = e.getBoundingClientRect();
      const content = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
        || e.matches('a, button, input, select, textarea, img, svg, video');
      if (!content || r.width === 0 || r.right <= width + 2 || r.left >= width) return false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return false;
      }
      return e.checkVisibility({visibilityProperty: true, opacityProperty: true});
    }).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))
"""
"""Visible text or controls that a `width` px screen cuts off at its right edge."""


@pytest.fixture
def phone(browser, base):
    page = browser.new_page(viewport={"width": NARROW, "height": 640})
    watch = Watch(page, base)
    yield page
    page.close()
    assert watch.foreign == []


def assert_no_sideways_scrolling(page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW, f"{where} is {width} px wide at {NARROW} px: " + "; ".join(
        page.evaluate(OVERFLOW, NARROW)
    )


@pytest.mark.parametrize("url", url_params())
def test_no_horizontal_scrolling_at_320px(phone, base, url):
    phone.goto(f"{base}/{url}", wait_until="load")
    assert_no_sideways_scrolling(phone, url or "/")


def test_nothing_sticks_out_at_320px_with_search_or_menu_open(phone, base):
    """Open search and menu lock the page's scrolling; what counts is that no text or control
    of theirs is cut off at the right edge. (Material's dimming backdrop is a circle scaled far
    past the screen: it has no content and is left out.)"""
    settled = "() => document.getAnimations().every(a => a.playState !== 'running')"
    phone.goto(f"{base}/", wait_until="load")
    open_search(phone)
    phone.wait_for_function(settled)  # the search panel slides in
    assert phone.evaluate(CUT_OFF, NARROW) == []
    phone.goto(f"{base}/{CASE_PAGE}", wait_until="load")
    phone.locator('label.md-header__button[for="__drawer"]').click()
    phone.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
    phone.wait_for_function(settled)
    assert phone.evaluate(CUT_OFF, NARROW) == []


def test_a_case_prints_as_a_clean_document(browser, base):
    """Printed: title, summary, fact box, results and text, link addresses written out;
    not printed: header, search, navigation, table of contents, breadcrumbs, related cases,
    footer."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base}/{CASE_PAGE}", wait_until="load")
        page.emulate_media(media="print")
        shown = {
            name: page.locator(selector).first.is_visible()
            for name, selector in {
                "title": "article.sc-case h1",
                "summary": ".sc-lead",
                "fact box": ".sc-facts",
                "results": "section[aria-labelledby=sc-results-title] table",
                "body": ".sc-body",
                "header": ".md-header",
                "search": ".md-search",
                "navigation": ".md-sidebar--primary",
                "table of contents": ".md-sidebar--secondary",
                "breadcrumbs": ".sc-breadcrumb",
                "related cases": "section[aria-labelledby=sc-related-title]",
                "footer": ".md-footer",
                "skip link": ".sc-skip",
            }.items()
        }
        assert shown == {
            "title": True,
            "summary": True,
            "fact box": True,
            "results": True,
            "body": True,
            "header": False,
            "search": False,
            "navigation": False,
            "table of contents": False,
            "breadcrumbs": False,
            "related cases": False,
            "footer": False,
            "skip link": False,
        }
        printed_address = page.evaluate("""() => {
            const link = [...document.querySelectorAll('article.sc-case section a[href^="http"]')]
              .find(a => a.checkVisibility());
            return [getComputedStyle(link, '::after').content, link.getAttribute('href')];
        }""")
        assert printed_address[1] in printed_address[0]
        facts = page.evaluate(
            "() => getComputedStyle(document.querySelector('.sc-facts')).breakInside"
        )
        assert facts == "avoid"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()


def test_tables_are_readable_on_a_phone_and_the_map_table_keeps_its_header(browser, base):
    """A case's results and the open data's fields: nothing off-screen at 375 px, text at least
    16 px, field names whole. The map's 98 rows: the header stays in view while they scroll."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(f"{base}/{CASE_PAGE}")
        table = page.locator("section[aria-labelledby=sc-results-title] table")
        cells = table.locator("td").evaluate_all(
            "tds => tds.filter(td => td.checkVisibility()).map(td => {"
            " const r = td.getBoundingClientRect();"
            " return [r.right, parseFloat(getComputedStyle(td).fontSize), td.innerText,"
            " getComputedStyle(td, '::before').content]; })"
        )
        assert cells
        for right, size, text, _ in cells:
            assert right <= 375, text
            assert size >= 16, (size, text)
        notes = [text for _, _, text, label in cells if label == '"Note: "' and text]
        assert notes, "the note, with its caveat, is on screen and labelled"

        for width in (375, 1280):  # stacked on a phone, a table on a wide screen
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{base}/data/")
            keys = page.locator(
                "table.sc-fields td code, table.sc-stack td:first-child a"
            ).evaluate_all(
                "cs => cs.map(c => [c.textContent, c.getClientRects().length,"
                " c.getBoundingClientRect().right])"
            )
            assert keys
            for key, lines, right in keys:
                assert lines == 1 and right <= width, (width, key)

        page.goto(f"{base}/map/")
        box = page.locator(".sc-map-table").locator("xpath=..")
        header = page.locator(".sc-map-table thead th").first
        before = header.bounding_box()["y"]
        box.evaluate("b => { b.scrollTop = 1500; }")
        assert header.bounding_box()["y"] == pytest.approx(before, abs=2), "the header stays"
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "all columns at 1280 px"
        page.set_viewport_size({"width": 375, "height": 800})
        assert page.locator(".sc-scroll-hint").is_visible(), "a phone is told to scroll sideways"
    finally:
        page.close()
