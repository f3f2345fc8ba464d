"""Each body rendered once: the validator's HTML as the page's content.

Validation renders every body with the Markdown settings MkDocs uses (`generator.content.body`)
to check what the page will show, and MkDocs would render it again for the page. Where MkDocs'
own tree processors would change nothing in that HTML (no link or image for them to resolve
against the site's files), the page takes the validator's HTML, table of contents and anchors
instead: its page object becomes a `Rendered`, whose `render` converts nothing.

That holds only while both read the body with the same settings and nothing else changes the
Markdown on its way: the plugin checks, once per build, that `mkdocs.yml`'s extensions and their
settings as the validator read them are MkDocs' own (an `!ENV` or `!!python/name:` value the
validator cannot read makes them differ) and that no other plugin listens to the events that
read a page's Markdown. Otherwise every page is rendered by MkDocs, as before. The site is the
same byte for byte either way (tests/test_rendered.py).
"""

from __future__ import annotations

import logging

from ..content.body import BodyScan
from .backend import NAME, Page, get_toc

MARKDOWN_EVENTS = ("pre_page", "page_read_source", "page_markdown")
"""The events that could change a page's Markdown before MkDocs renders it."""

_PAGES_LOG = logging.getLogger(f"{NAME}.structure.pages")
"""MkDocs keeps a page's links to anchors only when this logger reports above DEBUG."""


def same_settings(config, names: list[str], configs: dict[str, dict]) -> bool:
    """Whether MkDocs renders pages with the extensions and settings the validator used."""
    return list(config.markdown_extensions) == list(names) and dict(config.mdx_configs) == configs


class Rendered(Page):
    """A page whose body the validator rendered: `render` takes its HTML, as MkDocs' own
    `Page.render` would have made it."""

    scan: BodyScan

    def render(self, config, files) -> None:
        self.content = self.scan.html
        self.toc = get_toc(self.scan.toc_tokens)
        self.present_anchor_ids = set(self.scan.anchor_ids)
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}  # every link is external: none to another page's anchor


def take_over(page, scan: BodyScan) -> None:
    """Make `page` (before MkDocs reads it) take its content from `scan`."""
    page.__class__ = Rendered
    page.scan = scan
