"""The allow-list every page body passes after Markdown rendering.

Markdown lets raw HTML through, and bodies come from 98 organisations by pull request, so the
rendered HTML is cleaned with nh3 (the Rust `ammonia` sanitizer): only the elements Markdown
itself produces survive, with only harmless attributes, and links only to `http(s):`, `mailto:`
or the site itself.
"""

from __future__ import annotations

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
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """Sanitized HTML: unknown elements are dropped (their text kept), `script` and `style`
    with their content."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )
