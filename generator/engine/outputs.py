"""Files the build writes besides pages (data exports, feeds, search indexes).

Each provider takes the site model and MkDocs' config and returns `{path in site: content}`;
the plugin adds them as `File.generated`, so they are written with the rest of the site, into
the staging folder, and never into `content/`. A content that needs the rendered bodies, or
that the background worker makes, is a function (`Deferred`): the plugin adds its file at once
and fills it in once MkDocs has converted every page's Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

from ..content.project import today
from ..site import dcat, exports, finder, ics
from ..site.model import Site
from .search import search_outputs

Deferred = Callable[[], str | bytes]
"""Content to be made once MkDocs has converted every page (from the rendered bodies, or by
the background worker)."""
Content = str | bytes | Deferred
Provider = Callable[[Site, object], dict[str, Content]]


def open_data(site: Site, config) -> dict[str, Content]:
    """The open data under /data/ and the Atom feed (`generator/site/exports.py`)."""
    plugin = config.plugins["smartcity"]
    licence = plugin.config.data_licence
    return exports.files(
        site,
        site_url=config.site_url or "",
        title=config.site_name,
        description=config.site_description or "",
        licence=exports.Licence(licence.name, licence.url),
        bodies=lambda: dict(plugin.body_texts.results()),
    )


def _catalogue_facts(config) -> dict:
    plugin = config.plugins["smartcity"].config
    return {
        "site_url": config.site_url or "",
        "title": config.site_name,
        "description": config.site_description or "",
        "licence": exports.Licence(plugin.data_licence.name, plugin.data_licence.url),
        "publisher": dcat.Publisher(plugin.data_publisher.name, plugin.data_publisher.url),
        "today": today(),
    }


def catalogue(site: Site, config) -> dict[str, str]:
    """The DCAT-AP-DK catalogue record of the open data (`generator/site/dcat.py`)."""
    record = dcat.catalog(site, **_catalogue_facts(config))
    return {dcat.CATALOG_PATH: json.dumps(record, ensure_ascii=False, indent=2) + "\n"}


def dataset_block(site: Site, config) -> dict:
    """The data page's schema.org `Dataset` (called from `theme/smartcity/data.html`)."""
    return dcat.schema_org_dataset(site, **_catalogue_facts(config))


def calendars(site: Site, config) -> dict[str, str | bytes]:
    """Each event as `events/<slug>.ics` and all of them as `events/kalender.ics`."""
    site_url = config.site_url or ""
    domain = (
        config.plugins["smartcity"].config.calendar_domain
        or urlsplit(site_url).hostname
        or "smartcity.invalid"
    )
    return dict(
        ics.files(
            site.events,
            site_name=config.site_name,
            domain=domain,
            site_url=site_url,
            stamp=site.now,
        )
    )


def finder_data(site: Site, config) -> dict[str, str]:
    """Every case's card text and facet values for the case finder (`generator/site/finder.py`)."""
    return {finder.DATA_FILE: finder.data(site)}


PROVIDERS: list[Provider] = [open_data, catalogue, search_outputs, calendars, finder_data]
"""Output providers, in the order their files are added."""


def static_outputs(site: Site, config) -> dict[str, Content]:
    outputs: dict[str, Content] = {}
    for provider in PROVIDERS:
        for uri, content in provider(site, config).items():
            if uri in outputs:
                raise ValueError(f"two outputs want {uri}")
            outputs[uri] = content
    return outputs
