"""The map in a real browser (Debian's headless Chromium): every municipality is a link a keyboard
reaches and a screen reader names, nothing is fetched from elsewhere, and it fits a phone."""

from __future__ import annotations

import re

import pytest
from browser import Watch

SCREENSHOTS = {1280: "/tmp/smartcity-map-1280.png", 375: "/tmp/smartcity-map-375.png"}


@pytest.mark.parametrize("width", [1280, 375])
def test_map_in_chromium(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    watch = Watch(page, base)
    try:
        page.goto(f"{base}/map/", wait_until="load")
        figure = page.locator("figure.sc-map")

        # 98 links in the accessibility tree, each named "<kommune>: <n> cases" or "ingen cases endnu".
        names = re.findall(r'link "([^"]+)"', figure.aria_snapshot())
        assert len(names) == 98, names
        assert len(set(names)) == 98
        for name in names:
            assert re.fullmatch(r"[^:]+: (1 case|\d+ cases|ingen cases endnu)", name), name
        focusable = figure.locator("a").evaluate_all(
            "els => els.filter(e => e.tabIndex >= 0 && e.getAttribute('aria-hidden') !== 'true').length"
        )
        assert focusable == 98

        # Every shape is drawn with a size (the islands too), inside the visible page width.
        boxes = figure.locator("a.sc-area").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [e.querySelector('title').textContent, r.width, r.height, r.right]; })"
        )
        for name, w, h, right in boxes:
            assert w > 1 and h > 1, name
            assert right <= width, name
        bornholm = next(b for b in boxes if b[0].startswith("Bornholm:"))
        assert bornholm[1] > 15 and bornholm[2] > 15
        small = [
            b for b in boxes if b[0].split(":")[0] in {"Frederiksberg", "Vallensbæk", "Dragør"}
        ]
        assert all(w >= 12 and h >= 12 for _, w, h, _ in small), (
            "the inset makes them big enough to hit"
        )

        # The keyboard reaches a municipality, and the focus is visible on it.
        reached = None
        for _presses in range(1, 200):
            page.keyboard.press("Tab")
            reached = page.evaluate(
                "() => { const a = document.activeElement;"
                " return a && a.classList && a.classList.contains('sc-area') ?"
                " [a.querySelector('title').textContent,"
                "  getComputedStyle(a.querySelector('path')).stroke] : null; }"
            )
            if reached:
                break
        assert reached, "Tab never reached a municipality link"
        assert reached[1] == "rgb(184, 70, 27)", "the focused municipality is outlined"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/municipalities/" in page.url

        page.goto(f"{base}/map/", wait_until="load")
        page.screenshot(path=SCREENSHOTS[width], full_page=False)
        assert watch.foreign == [], "no request may leave 127.0.0.1"
        assert watch.dialogs == []
    finally:
        page.close()


def test_theme_links_recolour_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        watch = Watch(page, base)
        page.goto(f"{base}/map/")
        before = page.locator("a.sc-area").evaluate_all(
            "els => els.map(e => getComputedStyle(e).fill)"
        )
        page.locator("nav.sc-map-themes").get_by_role("link", name="Trafik og mobilitet").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/map/trafik/")
        after = page.locator("a.sc-area").evaluate_all(
            "els => els.map(e => getComputedStyle(e).fill)"
        )
        assert len(after) == 98 and after != before
        assert len(set(after)) >= 2, "municipalities with and without cases differ in colour"
        assert watch.foreign == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_focused_or_tapped_municipality_is_named_under_the_map(browser, base, width):
    """Tooltips (<title>) never show for the keyboard or a finger: a caption does."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, has_touch=width < 500, is_mobile=width < 500
    )
    try:
        page = context.new_page()
        page.goto(f"{base}/map/")
        caption = page.locator(".sc-map__caption")
        assert not caption.is_visible()
        page.locator("a.sc-area[data-code='751']").focus()  # Aarhus
        assert caption.is_visible()
        assert caption.inner_text().startswith("Aarhus: ")
        if width < 500:
            # A first tap names the municipality and stays; a second opens its page.
            laesoe = page.locator("a.sc-area[data-code='825']")
            laesoe.tap()
            assert caption.inner_text().startswith("Læsø: ingen cases endnu")
            assert page.url.endswith("/map/")
            laesoe.tap()
            page.wait_for_url("**/municipalities/laesoe/")
            # The enlarged capital area is below the map on a phone, and the note says so.
            page.go_back()
            assert "forstørret under kortet" in page.inner_text(".sc-map__note")
        else:
            assert "forstørret ved siden af kortet" in page.inner_text(".sc-map__note")
    finally:
        context.close()


def test_a_skip_link_passes_the_98_municipalities(browser, base):
    page = browser.new_page()
    try:
        page.goto(f"{base}/map/")
        skip = page.locator("a.sc-skip-map")
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('sc-skip-map')"):
                break
        assert skip.is_visible(), "the skip link shows when it has focus"
        assert "98" in skip.inner_text()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after = page.evaluate(
            "() => document.querySelector('figure.sc-map').contains(document.activeElement)"
        )
        assert after is False, "the next Tab lands past the map"
        labels = page.locator(".sc-map__labels text").all_text_contents()
        assert {"København", "Aarhus", "Aalborg", "Odense"} <= set(labels)
    finally:
        page.close()
