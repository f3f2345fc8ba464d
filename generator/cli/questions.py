"""The questions `smartcity new` asks, and how each answer is read and checked.

Each `read_*` function takes the contributor's text (typed at a prompt or given as a flag) and
returns the value for the front matter, or raises `Invalid` with a Danish explanation. The
limits come from the schema itself, so the questions can never accept what the validator
would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

from ..content.project import Project
from ..content.taxonomy import closest, danish_slug

MAX_THEMES = 3


class Invalid(Exception):
    """The answer cannot be used; the message says why and what to write instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NearMiss:
    """The answer was not an official municipality name, but most likely meant `name`."""

    typed: str
    name: str


class Questions:
    """Readers for one project's schema and reference data."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.taxonomy = project.taxonomy
        common = project.schemas.documents["urn:smartcity:schema:common"]["$defs"]
        case = project.schemas.documents["urn:smartcity:schema:case"]["properties"]
        self.title_limits = (common["title"]["minLength"], common["title"]["maxLength"])
        self.summary_limits = (common["summary"]["minLength"], common["summary"]["maxLength"])
        self.email_pattern = re.compile(common["email"]["pattern"])
        self.first_year = common["year"]["minimum"]
        self.statuses: dict[str, str] = dict(case["status"]["x-enum-labels"])

    # -- one reader per question --------------------------------------------------------------

    def read_title(self, text: str) -> str:
        title = " ".join(text.split())
        low, high = self.title_limits
        if not low <= len(title) <= high:
            raise Invalid(f"Titlen skal være på {low} til {high} tegn; den er på {len(title)}.")
        if not danish_slug(title):
            raise Invalid("Titlen skal indeholde bogstaver eller tal, så den kan blive et filnavn.")
        return title

    def read_municipality(self, text: str) -> str | NearMiss:
        name = text.strip()
        if name in self.taxonomy.municipalities:
            return name
        match = self.taxonomy.municipality_match(name)
        if match:
            return NearMiss(name, match)
        raise Invalid(
            f"Kender ikke kommunen '{name}'. Skriv kommunens officielle navn uden "
            "'Kommune', fx 'Aarhus', 'København' eller 'Høje-Taastrup'."
        )

    def read_themes(self, text: str | list[str] | tuple[str, ...]) -> list[str]:
        parts = list(text) if isinstance(text, (list, tuple)) else [text]
        tokens = [t.strip() for part in parts for t in re.split(r"[,;\s]+", part) if t.strip()]
        ids = list(self.taxonomy.themes)
        chosen: list[str] = []
        for token in tokens:
            if token.isdigit() and 1 <= int(token) <= len(ids):
                theme = ids[int(token) - 1]
            elif token.lower() in self.taxonomy.themes:
                theme = token.lower()
            else:
                hint = closest(token, ids)
                guess = f" Mente du '{hint}'?" if hint else ""
                raise Invalid(
                    f"'{token}' er ikke et tema.{guess} Brug et nummer fra 1 til "
                    f"{len(ids)} eller et af: " + ", ".join(ids) + "."
                )
            if theme not in chosen:
                chosen.append(theme)
        if not 1 <= len(chosen) <= MAX_THEMES:
            raise Invalid(f"Vælg 1 til {MAX_THEMES} temaer; det første er casens hovedtema.")
        return chosen

    def read_status(self, text: str) -> str:
        answer = text.strip()
        ids = list(self.statuses)
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        for status, label in self.statuses.items():
            if answer.lower() in (status, label.lower()):
                return status
        raise Invalid(
            f"'{answer}' er ikke en status. Brug et nummer fra 1 til {len(ids)} eller et "
            "af: " + ", ".join(f"{s} ({label})" for s, label in self.statuses.items()) + "."
        )

    def read_year(self, text: str, today_year: int) -> int:
        answer = text.strip()
        last = today_year + 1
        if not answer.isdigit() or not self.first_year <= int(answer) <= last:
            raise Invalid(
                f"Skriv startåret som et årstal fra {self.first_year} til {last}, fx "
                f"{today_year - 2}."
            )
        return int(answer)

    def read_summary(self, text: str) -> str:
        summary = " ".join(text.split())
        low, high = self.summary_limits
        if "<" in summary or ">" in summary:
            raise Invalid("Resuméet skal være almindelig tekst uden tegnene < og >.")
        if not low <= len(summary) <= high:
            raise Invalid(
                f"Resuméet skal være på {low} til {high} tegn; det er på {len(summary)}. "
                "Skriv en eller to sætninger om, hvad projektet går ud på."
            )
        return summary

    def read_email(self, text: str) -> str:
        email = text.strip()
        if not self.email_pattern.match(email):
            raise Invalid(
                f"'{email}' er ikke en gyldig e-mailadresse. Skriv fx smartcity@aarhus.dk."
            )
        return email


# -- the conversation -------------------------------------------------------------------------

FLAGS = {
    "title": "--title",
    "municipality": "--municipality",
    "themes": "--theme",
    "status": "--status",
    "started": "--started",
    "summary": "--summary",
    "email": "--email",
}


def _usage(message: str) -> click.UsageError:
    return click.UsageError(message)


def _confirm(question: str) -> bool:
    while True:
        answer = click.prompt(f"{question} [J/n]", default="j", show_default=False)
        if answer.strip().lower() in ("j", "ja", "y", "yes"):
            return True
        if answer.strip().lower() in ("n", "nej", "no"):
            return False
        click.echo("Svar j (ja) eller n (nej).", err=True)


def collect(
    questions: Questions,
    given: dict,
    *,
    interactive: bool,
    today_year: int,
    taken=lambda title: None,
) -> dict:
    """Every answer for a new case: from `given` (flags) where present, else asked for.

    Parameters:
        given: answers from flags, by the keys of `FLAGS`; None where not given.
        interactive: ask for what is missing (and confirm near misses); else a missing or
            doubtful answer is a usage error.
        taken: the existing file a title's case would overwrite, or None.

    Raises:
        click.UsageError: a flag's value is invalid, or an answer is missing without
            `interactive`.
        click.Abort: the contributor ended the conversation (Ctrl-C, end of input).
    """

    def title_reader(text: str) -> str:
        title = questions.read_title(text)
        existing = taken(title)
        if existing:
            raise Invalid(
                f"Der findes allerede en case med den adresse ({existing}). Giv casen "
                "en anden titel, eller ret den eksisterende case i stedet."
            )
        return title

    readers = {
        "title": title_reader,
        "municipality": questions.read_municipality,
        "themes": questions.read_themes,
        "status": questions.read_status,
        "started": lambda t: questions.read_year(t, today_year),
        "summary": questions.read_summary,
        "email": questions.read_email,
    }
    # Every flag is checked before anything is asked, so one run names every wrong flag.
    problems = []
    for key, reader in readers.items():
        value = given.get(key)
        if value in (None, (), []):
            continue
        try:
            found = reader(value)
        except Invalid as exc:
            problems.append(f"{FLAGS[key]}: {exc.message}")
            continue
        if isinstance(found, NearMiss) and not interactive:
            problems.append(
                f"--municipality: '{found.typed}' er ikke et officielt kommunenavn. "
                f"Mente du '{found.name}'?"
            )
    missing = [FLAGS[k] for k, v in given.items() if v in (None, (), [])]
    if missing and not interactive:
        problems.append(
            "Mangler svar på " + ", ".join(missing) + ". Giv dem som tilvalg, eller kør "
            "kommandoen uden --no-input for at blive spurgt."
        )
    if len(problems) == 1:
        raise _usage(problems[0])
    if problems:
        raise _usage(
            f"{len(problems)} ting skal rettes; der er ikke skrevet nogen fil:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    if missing:
        click.echo(
            "Ny case til Smart City-vidensbanken. Svar på spørgsmålene, så laver jeg "
            "filen. Du kan altid rette svarene i filen bagefter."
        )

    def ask(key: str, label: str, reader, intro=None):
        value = given.get(key)
        if value not in (None, (), []):
            try:
                return reader(value)
            except Invalid as exc:
                raise _usage(f"{FLAGS[key]}: {exc.message}") from None
        if intro:
            intro()
        while True:
            text = click.prompt(label)
            try:
                return reader(text)
            except Invalid as exc:
                click.echo(exc.message, err=True)

    answers: dict = {}
    low, high = questions.title_limits
    answers["title"] = ask(
        "title",
        f"Titel ({low}-{high} tegn, fx 'Sensorer styrer trafiklysene i Aarhus')",
        title_reader,
    )
    while "municipality" not in answers:
        found = ask(
            "municipality",
            "Kommune (den kommune, der leder projektet)",
            questions.read_municipality,
        )
        if not isinstance(found, NearMiss):
            answers["municipality"] = found
        elif interactive and _confirm(
            f"'{found.typed}' er ikke et officielt kommunenavn. Mente du '{found.name}'?"
        ):
            answers["municipality"] = found.name
        elif given.get("municipality") is not None:
            raise _usage(
                f"--municipality: '{found.typed}' er ikke et officielt kommunenavn. "
                f"Mente du '{found.name}'?"
            )

    def list_themes():
        click.echo("Temaer (vælg 1 til 3; det første er hovedtemaet):")
        for number, theme in enumerate(questions.taxonomy.themes.values(), 1):
            click.echo(f"  {number}  {theme.id:<18} {theme.label}")

    answers["themes"] = ask(
        "themes",
        "Temaer (numre eller navne adskilt af komma, fx 1, 6)",
        questions.read_themes,
        list_themes,
    )

    def list_statuses():
        click.echo("Status:")
        for number, (status, label) in enumerate(questions.statuses.items(), 1):
            click.echo(f"  {number}  {status:<10} {label}")

    answers["status"] = ask(
        "status", "Status (nummer eller navn)", questions.read_status, list_statuses
    )
    answers["started"] = ask("started", "Startår (fx 2022)", readers["started"])
    low, high = questions.summary_limits
    answers["summary"] = ask(
        "summary", f"Resumé ({low}-{high} tegn: hvad går projektet ud på?)", questions.read_summary
    )
    answers["email"] = ask(
        "email", "Kontaktens e-mail (helst en fælles adresse hos kommunen)", questions.read_email
    )
    return answers
