"""Every word the `smartcity` command line prints is Danish: help, usage lines, usage errors.

The English to look for is taken from click's own source (every message it passes through
gettext) plus the words it prints without gettext, so a new click message or a new command is
checked without changing this file.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest

from generator.cli.cliwords import DANISH
from generator.cli.commands import cli

CLICK_SOURCE = Path(click.__file__).parent
NOT_GETTEXT = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "TEXT",
    "PATH",
    "PATHS",
    "DIRECTORY",
    "FILE",
    "FILENAME",
    "INTEGER",
    "BOOLEAN",
    "REF",
    "Error",
    "Try",
    "default",
    "required",
    "Aborted",
]
MKDOCS = [
    "Aborted with a BuildError",
    "The server will appear stuck",
    "Building documentation",
    "Documentation built",
    "Serving on",
    "Cleaning site directory",
    "Watching paths",
    "MkDocs 2.0",
    "Error:",
    "WARNING",
    "INFO",
]


FOR_DEVELOPERS = {
    # Raised while a command is defined (a bug in the code), or reprs: never shown to a user.
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "Name '{name}' defined twice",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Choice({choices})",
    "d",  # the keyboard key of `click.edit`'s prompt
}


def click_messages() -> set[str]:
    """Every message id click passes to gettext, from its source."""
    found = set()
    for path in CLICK_SOURCE.glob("*.py"):
        if path.name in ("testing.py", "_winconsole.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                found.update(a.value for a in node.args if isinstance(a, ast.Constant) and a.value)
    return found


def english_pieces() -> list[re.Pattern]:
    """Click's English as patterns: each message's text between its placeholders."""
    pieces = set(NOT_GETTEXT) | set(MKDOCS)
    for message in click_messages() - FOR_DEVELOPERS:
        for piece in re.split(r"\{[^}]*\}|%\([^)]*\)s|\n|\t", message):
            piece = piece.strip(" .:()!?")
            if re.search(r"[A-Za-z]{3,}", piece) and piece not in ("version", "env var"):
                pieces.add(piece)
    return [re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])") for p in sorted(pieces)]


ENGLISH = english_pieces()


def english_in(text: str) -> list[str]:
    return [p.pattern for p in ENGLISH if p.search(text)]


def test_every_click_message_has_a_danish_text():
    assert sorted(click_messages() - set(DANISH) - FOR_DEVELOPERS) == []


def commands(group: click.Group = cli, path: tuple[str, ...] = ()):
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, (*path, name))


COMMANDS = list(commands())


def invocations():
    """`--help` and the usage errors each command and option can give."""
    for path, command in COMMANDS:
        name = " ".join(path) or "smartcity"
        yield name + " --help", [*path, "--help"]
        yield name + " -h", [*path, "-h"]
        yield name + " --ukendt", [*path, "--ukendt"]
        yield name + " ekstra argumenter", [*path, "ekstra", "argumenter", "her"]
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag or param.name == "help":
                continue
            option = max(param.opts, key=len)
            yield f"{name} {option} (no value)", [*path, option]
            if isinstance(param.type, click.Choice):
                yield f"{name} {option} forkert", [*path, option, "forkert"]
    yield "no command", []
    yield "unknown command", ["ukendt"]
    yield "misspelt command", ["valdate"]
    yield "missing path", ["validate", "findes-ikke.md"]
    yield "--root that is a file", ["--root", "mkdocs.yml", "validate"]


INVOCATIONS = list(invocations())


@pytest.mark.parametrize(("label", "args"), INVOCATIONS, ids=[label for label, _ in INVOCATIONS])
def test_no_english_from_click(tiny, label, args):
    result = tiny.run(*args)
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert output.strip(), label
    assert english_in(output) == [], output


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS[1:], ids=[" ".join(p) for p, _ in COMMANDS[1:]]
)
def test_every_command_has_an_example_and_a_whole_description(tiny, path, command):
    assert re.search(r"^  Eksemp(el|ler):$", tiny.run(*path, "--help").output, re.M)
    listing = tiny.run(*path[:-1], "--help").output
    short = command.get_short_help_str()
    assert short.endswith(".") and "..." not in short
    assert " ".join(short.split()) in " ".join(listing.split())


def test_new_lists_themes_and_statuses_with_their_labels(tiny):
    help_text = " ".join(tiny.run("new", "--help").output.split())
    for number, theme in enumerate(tiny.project.taxonomy.themes.values(), 1):
        assert f"{number} {theme.id} {theme.label}" in help_text
    assert "3 operation I drift" in help_text and "4 scaled Udbredt" in help_text


def test_validate_help_names_every_kind_of_content(tiny):
    from generator.content.types import CONTENT_TYPES

    help_text = " ".join(tiny.run("validate", "--help").output.split())
    assert all(t.label for t in CONTENT_TYPES.values())  # each type names itself in Danish
    assert "Tjek cases, guides, arbejdsgrupper og arrangementer mod skemaet" in help_text


def test_placeholders_are_danish(tiny):
    outputs = " ".join(tiny.run(*path, "--help").output for path, _ in COMMANDS)
    placeholders = set(re.findall(r"(?<=[ \[])[A-ZÆØÅ][A-ZÆØÅ:-]{2,}(?=[\] .]|$)", outputs))
    assert placeholders <= {
        "TILVALG",
        "KOMMANDO",
        "ARGUMENTER",
        "STI",
        "MAPPE",
        "FIL",
        "TEKST",
        "KOMMUNE",
        "TEMA",
        "STATUS",
        "ÅR",
        "E-MAIL",
        "GREN",
        "ADRESSE:PORT",
        "KL",
        "LIX",
    }, placeholders


def test_new_no_input_names_every_wrong_flag_in_one_run(tiny):
    result = tiny.run(
        "new",
        "--no-input",
        "--title",
        "Hej",
        "--municipality",
        "Gotham",
        "--theme",
        "trafik",
        "--status",
        "færdig",
        "--started",
        "sidste år",
        "--summary",
        "For kort <b>",
        "--email",
        "ikke en adresse",
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-7] == "Fejl: 6 ting skal rettes; der er ikke skrevet nogen fil:"
    assert [line.split(":")[0] for line in lines[-6:]] == [
        "  - --title",
        "  - --municipality",
        "  - --status",
        "  - --started",
        "  - --summary",
        "  - --email",
    ]
    assert not list((tiny.root / "content/cases").glob("*.md"))


def test_build_output_has_no_english_from_click_or_mkdocs(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    good = tiny.run("build", "--strict")
    assert good.exit_code == 0
    tiny.write(
        {
            "content/cases/sensorer.md": base_case.replace("status: pilot", "status: færdig"),
            "content/cases/lyskryds.md": base_case.replace(
                "published: 2025-01-15", "partners: [Lyngby]\npublished: 2025-01-15"
            ),
        }
    )
    bad = tiny.run("build", "--strict")
    assert bad.exit_code == 1
    for result in (good, bad):
        output = result.stdout + result.stderr
        assert english_in(output) == [], output
    assert "fejl: status: 'færdig' er ikke en gyldig værdi" in bad.stderr
