"""What site search and the case finder transfer and how long they take, in headless Chromium.

    python3 benchmarks/searchload.py --site DIR [--query kommunerne] [--runs 3]

Each measurement is a first visit (a fresh browser context, empty cache) to the site served on
127.0.0.1. Every response is counted as a host that compresses text sends it (gzip, level 6;
images and fonts as they are), like benchmarks/pagesize.py. Times are taken in the page, from
the start of the navigation (`performance.now()`), so Playwright's own round trips are not
counted, and in visits of their own: recording each response's bytes fetches its body through
the test driver, which delays the page (by 0.1-0.3 s at 5,000 cases), so bytes are counted in a
second visit, up to the moment that visit reached the same point.

- Finder: the bytes and time until the finder is usable, that is until it marks itself ready to
  filter (`data-sc-ready`); its text index is fetched when a text search begins. Then the bytes
  the first text search adds before its results show, and that search's time.
- Site search: the moment the home page has loaded, a script in the page puts the query in
  Material's search box (as a pasted word, or a phone's suggestion, arrives); the time until the first result
  shows, from the query and from the navigation, and the bytes the search requested by then
  (Material's search configuration, the worker and its scripts, the manifest, shards and result
  texts); the page's own bytes are reported beside them. The query is typed a second time letter
  by letter (80 ms apart) to report what typing transfers in all.

Benchmarks/run calls `measure` at every size; the figures are reported, not asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent)]

from browser import chromium, serve  # noqa: E402

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
KEYSTROKES = [
    "p",
    "pa",
    "par",
    "park",
    "parke",
    "parker",
    "parkering",
    "s",
    "se",
    "sen",
    "sens",
    "senso",
    "sensor",
    "sensore",
    "sensorer",
    "k",
    "kl",
    "kli",
    "klim",
    "klima",
    "",
]
"""Each keystroke from an unfiltered list too ("p" after "klima" is cleared): the ones that
change the most cards at once. The last one clears the field."""


class Transfer:
    """Every response of a page with the moment it arrived in full (ms since 1970) and its size
    as a compressing host sends it."""

    def __init__(self, page) -> None:
        self.page = page
        self.responses: list[tuple[float, str, int]] = []
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        try:
            response = request.response()
            body = response.body() if response else b""
        except Exception:  # a body the browser has already dropped (a redirect, an abort)
            return
        kind = (response.headers.get("content-type") or "") if response else ""
        size = len(gzip.compress(body, 6)) if kind.startswith(COMPRESSED_TYPES) else len(body)
        timing = request.timing
        self.responses.append((timing["startTime"] + timing["responseEnd"], request.url, size))

    def total(self, where=lambda url: True, before: float = float("inf")) -> int:
        """Bytes of the responses `where` accepts that had arrived by `before` (ms since 1970),
        waiting a moment for the events of the last ones."""
        self.page.wait_for_timeout(300)
        return sum(size for at, url, size in self.responses if where(url) and at <= before)

    def now(self) -> float:
        return self.page.evaluate("performance.timeOrigin + performance.now()")


READY_MARK = """
    new MutationObserver(() => {
      if (!window.__scReady && document.querySelector("[data-sc-ready]"))
        window.__scReady = performance.now();
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-sc-ready"]});
"""
"""In the page: the moment (ms from navigation) the finder first marks itself ready."""

TYPE_AND_MARK = """(q) => {
    const root = document.querySelector("[data-sc-finder]");
    const list = root.querySelector(".sc-finder__list");
    const count = document.getElementById("sc-finder-count");
    new MutationObserver((records, observer) => {
      if (list.getAttribute("aria-busy") !== "true" && count.textContent.includes(" af ")) {
        window.__scFound = performance.now();
        observer.disconnect();
      }
    }).observe(root, {subtree: true, attributes: true, childList: true, characterData: true});
    const t = performance.now();
    const input = document.getElementById("sc-q");
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    return t;
}"""
"""In the page: a text search typed at once, and the moment its matches are shown."""


def _visit(browser, url: str, script: str, counted: bool):
    """A first visit in a fresh context; `counted`: with every response's bytes recorded. The
    recording fetches each body through the test driver, which delays the page by 0.1-0.3 s,
    so times come from visits that are not counted, and bytes from visits that are."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(script)
    transfer = Transfer(page) if counted else None
    page.goto(url)
    return context, page, transfer


def finder(browser, base: str, query: str) -> dict:
    figures = {}
    for counted in (False, True):
        context, page, transfer = _visit(browser, f"{base}/cases/", READY_MARK, counted)
        page.wait_for_selector("[data-sc-ready]", state="attached", timeout=120_000)
        ready = page.evaluate("window.__scReady")
        if counted:
            ready_at = page.evaluate("performance.timeOrigin") + ready
            figures["finder_bytes_gzip"] = transfer.total(before=ready_at)
        else:
            figures["finder_ready_ms"] = ready
        page.wait_for_load_state("networkidle")
        earlier = transfer.total() if counted else 0
        start = page.evaluate(TYPE_AND_MARK, query)
        page.wait_for_function("() => window.__scFound", timeout=120_000)
        found = page.evaluate("window.__scFound")
        if counted:
            found_at = page.evaluate("performance.timeOrigin") + found
            figures["finder_text_bytes_gzip"] = transfer.total(before=found_at) - earlier
            context.close()
            continue
        figures["finder_text_ms"] = found - start
        times = page.evaluate(
            """(qs) => {
            const input = document.getElementById("sc-q");
            return qs.map(q => {
              const t0 = performance.now();
              input.value = q;
              input.dispatchEvent(new Event("input", {bubbles: true}));
              document.body.offsetHeight;   // include style and layout of the new list
              return performance.now() - t0;
            });
        }""",
            KEYSTROKES,
        )
        figures["finder_keystroke_ms"] = statistics.median(times)
        figures["finder_keystroke_max_ms"] = max(times)
        context.close()
    return figures


def _search_box(page):
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    return box


FIRST_RESULT = "() => document.querySelectorAll('.md-search-result__item').length > 0"


def _searched(url: str) -> bool:
    """A request of site search: Material's search configuration and the project's worker
    (fetched when the page loads), the worker's scripts and the index's files."""
    return "/search/" in url or "/javascripts/smartcity/" in url or "/javascripts/lunr/" in url


SEARCH_AT_LOAD = """(query) => window.addEventListener("load", () => {
    const input = document.querySelector("input[data-md-component='search-query']");
    new MutationObserver((records, observer) => {
      if (document.querySelector(".md-search-result__item")) {
        window.__scShown = performance.now();
        observer.disconnect();
      }
    }).observe(document.body, {subtree: true, childList: true});
    window.__scQueried = performance.now();
    input.value = query;
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
})"""
"""In the page: the query put in the search box the moment the page has loaded (as a reader
who searches at once; a pasted word or a phone's suggestion arrives whole), and the moment the
first result shows. Done in the page, so that no round trip of the test driver is counted."""


def site_search(browser, base: str, query: str) -> dict:
    figures = {}
    script = f"({SEARCH_AT_LOAD})({json.dumps(query)})"
    for counted in (False, True):
        context, page, transfer = _visit(browser, f"{base}/", script, counted)
        page.wait_for_function("() => window.__scShown", polling=10, timeout=120_000)
        start, shown = page.evaluate("[window.__scQueried, window.__scShown]")
        if not counted:
            figures["search_ms"] = shown - start
            figures["search_from_navigation_ms"] = shown
            context.close()
            continue
        shown_at = page.evaluate("performance.timeOrigin") + shown
        figures["search_bytes_gzip"] = transfer.total(_searched, before=shown_at)
        figures["search_requests"] = sum(
            1 for at, url, _ in transfer.responses if _searched(url) and at <= shown_at
        )
        page.wait_for_load_state("networkidle")
        figures["search_page_bytes_gzip"] = transfer.total(lambda url: not _searched(url))
        context.close()

    context, page, transfer = _visit(browser, f"{base}/", "", counted=True)
    page.wait_for_load_state("networkidle")
    _search_box(page).press_sequentially(query, delay=80)
    page.wait_for_function(FIRST_RESULT, timeout=120_000)
    page.wait_for_load_state("networkidle")
    figures["search_typed_bytes_gzip"] = transfer.total(_searched)
    context.close()
    return figures


def measure(site: Path, query: str = "kommunerne", finder_query: str = "parkering") -> dict:
    with serve(site) as base, chromium() as browser:
        return {**finder(browser, base, finder_query), **site_search(browser, base, query)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--query", default="kommunerne")
    parser.add_argument("--runs", type=int, default=3, help="first visits; medians are printed")
    args = parser.parse_args()
    every = [measure(args.site, args.query) for _ in range(args.runs)]
    figures = {key: statistics.median(run[key] for run in every) for key in every[0]}
    for key, value in figures.items():
        unit = value / 1024 if "bytes" in key else value
        print(f"{key:28} {unit:10.1f} {'KB' if 'bytes' in key else ''}")


if __name__ == "__main__":
    main()
