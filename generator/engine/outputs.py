"""Files the build writes besides pages (data exports, feeds, search indexes).

Each provider takes the build's context (`context.py`) and returns `{path in site: content}`;
the plugin adds them as `File.generated`, so they are written with the rest of the site, into
the staging folder, and never into `content/`. A content that needs the rendered bodies, or
that the background worker makes, is a function (`Deferred`): the plugin adds its file at once
and writes it once every page is written, so that the worker makes it while MkDocs renders.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

from ..content.project import today
from ..site import dcat, exports, finder, ics
from .context import BuildContext
from .search import search_outputs

Deferred = Callable[[], str | bytes]
"""Content to be made once MkDocs has written every page (from the rendered bodies, or by the
background worker)."""
Content = str | bytes | Deferred
Provider = Callable[[BuildContext], dict[str, Content]]


def open_data(build: BuildContext) -> dict[str, Content]:
    """The open data under /data/ and the Atom feed (`generator/site/exports.py`)."""
    return exports.files(
        build.site,
        site_url=build.site_url,
        title=build.site_name,
        description=build.site_description,
        licence=build.licence,
        bodies=build.bodies,
    )


def _catalogue_facts(build: BuildContext) -> dict:
    return {
        "site_url": build.site_url,
        "title": build.site_name,
        "description": build.site_description,
        "licence": build.licence,
        "publisher": build.publisher,
        "today": today(),
    }


def catalogue(build: BuildContext) -> dict[str, str]:
    """The DCAT-AP-DK catalogue record of the open data (`generator/site/dcat.py`)."""
    record = dcat.catalog(build.site, **_catalogue_facts(build))
    return {dcat.CATALOG_PATH: json.dumps(record, ensure_ascii=False, indent=2) + "\n"}


def dataset_block(build: BuildContext, config=None) -> dict:
    """The data page's schema.org `Dataset` (called from `theme/smartcity/data.html`, which
    passes MkDocs' config; everything it needs is in the build's context)."""
    return dcat.schema_org_dataset(build.site, **_catalogue_facts(build))


def calendars(build: BuildContext) -> dict[str, str | bytes]:
    """Each event as `events/<slug>.ics` and all of them as `events/kalender.ics`."""
    domain = build.calendar_domain or urlsplit(build.site_url).hostname or "smartcity.invalid"
    return dict(
        ics.files(
            build.site.events,
            site_name=build.site_name,
            domain=domain,
            site_url=build.site_url,
            stamp=build.site.now,
        )
    )


def finder_data(build: BuildContext) -> dict[str, str]:
    """Every case's card text and facet values for the case finder (`generator/site/finder.py`)."""
    return {finder.DATA_FILE: finder.data(build.site)}


PROVIDERS: list[Provider] = [open_data, catalogue, search_outputs, calendars, finder_data]
"""Output providers, in the order their files are added."""


def static_outputs(build: BuildContext) -> dict[str, Content]:
    outputs: dict[str, Content] = {}
    for provider in PROVIDERS:
        for uri, content in provider(build).items():
            if uri in outputs:
                raise ValueError(f"two outputs want {uri}")
            outputs[uri] = content
    return outputs
