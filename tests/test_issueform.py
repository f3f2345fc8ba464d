"""The issue form path: a submitted form body becomes a valid case file, or Danish messages."""

from __future__ import annotations

import csv

import yaml
from conftest import FIXTURES, REPO

from generator.contribute import issueform

FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "ny-case.yml"
ISSUES = FIXTURES / "issues"
VALID_PATH = "content/cases/sensorer-styrer-trafiklysene-i-aarhus-groen-boelge-for-cyklister.md"


def body(name: str) -> str:
    return (ISSUES / name).read_text(encoding="utf-8")


def test_parse_body_reads_labels_and_empty_answers():
    answers = issueform.parse_body(body("valid.md"))
    assert answers["Kommune"] == "Aarhus"
    assert answers["Slutår"] is None  # `_No response_`
    assert answers["Løsning"] == (
        "Vi satte radarsensorer op i 40 kryds og koblede dem til en "
        "central styring.\n\n### Heading inside the answer\n\nEt `### ` "
        "der ikke er et felt, hører til svaret."
    )
    assert answers["Samtykke"].startswith("- [X] ")


def test_a_valid_form_becomes_a_case_that_validates(tiny):
    conversion = issueform.convert(body("valid.md"), tiny.project)
    assert conversion.ok
    assert conversion.path == VALID_PATH
    assert conversion.text.split("---\n")[1] == (
        "title: 'Sensorer styrer trafiklysene i Aarhus: grøn bølge for cyklister'\n"
        "municipality: Aarhus\n"
        "themes: [trafik, data, klima]\n"
        "status: operation\n"
        "started: 2021\n"
        "summary: >-\n"
        "  Kommunen har sat sensorer i 40 lyskryds. Signalerne styres efter den trafik, der faktisk\n"
        "  er, så cyklister og busser får grønt oftere.\n"
        "contact:\n"
        "  email: trafiksignaler@aarhus.dk\n"
        "  name: Mette Jensen\n"
        "tags: [sensorer, grøn-bølge]\n"
        "links:\n"
        "  - title: Evaluering af projektet\n"
        "    url: https://www.aarhus.dk/trafik/evaluering\n"
        "  - title: example.dk\n"
        "    url: http://example.dk/rapport.pdf\n"
        "published: 2026-06-01\n"
    )
    assert "## Erfaringer\n\nStart med få kryds, og mål før og efter.\n" in conversion.text
    # The real validator, on the file where the workflow puts it.
    tiny.write({VALID_PATH: conversion.text})
    result = tiny.run("validate")
    assert result.stdout.splitlines() == [
        f"{VALID_PATH}:36:1: advarsel: Afsnittet '## Resultater' er ikke udfyldt endnu: "
        "hjælpeteksten 'Skriv her:' står her stadig. Erstat den med jeres egen tekst. "
        "[body.prompt-unfilled]",
        "Tjekket 1 fil: 1 advarsel i 1 fil.",
    ]
    assert result.exit_code == 0
    assert issueform.reply(conversion) == (
        "<!-- smartcity-issue-form -->\n"
        f"✅ **Tak! Casen er klar** som `{VALID_PATH}`. Den bliver lagt i en pull request, som "
        "sekretariatet gennemgår, før den udgives.\n\n"
        "Før casen kan udgives, skal dette også ordnes (det kan ske i pull requesten, hvor tjekket ellers fejler):\n\n"
        "- **Resultater**: Afsnittet '\\#\\# Resultater' er ikke udfyldt endnu\\: "
        "hjælpeteksten 'Skriv her\\:' står her stadig. Erstat den med jeres egen tekst.\n\n"
        "Spørgsmål? Skriv en kommentar her, så svarer sekretariatet.\n"
    )


def test_an_invalid_form_is_answered_with_the_validators_messages(tiny):
    conversion = issueform.convert(body("invalid.md"), tiny.project)
    assert not conversion.ok
    assert issueform.reply(conversion) == (
        "<!-- smartcity-issue-form -->\n"
        "❌ **Casen kan ikke oprettes endnu.** Ret svarene herunder: klik på **···** øverst i "
        "issuet, vælg **Edit**, ret teksten under overskriften, og gem. Så prøver vi automatisk "
        "igen.\n\n"
        "- **Titel**: Titel er for kort\\: 3 tegn, men mindst 5 kræves.\n"
        "- **Kommune**: 'Århus' er ikke en gyldig værdi for Kommune. Mente du 'Aarhus'?\n"
        "- **Startår**: Startår skal være et helt tal, men er teksten 'sidste år'.\n"
        "- **Resumé**: Resumé er for kort\\: 9 tegn, men mindst 40 kræves.\n"
        "- **Kontaktens e-mail**: E-mail har ikke den rigtige form\\: Skriv en gyldig "
        "e-mailadresse, fx navn\\@kommune.dk.\n"
        "- **Udfordring**: HTML er ikke tilladt her; brug Markdown\\: \\*\\*fed\\*\\*, "
        "\\*kursiv\\*, \\[linktekst\\]\\(https\\://...\\) og lister med - i starten af linjen.\n\n"
        "Og når det er rettet, skal dette også ordnes, før casen kan udgives:\n\n"
        "- **Resultater**: Afsnittet '\\#\\# Resultater' er ikke udfyldt endnu\\: "
        "hjælpeteksten 'Skriv her\\:' står her stadig. Erstat den med jeres egen tekst.\n"
        "- **Erfaringer**: Afsnittet '\\#\\# Erfaringer' er ikke udfyldt endnu\\: "
        "hjælpeteksten 'Skriv her\\:' står her stadig. Erstat den med jeres egen tekst.\n\n"
        "Spørgsmål? Skriv en kommentar her, så svarer sekretariatet.\n"
    )


def test_title_of_an_existing_case_is_refused(tiny):
    tiny.write({VALID_PATH: "min egen case"})
    conversion = issueform.convert(body("valid.md"), tiny.project)
    assert [str(d) for d in conversion.errors] == [
        f"{VALID_PATH}:2:8: fejl: title: Der findes allerede en case med adressen "
        "'sensorer-styrer-trafiklysene-i-aarhus-groen-boelge-for-cyklister' (content/cases/"
        "sensorer-styrer-trafiklysene-i-aarhus-groen-boelge-for-cyklister.md). Giv casen en anden "
        "titel, eller ret den eksisterende case. [case.slug-taken]"
    ]
    assert conversion.labels[conversion.errors[0]] == "Titel"


def test_a_body_that_is_not_from_the_form(tiny):
    conversion = issueform.convert("Hej, vi vil gerne dele en case!", tiny.project)
    assert conversion.slug == "ny-case"
    assert [d.code for d in conversion.errors] == ["schema.required"] * 6 + ["field.empty"]
    assert {conversion.labels[d] for d in conversion.errors} >= {"Titel", "Kommune", "Resumé"}


def test_cli_from_issue_writes_the_file_or_nothing(tiny):
    source = ISSUES / "valid.md"
    result = tiny.run("new", "--from-issue", str(source))
    assert result.exit_code == 0
    assert result.stdout.startswith("<!-- smartcity-issue-form -->\n✅ **Tak! Casen er klar**")
    assert (tiny.root / VALID_PATH).is_file()
    again = tiny.run("new", "--from-issue", str(source))
    assert again.exit_code == 1
    assert "- **Titel**: Der findes allerede en case med adressen" in again.stdout

    failed = tiny.run("new", "--from-issue", str(ISSUES / "invalid.md"))
    assert failed.exit_code == 1
    assert failed.stdout.startswith("<!-- smartcity-issue-form -->\n❌ **Casen kan ikke oprettes")
    assert sorted(p.name for p in (tiny.root / "content/cases").glob("*.md")) == [
        VALID_PATH.rsplit("/", 1)[1]
    ]


def test_cli_from_issue_usage_errors(tiny):
    missing = tiny.run("new", "--from-issue", "findes-ikke.md")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1] == "Fejl: Filen 'findes-ikke.md' findes ikke."
    mixed = tiny.run("new", "--from-issue", str(ISSUES / "valid.md"), "--title", "Noget andet")
    assert mixed.exit_code == 2
    assert mixed.stderr.splitlines()[-1] == "Fejl: --from-issue kan ikke bruges sammen med --title."


# -- the form itself agrees with the converter and the schema ---------------------------------


def _form() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def _fields() -> dict[str, dict]:
    return {
        item["attributes"]["label"]: item for item in _form()["body"] if item["type"] != "markdown"
    }


def test_form_labels_are_the_converters():
    assert list(_fields()) == list(issueform.FIELDS)


def test_form_options_come_from_the_schema(tiny):
    fields = _fields()
    with open(REPO / "schema" / "municipalities.csv", encoding="utf-8", newline="") as fh:
        municipalities = {row["name"] for row in csv.DictReader(fh)}
    assert set(fields["Kommune"]["attributes"]["options"]) == municipalities
    assert len(fields["Kommune"]["attributes"]["options"]) == 98
    labels = [t.label for t in tiny.project.taxonomy.themes.values()]
    assert fields["Hovedtema"]["attributes"]["options"] == labels
    assert fields["Andre temaer"]["attributes"]["options"] == labels
    case = tiny.project.schemas.documents["urn:smartcity:schema:case"]
    assert fields["Status"]["attributes"]["options"] == list(
        case["properties"]["status"]["x-enum-labels"].values()
    )


def test_form_requires_what_the_schema_requires():
    fields = _fields()
    required = {
        label for label, item in fields.items() if item.get("validations", {}).get("required")
    }
    assert required == {
        "Titel",
        "Kommune",
        "Hovedtema",
        "Status",
        "Startår",
        "Resumé",
        "Kontaktens e-mail",
        "Udfordring",
        "Løsning",
    }
    assert _form()["labels"] == ["ny-case"]
