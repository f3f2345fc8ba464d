"""The release check (`smartcity build --release`): nothing with a placeholder is published."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from generator.cli.commands import cli
from generator.content.project import Project
from generator.contribute import release

DIAGNOSTIC = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): fejl: .*\[(?P<code>[a-z.-]+)\]$"
)


def _copy_bundled(root: Path) -> Path:
    for folder in ("content", "schema", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _run(root: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["--root", str(root), *args], env=env)


def _expected_placeholders(root: Path) -> set[tuple[str, int]]:
    """Every line that names example.org, found by reading the files as a person would."""
    found = set()
    files = [root / "mkdocs.yml", *sorted((root / "content").rglob("*.md"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "example.org" in line and not line.lstrip().startswith("#"):
                found.add((path.relative_to(root).as_posix(), number))
    return found


def test_the_bundled_project_is_refused_with_every_placeholder_named(tmp_path):
    root = _copy_bundled(tmp_path / "project")
    result = _run(root, "build", "--strict", "--release", env={"GITHUB_REPOSITORY": ""})
    assert result.exit_code == 1
    assert not (root / "site").exists()
    lines = [m.groupdict() for m in map(DIAGNOSTIC.match, result.output.splitlines()) if m]
    placeholders = {
        (d["file"], int(d["line"])) for d in lines if d["code"] == "release.placeholder"
    }
    expected = _expected_placeholders(root)
    assert len(expected) == 11  # 3 in mkdocs.yml, 8 in the events and groups
    assert placeholders == expected
    examples = {d["file"] for d in lines if d["code"] == "release.example-content"}
    marked = {
        p.relative_to(root).as_posix()
        for p in (root / "content").rglob("*.md")
        if "(eksempel)" in p.read_text(encoding="utf-8").split("\n", 2)[1]
    }
    assert examples == marked and len(marked) == 7
    assert (
        "mkdocs.yml:42:20: fejl: extra.accessibility.statement_url: "
        "'https://example.org/tilgaengelighedserklaering' er en pladsholder, ikke en rigtig "
        "adresse. Skriv den rigtige adresse, før sitet udgives. [release.placeholder]"
    ) in result.output
    assert (
        "content/events/smart-city-konferencen-2027.md:7:15: fejl: registration: "
        "'https://example.org/tilmelding/smart-city-konferencen-2027' er en pladsholder"
    ) in result.output
    assert (
        "content/groups/data-og-privatliv.md:2:8: fejl: title: Filen er eksempelindhold "
        "('(eksempel)' i titlen). Erstat den med rigtige oplysninger, og fjern mærket, eller "
        "slet filen, før sitet udgives. [release.example-content]"
    ) in result.output
    assert "Sitet er ikke bygget, fordi det ikke er klar til at blive udgivet." in result.output


def _make_real(root: Path) -> None:
    """What the secretariat does before publishing: real addresses, no examples."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "https://example.org/tilgaengelighedserklaering", "https://www.was.digst.dk/smartcity-kl-dk"
    )
    text = text.replace("tilgaengelighed@example.org", "smartcity@kl.dk")
    text = text.replace("https://example.org/", "https://smartcity.kl.dk/")
    config.write_text(text, encoding="utf-8")
    for folder in ("events", "groups"):
        shutil.rmtree(root / "content" / folder)


def test_a_project_with_real_values_is_built(tmp_path):
    root = _copy_bundled(tmp_path / "project")
    _make_real(root)
    env = {"GITHUB_REPOSITORY": "smartcity-forum/vidensbank"}
    result = _run(root, "build", "--strict", "--release", env=env)
    assert result.exit_code == 0, result.output
    assert "Udgivelsestjek: sitet er klar til at blive udgivet." in result.output
    assert "https://smartcity.kl.dk/cases/" in (root / "site" / "sitemap.xml").read_text()


MISSING = """\
site_name: Smart City-vidensbanken
docs_dir: content
plugins:
  - smartcity
  - search
extra:
  generator: false
"""


def test_missing_settings_are_each_named(tiny):
    tiny.write({"mkdocs.yml": MISSING})
    result = release.check(tiny.project, environ={})
    assert [(d.line, d.code, d.field) for d in result.sorted()] == [
        (1, "release.site-url-missing", "site_url"),
        (1, "release.repo-url-missing", "repo_url"),
        (4, "release.licence-missing", "plugins.smartcity.data_licence"),  # `- smartcity`
        (7, "release.statement-missing", "extra.accessibility.statement_url"),  # in `extra:`
        (7, "release.accessibility-email-missing", "extra.accessibility.email"),
    ]
    messages = {d.code: d.message for d in result.sorted()}
    assert messages["release.statement-missing"] == (
        "Adressen på tilgængelighedserklæringen mangler i mkdocs.yml "
        "(extra.accessibility.statement_url). Et offentligt websted skal have en; den laves med "
        "Digitaliseringsstyrelsens værktøj (www.was.digst.dk)."
    )


def test_a_licence_without_its_address_is_missing(tiny):
    config = MISSING.replace(
        "  - smartcity\n", "  - smartcity:\n      data_licence:\n        name: CC BY 4.0\n"
    )
    tiny.write({"mkdocs.yml": config})
    found = [d for d in release.check(tiny.project, environ={}).sorted() if "licence" in d.code]
    assert [(d.line, d.column) for d in found] == [(6, 9)]  # the data_licence mapping


def test_repo_url_must_be_the_repository_the_workflow_runs_in(tiny):
    project = Project(tiny.root)
    environ = {"GITHUB_REPOSITORY": "kl-dk/smartcity", "GITHUB_SERVER_URL": "https://github.com"}
    found = [d for d in release.check(project, environ=environ).sorted() if "repo-url" in d.code]
    assert [str(d) for d in found] == [
        "mkdocs.yml:4:11: fejl: repo_url: repo_url er "
        "'https://github.com/smartcity-forum/vidensbank', men sitet bygges fra "
        "https://github.com/kl-dk/smartcity. Skriv arkivets rigtige adresse. "
        "[release.repo-url-mismatch]"
    ]
    environ["GITHUB_REPOSITORY"] = "smartcity-forum/vidensbank"
    assert not [d for d in release.check(project, environ=environ).sorted() if "repo-url" in d.code]


def test_placeholders_in_a_case_body_and_summary(tiny, base_case):
    text = base_case.replace(
        "## Udfordring", "## Udfordring\n\nSe [rapporten](https://data.example.com/r.pdf) & 🚦."
    )
    tiny.write({"content/cases/x-case.md": text})
    found = [
        d for d in release.check(tiny.project, environ={}).sorted() if d.file.startswith("content")
    ]
    assert [(d.code, d.field) for d in found] == [("release.placeholder", "")]
    assert "'https://data.example.com/r.pdf'" in found[0].message
    line = text.splitlines()[found[0].line - 1]
    assert line[found[0].column - 1 :].startswith("https://data.example.com/r.pdf")


def test_a_summary_that_begins_eksempel_is_example_content(tiny, base_case):
    meta, body = base_case.split("\n---\n", 1)
    text = re.sub(
        r"summary: .*",
        "summary: 'Eksempel: en case, der viser, hvordan en case ser ud i banken.'",
        meta,
    )
    tiny.write({"content/cases/x-case.md": text + "\n---\n" + body})
    found = [
        d for d in release.check(tiny.project, environ={}).sorted() if d.file.startswith("content")
    ]
    assert [(d.code, d.field) for d in found] == [("release.example-content", "summary")]
    assert "(resuméet begynder med 'Eksempel:')" in found[0].message


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Skriv til info@example.com.", ["info@example.com"]),
        ("https://www.example.org/a?b=1, og mere", ["https://www.example.org/a?b=1"]),
        (
            "http://localhost:8000/ og http://127.0.0.1/",
            ["http://localhost:8000/", "http://127.0.0.1/"],
        ),
        ("<https://kommune.invalid/x>", ["https://kommune.invalid/x"]),
        ("https://smartcity.kl.dk/ og smartcity@aarhus.dk", []),
        ("myexample.org, example.org.dk, examples.org og eksempel.dk", []),
    ],
)
def test_placeholder_addresses(text, tokens):
    assert [token for _, _, token in release.placeholders(text)] == tokens


def test_every_release_code_has_a_test():
    source = Path(__file__).read_text(encoding="utf-8")
    for code in release.MESSAGES:
        assert code in source, code
