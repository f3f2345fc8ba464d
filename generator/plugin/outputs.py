"""Files the build writes besides pages (data exports, feeds, search indexes).

Each provider takes the site model and MkDocs' config and returns `{path in site: content}`;
the plugin adds them as `File.generated`, so they are written with the rest of the site, into
the staging folder, and never into `content/`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Site

Provider = Callable[[Site, object], dict[str, str | bytes]]

PROVIDERS: list[Provider] = []
"""Output providers, in the order their files are added."""


def static_outputs(site: Site, config) -> dict[str, str | bytes]:
    outputs: dict[str, str | bytes] = {}
    for provider in PROVIDERS:
        for uri, content in provider(site, config).items():
            if uri in outputs:
                raise ValueError(f"two outputs want {uri}")
            outputs[uri] = content
    return outputs
