"""Settings of the `smartcity` MkDocs plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site is then plain MkDocs)."""
    schema_dir = c.Dir(exists=True, default="schema")
    """Folder with the JSON Schemas, the themes and the municipalities, relative to mkdocs.yml."""
    atomic = c.Type(bool, default=True)
    """Build into a staging folder and put it in place of `site_dir` only when the build succeeds."""
