"""Two dates: the rules check against the real date, the site is dated by the last commit.

A case written today with `smartcity new` must pass every command on the same day, also in a
clone whose last commit is a week old (the build pins `SOURCE_DATE_EPOCH` to that commit so
two builds of one commit are identical).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def _commit_a_week_ago(root: Path) -> None:
    week_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S+0000")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": week_ago,
        "GIT_COMMITTER_DATE": week_ago,
        "GIT_AUTHOR_NAME": "Sekretariatet",
        "GIT_AUTHOR_EMAIL": "smartcity@kl.dk",
        "GIT_COMMITTER_NAME": "Sekretariatet",
        "GIT_COMMITTER_EMAIL": "smartcity@kl.dk",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Første version"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("SMARTCITY_PINNED_EPOCH", None)
    return env


def test_new_then_serve_build_and_mkdocs_agree_on_today(tiny):
    _commit_a_week_ago(tiny.root)
    env = _clean_env()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            args, cwd=tiny.root, env=env, capture_output=True, text=True, timeout=600
        )

    created = run(
        str(BIN / "smartcity"),
        "new",
        "--no-input",
        "--title",
        "Sensorer måler trafikken i Aarhus & omegn",
        "--municipality",
        "Aarhus",
        "--theme",
        "trafik",
        "--status",
        "pilot",
        "--started",
        "2024",
        "--summary",
        "Sensorer i krydsene måler trafikken, så signalerne kan styres efter, hvor mange der kører.",
        "--email",
        "trafik@aarhus.dk",
    )
    assert created.returncode == 0, created.stdout + created.stderr
    case = next((tiny.root / "content" / "cases").glob("*.md"))
    assert f"published: {dt.date.today().isoformat()}" in case.read_text(encoding="utf-8")
    # the contributor writes the four sections, as they must before a strict check passes
    written = "\n".join(
        "Sensorerne tæller biler og cykler i krydset, og tallene bruges i planlægningen af vejen."
        if line.startswith("*Skriv her:*")
        else line
        for line in case.read_text(encoding="utf-8").split("\n")
    )
    case.write_text(written, encoding="utf-8")

    # `mkdocs build --strict` runs the plugin exactly as `serve` does (pinned to the commit).
    direct = run(str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tiny.root / "a"))
    assert direct.returncode == 0, direct.stderr
    assert "i fremtiden" not in direct.stderr

    strict = run(str(BIN / "smartcity"), "build", "--strict", "--site-dir", str(tiny.root / "b"))
    assert strict.returncode == 0, strict.stderr
    assert "i fremtiden" not in strict.stdout + strict.stderr

    checked = run(str(BIN / "smartcity"), "validate", "--strict")
    assert checked.returncode == 0, checked.stdout

    # What the site writes is still dated by the commit: two builds give the same sitemap.
    assert (tiny.root / "a" / "sitemap.xml").read_bytes() == (
        tiny.root / "b" / "sitemap.xml"
    ).read_bytes()


def test_a_date_after_the_real_today_is_still_flagged(tiny, base_case, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    tiny.write(
        {
            "content/cases/sensorer.md": base_case.replace(
                "published: 2025-01-15", f"published: {tomorrow.isoformat()}"
            )
        }
    )
    result = tiny.run("validate", "--strict")
    assert result.exit_code == 1
    assert f"Udgivelsesdatoen ({tomorrow.isoformat()}) ligger i fremtiden" in result.output
