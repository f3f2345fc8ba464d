"""The long listings' pages: each theme's, municipality's and keyword's cases, and /reuse/.

`paged` takes the page list as `pages.py` makes it and gives every listing page its page 1 of
the listing (in the context as `listing`), then adds page 2 onwards as pages of their own, with
the same template, subject and `hide`, and the page number in their title and description. A
listing that fits one page keeps its single page and URL. The page size is the plugin's
`page_size`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..site.model import Site
from ..site.paging import Listing, paginate

if TYPE_CHECKING:  # pages.py imports this module
    from .pages import PageSpec


def _sections(spec: PageSpec, site: Site) -> dict[str, list] | None:
    """The sections of the listing a page shows, in page order; None for other pages."""
    context = spec.context
    if "theme_page" in context:
        return {"cases": context["theme_page"].cases}
    if "tag_page" in context:
        return {"cases": context["tag_page"].cases}
    if "municipality_page" in context:
        page = context["municipality_page"]
        return {"led": page.led, "partnered": page.partnered}
    if spec.src_uri == "reuse/index.md":
        return {
            "chains": site.reuse_chains,
            # Reusable, and nobody has said they reused it yet.
            "ready": [case for case in site.cases if case.reusable and not case.reused_by],
        }
    return None


def paged(specs: list[PageSpec], site: Site, size: int) -> list[PageSpec]:
    """The pages with each listing cut into pages of at most `size` entries."""
    result: list[PageSpec] = []
    more: list[PageSpec] = []
    for spec in specs:
        sections = _sections(spec, site)
        if sections is None:
            result.append(spec)
            continue
        listings = paginate(spec.src_uri.removesuffix("index.md"), sections, size)
        result.append(replace(spec, context={**spec.context, "listing": listings[0]}))
        more.extend(_continued(spec, listing) for listing in listings[1:])
    return result + more


def _continued(spec: PageSpec, listing: Listing) -> PageSpec:
    description = f"Side {listing.number} af {listing.count}. {spec.description}".strip()
    return replace(
        spec,
        src_uri=f"{listing.url}index.md",
        title=listing.title(spec.title),
        description=description,
        context={**spec.context, "listing": listing},
    )
