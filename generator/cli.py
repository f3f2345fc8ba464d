"""The `smartcity` command: validate content, build and serve the site.

Exit codes: 0 valid (warnings allowed unless --strict), 1 content errors, 2 usage error,
3 the project itself is broken (no mkdocs.yml, a broken schema, a crash).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__, reporters
from .project import Project, ProjectNotFound
from .schemas import SchemaSetupError

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
            raise SetupError(f"Fandt ingen vidensbank (mkdocs.yml og schema/) i {exc} eller "
                             "mapperne over den. Kør kommandoen fra projektets mappe, eller "
                             "brug --root.") from None
        except (SchemaSetupError, OSError, ValueError, KeyError) as exc:
            raise SetupError(f"Skemaet i schema/ kan ikke indlæses: {exc}") from None
        return project


pass_state = click.make_pass_decorator(State, ensure=True)

ROOT_HELP = "Projektets mappe (den med mkdocs.yml). Standard: den aktuelle mappe eller en over den."


def _root_option(f):
    def callback(ctx, _param, value):
        if value is not None:
            ctx.ensure_object(State).root = Path(value)

    return click.option("--root", type=click.Path(file_okay=False), expose_value=False,
                        callback=callback, is_eager=True, help=ROOT_HELP)(f)


def _debug_option(f):
    def callback(ctx, _param, value):
        if value:
            ctx.ensure_object(State).debug = True

    return click.option("--debug", is_flag=True, expose_value=False, callback=callback,
                        help="Vis Python-tracebacks ved interne fejl.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="smartcity %(version)s")
@_root_option
@_debug_option
def cli() -> None:
    """Smart City-vidensbanken: tjek indhold, byg og vis sitet."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(reporters.REPORTERS)), default="text",
              show_default=True, help="Outputformat: text til mennesker, json til programmer, "
              "github til annotationer i GitHub Actions.")
@click.option("--strict", is_flag=True, help="Behandl advarsler som fejl.")
@_root_option
@_debug_option
@pass_state
def validate(state: State, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Tjek cases og guides mod skemaet (standard: hele content/)."""
    from .validate import validate as run

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.UsageError(f"Stien '{path}' findes ikke.")
    project = state.project()
    result = _guarded(state, lambda: run(project, list(paths) or None))
    click.echo(reporters.REPORTERS[fmt](result), nl=False)
    failed = not result.ok or (strict and result.warnings)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


@cli.command()
@click.option("--strict", is_flag=True, help="Afbryd ved advarsler.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Hvor sitet skrives. Standard: site/ i projektets mappe.")
@_root_option
@_debug_option
@pass_state
def build(state: State, strict: bool, site_dir: Path | None) -> None:
    """Tjek indholdet og byg sitet til site/."""
    from . import site

    project = state.project()
    _check_first(state, project, strict)
    target = _guarded(state, lambda: site.build(project, strict=strict, site_dir=site_dir))
    if target is None:
        sys.exit(EXIT_INVALID)
    index = target / "index.html"
    click.echo(f"Sitet er bygget i {target}.")
    click.echo(f"Åbn {index.as_uri()} i en browser, eller kør 'smartcity serve' og gå til "
               "http://127.0.0.1:8000/.")


@cli.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Adresse og port, serveren lytter på.")
@_root_option
@_debug_option
@pass_state
def serve(state: State, dev_addr: str) -> None:
    """Tjek indholdet, byg sitet og vis det lokalt; genindlæser, når en fil ændres."""
    from . import site

    project = state.project()
    _check_first(state, project, strict=False)
    _guarded(state, lambda: site.serve(project, dev_addr=dev_addr))


def _check_first(state: State, project: Project, strict: bool) -> None:
    from .validate import validate as run

    result = _guarded(state, lambda: run(project))
    if result.diagnostics:
        click.echo(reporters.text(result), nl=False, err=True)
    if not result.ok or (strict and result.warnings):
        click.echo("Sitet er ikke bygget; det forrige site er uændret.", err=True)
        sys.exit(EXIT_INVALID)


def _guarded(state: State, call):
    """Run the core; an unexpected crash is reported in one line, not as a traceback."""
    try:
        return call()
    except (click.ClickException, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last wall between a bug and a contributor
        if state.debug:
            traceback.print_exc()
        raise SetupError(f"Intern fejl: {type(exc).__name__}: {exc}. Kør igen med --debug, og "
                         "send outputtet til udviklerne.") from None


def main() -> None:
    cli(prog_name="smartcity")
