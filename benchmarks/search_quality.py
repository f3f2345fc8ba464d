"""Danish site search quality: the committed query set through the search box, with the project's
prebuilt index and with mkdocs-material's own search, on the bundled content.

    python benchmarks/search_quality.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium, serve  # noqa: E402


def build(target: Path, prebuilt: bool) -> Path:
    for folder in ("content", "schema", "theme"):
        shutil.copytree(REPO / folder, target / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not prebuilt:
        config = config.replace(
            "  - smartcity:\n", "  - smartcity:\n      prebuilt_search: false\n", 1
        )
        config = config.replace("  - search\n", "  - search:\n      lang: da\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(target), "build"],
        check=True,
        capture_output=True,
    )
    return target / "site"


def hits(site: Path, queries: list[dict]) -> tuple[int, list[str]]:
    found, misses = 0, []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/")
        box = page.locator("input[data-md-component='search-query']")
        for query in queries:
            box.click()
            box.fill("")
            box.type(query["query"])
            page.wait_for_timeout(600)
            hrefs = page.eval_on_selector_all(
                ".md-search-result__item a", "els => els.map(a => a.href)"
            )
            slugs = {h.split("/cases/")[1].split("/")[0] for h in hrefs if "/cases/" in h}
            if set(query["expect"]) <= slugs:
                found += 1
            else:
                misses.append(query["query"])
    return found, misses


def main() -> None:
    queries = yaml.safe_load(
        (REPO / "tests/fixtures/search/queries.yaml").read_text(encoding="utf-8")
    )
    with tempfile.TemporaryDirectory() as tmp:
        for label, prebuilt in [
            ("prebuilt Danish index (this project)", True),
            ("mkdocs-material search, lang: da", False),
        ]:
            site = build(Path(tmp) / ("ours" if prebuilt else "material"), prebuilt)
            found, misses = hits(site, queries)
            print(
                f"{label}: {found}/{len(queries)} queries find every expected case; "
                f"misses: {', '.join(misses) or 'none'}"
            )


if __name__ == "__main__":
    main()
