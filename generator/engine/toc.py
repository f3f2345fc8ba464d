"""A case page's table of contents, as MkDocs' `TableOfContents` for Material to render."""

from __future__ import annotations

from .backend import AnchorLink, TableOfContents


def case_toc(toc: TableOfContents, case) -> TableOfContents:
    """The body's headings with the sections the case template adds around them (their ids and
    headings are in theme/smartcity/case.html and partials/reuse-box.html), in page order, so the
    table of contents lists every section a reader can jump to."""
    items = list(toc)
    level = items[0].level if items else 2
    before = [AnchorLink("Målte resultater", "sc-results-title", level)] if case.results else []
    after = [AnchorLink("Vil I gøre det samme?", "sc-adopt-title", level)]
    if case.based_on:
        after.append(AnchorLink("Bygger på", "sc-reuse-title", level))
    if case.links:
        after.append(AnchorLink("Kilder og links", "sc-sources-title", level))
    return TableOfContents(before + items + after)
