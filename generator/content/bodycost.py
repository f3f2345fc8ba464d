"""What a body may cost: the checks made on its source lines before it is rendered.

Python-Markdown's time grows with the square of some constructs and its stack with the depth of
others (`benchmarks/bodies.py` measures them). These checks refuse such bodies from the source
alone, in one linear pass, so that every body `generator.content.body` goes on to render is read in
under a second up to the file size limit: container nesting (lists and quotes, `- - - x`
included), bracket nesting, long runs of emphasis markers, long blocks without a blank line,
many unclosed `[`, `(` or `<` in one block, very many headings, and markup in all.

The line rules here only estimate the renderer's structure, and err on the side of refusing
(nesting is counted in code blocks too); they decide cost, never what a body means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_CONTAINER_DEPTH = 10
MAX_BRACKET_DEPTH = 30
MAX_MARKER_RUN = 6
MAX_BLOCK_LINES = 200
MAX_UNCLOSED = 10
MAX_BLOCK_CHARS = 6_000
MAX_HEADINGS = 150
MAX_MARKS = 12_000
"""Markup characters (`[]()<&*_`!|`), list and quote markers and heading lines in a body: what
makes Python-Markdown build elements and stash placeholders, and so what its time grows with."""
_MARK_CHARS = "[]()<&*_`!|"
_MARK = re.compile(f"[{re.escape(_MARK_CHARS)}]")

_CONTAINER = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|[ \t]{0,3}>[ \t]?")
_THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_MARKER_RUN = re.compile(rf"[*_~]{{{MAX_MARKER_RUN + 1},}}")
_BRACKET = re.compile(r"[\[\]()<>]")


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    """Line within the body, from 1."""
    column: int
    params: dict = field(default_factory=dict)


def precheck(lines: list[str]) -> list[Finding]:
    """Constructs that would cost the renderer quadratic time or deep recursion."""
    found: list[Finding] = []
    block_start, block_lines = 0, 0
    openers: dict[str, int] = {}
    first_unclosed: dict[str, int] = {}
    headings = marks = block_chars = 0

    def close_block(end: int) -> None:
        if block_lines > MAX_BLOCK_LINES or block_chars > MAX_BLOCK_CHARS:
            found.append(
                Finding(
                    "body.block-too-long",
                    block_start + 1,
                    1,
                    {"lines": MAX_BLOCK_LINES, "chars": f"{MAX_BLOCK_CHARS:,}".replace(",", ".")},
                )
            )
        unclosed = sum(openers.values())
        if unclosed > MAX_UNCLOSED:
            line = min(first_unclosed.values())
            found.append(
                Finding("body.unclosed", line, 1, {"count": unclosed, "limit": MAX_UNCLOSED})
            )

    for index, line in enumerate(lines):
        if not line.strip():
            close_block(index)
            block_start, block_lines, block_chars = index + 1, 0, 0
            openers, first_unclosed = {}, {}
            continue
        block_lines += 1
        block_chars += len(line) + 1
        lineno = index + 1
        stripped = line.lstrip(" \t")
        line_marks = len(_MARK.findall(line))
        if stripped.startswith("#") or _UNDERLINE.match(line):
            headings += 1
            line_marks += 1
            if headings == MAX_HEADINGS + 1:
                found.append(Finding("body.too-many-headings", lineno, 1, {"limit": MAX_HEADINGS}))
        if not _THEMATIC_BREAK.match(line):
            depth, position = 0, len(line) - len(stripped)
            while True:
                marker = _CONTAINER.match(line, position)
                if not marker or marker.end() == position:
                    break
                depth, position = depth + 1, marker.end()
            indent = len(line[: len(line) - len(stripped)].expandtabs(4))
            line_marks += depth
            if depth and depth + indent // 4 > MAX_CONTAINER_DEPTH:
                found.append(Finding("body.too-deep", lineno, 1, {"limit": MAX_CONTAINER_DEPTH}))
                continue
        marks += line_marks
        if marks > MAX_MARKS and marks - line_marks <= MAX_MARKS:
            limit = f"{MAX_MARKS:,}".replace(",", ".")
            found.append(Finding("body.too-much-markup", lineno, 1, {"limit": limit}))
        run = _MARKER_RUN.search(line)
        if run:
            found.append(
                Finding("body.marker-run", lineno, run.start() + 1, {"limit": MAX_MARKER_RUN})
            )
            continue
        depth = deepest = 0
        for match in _BRACKET.finditer(line):  # the only characters the loop counts
            char = match.group()
            if char in "[(":
                depth += 1
                deepest = max(deepest, depth)
                openers[char] = openers.get(char, 0) + 1
                first_unclosed.setdefault(char, lineno)
            elif char in "])":
                depth = max(depth - 1, 0)
                opener = "[" if char == "]" else "("
                if openers.get(opener):
                    openers[opener] -= 1
            elif char == "<":
                openers["<"] = openers.get("<", 0) + 1
                first_unclosed.setdefault("<", lineno)
            elif char == ">" and openers.get("<"):
                openers["<"] = 0
        if deepest > MAX_BRACKET_DEPTH:
            found.append(Finding("body.too-deep", lineno, 1, {"limit": MAX_BRACKET_DEPTH}))
    close_block(len(lines))
    return found
