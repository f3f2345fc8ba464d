"""The allow-list every page body passes after Markdown rendering.

Markdown lets raw HTML through, and bodies come from 98 organisations by pull request, so the
rendered HTML is cleaned with nh3 (the Rust `ammonia` sanitizer): only the elements Markdown
itself produces survive, with only harmless attributes, links only to `http(s):`, `mailto:`,
`tel:` or the site itself, and images only from the site itself (no protocol-relative `//host`).
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "sup",
    "sub",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def foreign(url: str) -> bool:
    """Whether a URL leaves the site: it has a scheme (`https:`), or it is protocol-relative
    (`//host/x`, and the `\\host` a browser reads the same way)."""
    cleaned = _INVISIBLE.sub("", html.unescape(url)).replace("\\", "/")
    return cleaned.startswith("//") or ":" in cleaned.split("/", 1)[0]


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """The same policy as the validator (`generator.content.body`): an image only from the site
    itself, and no link that is protocol-relative."""
    if element == "img" and attribute == "src" and foreign(value):
        return None
    if element == "a" and attribute == "href":
        cleaned = _INVISIBLE.sub("", html.unescape(value)).replace("\\", "/")
        if cleaned.startswith("//"):
            return None
    return value


def clean(html: str) -> str:
    """Sanitized HTML: unknown elements are dropped (their text kept), `script` and `style`
    with their content."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute,
        link_rel="noopener",
        strip_comments=True,
    )
