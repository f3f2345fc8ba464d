"""The survey spreadsheet's columns: which header names which import field.

Columns are matched to fields by their Danish or English headers (`FIELDS`), over one or two
header rows, or by a `--columns` file for other layouts. `survey.py` reads the rows below them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import surveyvalues as values
from .surveyfile import HEADER_ROWS, SurveyError

_FIELD_HEADERS = {
    "title": "titel|title|projektnavn|projekt navn|projektets navn|navn pa projekt|navn pa projektet|projekt titel|project|project name|project title|case",
    "municipality": "kommune|kommunenavn|ledende kommune|municipality|lead municipality|hvilken kommune|kommune navn",
    "partners": "partnere|samarbejdspartnere|partners|ovrige kommuner|andre kommuner|andre partnere",
    "themes": "tema|temaer|theme|themes|omrade|fagomrade|emne|smart city tema",
    "status": "status|fase|projektstatus|stage|phase|projektets status",
    "period": "periode|period|projektperiode|tidsperiode|ar|arstal|year",
    "started": "startar|start|started|start year|opstart|start ar|ar startet",
    "ended": "slutar|slut|ended|end year|slut ar|ar afsluttet",
    "summary": "resume|kort resume|kort beskrivelse|beskrivelse|summary|description|short description|projektbeskrivelse",
    "email": "e mail|email|mail|kontakt e mail|contact email|kontaktperson e mail|kontakt mail|kontaktperson email|kontakt email|e mailadresse",
    "contact_name": "kontaktperson|kontaktperson navn|kontakt navn|contact|contact name|contact person|navn pa kontaktperson|kontaktpersonens navn",
    "contact_role": "kontaktperson stilling|stilling|rolle|role|position|kontaktperson rolle|kontaktperson titel|kontakt stilling",
    "contact_phone": "telefon|tlf|phone|kontaktperson telefon|tlf nr|telefonnummer|kontakt telefon|kontaktperson tlf",
    "tags": "nogleord|tags|keywords|stikord",
    "budget": "budget|samlet budget|budget kr|okonomi|total budget|budget dkk|samlet budget kr|projektets budget",
    "running_cost": "driftsudgift|arlig driftsudgift|driftsudgift pr ar|running cost|yearly cost|annual cost|drift pr ar|arlige driftsudgifter",
    "supplier": "leverandor|leverandorer|supplier|vendor",
    "procurement": "indkob|udbudsform|indkobsform|procurement|udbud",
    "staff_effort": "personaleressourcer|ressourcer|staff effort|arbejdsindsats",
    "dpia": "dpia|konsekvensanalyse|konsekvensanalyse dpia|lavet konsekvensanalyse",
    "licence": "licens|licence|license|kodens licens",
    "source_code": "kildekode|source code|github|link til kildekode",
    "reusable": "kan genbruges|kan losningen genbruges|genbrug|reusable|kan deles",
    "link": "link|hjemmeside|website|url|las mere|webside|projektets hjemmeside",
    "udfordring": "udfordring|udfordringen|challenge|problem|baggrund",
    "loesning": "losning|losningen|solution|hvad gjorde i",
    "resultater": "resultater|resultat|results|effekt|outcome|effekter",
    "erfaringer": "erfaringer|laring|lessons learned|lessons|erfaring|gode rad",
    "ignore": "",
}
FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(filter(None, headers.split("|"))) for name, headers in _FIELD_HEADERS.items()
}
"""Import fields and the headers (as `surveyvalues._key` writes them) that name them. A
`--columns` file maps headers to these names; `ignore` leaves a column out."""
REQUIRED = ("title", "municipality", "themes", "status", "email")


@dataclass
class Column:
    index: int
    header: str


@dataclass
class Layout:
    description: str
    """How the file was read: `CSV, Windows-1252, semikolon`."""
    header_rows: tuple[int, int]
    """First and last file row of the headers (1-based)."""
    columns: dict[str, Column]
    unused: list[str]


# -- finding the headers ---------------------------------------------------------------------------


def _aliases() -> dict[str, str]:
    return {alias: name for name, aliases in FIELDS.items() for alias in aliases}


def _exact(header: str, aliases: dict[str, str]) -> str | None:
    return aliases.get(values._key(header)) if header else None


def _contains(header: str, aliases: dict[str, str]) -> str | None:
    """The field whose longest alias appears as whole words in a long header (a question)."""
    words = f" {values._key(header)} "
    hits = [a for a in aliases if len(a) > 2 and f" {a} " in words]
    return aliases[max(hits, key=len)] if hits else None


def _match(header: str, aliases: dict[str, str], group: str = "") -> str | None:
    """The column's own header exactly, then with its group (`Kontaktperson` + `Navn`), then
    the longest alias inside either."""
    both = f"{group} {header}".strip()
    return (
        _exact(header, aliases)
        or _exact(both, aliases)
        or _contains(both, aliases)
        or _contains(header, aliases)
    )


def find_layout(rows: list[list[str]], mapping: dict[str, str] | None, description: str) -> Layout:
    """The header row (the one most like headers among the first rows), the group row above
    it if it has merged group cells, and the field each column holds."""
    aliases = _aliases()
    if mapping is not None:  # the file's headers first; the others are matched as usual
        aliases.update({values._key(h): f for h, f in mapping.items()})
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_ROWS]):
        score = sum(1 for cell in row if values.clean(cell) and _match(values.clean(cell), aliases))
        if score > best_score:
            best, best_score = index, score
    if best is None or best_score < 2:
        raise SurveyError(
            "Fandt ingen række med kolonneoverskrifter, der ligner felterne (fx 'Projektnavn', "
            "'Kommune', 'Tema', 'Status', 'E-mail'). Brug --columns med en fil, der siger, "
            "hvilken kolonne der er hvilket felt."
        )
    header = [values.clean(c) for c in rows[best]]
    groups = [""] * len(header)
    first = best + 1
    if best > 0:
        above = [values.clean(c) for c in rows[best - 1]]
        if sum(1 for c in above if c) >= 2:  # a row of merged group headers
            current = ""
            for i in range(len(header)):
                current = above[i] if i < len(above) and above[i] else current
                groups[i] = current
            first = best
    columns: dict[str, Column] = {}
    unused = []
    for i, text in enumerate(header):
        label = " ".join(p for p in (groups[i], text) if p)
        if not label:
            continue
        name = _match(text, aliases, groups[i])
        if name is None or name == "ignore":
            unused.append(label)
        elif name in columns:
            unused.append(f"{label} (feltet {name} kommer fra '{columns[name].header}')")
        else:
            columns[name] = Column(i, label)
    if mapping is not None:
        missing = sorted(set(mapping.values()) - set(columns) - {"ignore"})
        if missing:
            wanted = [h for h, f in mapping.items() if f in missing]
            raise SurveyError(
                "Kolonnerne " + ", ".join(f"'{h}'" for h in wanted) + " fra --columns findes "
                "ikke i overskrifterne."
            )
    return Layout(description, (first, best + 1), columns, unused)


def load_columns(path: Path) -> dict[str, str]:
    """A `--columns` file: YAML, `header: field` per line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SurveyError(f"--columns-filen '{path}' kan ikke læses: {exc}") from None
    if not isinstance(data, dict) or not data:
        raise SurveyError(
            f"--columns-filen '{path}' skal have én linje pr. kolonne: 'overskrift: felt', "
            "fx 'Projektets navn: title'."
        )
    wrong = {str(k): str(v) for k, v in data.items() if str(v) not in FIELDS}
    if wrong:
        header, name = next(iter(wrong.items()))
        raise SurveyError(
            f"--columns: '{name}' (for kolonnen '{header}') er ikke et felt. Brug et af: "
            + ", ".join(FIELDS)
            + "."
        )
    return {str(k): str(v) for k, v in data.items()}
