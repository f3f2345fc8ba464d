"""Material's search, kept for its search box and fed the project's prebuilt Danish indexes.

Three details of Material live here and nowhere else, each checked against the installed
Material by tests/test_material.py:

- the switch: Material shows its search box only while its search plugin is enabled, and that
  plugin re-reads every rendered page and writes one index every visitor downloads, so its page
  and build events are taken out of MkDocs' event lists (its templates still see it enabled);
- the worker swap: the search configuration Material renders into every page names its worker
  script, which is pointed at the project's worker;
- the index format: Material's loader still fetches `search/search_index.json` on every page, so
  the project writes one in Material's format, with no documents in it.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from ..site import routes

SEARCH_PLUGIN = "material/search"
SILENCED_EVENTS = ("page_context", "post_build", "serve")
"""The search plugin's events that index pages and write the index."""

MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
"""Material's search worker as its templates name it (the hash changes with each release)."""
PROJECT_WORKER = "assets/javascripts/smartcity/search-worker.js"


def silence_material_search(config) -> None:
    """Keep Material's search box, drop Material's indexer (see the module's docstring)."""
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        return
    for event in SILENCED_EVENTS:
        config.plugins.events[event] = [
            method
            for method in config.plugins.events[event]
            if getattr(method, "__self__", None) is not search
        ]


def swap_search_worker(config_html: str) -> Markup:
    """Point Material's search at the project's worker (prebuilt Danish indexes)."""
    return Markup(MATERIAL_WORKER.sub(PROJECT_WORKER, str(config_html)))


def material_index() -> dict[str, str]:
    """`search/search_index.json` in Material's format (`SearchIndex.generate_search_index`):
    the search configuration and no documents. Material's loader fetches it on every page and
    hands it to the worker; the project's worker loads the real data only when a reader searches."""
    data = {
        "config": {"lang": ["da"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}},
        "docs": [],
    }
    return {
        routes.MATERIAL_SEARCH_INDEX: json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    }
