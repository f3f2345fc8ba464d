"""Shared fixtures: tiny projects in temporary folders, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import chromium, serve
from click.testing import CliRunner

from generator.cli.commands import cli
from generator.content.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE_EPOCH = "1780272000"  # 2026-06-01: date rules in fixtures must not age with the calendar


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite expected diagnostics from the current output (review the diff).",
    )


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)


class TinyProject:
    """A project folder with the real schema, mkdocs.yml and theme, and the content you give."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO / "schema", root / "schema")
        shutil.copytree(REPO / "theme", root / "theme")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        (root / "content" / "cases").mkdir(parents=True)
        (root / "content" / "guides").mkdir(parents=True)

    def write(self, files: dict[str, str | bytes | None]) -> TinyProject:
        for rel, text in files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                path.unlink(missing_ok=True)
            elif isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return self

    def fixture(self, kind: str, name: str, dest: str | None = None) -> Path:
        """Copy `fixtures/<kind>/<name>` into `content/` (same sub-folder unless `dest`)."""
        source = FIXTURES / kind / name
        target = self.root / "content" / (dest or name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        return target

    @property
    def project(self) -> Project:
        return Project(self.root)

    def run(self, *args: str):
        """Run the `smartcity` CLI in this project; stdout and stderr kept apart."""
        previous = Path.cwd()
        os.chdir(self.root)  # relative paths in args are relative to the project, as in a shell
        try:
            return CliRunner().invoke(
                cli, ["--root", str(self.root), *args], catch_exceptions=False
            )
        finally:
            os.chdir(previous)


@pytest.fixture
def tiny(tmp_path) -> TinyProject:
    return TinyProject(tmp_path / "project")


@pytest.fixture(scope="session")
def base_case() -> str:
    return (FIXTURES / "valid" / "cases" / "minimal.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled content built once with `smartcity build --strict` into a temporary folder.

    Returns the project root; the site is in `<root>/site`.
    """
    root = tmp_path_factory.mktemp("bundled") / "project"
    for folder in ("content", "schema", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH
    try:
        result = CliRunner().invoke(cli, ["--root", str(root), "build", "--strict"])
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: Playwright's sync API allows one at a time."""
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base(built):
    """The built bundled site served on 127.0.0.1; the base URL."""
    with serve(built / "site") as url:
        yield url
