"""The `smartcity` command: validate content, build and serve the site.

Exit codes: 0 valid (warnings allowed unless --strict), 1 content errors, 2 usage error,
3 the project itself is broken (no mkdocs.yml, a broken schema, a crash).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..content import reporters
from ..content.project import Project
from ..content.types import CONTENT_TYPES
from ..engine.background import Background
from ..engine.heap import FullCollectionsPaused
from . import cliwords
from .state import (
    EXIT_INVALID,
    EXIT_OK,
    SetupError,
    State,
    debug_option,
    guarded,
    pass_state,
    root_option,
)

cliwords.install()

RELEASE_HELP = (
    "Tjek først, at sitet er klar til at blive udgivet: ingen pladsholdere som example.org, "
    "intet eksempelindhold, og adressen på tilgængelighedserklæringen og datalicensen er sat "
    "i mkdocs.yml. Fx: smartcity build --strict --release"
)


def _kinds() -> str:
    """The content kinds `validate` checks, as its help names them."""
    names = [t.label or t.directory for t in CONTENT_TYPES.values()]
    return ", ".join(names[:-1]) + " og " + names[-1] if len(names) > 1 else names[0]


@click.group(
    cls=cliwords.DanishGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", message="smartcity %(version)s")
@root_option
@debug_option
def cli() -> None:
    """Smart City-vidensbanken: tjek indhold, byg og vis sitet.

    Skriv 'smartcity KOMMANDO --help' for at se, hvad en kommando gør, med et eksempel.

    \b
    Eksempler:
      smartcity new
      smartcity validate content/cases/min-case.md
      smartcity serve
    """


VALIDATE_HELP = f"""Tjek {_kinds()} mod skemaet og reglerne.

Uden STI tjekkes hele content/. Hver fejl og advarsel står på én linje med fil, linje og
kolonne, hvad der er galt, og hvordan du retter det. En fejl giver exit-kode 1; en advarsel
gør det kun med --strict.

\b
Eksempler:
  smartcity validate
  smartcity validate content/cases/min-case.md --strict
  smartcity validate --format github
"""


@cli.command(help=VALIDATE_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(reporters.REPORTERS)),
    default="text",
    show_default=True,
    help="Outputformat: text til mennesker, json til programmer, "
    "github til annotationer i GitHub Actions.",
)
@click.option("--strict", is_flag=True, help="Behandl advarsler som fejl.")
@root_option
@debug_option
@pass_state
def validate(state: State, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    from ..content.validate import validate as run

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.UsageError(f"Stien '{path}' findes ikke.")
    project = state.project()
    with FullCollectionsPaused(), Background(lazy=True) as background:
        result = guarded(state, lambda: run(project, list(paths) or None, helper=background))
    click.echo(reporters.REPORTERS[fmt](result), nl=False)
    failed = not result.ok or (strict and result.warnings)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


@cli.command()
@click.option("--strict", is_flag=True, help="Afbryd ved advarsler.")
@click.option("--release", is_flag=True, help=RELEASE_HELP)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Hvor sitet skrives. Standard: site/ i projektets mappe.",
)
@root_option
@debug_option
@pass_state
def build(state: State, strict: bool, site_dir: Path | None, release: bool = False) -> None:
    """Tjek indholdet, og byg sitet til site/.

    Er der en fejl i indholdet, bygges intet, og det forrige site er uændret.

    \b
    Eksempel:
      smartcity build --strict
    """
    site = _site()

    project = state.project()
    if release:
        _release_check(state, project)
    # The collector's full passes wait for the end (`heap.py`); the worker, forked next, too.
    with FullCollectionsPaused(), Background() as background:
        # Validation shares the files with the worker, then the build its other work.
        tree = _check_first(state, project, strict, background)
        target = guarded(
            state,
            lambda: site.build(
                project, strict=strict, site_dir=site_dir, tree=tree, background=background
            ),
        )
    if target is None:
        sys.exit(EXIT_INVALID)
    click.echo(f"Sitet er bygget i {target}.")
    # Not a file:// link: the pages link to folders (`cases/x/`), which a browser shows as
    # directory listings when the site is opened from the disk; a web server serves index.html.
    click.echo(
        "Se det med 'smartcity serve' på http://127.0.0.1:8000/, eller læg mappen på en "
        "webserver, som den er."
    )


@cli.command()
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="ADRESSE:PORT",
    help="Adresse og port, serveren lytter på.",
)
@root_option
@debug_option
@pass_state
def serve(state: State, dev_addr: str) -> None:
    """Vis sitet lokalt i en browser, og genindlæs det, når du gemmer en fil.

    Åbn adressen, der står i terminalen (standard: http://127.0.0.1:8000/). Har en fil en fejl,
    viser browseren fejlene, indtil du har rettet og gemt filen. Stop med Ctrl+C.

    \b
    Eksempler:
      smartcity serve
      smartcity serve --dev-addr 127.0.0.1:8001
    """
    site = _site()

    try:
        site.dev_address(dev_addr)
    except site.BadAddress:
        raise click.BadParameter(
            f"'{dev_addr}' er ikke en adresse med port. Skriv fx --dev-addr 127.0.0.1:8001.",
            param_hint="'--dev-addr'",
        ) from None
    project = state.project()

    def run() -> None:
        # Content errors do not stop the preview: it shows them until the file is fixed.
        try:
            site.serve(project, dev_addr=dev_addr)
        except site.AddressInUse as exc:
            raise click.UsageError(
                f"Et andet program bruger allerede {exc}, måske en anden 'smartcity serve'. "
                "Stop det, eller vælg en anden port med --dev-addr, fx "
                "'smartcity serve --dev-addr 127.0.0.1:8001'."
            ) from None

    guarded(state, run)


def _site():
    """The module that builds and serves; without a site engine, how to install one, in Danish."""
    from ..engine import EngineMissing

    try:
        from ..engine import build as site
    except EngineMissing as exc:
        raise SetupError(str(exc)) from None
    return site


def _release_check(state: State, project: Project) -> None:
    """Stop before anything is built when the project is not ready to be published."""
    from ..contribute import release

    result = guarded(state, lambda: release.check(project))
    if result.ok:
        click.echo("Udgivelsestjek: sitet er klar til at blive udgivet.")
        return
    click.echo(reporters.text(result), nl=False, err=True)
    click.echo(
        "Sitet er ikke bygget, fordi det ikke er klar til at blive udgivet. Ret hvert punkt "
        "ovenfor; se afsnittet 'Before you publish' i README.md.",
        err=True,
    )
    sys.exit(EXIT_INVALID)


def _check_first(state: State, project: Project, strict: bool, background: Background):
    """Validate the whole tree and report; stop here when it is invalid. Returns the tree."""
    from ..content.validate import load_tree

    tree = guarded(state, lambda: load_tree(project, helper=background))
    result = tree.result
    if result.diagnostics:
        click.echo(reporters.text(result), nl=False, err=True)
    if not result.ok or (strict and result.warnings):
        click.echo("Sitet er ikke bygget; det forrige site er uændret.", err=True)
        sys.exit(EXIT_INVALID)
    return tree


def main() -> None:
    cli(prog_name="smartcity")


from . import contributing  # noqa: E402, F401 - registers new, review and import on the group
