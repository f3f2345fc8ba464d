"""The `smartcity` command: validate content, build and serve the site.

Exit codes: 0 valid (warnings allowed unless --strict), 1 content errors, 2 usage error,
3 the project itself is broken (no mkdocs.yml, a broken schema, a crash).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from .. import __version__
from ..content import reporters
from ..content.project import Project, ProjectNotFound
from ..content.schemas import SchemaSetupError
from ..content.types import CONTENT_TYPES
from . import cliwords

cliwords.install()

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


def _root_option(f):
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


def _debug_option(f):
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
@_root_option
@_debug_option
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
@_root_option
@_debug_option
@pass_state
def validate(state: State, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    from ..content.validate import validate as run

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
@click.option("--release", is_flag=True, help=RELEASE_HELP)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Hvor sitet skrives. Standard: site/ i projektets mappe.",
)
@_root_option
@_debug_option
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
    tree = _check_first(state, project, strict)
    target = _guarded(
        state, lambda: site.build(project, strict=strict, site_dir=site_dir, tree=tree)
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
@_root_option
@_debug_option
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

    _guarded(state, run)


class NewCommand(cliwords.DanishCommand):
    """`new`, whose help lists the themes and statuses of the project's schema."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from .questions import Questions

        state = ctx.find_object(State)
        try:
            questions = Questions(Project.find(state.root if state else None))
        except Exception:  # noqa: BLE001 - no project here: the help is still worth showing
            formatter.write_paragraph()
            formatter.write_text(
                "Temaerne og statusserne vises her, når kommandoen køres i vidensbankens mappe."
            )
            return
        themes = questions.taxonomy.themes.values()
        with formatter.section("Temaer (--theme: nummer eller id)"):
            formatter.write_dl([(f"{n}  {t.id}", t.label) for n, t in enumerate(themes, 1)])
        with formatter.section("Statusser (--status: nummer eller id)"):
            formatter.write_dl(
                [(f"{n}  {s}", label) for n, (s, label) in enumerate(questions.statuses.items(), 1)]
            )
        super().format_epilog(ctx, formatter)


@cli.command(cls=NewCommand)
@click.option("--title", metavar="TEKST", help="Casens titel (5-120 tegn).")
@click.option(
    "--municipality", metavar="KOMMUNE", help="Den ledende kommunes officielle navn, fx Aarhus."
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="TEMA",
    help="Et tema (id eller nummer); gentag for flere. Det første er hovedtemaet.",
)
@click.option("--status", metavar="STATUS", help="Projektets status (se listen nedenfor).")
@click.option("--started", metavar="ÅR", help="Startåret, fx 2022.")
@click.option("--summary", metavar="TEKST", help="Resumé på 40-300 tegn.")
@click.option("--email", metavar="E-MAIL", help="Kontaktens e-mail.")
@click.option(
    "--no-input",
    is_flag=True,
    help="Stil ingen spørgsmål; et manglende svar er en fejl (til scripts).",
)
@click.option(
    "--from-issue",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    help="Lav casen ud fra et issue, der er sendt med formularen 'Ny case'; svaret "
    "til issuet skrives som Markdown.",
)
@_root_option
@_debug_option
@pass_state
def new(state: State, no_input: bool, from_issue: Path | None, **given) -> None:
    """Opret en ny case i content/cases/ ved at svare på nogle spørgsmål.

    Hvert svar kan også gives som tilvalg; med --no-input spørges der ikke, og alle
    manglende eller forkerte svar nævnes på én gang. En fil, der findes, overskrives aldrig.

    \b
    Eksempler:
      smartcity new
      smartcity new --no-input --title "Sensorer styrer trafiklysene i Aarhus" \\
        --municipality Aarhus --theme trafik --theme data --status pilot \\
        --started 2023 --email trafik@aarhus.dk \\
        --summary "Sensorer i lyskryds måler trafikken, så signalerne kan styres efter den."
      smartcity new --from-issue issue.md
    """
    from ..content.project import today
    from ..contribute import scaffold
    from . import questions

    project = state.project()
    if from_issue is not None:
        sys.exit(_new_from_issue(state, project, from_issue, given))
    asker = _guarded(state, lambda: questions.Questions(project))

    def taken(title: str) -> str | None:
        path = scaffold.case_path(project, scaffold.slug_for(title))
        return project.relative(path) if path.exists() else None

    try:
        answers = questions.collect(
            asker, given, interactive=not no_input, today_year=today().year, taken=taken
        )
    except click.Abort:
        click.echo("\nAfbrudt. Der er ikke skrevet nogen fil.", err=True)
        sys.exit(EXIT_USAGE)
    draft = scaffold.CaseDraft(**answers, published=today())
    path = scaffold.case_path(project, scaffold.slug_for(draft.title))

    def write() -> None:
        try:
            scaffold.write_case(project, draft)
        except FileExistsError:  # made between the question and now: still never overwritten
            raise click.UsageError(
                f"Filen {project.relative(path)} findes allerede og er ikke "
                "ændret. Giv casen en anden titel."
            ) from None

    _guarded(state, write)
    result, unfilled = _guarded(state, lambda: scaffold.check_new(project, path))
    click.echo(f"Oprettede {project.relative(path)}.")
    for line in (str(d) for d in [*result.sorted(), *unfilled]):
        click.echo(line)
    click.echo(reporters.summary(result))
    click.echo(
        f"Næste skridt: Åbn filen, og erstat linjerne, der begynder med 'Skriv her:', med "
        f"jeres egen tekst. Tjek den med 'smartcity validate {project.relative(path)}', "
        "og se den på sitet med 'smartcity serve'."
    )
    sys.exit(EXIT_OK if result.ok else EXIT_INVALID)


def _new_from_issue(state: State, project: Project, source: Path, given: dict) -> int:
    from ..contribute import issueform, scaffold

    flags = [f"--{k}" for k, v in given.items() if v not in (None, ())]
    if flags:
        raise click.UsageError(f"--from-issue kan ikke bruges sammen med {', '.join(flags)}.")
    if not source.is_file():
        raise click.UsageError(f"Filen '{source}' findes ikke.")
    body = source.read_text(encoding="utf-8", errors="replace")
    conversion = _guarded(state, lambda: issueform.convert(body, project))
    if conversion.ok:
        try:
            scaffold.write_new(project.root / conversion.path, conversion.text)
        except FileExistsError:
            raise click.UsageError(f"Filen {conversion.path} findes allerede.") from None
    click.echo(_guarded(state, lambda: issueform.reply(conversion)), nl=False)
    return EXIT_OK if conversion.ok else EXIT_INVALID


@cli.command()
@click.option(
    "--base",
    metavar="GREN",
    help="Grenen eller committen, der sammenlignes med. Standard: origin/main, ellers main.",
)
@click.option(
    "--stale", is_flag=True, help="List i stedet alle cases, hvis oplysninger er over to år gamle."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    help="Skriv rapporten i en fil i stedet for på skærmen.",
)
@_root_option
@_debug_option
@pass_state
def review(state: State, base: str | None, stale: bool, output: Path | None) -> None:
    """Skriv sekretariatets rapport over de ændrede cases (Markdown til en pull request).

    Rapporten viser fejl og gode råd, LIX, mulige dubletter, nye links og ændrede felter for
    hver ny eller ændret fil under content/.

    \b
    Eksempler:
      smartcity review
      smartcity review --base main --output rapport.md
      smartcity review --stale
    """
    from ..contribute import review as reviewing

    project = state.project()
    if stale:
        text = _guarded(state, lambda: reviewing.render_stale(reviewing.stale_cases(project)))
        failed = False
    else:
        report = _guarded(state, lambda: _review(project, base))
        text, failed = _guarded(state, lambda: reviewing.render(report)), report.errors > 0
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(
                f"Rapporten kan ikke skrives i '{output}': {exc.strerror or exc}."
            ) from None
        click.echo(f"Rapporten er skrevet i {output}.", err=True)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


def _review(project: Project, base: str | None):
    from ..contribute import review as reviewing
    from ..contribute.changes import GitError

    try:
        return reviewing.review(project, base)
    except GitError as exc:
        if exc.kind == "unknown-ref":
            raise click.UsageError(
                f"Git kender ikke '{exc.detail}'. Angiv grenen eller "
                "committen, der skal sammenlignes med, fx --base origin/main "
                "(kør evt. 'git fetch' først)."
            ) from None
        if exc.kind == "no-git":
            raise SetupError(
                "Git er ikke installeret, og 'smartcity review' bruger Git til at "
                "finde de ændrede filer. Installer Git, eller brug "
                "'smartcity review --stale'."
            ) from None
        if exc.kind == "not-a-repository":
            raise SetupError(
                f"{project.root} er ikke et Git-arkiv, så ændringerne kan ikke "
                "findes. Kør kommandoen i en klon af vidensbanken."
            ) from None
        raise SetupError(f"Git fejlede: {exc.detail}") from None


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

    result = _guarded(state, lambda: release.check(project))
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


IMPORT_HELP = """Læs kortlægningens regneark, og lav én case pr. besvaret række.

FIL er en CSV-fil (fra dansk Excel: semikolon, UTF-8 eller Windows-1252) eller en XLSX-fil.
Kolonnerne findes ud fra overskrifterne (fx Projektnavn, Kommune, Tema, Status, Startår,
Resumé, E-mail, Udfordring, Løsning, Resultater, Erfaringer). Eksisterende filer overskrives
aldrig, og rapporten siger for hver række, hvad der er skrevet, gættet og mangler.

\b
Eksempler:
  smartcity import kortlaegning.xlsx --dry-run
  smartcity import kortlaegning.csv --columns kolonner.yml
"""


@cli.command("import", help=IMPORT_HELP)
@click.argument("source", metavar="FIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--columns",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    help="YAML-fil, der siger, hvilken kolonne der er hvilket felt, én pr. linje: "
    "'Projektets navn: title' ('ignore' springer en kolonne over). Til regneark med andre "
    "overskrifter; de øvrige kolonner findes som ellers.",
)
@click.option("--dry-run", is_flag=True, help="Vis rapporten uden at skrive nogen filer.")
@_root_option
@_debug_option
@pass_state
def import_survey(state: State, source: Path, columns: Path | None, dry_run: bool) -> None:
    from ..contribute import survey, surveyreport

    project = state.project()
    for path in (source, columns):
        if path is not None and not path.is_file():
            raise click.UsageError(f"Filen '{path}' findes ikke.")

    def make_plan():
        try:
            return survey.plan(project, source, columns)
        except survey.SurveyError as exc:  # the file, not the program, is at fault
            raise click.UsageError(str(exc)) from None

    result = _guarded(state, make_plan)
    result.dry_run = dry_run
    if not dry_run:
        _guarded(state, lambda: survey.write(project, result))
    click.echo(surveyreport.report(result), nl=False)
    rejected = any(o.status in ("invalid", "duplicate") for o in result.outcomes)
    sys.exit(EXIT_INVALID if rejected else EXIT_OK)


def _check_first(state: State, project: Project, strict: bool):
    """Validate the whole tree and report; stop here when it is invalid. Returns the tree."""
    from ..content.validate import load_tree

    tree = _guarded(state, lambda: load_tree(project))
    result = tree.result
    if result.diagnostics:
        click.echo(reporters.text(result), nl=False, err=True)
    if not result.ok or (strict and result.warnings):
        click.echo("Sitet er ikke bygget; det forrige site er uændret.", err=True)
        sys.exit(EXIT_INVALID)
    return tree


def _guarded(state: State, call):
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


def main() -> None:
    cli(prog_name="smartcity")
