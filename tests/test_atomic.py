"""Builds are atomic and reproducible: a killed build leaves the old site; a rebuild is identical."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from conftest import REPO
from tests_support import snapshot


def test_two_builds_of_the_same_content_are_byte_identical(tiny, base_case, tmp_path):
    tiny.write(
        {
            "content/cases/a.md": base_case,
            "content/cases/b.md": base_case.replace("Aarhus", "Odense"),
            # The real guide, without its links to pages this project does not have.
            "content/guides/g.md": re.sub(
                r"\[([^\]]*)\]\([^)]*\.md\)",
                r"\1",
                (REPO / "content/guides/kom-godt-i-gang.md").read_text(encoding="utf-8"),
            ),
        }
    )
    first = tiny.run("build", "--site-dir", str(tmp_path / "one"))
    time.sleep(1.1)  # a wall-clock timestamp anywhere would now differ
    second = tiny.run("build", "--site-dir", str(tmp_path / "two"))
    assert first.exit_code == second.exit_code == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_build_date_comes_from_the_last_commit(tiny, base_case, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    tiny.write({"content/cases/a.md": base_case})
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-03-04T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-03-04T10:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.dk",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.dk",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(tiny.root), *command], check=True, env=env)
    try:
        assert tiny.run("build").exit_code == 0
        sitemap = (tiny.root / "site/sitemap.xml").read_text(encoding="utf-8")
        assert "<lastmod>2025-03-04</lastmod>" in sitemap
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def test_a_killed_build_leaves_the_old_site(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    project = write_corpus(tmp_path / "corpus", 400)
    command = [sys.executable, "-m", "generator", "--root", str(project), "build"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    site = project / "site"
    before = snapshot(site)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staging = []
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in project.glob(".site.staging-*") if (p / "cases").is_dir()]
        if staging and len(list((staging[0] / "cases").iterdir())) > 20:
            break
        time.sleep(0.05)
    assert staging and process.poll() is None, "the build should be caught midway"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(site) == before
    assert list(project.glob(".site.staging-*")), "the killed build left its staging folder"
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert not list(project.glob(".site.staging-*")), "the next build removes what was left"
