"""Helpers shared by test modules."""

from __future__ import annotations

import hashlib
from pathlib import Path


def build(tiny, *args: str) -> Path:
    """`smartcity build` in a tiny project; returns the site folder."""
    result = tiny.run("build", *args)
    assert result.exit_code == 0, result.output
    return tiny.root / "site"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` by relative path, as a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_content(project: Path, tiny) -> None:
    """The content of a built project into a tiny one."""
    for path in (project / "content").rglob("*"):
        if path.is_file():
            tiny.write({path.relative_to(project).as_posix(): path.read_bytes()})
