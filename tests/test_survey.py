"""`smartcity import`: the mapping survey's spreadsheet becomes case files, as a secretary sees it.

The fixture `fixtures/survey/kortlaegning-2025.csv` is an export written for these tests with the
mess real ones have: a title row, group headers over two rows (`Projekt`, `Kontaktperson`,
`Økonomi`, `Beskrivelse` as merged cells), blank rows, a total at the bottom, `Kbh. Kommune`,
`Ja`/`Nej`, `2018-2020`, `2,5 mio. kr.`, text with `<`, `&` and emoji, and rows that cannot
make a case. The XLSX version is made from it here with openpyxl, with the group cells merged.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
import yaml
from conftest import FIXTURES
from tests_support import snapshot

from generator.content.project import Project
from generator.contribute import surveyvalues as values

SURVEY = FIXTURES / "survey" / "kortlaegning-2025.csv"
WRITTEN = 37
REJECTED = {
    39: ["kommunen 'Sydby Kommune' findes ikke blandt de 98 kommuner"],
    40: ["kontaktens e-mail mangler"],
    41: ["titel mangler"],
    42: ["status 'Ved ikke' passer ikke til idea, pilot, operation, scaled eller ended"],
    43: ["resuméet er kun 9 tegn; det skal være 40-300"],
    50: ["kun én udfyldt celle ('I alt: 43 besvarelser'); ligner en note eller en sum"],
}


def _rows() -> list[list[str]]:
    text = SURVEY.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _entries(output: str) -> dict[int, list[str]]:
    """The report's lines by row number."""
    entries: dict[int, list[str]] = {}
    current = None
    for line in output.splitlines():
        match = re.match(r"^Række (\d+): ", line)
        if match:
            current = int(match.group(1))
            entries[current] = [line]
        elif line.startswith("  ") and current is not None:
            entries[current].append(line)
        else:
            current = None
    return entries


def _front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def imported(tiny):
    tiny.write({"survey.csv": SURVEY.read_bytes()})
    result = tiny.run("import", "survey.csv")
    return tiny, result


def test_the_survey_becomes_valid_case_files(imported):
    tiny, result = imported
    assert result.exit_code == 1, "some rows cannot make a case"
    written = sorted((tiny.root / "content" / "cases").glob("*.md"))
    assert len(written) == WRITTEN
    assert (
        "44 rækker med svar: 37 cases skrevet, 0 fandtes allerede, 7 kunne ikke blive til en "
        "case. 3 tomme rækker er sprunget over."
    ) in result.output
    check = tiny.run("validate", "--format", "json")
    assert check.exit_code == 0, check.output
    assert '"errors": 0' in check.output
    entries = _entries(result.output)
    for row, reasons in REJECTED.items():
        assert entries[row] == [
            f"Række {row}: kan ikke blive til en case og er ikke skrevet:",
            *(f"  - {r}" for r in reasons),
        ]
    assert entries[44] == [
        "Række 44: ikke skrevet: samme titel som række 4 "
        "(content/cases/intelligente-trafiksignaler-paa-ring-2.md)."
    ]
    for lines in entries.values():
        if lines[0].endswith(" skrevet."):
            path = lines[0].split(": ", 1)[1].removesuffix(" skrevet.")
            assert (tiny.root / path).is_file()


def test_values_are_normalised_and_the_body_shows_what_was_typed(imported):
    tiny, result = imported
    path = tiny.root / "content" / "cases" / "intelligente-trafiksignaler-paa-ring-2.md"
    meta = _front_matter(path)
    assert meta["municipality"] == "København"
    assert (meta["themes"], meta["status"], meta["started"], meta["ended"]) == (
        ["trafik"],
        "operation",
        2017,
        2020,
    )
    assert meta["budget_dkk"] == 2_500_000
    assert meta["reuse"] == {
        "procurement": "tender",
        "supplier": "Swarco A/S",
        "running_cost_dkk": 120_000,
        "dpia": True,
    }
    assert meta["contact"] == {
        "email": "trafik@kk.dk",
        "name": "Mette Jensen",
        "phone": "+45 33 66 33 66",
    }
    assert "og cyklisterne ventede &lt; 30 sek. for sjældent." in path.read_text(encoding="utf-8")
    lorawan = _front_matter(
        tiny.root / "content" / "cases" / "faelles-lorawan-net-i-oestjylland.md"
    )
    assert (lorawan["municipality"], lorawan["partners"]) == ("Skanderborg", ["Aarhus"])
    built = tiny.run("build")
    assert built.exit_code == 0, built.output
    page = tiny.root / "site" / "cases" / "intelligente-trafiksignaler-paa-ring-2" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "ventede &lt; 30 sek." in html and "faldt med 10 % 🚌" in html


def test_the_report_names_every_guess(imported):
    """Every municipality, status and period that was not written as the file has it is
    listed under its row, and every section left empty is named as one to fill in."""
    tiny, result = imported
    entries = _entries(result.output)
    rows = _rows()
    status_labels = {"I drift", "Pilot", "Idé", "Udbredt", "Afsluttet"}
    checked = 0
    for number, lines in entries.items():
        if not lines[0].endswith(" skrevet."):
            continue
        cells = rows[number - 1]
        municipality, status, period = cells[3], cells[5], cells[6]
        path = tiny.root / lines[0].split(": ", 1)[1].removesuffix(" skrevet.")
        meta = _front_matter(path)
        if municipality != meta["municipality"]:
            assert any(
                f"kommune '{municipality.split(',')[0]}' læst som" in line or "ledende" in line
                for line in lines
            ), lines
        if status not in status_labels:
            assert f"  Gættet: status '{status}' læst som {meta['status']}" in "\n".join(lines)
        if not re.fullmatch(r"\d{4}", period):
            assert any(f"'{period}'" in line for line in lines), lines
        text = path.read_text(encoding="utf-8")
        unfilled = [
            s
            for s in ("Udfordring", "Løsning", "Resultater", "Erfaringer")
            if f"## {s}\n\n*Skriv her:*" in text
        ]
        if unfilled:
            assert any(
                line.startswith("  Udfyld: afsnit") and all(s in line for s in unfilled)
                for line in lines
            )
        checked += 1
    assert checked == WRITTEN
    assert "  Gættet: kommune 'Kbh. Kommune' læst som 'København'" in entries[4]
    assert "  Gættet: beløbet '2,5 mio. kr.' læst som 2500000 kr." in entries[4]
    assert "  Gættet: resuméet er lavet ud fra 'Løsning'; læs det igennem" in entries[46]
    assert "  Udfyld: reuse (svaret siger, at løsningen kan genbruges)." in entries[36]


def test_a_second_run_writes_nothing_and_says_why(imported):
    tiny, _ = imported
    before = snapshot(tiny.root / "content")
    again = tiny.run("import", "survey.csv")
    assert snapshot(tiny.root / "content") == before
    assert "0 cases skrevet, 37 fandtes allerede, 7 kunne ikke blive til en case" in again.output
    assert (
        "Række 4: ikke skrevet, fordi content/cases/intelligente-trafiksignaler-paa-ring-2.md "
        "findes allerede; den er ikke ændret."
    ) in again.output
    assert (
        "Der er ikke skrevet nogen filer: de cases, filen kan blive til, findes allerede, og "
        "eksisterende filer overskrives aldrig."
    ) in again.output


def test_dry_run_writes_nothing(tiny):
    tiny.write({"survey.csv": SURVEY.read_bytes()})
    result = tiny.run("import", "survey.csv", "--dry-run")
    assert list((tiny.root / "content" / "cases").iterdir()) == []
    assert (
        "Række 4: content/cases/intelligente-trafiksignaler-paa-ring-2.md ville blive skrevet "
        "(--dry-run)."
    ) in result.output
    assert "37 cases ville blive skrevet" in result.output
    assert result.output.endswith("Der er ikke skrevet nogen filer (--dry-run).\n")


def _written(tiny) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted((tiny.root / "content" / "cases").glob("*.md"))
    }


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_csv_without_bom_and_in_windows_1252(tmp_path, encoding):
    from conftest import TinyProject

    reference = TinyProject(tmp_path / "reference")
    reference.write({"survey.csv": SURVEY.read_bytes()})
    reference.run("import", "survey.csv")
    other = TinyProject(tmp_path / encoding)
    text = SURVEY.read_bytes().decode("utf-8-sig")
    other.write({"survey.csv": text.encode(encoding, errors="replace")})
    result = other.run("import", "survey.csv")
    described = "CSV, UTF-8, semikolon" if encoding == "utf-8" else "CSV, Windows-1252, semikolon"
    assert f"({described})" in result.output.splitlines()[0]
    expected = _written(reference)
    if encoding == "cp1252":  # Excel writes '?' for what Windows-1252 cannot hold
        expected = {
            k: v.encode("cp1252", errors="replace").decode("cp1252") for k, v in expected.items()
        }
    assert _written(other) == expected


def _xlsx(path) -> None:
    """The fixture as Excel saves it: numbers as numbers, the group headers merged."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in _rows():
        sheet.append([int(c) if re.fullmatch(r"[1-9]\d{0,5}", c) else (c or None) for c in row])
    for start, end in (("C2", "H2"), ("I2", "K2"), ("L2", "P2"), ("Q2", "U2"), ("A1", "U1")):
        sheet.merge_cells(f"{start}:{end}")
    book.save(path)


def test_xlsx_gives_the_same_cases_as_csv(tmp_path):
    from conftest import TinyProject

    reference = TinyProject(tmp_path / "csv")
    reference.write({"survey.csv": SURVEY.read_bytes()})
    reference.run("import", "survey.csv")
    xlsx = TinyProject(tmp_path / "xlsx")
    _xlsx(xlsx.root / "survey.xlsx")
    result = xlsx.run("import", "survey.xlsx")
    assert result.output.startswith("Læste survey.xlsx (XLSX); overskrifterne står i række 2-3.")
    assert _written(xlsx) == _written(reference)
    assert len(_written(xlsx)) == WRITTEN


ENGLISH = """\
Project name;Municipality;Themes;Status;Started;Summary;Email;Lessons learned
Smart parking in the city centre;Aarhus Kommune;Trafik;Pilot;2022;Sensorer viser ledige pladser, så bilisterne ikke kører rundt og leder efter en plads.;p@aarhus.dk;Start småt.
"""
OTHER = """\
Nr.;Hvad hedder projektet;Hvem;Område;Fase;Årstal;Pitch;Hvem kan vi spørge
1;Smart parkering i midtbyen;Aarhus;Trafik;Pilot;2022;Sensorer viser ledige pladser, så bilisterne ikke kører rundt og leder efter en plads.;p@aarhus.dk
"""


def test_english_headers_are_understood(tiny):
    tiny.write({"survey.csv": ENGLISH})
    result = tiny.run("import", "survey.csv")
    assert result.exit_code == 0, result.output
    path = tiny.root / "content" / "cases" / "smart-parking-in-the-city-centre.md"
    assert _front_matter(path)["municipality"] == "Aarhus"
    assert "## Erfaringer\n\nStart småt.\n" in path.read_text(encoding="utf-8")


def test_other_layouts_with_a_columns_file(tiny):
    tiny.write({"survey.csv": OTHER})
    without = tiny.run("import", "survey.csv", "--dry-run")
    assert without.exit_code == 1
    assert "Ingen kolonne til: title, municipality, email. Brug evt. --columns." in without.output
    assert "  - titel mangler" in without.output
    tiny.write(
        {
            "kolonner.yml": "Hvad hedder projektet: title\nHvem: municipality\nOmråde: themes\n"
            "Årstal: started\nPitch: summary\nHvem kan vi spørge: email\nNr.: ignore\n"
        }
    )
    result = tiny.run("import", "survey.csv", "--columns", "kolonner.yml")
    assert result.exit_code == 0, result.output
    assert "'Hvad hedder projektet' → title" in result.output
    assert "'Fase' → status" in result.output, "headers the file does not name are matched as usual"
    tiny.write({"kolonner.yml": "Hvad hedder projektet: titel\n"})
    wrong = tiny.run("import", "survey.csv", "--columns", "kolonner.yml")
    assert wrong.exit_code == 2
    assert (
        "--columns: 'titel' (for kolonnen 'Hvad hedder projektet') er ikke et felt." in wrong.output
    )


def test_usage_errors(tiny):
    missing = tiny.run("import", "findes-ikke.csv")
    assert missing.exit_code == 2 and "Filen 'findes-ikke.csv' findes ikke." in missing.output
    tiny.write({"survey.ods": "x"})
    other = tiny.run("import", "survey.ods")
    assert other.exit_code == 2 and "'survey.ods' er hverken CSV eller XLSX." in other.output
    tiny.write({"broken.xlsx": b"PK\x03\x04 not a workbook"})
    broken = tiny.run("import", "broken.xlsx")
    assert (
        broken.exit_code == 2 and "'broken.xlsx' kan ikke læses som en Excel-fil" in broken.output
    )


# -- the readers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kbh. Kommune", "København"),
        ("Københavns Kommune", "København"),
        ("KOBENHAVN", "København"),
        ("Aarhus Kommune", "Aarhus"),
        ("Århus", "Aarhus"),
        ("Hoje Taastrup", "Høje-Taastrup"),
        ("Bornholms Regionskommune", "Bornholm"),
        ("Vesthimmerlands Kommune", "Vesthimmerlands"),
        ("Lyngby", "Lyngby-Taarbæk"),
        ("Sydby Kommune", None),
    ],
)
def test_municipality_names_in_any_common_form(text, name):
    taxonomy = Project(FIXTURES.parent.parent).taxonomy
    assert values.municipality(text, taxonomy).value == name


@pytest.mark.parametrize(
    ("text", "kroner"),
    [
        ("2,5 mio. kr.", 2_500_000),
        ("2.500.000 kr.", 2_500_000),
        ("kr. 45.000,-", 45_000),
        ("350 t.kr.", 350_000),
        ("ca. 3 mio", 3_000_000),
        ("1,2 mia. kr.", 1_200_000_000),
        ("120.000 kr./år", 120_000),
        ("45000", 45_000),
        ("Ukendt", None),
        ("", None),
    ],
)
def test_amounts(text, kroner):
    assert values.amount(text).value == kroner


@pytest.mark.parametrize(
    ("text", "started", "ended"),
    [
        ("2019", 2019, None),
        ("2018-2020", 2018, 2020),
        ("2021–22", 2021, 2022),
        ("marts 2020", 2020, None),
        ("2007-", 2007, None),
    ],
)
def test_years_and_ranges(text, started, ended):
    first, last = values.years(text)
    assert (first.value, last.value) == (started, ended)


@pytest.mark.parametrize(
    ("text", "answer"), [("Ja", True), ("nej", False), ("x", True), ("Ved ikke", None), ("", None)]
)
def test_yes_and_no(text, answer):
    assert values.yes_no(text).value is answer
