"""Checks on a Markdown body before it is rendered.

Raw HTML is refused (contributors write Markdown; the sanitizer is the second wall), nesting
that would cost the Markdown renderer seconds or a `RecursionError` is refused before rendering,
and every link and image target is checked: only `http(s):` and `mailto:` links, no link that
climbs out of `content/`, and images only from `content/cases/images/` (a remote image would be
a request to a third party from every reader's browser).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator

from .content import IMAGE_NAME, Document
from .diagnostics import Diagnostic
from .messages import diagnostic

MAX_LIST_DEPTH = 10
MAX_QUOTE_DEPTH = 10
MAX_BRACKET_DEPTH = 30
LINK_SCHEMES = ("http", "https", "mailto")

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!--|![A-Za-z]|\?)")
_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s")
_QUOTE = re.compile(r"^\s*((?:>\s*)+)")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def _lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    """(index, line) for lines outside fenced code, with inline code spans blanked out."""
    fence = None
    for index, line in enumerate(body.split("\n")):
        marker = _FENCE.match(line)
        if marker:
            char = marker.group(1)[0]
            fence = char if fence is None else (None if char == fence else fence)
            continue
        if fence is None:
            yield index, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _scheme(target: str) -> str | None:
    """The URL scheme as a browser would read it: entities decoded, invisible characters gone."""
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(target))).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def _bracket_depth(line: str) -> int:
    depth = deepest = 0
    for char in line:
        if char in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "])" and depth:
            depth -= 1
    return deepest


def check_body(doc: Document) -> Iterator[Diagnostic]:
    first = doc.frontmatter.body_line
    folder = doc.type.directory
    for index, line in _lines_outside_code(doc.body):
        lineno = first + index

        def at(code: str, column: int, lineno: int = lineno, **params) -> Diagnostic:
            return diagnostic(code, doc.path, lineno, column, **params)

        tag = _TAG.search(line)
        if tag:
            yield at("body.html", tag.start() + 1)
        item = _LIST_ITEM.match(line)
        if item and len(item.group(1).expandtabs(4)) // 2 > MAX_LIST_DEPTH:
            yield at("body.too-deep", 1, limit=MAX_LIST_DEPTH)
            continue
        quote = _QUOTE.match(line)
        if quote and quote.group(1).count(">") > MAX_QUOTE_DEPTH:
            yield at("body.too-deep", 1, limit=MAX_QUOTE_DEPTH)
            continue
        if (
            line.count("[") + line.count("(") > MAX_BRACKET_DEPTH
            and _bracket_depth(line) > MAX_BRACKET_DEPTH
        ):
            yield at("body.too-deep", 1, limit=MAX_BRACKET_DEPTH)
            continue
        targets = [(m.group(1) == "!", m.group(2), m.start(2)) for m in _LINK.finditer(line)]
        reference = _REFERENCE.match(line)
        if reference:
            targets.append((False, reference.group(1), reference.start(1)))
        for is_image, target, column in targets:
            problem = _check_target(target.strip("<>"), is_image, folder)
            if problem:
                code, params = problem
                yield at(code, column + 1, target=_short(target), **params)


def _check_target(target: str, is_image: bool, folder: str):
    if not target or target.startswith("#"):
        return None
    scheme = _scheme(target)
    if scheme is not None:
        if is_image:
            return "body.image-remote", {}
        if scheme not in LINK_SCHEMES:
            return "body.link-scheme", {"scheme": scheme}
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    resolved = posixpath.normpath(posixpath.join(folder, html.unescape(path)))
    if resolved.startswith("..") or path.startswith("/") or "\\" in path:
        return "body.link-outside", {}
    if is_image:
        directory, _, name = resolved.rpartition("/")
        if directory != "cases/images" or not IMAGE_NAME.match(name):
            return "body.image-path", {}
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
