"""The package's layers, as import-linter checks them from the contracts in pyproject.toml:
cli, then engine, then site and contribute, then content; only the engine imports MkDocs,
ProperDocs or Material, and only the command line imports click (README.md, "Layout")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONTRACTS = 4


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the contracts in `root`'s pyproject.toml, on the package in `root`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), str(root / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_every_contract():
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in run.stdout


def copy_of_the_package(tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(
        REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_a_content_module_that_imports_mkdocs_breaks_the_engine_contract(tmp_path):
    root = copy_of_the_package(tmp_path)
    (root / "generator" / "content" / "leak.py").write_text("import mkdocs  # noqa\n")
    run = lint_imports(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Only the engine imports MkDocs, ProperDocs or Material BROKEN" in run.stdout
    assert "generator.content.leak -> mkdocs" in run.stdout
    assert f"Contracts: {CONTRACTS - 1} kept, 1 broken." in run.stdout


def test_content_that_imports_the_site_model_breaks_the_layers(tmp_path):
    root = copy_of_the_package(tmp_path)
    (root / "generator" / "content" / "leak.py").write_text("from ..site import model  # noqa\n")
    run = lint_imports(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "The content layer imports nothing of the site BROKEN" in run.stdout
    assert (
        "Layers: cli, then engine, then site and contribute (independent), then content BROKEN"
        in (run.stdout)
    )
    assert "generator.content.leak -> generator.site.model" in run.stdout


def test_click_outside_the_command_line_breaks_its_contract(tmp_path):
    root = copy_of_the_package(tmp_path)
    (root / "generator" / "site" / "leak.py").write_text("import click  # noqa\n")
    run = lint_imports(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Only the command line imports click BROKEN" in run.stdout
    assert "generator.site.leak -> click" in run.stdout
