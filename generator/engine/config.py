"""Settings of the `smartcity` MkDocs plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from ..site.paging import DEFAULT_PAGE_SIZE
from .backend import Config
from .backend import config_options as c


class _PageSize(c.Type):
    def __init__(self) -> None:
        super().__init__(int, default=DEFAULT_PAGE_SIZE)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"skal være et helt tal på mindst 1, ikke {value!r}")
        return value


class LicenceConfig(Config):
    name = c.Type(str, default="CC BY 4.0")
    url = c.Type(str, default="https://creativecommons.org/licenses/by/4.0/deed.da")


class PublisherConfig(Config):
    name = c.Type(str, default="KL (Kommunernes Landsforening), Smart City-forummets sekretariat")
    url = c.Type(str, default="https://www.kl.dk/")


class PluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site is then plain MkDocs)."""
    schema_dir = c.Dir(exists=True, default="schema")
    """Folder with the JSON Schemas, the themes and the municipalities, relative to mkdocs.yml."""
    atomic = c.Type(bool, default=True)
    """Build into a staging folder and put it in place of `site_dir` only when the build succeeds."""
    prebuilt_search = c.Type(bool, default=True)
    """Serve site search from the project's prebuilt Danish indexes behind Material's search box;
    off, Material's own search indexes every page (kept for comparison in the benchmarks)."""
    data_licence = c.SubConfig(LicenceConfig)
    """The licence of the open data under /data/ (`name` and `url`), shown there and in cases.json."""
    data_publisher = c.SubConfig(PublisherConfig)
    """Who publishes the open data (`name` and `url`): the publisher in the DCAT-AP-DK
    catalogue record `data/catalog.jsonld` and in the data page's `Dataset` block."""
    calendar_domain = c.Type(str, default="")
    """The domain in the events' iCalendar `UID`s (`events-<slug>@<domain>`); default the host
    of `site_url`. Change it never: calendars that imported an event know it by its UID."""
    parallel_pages = c.Type(bool, default=True)
    """Render a share of the pages in a second process forked from the build, on Linux with a
    second core (`generator/engine/forked.py`); off, one process renders all."""
    page_size = _PageSize()
    """Entries a page in the long listings (the case list, each theme, municipality and keyword,
    reuse): beyond it a listing goes on at `side/2/`, so no page grows with the case count."""
