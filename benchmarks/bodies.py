"""Time to read a body, per KB: hostile bodies against normal ones, up to the size limit.

    python benchmarks/bodies.py [--kb 250]

Each body is scanned as `smartcity validate` does (`generator.content.body`: the checks before
rendering, then the render with the site's Markdown settings). A hostile body is either refused
before rendering (`afvist`, with the code) or rendered; either way it must take under a second.
The hostile forms are the quadratic and deeply recursive inputs of Python-Markdown, each at the
largest size that the checks still let through (`max`) and well past it (`over`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content.body import scanner  # noqa: E402
from generator.content.bodycost import (  # noqa: E402
    MAX_BLOCK_LINES,
    MAX_BRACKET_DEPTH,
    MAX_CONTAINER_DEPTH,
    MAX_HEADINGS,
    MAX_UNCLOSED,
    precheck,
)

ROOT = Path(__file__).resolve().parent.parent
NORMAL = (
    "Aarhus Kommune har udskiftet 29.000 gadelamper med LED & styring: >40 % mindre strøm, "
    "<5 klager om året. Se [resultaterne](https://www.aarhus.dk/lys) og "
    "[casen fra Odense](../cases/odense-sensorer-trafik-og-byliv.md).\n\n"
    "- Første skridt: en pilot på 300 lamper\n- Derefter udbud i 2019\n\n"
)


def fill(unit: str, kb: int, every: int | None = None, separator: str = "\n") -> str:
    """`unit` repeated to `kb` KB, with `separator` after every `every` units."""
    parts, size, count = [], 0, 0
    while size < kb * 1024:
        parts.append(unit)
        size += len(unit)
        count += 1
        if every and count % every == 0:
            parts.append(separator)
            size += len(separator)
    return "".join(parts)


def forms(kb: int) -> dict[str, str]:
    block = MAX_BLOCK_LINES
    unclosed = MAX_UNCLOSED
    return {
        "normal": fill(NORMAL, kb),
        "normal-headings": fill("## Afsnit\n\n" + NORMAL, kb),
        "list-max": fill("- punkt i en lang liste\n", kb, block),
        "list-over": fill("- punkt i en lang liste\n", kb),
        "atx-headings-max": fill("# a\n", kb, block),
        "hr-max": fill("a\n***\n", kb, block // 2),
        "hr-over": fill("a\n***\n", kb),
        "setext-max": fill("a\n=\n", kb, block // 2),
        "setext-over": fill("a\n=\n", kb),
        "setext-blank": fill("a\n=\n\n", kb),
        "brackets-max": fill("[" * unclosed + "a\n\n", kb),
        "brackets-over": fill("[" * 10 + "a\n", kb),
        "image-open-max": fill("![a " * unclosed + "\n\n", kb),
        "image-open-over": fill("![a ", kb),
        "link-open-over": fill("[a](b ", kb),
        "angle-open-over": fill("<a ", kb),
        "long-block-unclosed-max": fill("[" * unclosed + "a " * 2900 + "\n\n", kb),
        "bracket-depth-max": fill(
            "[" * MAX_BRACKET_DEPTH + "a" + "]" * MAX_BRACKET_DEPTH + "\n", kb, 50
        ),
        "list-depth-max": fill("- " * MAX_CONTAINER_DEPTH + "x\n", kb, 50),
        "list-depth-over": "- " * 400 + "x\n",
        "ol-depth-over": "1. " * 400 + "x\n",
        "quote-depth-over": "> " * 400 + "x\n",
        "mixed-depth-over": "> - * + 1. " * 80 + "x\n",
        "emphasis-over": "*" * 5000 + "a" + "*" * 5000,
        "emphasis-nested": "*a _b " * 400 + "c" + "_ b* a" * 400,
        "headings-same-max": fill("## Afsnit\n\n", kb)[: MAX_HEADINGS * 12],
        "headings-over": fill("## a\n\n", kb),
        "table-max": "|a|b|\n|-|-|\n" + fill("|x & <y>|z|\n", kb, block - 3, "\n|a|b|\n|-|-|\n"),
        "backticks": fill("`a ", kb),
        "entities": fill("&amp; &#58; ", kb),
    }


def largest_accepted(text: str) -> str:
    """The longest prefix of `text` (cut at a line end) that the checks before rendering let
    through: the worst body of that form a contributor can publish."""
    lines = text.split("\n")
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if precheck(lines[:mid]):
            hi = mid - 1
        else:
            lo = mid
    return "\n".join(lines[:lo])


def measure(kb: int, runs: int = 1) -> list[tuple[str, float, float, bool, list[str]]]:
    """(form, KB, best seconds of `runs`, rendered, codes) for every form."""
    scan = scanner(ROOT / "mkdocs.yml")
    rows = []
    for name, text in forms(kb).items():
        if name.endswith("-max"):
            text = largest_accepted(text)
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            result = scan.scan(text, "cases")
            best = min(best, time.perf_counter() - start)
        codes = sorted({f.code for f in result.findings if f.code != "body.html"})
        rows.append((name, len(text.encode()) / 1024, best, result.rendered, codes))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=250)
    parser.add_argument("--runs", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()
    print(f"{'form':26} {'KB':>6} {'s':>7} {'ms/KB':>7}  result")
    rows = measure(args.kb, args.runs)
    for name, kb, seconds, rendered, codes in rows:
        outcome = "vist" if rendered else f"afvist ({', '.join(codes)})"
        print(
            f"{name:26} {kb:6.0f} {seconds:7.3f} {1000 * seconds / max(kb, 0.001):7.2f}  {outcome}"
        )
    worst = max(seconds for _, _, seconds, rendered, _ in rows if rendered)
    print(f"langsomste viste: {worst:.3f} s (grænse 1 s)")


if __name__ == "__main__":
    main()
