"""What one build gives the output providers, explicitly, instead of their finding the plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..site import dcat, exports

if TYPE_CHECKING:
    from ..site.model import Site
    from .background import Background
    from .pages import PageSpec


@dataclass(frozen=True)
class BuildContext:
    site: Site
    site_url: str
    """`site_url` from mkdocs.yml, or empty."""
    site_name: str
    site_description: str
    licence: exports.Licence
    """The open data's licence."""
    publisher: dcat.Publisher
    """Who publishes the open data."""
    calendar_domain: str
    """The domain in the events' iCalendar UIDs, or empty for the host of `site_url`."""
    prebuilt_search: bool
    """The project's Danish search indexes serve Material's search box."""
    specs: list[PageSpec]
    """The page list, made once per build."""
    background: Background
    """Where slow outputs (the search indexes) are made while MkDocs renders the pages."""
    bodies: Callable[[], Mapping[str, str]]
    """Each case's rendered body as plain text by slug, once every page is rendered."""
