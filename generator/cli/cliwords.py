"""Click's own words in Danish: help, usage lines and usage errors of every `smartcity` command.

Click takes the words it prints (`Usage:`, `Options`, `Show this message and exit.`, `No such
command`, `Invalid value for ...`) from gettext, with its English as the message ids. `install()`
gives click's modules a gettext that looks them up in `DANISH`, so every command, also one added
later, speaks Danish without code of its own; an id missing here stays English, and
`tests/test_cli_danish.py` fails on it. The command classes add what click does not translate:
the `[OPTIONS]`/`COMMAND [ARGS]...` placeholders, the type names (`TEXT`, `PATH`) and the cut
descriptions in the command list.
"""

from __future__ import annotations

import importlib

import click

DANISH: dict[str, str] = {
    # Help pages.
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Positional arguments": "Argumenter",
    "Show this message and exit.": "Vis denne hjælp, og afslut.",
    "Show the version and exit.": "Vis versionen, og afslut.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "standard: {default}",
    "required": "skal angives",
    "env var: {var}": "miljøvariabel: {var}",
    "(dynamic)": "(beregnes)",
    "deprecated": "forældet",
    "Confirm the action without prompting.": "Bekræft uden at spørge.",
    "Do you want to continue?": "Vil du fortsætte?",
    # Errors.
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' for at få hjælp.",
    "Aborted!": "Afbrudt!",
    "Missing command.": "Der mangler en kommando.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mente du en af: {possibilities}?)",
    "Missing argument": "Mangler argumentet",
    "Missing option": "Mangler tilvalget",
    "Missing parameter": "Mangler parameteren",
    "Missing {param_type}": "Mangler {param_type}",
    "Missing parameter: {param_name}": "Mangler parameteren: {param_name}",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "unknown error": "ukendt fejl",
    "Could not open file {filename!r}: {message}": "Kan ikke åbne filen {filename!r}: {message}",
    "Got unexpected extra argument ({args})": "Fik et argument for meget ({args})",
    "Got unexpected extra arguments ({args})": "Fik argumenter for meget ({args})",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Option {name!r} requires an argument.": "Tilvalget {name!r} skal have en værdi.",
    "Option {name!r} requires {nargs} arguments.": "Tilvalget {name!r} skal have {nargs} værdier.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tager {nargs} værdier.",
    "Takes {nargs} values but 1 was given.": "Tager {nargs} værdier, men fik 1.",
    "Takes {nargs} values but {len} were given.": "Tager {nargs} værdier, men fik {len}.",
    "Value must be an iterable.": "Værdien skal være en liste.",
    "Invalid start character for option ({option})": "Ugyldigt første tegn i tilvalget ({option})",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Advarsel: Kommandoen {name!r} er forældet.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Advarsel: {name!r} er forældet.{extra_message}"
    ),
    # Values of the parameter types.
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en af {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} passer ikke til formatet {format}.",
    "{value!r} does not match the formats {formats}.": (
        "{value!r} passer ikke til nogen af formaterne {formats}."
    ),
    "{value} is not in the range {range}.": "{value} er ikke i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} er ikke ja eller nej. Brug en af: {states}"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt tal.",
    "{value!r} is not a valid UUID.": "{value!r} er ikke et gyldigt UUID.",
    "{len_type} values are required, but {len_value} was given.": (
        "Der skal være {len_type} værdier, men der var {len_value}."
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "Der skal være {len_type} værdier, men der var {len_value}."
    ),
    "file": "Filen",
    "directory": "Mappen",
    "path": "Stien",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke køres.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    # Prompts.
    "Repeat for confirmation": "Gentag for at bekræfte",
    "Error: The two entered values do not match.": "Fejl: De to svar er ikke ens.",
    "Error: invalid input": "Fejl: ugyldigt svar",
    "Press any key to continue...": "Tryk på en tast for at fortsætte ...",
    "{editor}: Editing failed": "{editor}: Redigeringen mislykkedes",
    "{editor}: Editing failed: {e}": "{editor}: Redigeringen mislykkedes: {e}",
    # Shell completion.
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Kan ikke se, hvilken version af Bash der kører; fuldførelse med Tab virker ikke."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Fuldførelse med Tab kræver Bash 4.4 eller nyere."
    ),
}
"""Click's message ids (its English) and their Danish."""

_CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "types",
    "termui",
    "utils",
    "shell_completion",
    "_termui_impl",
)


def gettext(message: str) -> str:
    return DANISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click's modules speak Danish (idempotent; affects this process only)."""
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module a later click moved: its words stay English, tests fail
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


PLACEHOLDERS = {"text": "TEKST", "integer": "TAL", "float": "TAL", "boolean": "JA/NEJ"}
"""Danish placeholders for click's types, by the type's `name`."""


def _placeholder(param: click.Parameter) -> str | None:
    kind = param.type
    if isinstance(kind, click.Path):
        if not kind.dir_okay:
            word = "FIL"
        elif not kind.file_okay:
            word = "MAPPE"
        else:
            word = "STI"
    elif isinstance(kind, click.Choice):
        return None  # `[text|json|github]` names the values themselves
    else:
        word = PLACEHOLDERS.get(kind.name, "VÆRDI")
    if isinstance(param, click.Argument) and not param.required:
        word = f"[{word}]"
    return word + ("..." if param.nargs != 1 else "")


def _first_sentence(text: str) -> str:
    paragraph = text.strip().split("\n\n")[0]
    return " ".join(paragraph.replace("\b", "").split())


class DanishCommand(click.Command):
    """A command whose usage line, placeholders and listing are Danish."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _placeholder(param)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence whole, wrapped by the listing, never cut off with `...`."""
        return self.short_help or _first_sentence(self.help or "")


class DanishGroup(DanishCommand, click.Group):
    """A group whose subcommands (also those added later) are Danish commands."""

    command_class = DanishCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)


DanishGroup.group_class = DanishGroup
