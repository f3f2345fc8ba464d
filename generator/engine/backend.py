"""The site engine: MkDocs 1.x, or ProperDocs, its maintained fork, behind one set of names.

Every module of the project that needs the engine imports it from here, never `mkdocs.*` or
`properdocs.*` directly. The two have the same API under different package and logger names:

- inside `mkdocs build`/`serve` the engine is MkDocs, inside `properdocs build`/`serve` it is
  ProperDocs; the `smartcity` command takes MkDocs when it is installed, else ProperDocs;
- with ProperDocs, `mkdocs.*` imports (mkdocs-material makes them) are led to ProperDocs by
  `properdocs.replacement`, as `properdocs build` itself does, and the legacy `mkdocs` logger
  is hung under the `properdocs` logger, so Material's messages reach the same handlers;
- `LOGGERS` names both engines' top loggers: whatever counts warnings listens to both.

Without either engine, or without Material (a validator-only install), importing this module
raises `EngineMissing`, whose message tells the contributor in Danish what to install.
"""

from __future__ import annotations

import importlib.util
import logging
import sys

from . import EngineMissing

_HOW = (
    'Installer det i projektets mappe og virtuelle miljø med: python -m pip install -e ".[site]"'
    " (eller lav miljøet forfra med alt i: bash .ci/venv .venv)."
)
INSTALL_HINT = (
    "Sitet bygges med MkDocs eller ProperDocs, og ingen af dem er installeret her (til at "
    "tjekke indhold behøves de ikke). " + _HOW
)

LOGGERS = ("mkdocs", "properdocs")
"""The top loggers of both engines; MkDocs' own code and Material log under `mkdocs`."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


MATERIAL_HINT = (
    "Sitet bruger temaet mkdocs-material, og det er ikke installeret her (til at tjekke "
    "indhold behøves det ikke). " + _HOW
)


def _choose() -> str:
    if not _installed("material"):
        raise EngineMissing(MATERIAL_HINT)
    if "properdocs.replacement" in sys.modules:  # inside `properdocs build` or `serve`
        return "properdocs"
    if "mkdocs" in sys.modules or _installed("mkdocs"):
        return "mkdocs"
    if _installed("properdocs"):
        return "properdocs"
    raise EngineMissing(INSTALL_HINT)


NAME = _choose()
"""`mkdocs` or `properdocs`: the engine's package name, and the name of its logger."""

if NAME == "properdocs":
    import properdocs.replacement  # noqa: F401 - from here on, `mkdocs.*` is ProperDocs
    from properdocs import plugins, utils
    from properdocs.commands import build as build_command
    from properdocs.commands import serve as serve_command
    from properdocs.config import config_options, load_config
    from properdocs.config.base import Config
    from properdocs.contrib import search as search_plugin
    from properdocs.exceptions import Abort, ConfigurationError, PluginError
    from properdocs.livereload import LiveReloadServer
    from properdocs.livereload import _serve_url as serve_url
    from properdocs.structure.files import File, Files, InclusionLevel
    from properdocs.structure.pages import Page
    from properdocs.structure.toc import AnchorLink, TableOfContents, get_toc

    _legacy = logging.getLogger("mkdocs")
    _legacy.parent = logging.getLogger("properdocs")
    _legacy.setLevel(logging.NOTSET)
    _legacy.propagate = True
else:
    from mkdocs import plugins, utils
    from mkdocs.commands import build as build_command
    from mkdocs.commands import serve as serve_command
    from mkdocs.config import config_options, load_config
    from mkdocs.config.base import Config
    from mkdocs.contrib import search as search_plugin
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.livereload import _serve_url as serve_url
    from mkdocs.structure.files import File, Files, InclusionLevel
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

BasePlugin = plugins.BasePlugin
event_priority = plugins.event_priority
get_plugin_logger = plugins.get_plugin_logger
CountHandler = utils.CountHandler
log = logging.getLogger(NAME)
"""The engine's top logger: every message of a build reaches it (see above)."""


def listens_alone(config, owner, events) -> bool:
    """Whether `owner` (a plugin) is the only one listening to each of `events`."""
    return all(
        getattr(method, "__self__", None) is owner
        for event in events
        for method in config.plugins.events.get(event, [])
    )


__all__ = [
    "NAME",
    "LOGGERS",
    "Abort",
    "AnchorLink",
    "BasePlugin",
    "Config",
    "ConfigurationError",
    "CountHandler",
    "EngineMissing",
    "File",
    "Files",
    "InclusionLevel",
    "LiveReloadServer",
    "Page",
    "PluginError",
    "TableOfContents",
    "build_command",
    "utils",
    "config_options",
    "event_priority",
    "get_toc",
    "listens_alone",
    "get_plugin_logger",
    "load_config",
    "log",
    "search_plugin",
    "serve_command",
    "serve_url",
]
