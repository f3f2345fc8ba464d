"""Helpers shared by test modules."""

from __future__ import annotations

from pathlib import Path


def build(tiny, *args: str) -> Path:
    """`smartcity build` in a tiny project; returns the site folder."""
    result = tiny.run("build", *args)
    assert result.exit_code == 0, result.output
    return tiny.root / "site"
