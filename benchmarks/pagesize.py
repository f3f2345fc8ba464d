"""Bytes per page type: the HTML, and everything a first visit transfers, measured in Chromium.

    python3 benchmarks/pagesize.py [--site DIR]

Without --site the bundled content is built into a temporary folder first. Every URL of
tests/pagetypes.py is loaded in a fresh browser context (empty cache, as a first visit) until
the network is idle; every response is counted as served (`raw`) and as a host that compresses
text sends it (`gzip`, level 6; images and fonts are counted as they are). Prints a table and
checks the budget of a case page: under 250 KB on a first visit and under 60 KB of HTML, as
transferred by a compressing host (the raw figure is printed beside it). Exits 1 over budget.

A benchmark, not a test: sizes change with content and with Material's releases, and a number
belongs in front of a person, not in an assertion that fails the suite.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO)]

from browser import chromium, serve  # noqa: E402
from pagetypes import CASE_PAGE, PAGE_TYPES  # noqa: E402

BUDGET_TOTAL = 250 * 1024
BUDGET_HTML = 60 * 1024
BUILD_DATE_EPOCH = "1780272000"
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/atom+xml",
)


@dataclass
class Visit:
    url: str
    html: int = 0
    html_gzip: int = 0
    total: int = 0
    total_gzip: int = 0
    requests: int = 0
    biggest: list[tuple[int, str]] = field(default_factory=list)


def build_bundled(into: Path) -> Path:
    """Build the bundled content like the tests' `built` fixture; returns the site folder."""
    from click.testing import CliRunner

    from generator.cli.commands import cli

    root = into / "project"
    for folder in ("content", "schema", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH
    result = CliRunner().invoke(cli, ["--root", str(root), "build", "--strict"])
    if result.exit_code != 0:
        sys.exit(f"Build failed:\n{result.output}")
    return root / "site"


def compressed(body: bytes, content_type: str) -> int:
    if content_type.startswith(COMPRESSED_TYPES):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def visit(browser, base: str, url: str) -> Visit:
    result = Visit(url)
    responses = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("response", lambda response: responses.append(response))
        page.goto(f"{base}/{url}", wait_until="networkidle")
        for response in responses:
            if not response.url.startswith(base) or response.status >= 300:
                continue
            try:
                body = response.body()
            except Exception:  # a response without a body (aborted, redirected)
                continue
            kind = (response.headers.get("content-type") or "").split(";")[0]
            size, packed = len(body), compressed(body, kind)
            result.requests += 1
            result.total += size
            result.total_gzip += packed
            result.biggest.append((size, response.url.removeprefix(base)))
            if response.request.resource_type == "document":
                result.html, result.html_gzip = size, packed
    finally:
        context.close()
    result.biggest.sort(reverse=True)
    return result


def kb(n: int) -> str:
    return f"{n / 1024:7.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--site", type=Path, help="a built site folder (default: build the bundled content)"
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        site = args.site
        if site is None:
            site = build_bundled(Path(stack.enter_context(tempfile.TemporaryDirectory())))
        base = stack.enter_context(serve(site))
        browser = stack.enter_context(chromium())
        print(
            f"{'page type':<15} {'url':<48} {'HTML KB':>8} {'gzip':>7} {'total KB':>9} "
            f"{'gzip':>7} {'requests':>8}"
        )
        visits = {}
        for kind, urls in PAGE_TYPES.items():
            for url in urls:
                v = visits[url] = visit(browser, base, url)
                print(
                    f"{kind:<15} {'/' + url:<48} {kb(v.html):>8} {kb(v.html_gzip)} "
                    f"{kb(v.total):>9} {kb(v.total_gzip)} {v.requests:>8}"
                )
    case = visits[CASE_PAGE]
    print(f"\nLargest files on a first visit to /{CASE_PAGE} (raw KB):")
    for size, path in case.biggest[:8]:
        print(f"  {kb(size)}  {path}")
    ok_total = case.total_gzip < BUDGET_TOTAL
    ok_html = case.html_gzip < BUDGET_HTML
    print(
        f"\nBudget for a case page, transferred by a compressing host:"
        f"\n  first visit {kb(case.total_gzip).strip()} KB of {BUDGET_TOTAL // 1024} KB "
        f"({'ok' if ok_total else 'OVER'}; {kb(case.total).strip()} KB uncompressed)"
        f"\n  HTML        {kb(case.html_gzip).strip()} KB of {BUDGET_HTML // 1024} KB "
        f"({'ok' if ok_html else 'OVER'}; {kb(case.html).strip()} KB uncompressed)"
    )
    return 0 if ok_total and ok_html else 1


if __name__ == "__main__":
    sys.exit(main())
