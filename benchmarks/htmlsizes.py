"""The largest HTML pages of a built site, against the budget of 150 KB a page.

    python benchmarks/htmlsizes.py --site DIR [--top 5]
    python benchmarks/htmlsizes.py --cases 5000   # build a synthetic corpus of 5,000 first

Every `*.html` file under the site is counted as written (uncompressed bytes): the listings are
cut into pages (`page_size` in `mkdocs.yml`) so that no page grows with the number of cases,
and this is the check that they did. Prints the largest pages and how many are over the budget;
exits 1 when any is. A benchmark, not a test: a number for a person to read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUDGET = 150 * 1024
"""Bytes of HTML a page may have, as written, at 5,000 cases."""


def largest(site: Path, top: int = 5) -> tuple[list[tuple[int, str]], int, int]:
    """The `top` largest HTML files as (bytes, path inside the site), how many are over the
    budget, and how many HTML files there are."""
    sizes = sorted(
        ((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html")),
        key=lambda item: (-item[0], item[1]),
    )
    return sizes[:top], sum(1 for size, _ in sizes if size > BUDGET), len(sizes)


def report(pages: list[tuple[int, str]], over: int, total: int) -> list[str]:
    lines = [f"{size / 1024:8.1f} KB  /{path}" for size, path in pages]
    verdict = "ok" if not over else f"{over} OVER"
    lines.append(f"{total} HTML pages; over {BUDGET // 1024} KB: {over} ({verdict})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder")
    parser.add_argument("--cases", type=int, help="build a synthetic corpus of this many cases")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    if (args.site is None) == (args.cases is None):
        parser.error("give --site or --cases")
    with tempfile.TemporaryDirectory(prefix="smartcity-sizes-") as tmp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(HERE))
            from corpus import write_corpus

            corpus = write_corpus(Path(tmp) / "corpus", args.cases)
            site = Path(tmp) / "site"
            subprocess.run(
                [sys.executable, "-m", "generator", "--root", str(corpus), "build"]
                + ["--site-dir", str(site)],
                cwd=REPO,
                env={**os.environ, "SOURCE_DATE_EPOCH": "1780272000"},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        pages, over, total = largest(site, args.top)
        print("\n".join(report(pages, over, total)))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
