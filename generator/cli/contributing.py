"""The contributors' and the secretariat's commands: `new`, `review` and `import`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..content import reporters
from ..content.project import Project
from . import cliwords
from .commands import cli
from .state import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    SetupError,
    State,
    debug_option,
    guarded,
    pass_state,
    root_option,
)


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
@root_option
@debug_option
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
    asker = guarded(state, lambda: questions.Questions(project))

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

    guarded(state, write)
    result, unfilled = guarded(state, lambda: scaffold.check_new(project, path))
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
    conversion = guarded(state, lambda: issueform.convert(body, project))
    if conversion.ok:
        try:
            scaffold.write_new(project.root / conversion.path, conversion.text)
        except FileExistsError:
            raise click.UsageError(f"Filen {conversion.path} findes allerede.") from None
    click.echo(guarded(state, lambda: issueform.reply(conversion)), nl=False)
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
@root_option
@debug_option
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
        text = guarded(state, lambda: reviewing.render_stale(reviewing.stale_cases(project)))
        failed = False
    else:
        report = guarded(state, lambda: _review(project, base))
        text, failed = guarded(state, lambda: reviewing.render(report)), report.errors > 0
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
@root_option
@debug_option
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

    result = guarded(state, make_plan)
    result.dry_run = dry_run
    if not dry_run:
        guarded(state, lambda: survey.write(project, result))
    click.echo(surveyreport.report(result), nl=False)
    rejected = any(o.status in ("invalid", "duplicate") for o in result.outcomes)
    sys.exit(EXIT_INVALID if rejected else EXIT_OK)
