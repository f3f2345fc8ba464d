"""`smartcity new`: a first case through the prompts (stdin) or flags, never overwriting."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from generator.cli.commands import cli
from generator.content.frontmatter import parse
from generator.contribute.scaffold import PROMPTS, CaseDraft, render_case, slug_for

SUMMARY = "Kommunen måler trafikken med sensorer i lyskrydsene og styrer signalerne efter den."
FLAGS = [
    "--title",
    "Sensorer styrer trafiklysene i Århus",
    "--municipality",
    "Aarhus",
    "--theme",
    "trafik",
    "--theme",
    "6",
    "--status",
    "pilot",
    "--started",
    "2022",
    "--summary",
    SUMMARY,
    "--email",
    "trafik@aarhus.dk",
]
SLUG = "sensorer-styrer-trafiklysene-i-aarhus"
FILE = f"content/cases/{SLUG}.md"
NEXT = (
    f"Næste skridt: Åbn filen, og erstat linjerne, der begynder med 'Skriv her:', med jeres "
    f"egen tekst. Tjek den med 'smartcity validate {FILE}', og se den på sitet med "
    "'smartcity serve'."
)


def new(tiny, *args: str, input: str | None = None):
    previous = os.getcwd()
    os.chdir(tiny.root)
    try:
        return CliRunner().invoke(
            cli, ["--root", str(tiny.root), "new", *args], input=input, catch_exceptions=False
        )
    finally:
        os.chdir(previous)


def unfilled(line: int, section: str) -> str:
    return (
        f"{FILE}:{line}:1: advarsel: Afsnittet '## {section}' er ikke udfyldt endnu: "
        "hjælpeteksten 'Skriv her:' står her stadig. Erstat den med jeres egen tekst. "
        "[body.prompt-unfilled]"
    )


EXPECTED_FILE = f"""---
title: Sensorer styrer trafiklysene i Århus
municipality: Aarhus
themes: [trafik, data]
status: pilot
started: 2022
summary: >-
  Kommunen måler trafikken med sensorer i lyskrydsene og styrer signalerne efter den.
contact:
  email: trafik@aarhus.dk
published: 2026-06-01
---

## Udfordring

*Skriv her:* {PROMPTS["Udfordring"]}

## Løsning

*Skriv her:* {PROMPTS["Løsning"]}

## Resultater

*Skriv her:* {PROMPTS["Resultater"]}

## Erfaringer

*Skriv her:* {PROMPTS["Erfaringer"]}
"""


def test_prompts_with_near_misses_and_wrong_answers(tiny):
    answers = [
        "Sensorer styrer trafiklysene i Århus",
        "Århus Kommune",
        "j",  # a near miss, confirmed
        "1, klimaa",
        "1 6",  # an unknown theme, then numbers
        "kører",
        "2",  # an unknown status, then a number
        "1999",
        "2022",  # too early, then fine
        "For kort.",
        SUMMARY,
        "trafik(at)aarhus.dk",
        "trafik@aarhus.dk",
    ]
    result = new(tiny, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert (tiny.root / FILE).read_text(encoding="utf-8") == EXPECTED_FILE
    out = result.stdout
    assert out.startswith(
        "Ny case til Smart City-vidensbanken. Svar på spørgsmålene, så laver jeg "
        "filen. Du kan altid rette svarene i filen bagefter.\n"
        "Titel (5-120 tegn, fx 'Sensorer styrer trafiklysene i Aarhus'): "
    )
    assert "'Århus Kommune' er ikke et officielt kommunenavn. Mente du 'Aarhus'? [J/n]: " in out
    assert "  1  trafik             Trafik og mobilitet\n" in out
    assert "  3  operation  I drift\n" in out
    assert result.stderr.splitlines() == [
        "'klimaa' er ikke et tema. Mente du 'klima'? Brug et nummer fra 1 til 8 eller et af: "
        "trafik, klima, borgerinddragelse, energi, byens-drift, data, erhverv-og-kultur, velfaerd.",
        "'kører' er ikke en status. Brug et nummer fra 1 til 5 eller et af: idea (Idé), pilot "
        "(Pilot), operation (I drift), scaled (Udbredt), ended (Afsluttet).",
        "Skriv startåret som et årstal fra 2000 til 2027, fx 2024.",
        "Resuméet skal være på 40 til 300 tegn; det er på 9. Skriv en eller to sætninger om, hvad "
        "projektet går ud på.",
        "'trafik(at)aarhus.dk' er ikke en gyldig e-mailadresse. Skriv fx smartcity@aarhus.dk.",
    ]
    assert out.splitlines()[-8:] == [
        "Kontaktens e-mail (helst en fælles adresse hos kommunen): trafik@aarhus.dk",
        f"Oprettede {FILE}.",
        unfilled(16, "Udfordring"),
        unfilled(20, "Løsning"),
        unfilled(24, "Resultater"),
        unfilled(28, "Erfaringer"),
        "Tjekket 1 fil: 4 advarsler i 1 fil.",
        NEXT,
    ]


def test_flags_write_the_same_file_without_a_question(tiny):
    result = new(tiny, *FLAGS, "--no-input")
    assert result.exit_code == 0
    assert (tiny.root / FILE).read_text(encoding="utf-8") == EXPECTED_FILE
    assert result.stdout.splitlines() == [
        f"Oprettede {FILE}.",
        unfilled(16, "Udfordring"),
        unfilled(20, "Løsning"),
        unfilled(24, "Resultater"),
        unfilled(28, "Erfaringer"),
        "Tjekket 1 fil: 4 advarsler i 1 fil.",
        NEXT,
    ]


def test_a_new_file_left_as_written_fails_only_the_strict_check(tiny):
    new(tiny, *FLAGS, "--no-input")
    relaxed = tiny.run("validate", FILE)
    assert relaxed.exit_code == 0
    assert relaxed.stdout.splitlines()[-1] == "Tjekket 1 fil: 4 advarsler i 1 fil."
    strict = tiny.run("validate", "--strict", FILE)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[:4] == [
        unfilled(16, "Udfordring"),
        unfilled(20, "Løsning"),
        unfilled(24, "Resultater"),
        unfilled(28, "Erfaringer"),
    ]
    # Written, the sections validate cleanly.
    path = tiny.root / FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("*Skriv her:*", "Trafikken i midtbyen &"),
        encoding="utf-8",
    )
    assert tiny.run("validate", "--strict", FILE).stdout == "Tjekket 1 fil: ingen fejl.\n"


def test_flags_and_prompts_mix(tiny):
    result = new(
        tiny,
        "--title",
        "Sensorer styrer trafiklysene i Århus",
        "--municipality",
        "Aarhus",
        "--theme",
        "trafik",
        "--theme",
        "data",
        "--status",
        "pilot",
        input=f"2022\n{SUMMARY}\ntrafik@aarhus.dk\n",
    )
    assert result.exit_code == 0
    assert (tiny.root / FILE).read_text(encoding="utf-8") == EXPECTED_FILE
    assert "Titel (" not in result.stdout and "Startår (fx 2022): " in result.stdout


def test_an_existing_file_is_never_overwritten(tiny):
    (tiny.root / FILE).write_text("min egen tekst", encoding="utf-8")
    result = new(tiny, *FLAGS, "--no-input")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Fejl: --title: Der findes allerede en case med den adresse ({FILE}). Giv casen en anden "
        "titel, eller ret den eksisterende case i stedet."
    )
    assert (tiny.root / FILE).read_text(encoding="utf-8") == "min egen tekst"


def test_an_existing_title_is_asked_again(tiny):
    (tiny.root / FILE).write_text("min egen tekst", encoding="utf-8")
    result = new(
        tiny,
        *FLAGS[2:],
        input="Sensorer styrer trafiklysene i Århus\nSensorer styrer trafiklysene i Aarhus igen\n",
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"Der findes allerede en case med den adresse ({FILE}). Giv casen en "
        "anden titel, eller ret den eksisterende case i stedet.\n"
    )
    assert (tiny.root / "content/cases/sensorer-styrer-trafiklysene-i-aarhus-igen.md").is_file()
    assert (tiny.root / FILE).read_text(encoding="utf-8") == "min egen tekst"


def test_missing_answers_with_no_input(tiny):
    result = new(tiny, "--title", "Sensorer i Aarhus", "--no-input")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Fejl: Mangler svar på --municipality, --theme, --status, --started, --summary, --email. "
        "Giv dem som tilvalg, eller kør kommandoen uden --no-input for at blive spurgt."
    )
    assert not list((tiny.root / "content/cases").glob("*.md"))


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        (
            "--started",
            "sidste år",
            "--started: Skriv startåret som et årstal fra 2000 til 2027, fx 2024.",
        ),
        (
            "--municipality",
            "Århus",
            "--municipality: 'Århus' er ikke et officielt kommunenavn. Mente du 'Aarhus'?",
        ),
        (
            "--municipality",
            "Gotham",
            "--municipality: Kender ikke kommunen 'Gotham'. Skriv kommunens "
            "officielle navn uden 'Kommune', fx 'Aarhus', 'København' eller 'Høje-Taastrup'.",
        ),
        ("--title", "Hej", "--title: Titlen skal være på 5 til 120 tegn; den er på 3."),
    ],
)
def test_a_wrong_flag_is_a_usage_error(tiny, flag, value, message):
    args = list(FLAGS)
    args[args.index(flag) + 1] = value
    result = new(tiny, *args, "--no-input")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Fejl: {message}"


def test_a_near_miss_flag_is_confirmed_when_asking_is_allowed(tiny):
    args = list(FLAGS)
    args[args.index("--municipality") + 1] = "Aarhus Kommune"
    result = new(tiny, *args, input="j\n")
    assert result.exit_code == 0
    assert "municipality: Aarhus\n" in (tiny.root / FILE).read_text(encoding="utf-8")


def test_end_of_input_writes_nothing(tiny):
    result = new(tiny, input="Sensorer i Aarhus\n")
    assert result.exit_code == 2
    assert result.stderr.endswith("Afbrudt. Der er ikke skrevet nogen fil.\n")
    assert not list((tiny.root / "content/cases").glob("*.md"))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Sensorer styrer trafiklysene i Høje-Taastrup",
            "sensorer-styrer-trafiklysene-i-hoeje-taastrup",
        ),
        ("Index", "index-case"),
        ("Æblemost & ølbryg: 100 % lokalt!", "aeblemost-oelbryg-100-lokalt"),
        ("ord " * 40, "-".join(["ord"] * 20)),  # 79 characters: cut at a word, never mid-word
    ],
)
def test_slug_for(title, slug):
    assert slug_for(title) == slug
    assert len(slug_for(title)) <= 80


def test_values_yaml_would_misread_are_quoted():
    import datetime as dt

    draft = CaseDraft(
        title="no",
        municipality="Aarhus",
        themes=["trafik"],
        status="pilot",
        started=2022,
        summary="Plan: 2030 # mål, 12:30 og 'citater' \"her\"" * 2,
        email="a@aarhus.dk",
        published=dt.date(2026, 6, 1),
    )
    fm, problems = parse(render_case(draft).encode(), "x.md")
    assert problems == []
    assert fm.data["title"] == "no"
    assert fm.data["summary"] == draft.summary


def test_a_file_made_while_asking_is_not_overwritten(tiny, monkeypatch):
    from generator.contribute import scaffold

    real = scaffold.write_case

    def late(project, draft):
        (tiny.root / FILE).write_text("kom først", encoding="utf-8")
        return real(project, draft)

    monkeypatch.setattr(scaffold, "write_case", late)
    result = new(tiny, *FLAGS, "--no-input")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Fejl: Filen {FILE} findes allerede og er ikke ændret. Giv casen en anden titel."
    )
    assert (tiny.root / FILE).read_text(encoding="utf-8") == "kom først"
