"""Build and serve the site through MkDocs.

The only module that calls `mkdocs.commands.*`, which is not MkDocs' documented API; everything
else goes through the plugin.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .project import Project
from .validate import ContentTree

log = logging.getLogger("mkdocs")


@contextlib.contextmanager
def _logging_to_stderr(level: int):
    """MkDocs' messages at `level` and above on the current stderr, for one command."""
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
            mkdocs_build.build(config)
        except (Abort, PluginError, ConfigurationError):
            return None
        finally:
            config.plugins.on_shutdown()
    return Path(config.plugins["smartcity"].site_dir)


def serve(project: Project, *, dev_addr: str = "127.0.0.1:8000") -> None:
    """Serve the site with live reload until interrupted."""
    with _logging_to_stderr(logging.INFO):
        mkdocs_serve.serve(
            config_file=str(project.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True
        )
