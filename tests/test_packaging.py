"""The package as a new user installs it: the locks follow pyproject.toml, the validator needs no
site engine, the engine's English notices stay away from contributors, one version, a licence."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib

import yaml
from conftest import BUILD_DATE_EPOCH, REPO
from packaging.requirements import Requirement
from packaging.version import Version

import generator

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _pins(name: str) -> dict[str, Version]:
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    return {
        m["name"].lower().replace("_", "-"): Version(m["version"])
        for m in re.finditer(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+) \\$", text, re.M)
    }


def _hashed(name: str) -> bool:
    """Every pin in the lock carries at least one sha256 hash."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [b for b in blocks if re.match(r"[A-Za-z0-9._-]+==", b)]
    return bool(pinned) and all("--hash=sha256:" in b for b in pinned)


def _requirements(*extras: str) -> list[Requirement]:
    found = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        found += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    return found


def test_the_lock_pins_every_requirement_within_its_range():
    pins = _pins("lock.txt")
    for requirement in _requirements("site", "test"):
        name = requirement.name.lower()
        assert name in pins, (
            f"{name} is not in requirements/lock.txt: run bash requirements/compile"
        )
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    build = Requirement(PYPROJECT["build-system"]["requires"][0])
    assert build.specifier.contains(pins["setuptools"])
    assert _hashed("lock.txt")


def test_the_properdocs_lock_has_properdocs_and_material_but_no_mkdocs():
    pins = _pins("properdocs.txt")
    assert "properdocs" in pins and "mkdocs-material" in pins
    assert "mkdocs" not in pins
    for requirement in _requirements():
        assert requirement.specifier.contains(pins[requirement.name.lower()], prereleases=True)
    assert _hashed("properdocs.txt")


def test_the_oldest_lock_has_the_oldest_pyyaml_allowed_and_no_site_engine():
    pins = _pins("oldest-pyyaml.txt")
    (pyyaml,) = [r for r in _requirements() if r.name.lower() == "pyyaml"]
    lowest = min(Version(s.version) for s in pyyaml.specifier if s.operator in (">=", "=="))
    assert pins["pyyaml"] == lowest
    assert not {"mkdocs", "properdocs", "mkdocs-material"} & pins.keys()
    assert _hashed("oldest-pyyaml.txt")


def test_the_validator_needs_no_site_engine():
    assert not {Requirement(r).name for r in PROJECT["dependencies"]} & {
        "mkdocs",
        "mkdocs-material",
        "properdocs",
    }


BLOCK_ENGINES = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "properdocs", "material"):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, Blocker())
from generator.cli.commands import main
sys.argv = ["smartcity", *sys.argv[1:]]
main()
"""


def _without_engines(*args: str):
    return subprocess.run(
        [sys.executable, "-c", BLOCK_ENGINES, "--root", str(REPO), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH},
    )


def test_validate_and_review_run_without_mkdocs_material_or_properdocs():
    done = _without_engines("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ingen fejl" in done.stdout
    done = _without_engines("review", "--stale")
    assert done.returncode == 0, done.stdout + done.stderr


def test_build_and_serve_without_an_engine_say_in_danish_what_to_install(tmp_path):
    for command in (["build", "--site-dir", str(tmp_path / "site")], ["serve"]):
        done = _without_engines(*command)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("smartcity: Sitet bruger temaet mkdocs-material")
        assert 'python -m pip install -e ".[site]"' in done.stderr
    assert not (tmp_path / "site").exists()


def test_no_english_notice_about_the_engines_reaches_contributors(tmp_path):
    # Material and ProperDocs print their notices when the program's name is `mkdocs`; smartcity
    # turns them off before they are imported, under any name.
    script = "import sys; sys.argv[0] = '/usr/bin/mkdocs';from generator.cli.commands import main; main()"
    env = {k: v for k, v in os.environ.items() if "MKDOCS_2_WARNING" not in k}
    env["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH
    done = subprocess.run(
        [sys.executable, "-c", script, "--root", str(REPO), "build"]
        + ["--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for english in ("end of life", "Zensical", "ProperDocs", "MkDocs 2", "WARNING"):
        assert english not in done.stderr, done.stderr


def test_one_version_source():
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "generator.__version__"
    assert importlib.metadata.version("smartcity-vidensbank") == generator.__version__


def test_the_licence_is_mit_in_a_file_and_in_spdx_form():
    assert PROJECT["license"] == "MIT"
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    assert importlib.metadata.metadata("smartcity-vidensbank")["License-Expression"] == "MIT"


def test_ci_runs_the_test_command_the_readme_gives_in_a_new_environment():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in run.splitlines() if line and not line.startswith(("#", " "))]
    assert "bash .ci/venv .venv\n" in run
    assert commands.index("bash .ci/venv .venv") < commands.index(".venv/bin/python -m pytest")
    assert "`.venv/bin/python -m pytest`" in readme
    assert "bash .ci/run" in readme


def test_the_hashed_lock_is_what_ci_and_the_workflows_install():
    venv = (REPO / ".ci" / "venv").read_text(encoding="utf-8")
    assert "install --require-hashes --no-deps -r" in venv
    for name in ("deploy.yml", "pull-request.yml", "issue-to-pr.yml"):
        workflow = (REPO / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert "pip install --require-hashes --no-deps -r requirements/lock.txt" in workflow
        assert "pip install ." not in workflow


def test_dependabot_updates_the_python_locks_and_the_actions():
    path = REPO / ".github" / "dependabot.yml"
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot"]
        + [str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    ecosystems = {u["package-ecosystem"]: u for u in updates}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert "/requirements" in ecosystems["pip"]["directories"]


def test_ruff_is_enforced_in_ci_and_before_a_commit():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/ruff check --no-cache ." in run
    assert ".venv/bin/ruff format --check --no-cache ." in run
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: ruff check" in config and "entry: ruff format --check" in config
