"""What every `smartcity` command shares: the exit codes, the project it runs in, the options
every command takes (`--root`, `--debug`) and the wall between a crash and the contributor."""

from __future__ import annotations

import traceback
from pathlib import Path

import click

from ..content.project import Project, ProjectNotFound
from ..content.schemas import SchemaSetupError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_SETUP = 0, 1, 2, 3


class SetupError(click.ClickException):
    """The project cannot run at all; not the contributor's fault."""

    exit_code = EXIT_SETUP

    def show(self, file=None) -> None:
        click.echo(f"smartcity: {self.message}", err=True)


class State:
    def __init__(self) -> None:
        self.root: Path | None = None
        self.debug = False

    def project(self) -> Project:
        try:
            project = Project.find(self.root)
            project.schemas  # noqa: B018 - load now, so a broken schema fails here
        except ProjectNotFound as exc:
            raise SetupError(
                f"Fandt ingen vidensbank (mkdocs.yml og schema/) i {exc} eller "
                "mapperne over den. Kør kommandoen fra projektets mappe, eller "
                "brug --root."
            ) from None
        except (SchemaSetupError, OSError, ValueError, KeyError) as exc:
            raise SetupError(f"Skemaet i schema/ kan ikke indlæses: {exc}") from None
        return project


pass_state = click.make_pass_decorator(State, ensure=True)

ROOT_HELP = "Projektets mappe (den med mkdocs.yml). Standard: den aktuelle mappe eller en over den."


def root_option(f):
    def callback(ctx, _param, value):
        if value is not None:
            ctx.ensure_object(State).root = Path(value)

    return click.option(
        "--root",
        type=click.Path(file_okay=False),
        expose_value=False,
        callback=callback,
        is_eager=True,
        help=ROOT_HELP,
    )(f)


def debug_option(f):
    def callback(ctx, _param, value):
        if value:
            ctx.ensure_object(State).debug = True

    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=callback,
        help="Vis Python-tracebacks ved interne fejl.",
    )(f)


def guarded(state: State, call):
    """Run the core; an unexpected crash is reported in one line, not as a traceback."""
    try:
        return call()
    except (click.ClickException, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last wall between a bug and a contributor
        if state.debug:
            traceback.print_exc()
        raise SetupError(
            f"Intern fejl: {type(exc).__name__}: {exc}. Kør igen med --debug, og "
            "send outputtet til udviklerne."
        ) from None
