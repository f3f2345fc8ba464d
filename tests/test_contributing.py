"""CONTRIBUTING.md works as written: its example is a good case, its commands exist, and a
first-time contributor who follows path C gets from nothing to a valid case file."""

from __future__ import annotations

import re
import shlex

from conftest import REPO
from test_workflows import _check_smartcity

from generator.content.documents import Document
from generator.content.frontmatter import parse
from generator.content.project import today
from generator.content.types import CASE
from generator.contribute.quality import check_case

TEXT = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", TEXT, re.S | re.M)


def _smartcity_commands() -> list[list[str]]:
    return [
        shlex.split(line)
        for block in _blocks("sh")
        for line in block.splitlines()
        if line.startswith("smartcity ")
    ]


def test_the_good_example_is_valid_and_has_no_quality_warnings(tiny):
    [example] = _blocks("markdown")
    tiny.write({"content/cases/silkeborg-badevandsudsigt.md": example})
    result = tiny.run("validate", "--strict")
    assert result.stdout == "Tjekket 1 fil: ingen fejl.\n"
    fm, _ = parse(example.encode(), "content/cases/silkeborg-badevandsudsigt.md")
    doc = Document(
        CASE, "content/cases/silkeborg-badevandsudsigt.md", "silkeborg-badevandsudsigt", fm
    )
    assert list(check_case(doc, tiny.project.taxonomy, today())) == []


def test_every_smartcity_command_exists():
    commands = _smartcity_commands()
    assert [c[1] for c in commands] == ["new", "new", "validate", "serve"]
    for words in commands:
        _check_smartcity(words[1:])
    assert "smartcity review --stale" in TEXT


def test_a_first_time_contributor_gets_a_valid_case_by_following_path_c(tiny):
    """The scripted `smartcity new` from the guide, then the `smartcity validate` it names."""
    _, new, validate, _ = _smartcity_commands()  # the interactive `new` is tested elsewhere
    created = tiny.run(*new[1:])
    assert created.exit_code == 0, created.output
    assert created.stdout.splitlines()[0] == (
        "Oprettede content/cases/sensorboejer-giver-en-badevandsudsigt-for-soeerne.md."
    )
    # As the guide says: every "Skriv her:" line is a warning until it is replaced.
    checked = tiny.run(*validate[1:])
    assert checked.stdout.splitlines()[-1] == "Tjekket 1 fil: 4 advarsler i 1 fil."
    assert checked.stdout.count("[body.prompt-unfilled]") == 4
    assert checked.exit_code == 0
    path = tiny.root / "content/cases/sensorboejer-giver-en-badevandsudsigt-for-soeerne.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("*Skriv her:*", "Badegæster i Silkeborg:"),
        encoding="utf-8",
    )
    checked = tiny.run(*validate[1:], "--strict")
    assert checked.stdout == "Tjekket 1 fil: ingen fejl.\n"
    assert checked.exit_code == 0


def test_local_links_point_at_files_that_exist():
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", TEXT)
    assert targets
    for target in targets:
        assert (REPO / target).exists(), target


def test_anchors_point_at_headings():
    headings = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.+)$", TEXT, re.M)
    }
    for anchor in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert anchor in headings, anchor
