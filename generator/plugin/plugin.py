"""The `smartcity` MkDocs plugin: validates the content, then builds the site from it.

Each event delegates to the pure core (`generator.validate`, ...). Event order matters:
validation runs in `on_pre_build`, before MkDocs cleans `site_dir`, so invalid content can never
reach or damage the published site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..diagnostics import Severity
from ..project import Project
from ..schemas import SchemaSetupError
from ..validate import ContentTree, load_tree
from .config import PluginConfig
from .staging import Staging

log = get_plugin_logger(__name__)


class SmartCityPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.project: Project | None = None
        self.tree: ContentTree | None = None
        self.staging: Staging | None = None
        self.site_dir: str | None = None
        """Where the finished site goes (MkDocs' `site_dir` before staging redirects it)."""

    def on_startup(self, *, command, dirty) -> None:
        self.is_serve = command == "serve"

    # Runs before every other plugin's on_config, so that they all see the staging site_dir.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.project = Project(root, content=Path(config.docs_dir), schema=Path(self.config.schema_dir))
        try:
            self.project.schemas  # noqa: B018 - fail fast on a broken schema
        except (SchemaSetupError, OSError, ValueError, KeyError) as exc:
            raise PluginError(f"Skemaet i {self.config.schema_dir} kan ikke indlæses: {exc}") from None
        self.site_dir = config.site_dir
        if self.config.atomic and not self.is_serve:
            self.staging = Staging(config.site_dir, strict=config.strict)
            config.site_dir = str(self.staging.folder)
        return config

    def on_pre_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        self.tree = load_tree(self.project)
        result = self.tree.result
        for d in result.sorted():
            (log.error if d.severity is Severity.ERROR else log.warning)(str(d))
        if not result.ok:
            errors = len(result.errors)
            raise PluginError(
                f"{errors} {'fejl' if errors == 1 else 'fejl'} i indholdet; se ovenfor. "
                "Sitet er ikke bygget, og det forrige site er uændret."
            )

    # Runs after every other plugin has written its files into the staging folder.
    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        if self.staging is not None:
            if not self.staging.commit():
                log.error("Advarsler i strict-tilstand: sitet er ikke lagt på plads; det forrige "
                          "site er uændret.")
            self.staging = None

    def on_build_error(self, *, error) -> None:
        if self.staging is not None:
            self.staging.discard()
            self.staging = None
