"""Files the build writes besides pages (data exports, feeds, search indexes).

Each provider takes the site model and MkDocs' config and returns `{path in site: content}`;
the plugin adds them as `File.generated`, so they are written with the rest of the site, into
the staging folder, and never into `content/`.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from .. import exports, ics
from ..model import Site
from .search import search_outputs

Provider = Callable[[Site, object], dict[str, str | bytes]]

def open_data(site: Site, config) -> dict[str, str | bytes]:
    """The open data under /data/ and the Atom feed (`generator/exports.py`)."""
    licence = config.plugins["smartcity"].config.data_licence
    return exports.files(site, site_url=config.site_url or "", title=config.site_name,
                         description=config.site_description or "",
                         licence=exports.Licence(licence.name, licence.url))


def calendars(site: Site, config) -> dict[str, str | bytes]:
    """Each event as `events/<slug>.ics` and all of them as `events/kalender.ics`."""
    site_url = config.site_url or ""
    domain = (config.plugins["smartcity"].config.calendar_domain
              or urlsplit(site_url).hostname or "smartcity.invalid")
    return dict(ics.files(site.events, site_name=config.site_name, domain=domain,
                          site_url=site_url, stamp=site.now))


PROVIDERS: list[Provider] = [open_data, search_outputs, calendars]
"""Output providers, in the order their files are added."""


def static_outputs(site: Site, config) -> dict[str, str | bytes]:
    outputs: dict[str, str | bytes] = {}
    for provider in PROVIDERS:
        for uri, content in provider(site, config).items():
            if uri in outputs:
                raise ValueError(f"two outputs want {uri}")
            outputs[uri] = content
    return outputs
