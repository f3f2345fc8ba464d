"""Build and serve the site through the engine (MkDocs or ProperDocs, `backend.py`).

The only module that calls the engine's `commands.*` and live-reload server, which are not its
documented API; everything else goes through the plugin. Importing it without an engine
installed raises `generator.engine.EngineMissing`, whose message says how to install one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Material (and ProperDocs) print an English notice about the engines' future when run as
# `mkdocs`; contributors using `smartcity` are not the audience. Set before they are imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

from jinja2 import Environment, PackageLoader  # noqa: E402

from ..content.project import Project  # noqa: E402
from ..content.validate import ContentTree  # noqa: E402
from . import backend as engine  # noqa: E402 - after the settings above
from .backend import (  # noqa: E402
    Abort,
    ConfigurationError,
    LiveReloadServer,
    PluginError,
    load_config,
    serve_url,
)
from .background import Background  # noqa: E402
from .preview import PreviewMemory  # noqa: E402

log = engine.log
"""The engine's top logger: with ProperDocs the legacy `mkdocs` logger (Material's) hangs
under it, so it alone sees every message, once."""
say = logging.getLogger(f"{engine.NAME}.plugins.generator.engine.build")
"""The preview's own Danish lines, beside the plugin's (see `_DanishLog`)."""


@contextlib.contextmanager
def _logging_to_stderr(level: int):
    """The engine's messages at `level` and above on the current stderr, in Danish (`_DanishLog`)."""
    handler = logging.StreamHandler(sys.stderr)
    danish = _DanishLog()
    handler.setFormatter(danish)
    handler.addFilter(danish)
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
    background: Background | None = None,
) -> Path | None:
    """Build the site; returns where it is, or None when the build failed (old site kept).

    `tree`, when the caller has just validated the content, spares the plugin reading it again;
    `background`, the worker that helped, serves the build too (the caller closes it).
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
            config.plugins["smartcity"].prepare(tree, background)
        try:
            engine.build_command.build(config)
        except (Abort, PluginError, ConfigurationError):
            return None
        finally:
            config.plugins.on_shutdown()
    return Path(config.plugins["smartcity"].site_dir)


class AddressInUse(Exception):
    """Another program already listens on the address `serve` was asked to use."""


class BadAddress(Exception):
    """`--dev-addr` is not `HOST:PORT`."""


@dataclass(frozen=True)
class Problem:
    """One line of the preview's error page."""

    place: str
    severity: str
    message: str


def dev_address(text: str) -> tuple[str, int]:
    """`127.0.0.1:8000` as host and port; `BadAddress` when it is not that."""
    match = re.fullmatch(r"\[?([^\[\]]+?)\]?:(\d{1,5})", text.strip())
    if not match or not 0 < int(match.group(2)) < 65536:
        raise BadAddress(text)
    return match.group(1), int(match.group(2))


def _check_free(host: str, port: int) -> None:
    """Fail before the first build when the port is taken, as the server would after it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise AddressInUse(f"{host}:{port}") from None
            raise BadAddress(f"{host}:{port}") from None


class _DanishLog(logging.Formatter):
    """What `build` and `serve` print: the plugin's Danish lines, MkDocs' news in Danish.

    MkDocs' English progress lines are dropped or translated; its failure lines (`Aborted with
    a BuildError!`) are dropped, because the commands say what failed, in Danish. A formatter
    and a filter in one, so that other handlers still see the records as they were.
    """

    DROPPED = ("Aborted with", "A 'dirty' build is being performed")
    """Failures the commands tell in Danish, and the warning MkDocs gives on every build of
    the preview after the first: the preview's builds are incremental by design."""

    NEWS = {
        "Serving on ": "Forhåndsvisningen kører på {rest} (stop med Ctrl+C).",
        "Detected file changes": "En fil er ændret; bygger sitet igen ...",
        "Documentation built in ": "Sitet er bygget ({rest}).",
    }

    @classmethod
    def text(cls, record: logging.LogRecord) -> str | None:
        """The Danish line for `record`, or None when it is not shown."""
        message = record.getMessage()
        if record.name.startswith(tuple(f"{name}.plugins.generator" for name in engine.LOGGERS)):
            # MkDocs' plugin logger puts the package's name first (`generator: ...`).
            return message.removeprefix("generator: ")
        message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", message)  # the server's clock
        if message.startswith(cls.DROPPED):
            return None
        if record.levelno >= logging.WARNING:
            return f"{'fejl' if record.levelno >= logging.ERROR else 'advarsel'}: {message}"
        for start, danish in cls.NEWS.items():
            if message.startswith(start):
                return danish.format(rest=message[len(start) :].replace(" seconds", " sekunder"))
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text(record) is not None

    def format(self, record: logging.LogRecord) -> str:
        return self.text(record) or ""


def _error_page(problems: list[Problem]) -> bytes:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True)
    return env.get_template("preview-error.html.j2").render(problems=problems).encode("utf-8")


def _problems(config, error: Exception) -> list[Problem]:
    """What made the build fail: the content's diagnostics, else the build's own message."""
    plugin = config.plugins.get("smartcity") if config is not None else None
    tree = getattr(plugin, "tree", None)
    if tree is not None and not tree.result.ok:
        return [
            Problem(
                f"{d.file}:{d.line}" if d.line else d.file,
                d.severity.label,
                f"{d.field}: {d.message}" if d.field else d.message,
            )
            for d in tree.result.sorted()
        ]
    if isinstance(error, ConfigurationError):
        return [Problem("mkdocs.yml", "fejl", f"Filen kan ikke bruges: {error}")]
    if isinstance(error, (Abort, PluginError)):
        return [Problem("", "fejl", str(error) or type(error).__name__)]
    return [Problem("", "fejl", f"{type(error).__name__}: {error}")]


POLLING_INTERVAL = 0.2
"""Seconds between two looks at the watched files (MkDocs: 0.5). A save is noticed 0.1 s
after it on average instead of 0.25 s; a look at 5,000 files costs a few milliseconds."""


class _Preview(LiveReloadServer):
    """MkDocs' live-reload server that shows a Danish page while the site cannot be built.

    MkDocs' server holds every page request until a build succeeds, so a browser waits (for
    minutes) while a case has an error. Here a failed build still counts as a build: the
    browsers reload and get the page that lists the problems, with the reload script, so the
    next successful build brings the site back by itself.
    """

    failure: bytes | None = None

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        failure = self.failure
        if failure is None or path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        if not (path.endswith("/") or path.endswith(".html")):
            return super()._serve_request(environ, start_response)  # the last good assets
        with self._epoch_cond:
            epoch = self._visible_epoch
        content = self._inject_js_into_html(failure, epoch)
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [content]


def preview_build(config, memory: PreviewMemory, url: str) -> None:
    """One build of the preview: only the pages a save changed when `memory` allows it
    (`engine/preview.py`), else all of them."""
    plugin = config.plugins.get("smartcity")
    dirty = False
    if plugin is not None:
        plugin.memory = memory
        plugin.prepare(None, memory.background)
        dirty = memory.incremental()
    engine.build_command.build(config, serve_url=url, dirty=dirty)


def serve(project: Project, *, dev_addr: str = "127.0.0.1:8000") -> None:
    """Serve the site with live reload until interrupted (after `mkdocs.commands.serve`).

    A build that fails on the content does not stop the preview: its problems are printed
    and shown in the browser until the next save builds the site again.

    Raises:
        BadAddress: `dev_addr` is not `HOST:PORT`.
        AddressInUse: another program listens there.
    """
    host, port = dev_address(dev_addr)
    _check_free(host, port)
    site_dir = tempfile.mkdtemp(prefix="smartcity-serve-")
    config_file = str(project.root / "mkdocs.yml")

    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=f"{host}:{port}")

    with _logging_to_stderr(logging.INFO):
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = url = serve_url(host, port, mount_path)
        server = _Preview(
            builder=lambda: None,
            host=host,
            port=port,
            root=site_dir,
            mount_path=mount_path,
            polling_interval=POLLING_INTERVAL,
        )

        memory = PreviewMemory(project, watched=[Path(item) for item in config.watch])

        def builder(config=None) -> None:
            try:
                if config is None:
                    config = get_config()
                    config.site_url = url
                preview_build(config, memory, url)
            except Exception as exc:  # noqa: BLE001 - the preview outlives any failed build
                memory.forget()
                if not isinstance(exc, (Abort, PluginError, ConfigurationError)):
                    say.error(f"fejl: {type(exc).__name__}: {exc}")
                server.failure = _error_page(_problems(config, exc))
                say.error(
                    "Sitet kan ikke bygges; browseren viser problemerne. "
                    "Ret filen, og gem den, så bygges sitet igen."
                )
            else:
                server.failure = None

        server.builder = builder
        try:
            builder(config)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()
            except KeyboardInterrupt:
                say.info("Forhåndsvisningen er stoppet.")
            except OSError as exc:  # taken between the check and now
                if exc.errno == errno.EADDRINUSE:
                    raise AddressInUse(f"{host}:{port}") from None
                raise
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            memory.close()
            shutil.rmtree(site_dir, ignore_errors=True)
