"""Atomic builds: build into a staging folder, swap it into place only when all went well.

MkDocs cleans `site_dir` before it reads any page, so any failure later in the build (a content
error, a template error, a warning in strict mode) would leave a half-written site behind. The
plugin points `site_dir` at a sibling staging folder instead; when the build ends without error
and without warnings in strict mode, the old site is swapped out by two renames on the same
file system, and the staging folder is removed on failure.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from .backend import LOGGERS, CountHandler


class Staging:
    def __init__(self, site_dir: str, *, strict: bool) -> None:
        self.target = Path(site_dir)
        self.folder = self.target.with_name(f".{self.target.name}.staging-{os.getpid()}")
        self._remove_stale()
        self._remove(self.folder)
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        self.strict = strict
        if strict:  # both engines' loggers: a warning on either keeps the old site
            for name in LOGGERS:
                logging.getLogger(name).addHandler(self.warnings)

    @property
    def clean(self) -> bool:
        return not (self.strict and self.warnings.get_counts())

    def commit(self) -> bool:
        """Put the staged site in place; False (and nothing changed) after strict warnings."""
        self.close()
        if not self.clean:
            self.discard()
            return False
        old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
        self._remove(old)
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.folder, self.target)
        self._remove(old)
        return True

    def discard(self) -> None:
        self.close()
        self._remove(self.folder)

    def close(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(self.warnings)

    def _remove_stale(self) -> None:
        """Folders left by a build that was killed: their process is gone."""
        for path in self.target.parent.glob(f".{self.target.name}.*-*"):
            pid = path.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _alive(int(pid)):
                self._remove(path)

    @staticmethod
    def _remove(path: Path) -> None:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
