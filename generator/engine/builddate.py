"""The build's date, pinned for one build so that two builds of one commit are byte-identical.

The project's own code is given the build's moment (`Site(now=...)`); MkDocs reads it only from
`SOURCE_DATE_EPOCH`, in three places (`mkdocs.utils.get_build_datetime`: each page's
`update_date`, the sitemap's dates and its gzip header), so the variable is set for the length
of one build and put back as it was afterwards (tests/test_material.py checks that MkDocs still
reads it there). An explicit `SOURCE_DATE_EPOCH` wins; outside a git checkout nothing is pinned.
The date rules keep the real date (`project.today()` ignores a pinned epoch).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..content.project import PINNED_EPOCH

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def commit_epoch(root: Path) -> str | None:
    """The last commit's time as Unix seconds, or None outside a git checkout."""
    try:
        stamp = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return stamp if stamp.isdigit() else None


class BuildDate:
    """Pins the build's date for one build: `pin()` in `on_config`, `release()` when it ends."""

    def __init__(self) -> None:
        self._saved: dict[str, str | None] | None = None

    def pin(self, root: Path) -> None:
        if self._saved is not None or os.environ.get(SOURCE_DATE_EPOCH):
            return  # pinned already, or the user's value wins
        stamp = commit_epoch(root)
        if stamp is None:
            return
        self._saved = {name: os.environ.get(name) for name in (SOURCE_DATE_EPOCH, PINNED_EPOCH)}
        os.environ[SOURCE_DATE_EPOCH] = stamp
        os.environ[PINNED_EPOCH] = stamp  # tells `project.today()` the value is the commit's

    def release(self) -> None:
        """Put the environment back as it was before `pin`."""
        if self._saved is None:
            return
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved = None
