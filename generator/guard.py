"""The third wall: scan the built site and refuse it if any page could run script from content.

Validation refuses raw HTML and the sanitizer cleans every body, but a template bug or a new
Markdown extension could still let something through. This scan fails closed on what matters:
an event-handler attribute anywhere, a script URL anywhere, or an active element (script,
iframe, object, embed, form, style, base, meta, link) inside the page's content area, where
only the project's templates and sanitized bodies write. The theme's own scripts live outside it,
and the project's own active elements (the finder's form, charts) carry an `sc-` class, which the
sanitizer never lets a body keep.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                   "cite", "data", "srcset"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_CONTENT = re.compile(r'<div class="md-content"[^>]*>(.*)</article>', re.S)  # to the last </article>
_ACTIVE = re.compile(r"<(script|iframe|frame|object|embed|form|style|base|meta|link|svg|math)\b([^>]*)>", re.I)
_INERT_DATA = re.compile(r'\btype="application/json"')


_SUSPECT = re.compile(r"""[\s/"']on[a-z]+\s*=|(?:script|data)\s*:|&#|&[a-z]+;""", re.I)


def scan_page(text: str) -> list[str]:
    """What is wrong with one page's HTML; empty when it is safe."""
    problems = []
    # Walking every tag is slow; a page with nothing that could spell a handler or a script
    # URL (not even an entity that could hide one) needs only the content-area check.
    tags = _TAG.finditer(text) if _SUSPECT.search(text) else ()
    for tag in tags:
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            if name.startswith("on"):
                problems.append(f"hændelsesattribut {name}= på <{tag.group(1)}>")
            elif name in _URL_ATTRIBUTES:
                value = next((g for g in attribute.groups()[1:] if g is not None), "")
                # As a browser reads it: entities decoded, tabs, newlines and controls dropped.
                url = _INVISIBLE.sub("", html.unescape(value)).lower()
                if url.startswith(_BAD_SCHEMES):
                    problems.append(f"script-adresse i {name}: {value[:60]}")
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


def scan_site(folder: Path) -> list[str]:
    """`path: problem` for every page in the built site that fails the scan."""
    found = []
    for path in sorted(Path(folder).rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for problem in scan_page(text):
            found.append(f"{path.relative_to(folder).as_posix()}: {problem}")
    return found
