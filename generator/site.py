"""Build and serve the site through the engine (MkDocs or ProperDocs, `plugin/engine.py`).

The only module that calls the engine's `commands.*`, which is not its documented API;
everything else goes through the plugin. Importing it without an engine installed raises
`generator.plugin.EngineMissing`, whose message says how to install one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

# Material (and ProperDocs) print an English notice about the engines' future when run as
# `mkdocs`; contributors using `smartcity` are not the audience. Set before they are imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

from .plugin import engine  # noqa: E402 - after the settings above
from .plugin.engine import Abort, ConfigurationError, PluginError, load_config  # noqa: E402
from .project import Project  # noqa: E402
from .validate import ContentTree  # noqa: E402

log = engine.log


@contextlib.contextmanager
def _logging_to_stderr(level: int):
    """The engine's messages at `level` and above on the current stderr, for one command.

    With ProperDocs the legacy `mkdocs` logger (Material's) hangs under `properdocs`, so the
    engine's logger alone sees every message, once."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    previous = log.level
    log.addHandler(handler)
    log.setLevel(level)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)


def build(
    project: Project,
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    tree: ContentTree | None = None,
) -> Path | None:
    """Build the site; returns where it is, or None when the build failed (old site kept).

    `tree`, when the caller has just validated the content, spares the plugin reading it again.
    """
    options = {"strict": strict}
    if site_dir is not None:
        options["site_dir"] = str(Path(site_dir).resolve())
    with _logging_to_stderr(logging.WARNING):
        try:
            config = load_config(str(project.root / "mkdocs.yml"), **options)
        except ConfigurationError as exc:
            log.error(f"mkdocs.yml kan ikke bruges: {exc}")
            return None
        config.plugins.on_startup(command="build", dirty=False)
        if tree is not None:
            config.plugins["smartcity"].preloaded = tree
        try:
            engine.build_command.build(config)
        except (Abort, PluginError, ConfigurationError):
            return None
        finally:
            config.plugins.on_shutdown()
    return Path(config.plugins["smartcity"].site_dir)


def serve(project: Project, *, dev_addr: str = "127.0.0.1:8000") -> None:
    """Serve the site with live reload until interrupted."""
    with _logging_to_stderr(logging.INFO):
        engine.serve_command.serve(
            config_file=str(project.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True
        )
