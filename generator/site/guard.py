"""The third wall: scan the built site and refuse it if any page could run script from content.

Validation refuses raw HTML and the sanitizer cleans every body, but a template bug or a new
Markdown extension could still let something through. This scan fails closed on what matters:
an event-handler attribute anywhere, a script URL anywhere, a resource fetched from another host
anywhere (an absolute or protocol-relative `src`, `srcset`, fetching `<link>`: the request
would tell a third party who reads the page), or an active element (script,
iframe, object, embed, form, style, base, meta, link) inside the page's content area, where
only the project's templates and sanitized bodies write. The theme's own scripts live outside it,
and the project's own active elements (the finder's form, charts) carry an `sc-` class, which the
sanitizer never lets a body keep.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .sanitize import foreign

_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9:-]*+)((?:[\s/]++[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'>]++))?)*+)\s*+/?>"""
)
"""A start tag: its name and its attributes. Possessive (`*+`, `++`): each part ends where the
next must begin, so giving characters back could never find another match; not trying saves a
tenth of the scan."""
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
}
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "xlink:href"}
"""Attributes whose URL the browser fetches as the page loads (a link's `href` waits for a click;
`<link href>` is judged by its `rel`)."""
_FETCHING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "apple-touch-icon",
    "prerender",
}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_CONTENT = re.compile(
    r'<div class="md-content"[^>]*>(.*)</article>', re.S
)  # to the last </article>
_ACTIVE = re.compile(
    r"<(script|iframe|frame|object|embed|form|style|base|meta|link|svg|math)\b([^>]*)>", re.I
)
_INERT_DATA = re.compile(r'\btype="application/json"')
_HANDLER_NAME = re.compile(r"""(?:^|[\s/"'])on""", re.I)


def _suspect(attributes: str) -> bool:
    """Whether a tag's attributes could hold a handler or a script URL at all.

    A script URL needs a colon (or an entity hiding one); a handler needs a name starting with
    "on". Most tags (relative links, classes) have neither, and the cheap substring tests keep
    the scan of a large site to a fraction of a second.
    """
    return (
        ":" in attributes
        or "&" in attributes
        or "//" in attributes
        or "\\" in attributes
        or ("n" in attributes or "N" in attributes)
        and _HANDLER_NAME.search(attributes) is not None
    )


_JUDGED: dict[tuple[str, str], tuple[str, ...]] = {}
"""Each tag's problems by its text. A site's pages repeat most of their tags (the header, the
navigation, the footer, the same cards on many listings), so a process judges each only once;
the scan of a tag depends on nothing else."""
_JUDGED_MAX = 200_000
"""Forgotten when it holds this many tags (some 50 MB), so that memory stays bounded."""


def scan_page(text: str) -> list[str]:
    """What is wrong with one page's HTML; empty when it is safe."""
    problems: list[str] = []
    judged = _JUDGED
    for tag in _TAG.findall(text):
        found = judged.get(tag)
        if found is None:
            if len(judged) >= _JUDGED_MAX:
                judged.clear()
            found = judged[tag] = tuple(_tag_problems(*tag))
        if found:
            problems.extend(found)
    content = _CONTENT.search(text)
    if content:
        for match in _ACTIVE.finditer(content.group(1)):
            tag, attributes = match.group(1).lower(), match.group(2)
            if tag == "script" and _INERT_DATA.search(attributes):
                continue  # JSON data for the project's own scripts: never executed
            if 'class="sc-' in attributes:
                continue  # the project's own templates (forms, charts, maps): sanitized
                # bodies keep no class attribute, so content cannot forge this
            problems.append(f"<{tag}> i sidens indhold")
    return problems


def _tag_problems(element: str, attributes: str) -> list[str]:
    """What is wrong with one tag: a handler, a script URL, a resource from another host."""
    if not attributes or not _suspect(attributes):
        return []
    problems = []
    values = {}
    for attribute in _ATTRIBUTE.finditer(attributes):
        name = attribute.group(1).lower()
        value = next((g for g in attribute.groups()[1:] if g is not None), "")
        values[name] = value
        if name.startswith("on"):
            problems.append(f"hændelsesattribut {name}= på <{element}>")
        elif name in _URL_ATTRIBUTES:
            # As a browser reads it: entities decoded, tabs, newlines and controls dropped.
            url = _INVISIBLE.sub("", html.unescape(value)).lower()
            if url.startswith(_BAD_SCHEMES):
                problems.append(f"script-adresse i {name}: {value[:60]}")
    problems.extend(_foreign_resources(element.lower(), values))
    return problems


def _foreign_resources(element: str, values: dict[str, str]) -> list[str]:
    """A resource the page would fetch from another host as it loads: an absolute or
    protocol-relative URL in `src`, `srcset` and the like, or in a fetching `<link>`."""
    urls = []
    for name, value in values.items():
        if name == "srcset":
            urls += [(name, part.split()[0]) for part in value.split(",") if part.split()]
        elif name in _RESOURCE_ATTRIBUTES:
            urls.append((name, value))
    if element == "link" and "href" in values:
        rels = set(values.get("rel", "").lower().split())
        if rels & _FETCHING_RELS:
            urls.append(("href", values["href"]))
    return [
        f"henter fra en anden server i {name}: {url[:60]}" for name, url in urls if foreign(url)
    ]


def scan_pages(pages: list[tuple[str, str]]) -> list[str]:
    """`name: problem` for every `(name, html)` that fails the scan."""
    return [f"{name}: {problem}" for name, text in pages for problem in scan_page(text)]


def scan_site(folder: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """`path: problem` for every page in the built site that fails the scan, except the
    pages (paths relative to `folder`) in `skip`, which were scanned as they were written."""
    found = []
    for path in sorted(Path(folder).rglob("*.html")):
        name = path.relative_to(folder).as_posix()
        if name not in skip:
            found += scan_pages([(name, path.read_text(encoding="utf-8", errors="replace"))])
    return found
