"""Both site engines: MkDocs (this test environment) and ProperDocs, the maintained fork of MkDocs
1.x, in an environment of its own without MkDocs (requirements/properdocs.txt).

.ci/run makes that environment as `.venv-properdocs`; when it is missing or made from another
lock, it is made here (with `.ci/venv`, from the same lock).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import BUILD_DATE_EPOCH, REPO
from tests_support import snapshot

from generator.engine import backend as engine

LOCK = REPO / "requirements" / "properdocs.txt"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="session")
def properdocs(tmp_path_factory) -> Path:
    """The bin/ folder of an environment with ProperDocs, Material and smartcity, no MkDocs."""
    venv = REPO / ".venv-properdocs"
    stamp = venv / "lock.sha256"
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not (stamp.is_file() and stamp.read_text().strip() == wanted):
        venv = tmp_path_factory.mktemp("engines") / "properdocs"
        done = subprocess.run(
            ["bash", str(REPO / ".ci" / "venv"), str(venv), str(LOCK)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


def _run(bin_dir: Path, *command: str, cwd: Path | None = None, **kwargs):
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH}
    return subprocess.run(
        [str(bin_dir / command[0]), *command[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        **kwargs,
    )


def _project(root: Path, content: dict[str, str] | None = None) -> Path:
    """A project with the real schema, theme and mkdocs.yml; the bundled content by default."""
    root.mkdir(parents=True)
    for folder in ("schema", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if content is None:
        shutil.copytree(REPO / "content", root / "content")
    else:
        for name, text in content.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
    return root


def test_this_environment_builds_with_mkdocs_and_the_other_has_no_mkdocs(properdocs):
    assert engine.NAME == "mkdocs"
    probe = "import importlib.util as u; print(u.find_spec('mkdocs'), u.find_spec('properdocs'))"
    done = _run(properdocs, "python", "-c", probe)
    assert done.stdout.startswith("None ModuleSpec(name='properdocs'"), done.stdout + done.stderr


def test_properdocs_builds_the_bundled_site_file_for_file_like_mkdocs(built, properdocs, tmp_path):
    project = _project(tmp_path / "project")
    done = _run(properdocs, "smartcity", "--root", str(project), "build", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr

    ours, theirs = built / "site", project / "site"
    assert snapshot(ours).keys() == snapshot(theirs).keys()
    tags = set()
    for path in sorted(ours.rglob("*")):
        if path.is_file():
            a, b = path.read_bytes(), (theirs / path.relative_to(ours)).read_bytes()
            tags.update(GENERATOR_TAG.findall(a) + GENERATOR_TAG.findall(b))
            assert GENERATOR_TAG.sub(b"", a) == GENERATOR_TAG.sub(b"", b), path.relative_to(ours)
    # the two engines did build: each names itself in the generator tag, and nothing else differs
    assert any(b'content="mkdocs-1.' in t for t in tags)
    assert any(b"ProperDocs" in t for t in tags)
    assert len(snapshot(ours)) > 100


def _case(base_case: str, **changes: str) -> dict[str, str]:
    text = base_case
    for old, new in changes.items():
        text = text.replace(old, new)
    return {"content/cases/sensorer.md": text}


@pytest.mark.parametrize("command", ["properdocs", "smartcity"])
def test_a_strict_properdocs_build_with_a_warning_keeps_the_old_site(
    properdocs, base_case, tmp_path, command
):
    # The real guide, without its links to pages this project does not have.
    guide = re.sub(
        r"\[([^\]]*)\]\([^)]*\.md\)",
        r"\1",
        (REPO / "content/guides/kom-godt-i-gang.md").read_text(encoding="utf-8"),
    )
    content = {**_case(base_case), "content/guides/kom-godt-i-gang.md": guide}
    project = _project(tmp_path / "project", content)
    first = _run(properdocs, "smartcity", "--root", str(project), "build")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(project / "site")
    if command == "properdocs":
        # a content warning, logged by the plugin on ProperDocs' logger
        (project / "content/cases/sensorer.md").write_text(
            base_case.replace("## Erfaringer", "## Læring"), encoding="utf-8"
        )
        done = _run(properdocs, "properdocs", "build", "--strict", "-f", "mkdocs.yml", cwd=project)
    else:
        # the content is valid; the engine warns about a navigation entry for a missing page
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "\nnav:\n  - Gammel side: findes-ikke.md\n",
            encoding="utf-8",
        )
        check = _run(properdocs, "smartcity", "--root", str(project), "validate", "--strict")
        assert check.returncode == 0, check.stdout
        done = _run(properdocs, "smartcity", "--root", str(project), "build", "--strict")
    assert done.returncode == 1, done.stdout + done.stderr
    # ProperDocs' own command logs in English; `smartcity` says it in Danish
    assert ("WARNING" if command == "properdocs" else "advarsel:") in done.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*"))


def test_contributor_commands_work_with_only_properdocs(properdocs, base_case, tmp_path):
    project = _project(tmp_path / "project", _case(base_case))
    root = ["smartcity", "--root", str(project)]

    done = _run(properdocs, *root, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tjekket 1 fil" in done.stdout

    done = _run(
        properdocs,
        *root,
        "new",
        "--no-input",
        "--title",
        "Affaldsspande med sensorer i Aarhus & Århus <test>",
        "--municipality",
        "Aarhus",
        "--theme",
        "klima",
        "--status",
        "pilot",
        "--started",
        "2024",
        "--summary",
        "Sensorer i affaldsspandene melder, når de er fulde 🗑️, så bilerne kun kører ud efter behov.",
        "--email",
        "affald@aarhus.dk",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Oprettede content/cases/" in done.stdout

    done = _run(properdocs, *root, "review", "--stale")
    assert done.returncode == 0, done.stdout + done.stderr

    # not strict: the new case's unfilled sections are warnings until they are written
    done = _run(properdocs, *root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "site/cases/sensorer/index.html").is_file()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(properdocs / "smartcity"), *root[1:], "serve", "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH},
    )
    try:
        page = None
        deadline = time.monotonic() + 90
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/cases/sensorer/"
                with urllib.request.urlopen(url, timeout=2) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page is not None and "Sensorer måler trafikken" in page
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors
