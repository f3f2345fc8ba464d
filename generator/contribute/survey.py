"""`smartcity import`: a mapping survey's spreadsheet becomes one case file per answered row.

The forum's mapping (kortlægning) is a questionnaire to all 98 municipalities, exported as a
spreadsheet with one row per project. This module reads it as it comes: CSV from Danish Excel
(`;`, UTF-8 with or without a BOM, or Windows-1252) or XLSX (openpyxl, the `import` extra),
with a title row above the headers, headers over two rows where a merged group cell (`Kontakt`)
sits above its columns (`Navn`, `E-mail`), blank rows and a total at the bottom. Columns are
matched to fields by their Danish or English headers (`FIELDS`), or by a `--columns` file for
other layouts; values are read by `surveyvalues`.

Each row becomes a `scaffold.CaseDraft`, rendered by the same template as `smartcity new`, and is
validated before anything is written: a row that cannot make a valid case is reported with the
validator's reasons and written nowhere. A file is never overwritten (`scaffold.write_new`), so
a second run writes nothing and says which files already exist. Pure Python, no MkDocs.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.project import Project, today
from ..content.taxonomy import danish_slug
from ..content.types import CASE
from ..content.validate import Validator
from . import surveyvalues as values
from .scaffold import CaseDraft, Link, case_path, render_case, slug_for, write_new
from .surveyfile import HEADER_ROWS, SurveyError, read_rows

__all__ = ["SurveyError", "find_layout", "load_columns", "plan", "write"]

SECTIONS = {
    "udfordring": "Udfordring",
    "loesning": "Løsning",
    "resultater": "Resultater",
    "erfaringer": "Erfaringer",
}
"""Import field -> the case's section it fills."""

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


@dataclass
class Outcome:
    row: int
    status: str
    """`written`, `planned` (dry run), `exists`, `duplicate` or `invalid`."""
    path: str = ""
    guesses: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Import:
    source: str
    layout: Layout
    outcomes: list[Outcome]
    blank_rows: int
    dry_run: bool


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


# -- one row ---------------------------------------------------------------------------------------


class _Row:
    def __init__(self, cells: list[str], layout: Layout) -> None:
        self.cells, self.layout = cells, layout
        self.guesses: list[str] = []
        self.reasons: list[str] = []

    def get(self, name: str) -> str:
        column = self.layout.columns.get(name)
        if column is None or column.index >= len(self.cells):
            return ""
        return self.cells[column.index] or ""

    def take(self, reading: values.Reading) -> object:
        if reading.note:
            (self.guesses if reading.value is not None else self.reasons).append(reading.note)
        return reading.value


def draft_row(cells: list[str], layout: Layout, project: Project) -> tuple[CaseDraft | None, _Row]:
    """The case a row makes, or None and the reasons it cannot make one."""
    taxonomy = project.taxonomy
    case_schema = project.schemas.documents[CASE.schema_id]["properties"]
    status_labels = dict(case_schema["status"]["x-enum-labels"])
    procurement_labels = dict(case_schema["reuse"]["properties"]["procurement"]["x-enum-labels"])
    row = _Row(cells, layout)
    title = row.take(values.one_line(row.get("title"), limit=120, what="titel"))
    lead_text = values.clean(row.get("municipality"))
    named = _split_list(lead_text)
    if len(named) > 1:
        row.guesses.append(
            f"'{lead_text}': den første kommune er taget som ledende, resten som partnere"
        )
    municipality = row.take(values.municipality(named[0] if named else "", taxonomy))
    partners: list[str] = []
    for text in [*named[1:], *_split_list(values.clean(row.get("partners")))]:
        found = values.municipality(text, taxonomy)
        if found.value and found.note:
            row.guesses.append(f"partner {found.note}")
        name = found.value or text
        if name not in partners and name != municipality:
            partners.append(name)
    themes = row.take(values.themes(row.get("themes"), taxonomy))
    status = row.take(values.status(row.get("status"), status_labels))
    started = row.take(values.years(row.get("started"))[0])
    ended = row.take(values.years(row.get("ended"))[0])
    if started is None and row.get("period"):
        first, last = values.years(row.get("period"))
        started, ended = row.take(first), ended if ended is not None else last.value
    low, high = 40, 300
    summary = row.take(values.summary(row.get("summary"), low=low, high=high))
    if summary is None:
        for name in ("loesning", "udfordring"):
            made = values.summary(row.get(name), low=low, high=high)
            if made.value:
                summary = made.value
                row.guesses.append(f"resuméet er lavet ud fra '{SECTIONS[name]}'; læs det igennem")
                break
    email = row.take(values.email(row.get("email")))
    read = {"title": title, "municipality": municipality, "themes": themes, "status": status}
    labels = {"title": "titel", "municipality": "kommune", "themes": "tema", "status": "status"}
    for name, label in [*labels.items(), ("email", "kontaktens e-mail")]:
        if read.get(name, email) is None and not row.get(name):
            row.reasons.append(f"{label} mangler")
    if started is None and not (row.get("started") or row.get("period")):
        row.reasons.append("startår mangler")
    if summary is None and not row.get("summary"):
        row.reasons.append("resumé mangler (og der er ingen tekst at lave det ud fra)")
    if row.reasons:
        return None, row
    reuse = {}
    readings = {
        "procurement": values.procurement(row.get("procurement"), procurement_labels),
        "supplier": values.one_line(row.get("supplier"), limit=150, what="leverandør"),
        "running_cost_dkk": values.amount(row.get("running_cost")),
        "staff_effort": values.one_line(row.get("staff_effort"), limit=150, what="ressourcer"),
        "dpia": values.yes_no(row.get("dpia")),
        "licence": values.Reading(values.clean(row.get("licence")) or None),
    }
    for key, reading in readings.items():
        value = row.take(reading)
        if value is not None:
            reuse[key] = value
    link = values.clean(row.get("link"))
    links = (
        [Link("Projektets hjemmeside", link)] if link.startswith(("https://", "http://")) else []
    )
    if link and not links:
        row.guesses.append(f"linket '{link}' er udeladt, fordi det ikke begynder med https://")
    source = values.clean(row.get("source_code"))
    draft = CaseDraft(
        title=title,
        municipality=municipality,
        themes=themes,
        status=status,
        started=started,
        ended=ended,
        summary=summary,
        email=email,
        published=today(),
        contact_name=row.take(
            values.one_line(row.get("contact_name"), limit=100, what="kontaktens navn")
        ),
        contact_role=row.take(values.one_line(row.get("contact_role"), limit=100, what="rolle")),
        contact_phone=row.take(values.phone(row.get("contact_phone"))),
        tags=_tags(row.get("tags")),
        links=links,
        partners=partners,
        budget_dkk=row.take(values.amount(row.get("budget"))),
        source_code=source if source.startswith("https://") else None,
        reuse=reuse,
        sections={
            SECTIONS[name]: values.markdown_text(row.get(name))
            for name in SECTIONS
            if values.clean(row.get(name))
        },
    )
    if row.reasons:  # an optional value that could not be read is left out, not fatal
        row.guesses += [f"udeladt: {reason}" for reason in row.reasons]
        row.reasons = []
    return draft, row


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;/\n]| og ", text) if p.strip()]


def _tags(text: str) -> list[str]:
    tags = []
    for part in _split_list(values.clean(text)):
        tag = danish_slug(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:10]


# -- the whole file --------------------------------------------------------------------------------


def plan(project: Project, source: Path, columns: Path | None = None) -> Import:
    """What importing `source` would do, row by row; nothing is written."""
    rows, description = read_rows(source)
    mapping = load_columns(columns) if columns else None
    layout = find_layout(rows, mapping, description)
    validator = Validator(project)
    outcomes, blank, taken = [], 0, {}
    with tempfile.TemporaryDirectory(prefix="smartcity-import-") as scratch:
        for number, cells in enumerate(rows[layout.header_rows[1] :], layout.header_rows[1] + 1):
            filled = [c for c in cells if values.clean(c)]
            if not filled:
                blank += 1
                continue
            if len(filled) == 1:
                outcomes.append(
                    Outcome(
                        number,
                        "invalid",
                        reasons=[
                            f"kun én udfyldt celle ('{values.clean(filled[0])}'); ligner en note eller en sum"
                        ],
                    )
                )
                continue
            outcomes.append(
                _outcome(project, validator, Path(scratch), number, cells, layout, taken)
            )
    return Import(
        project.relative(source) if source.is_absolute() else str(source),
        layout,
        outcomes,
        blank,
        False,
    )


def _outcome(project, validator, scratch: Path, number, cells, layout, taken) -> Outcome:
    draft, row = draft_row(cells, layout, project)
    if draft is None:
        return Outcome(number, "invalid", guesses=row.guesses, reasons=row.reasons)
    slug = slug_for(draft.title)
    path = case_path(project, slug)
    rel = project.relative(path)
    text = render_case(draft)
    trial = scratch / f"{slug or 'x'}.md"
    trial.write_text(text, encoding="utf-8")
    _, problems = validator.read(trial, CASE)
    errors = [p for p in problems if p.severity.value == "error"]
    trial.unlink()
    if errors:
        reasons = [f"{p.field}: {p.message}" if p.field else p.message for p in errors]
        return Outcome(number, "invalid", rel, row.guesses, reasons=reasons)
    todo = [name for name in CASE.sections if name not in draft.sections]
    if values.yes_no(row.get("reusable")).value and not draft.reuse:
        todo.append("reuse")
    if slug in taken:
        return Outcome(
            number, "duplicate", rel, row.guesses, reasons=[f"samme titel som række {taken[slug]}"]
        )
    taken[slug] = number
    if path.exists():
        return Outcome(number, "exists", rel, row.guesses)
    return Outcome(number, "planned", rel, row.guesses, todo, text=text)


def write(project: Project, result: Import) -> None:
    """Write every planned file; a file that appeared meanwhile is left alone (`exists`)."""
    for outcome in result.outcomes:
        if outcome.status != "planned":
            continue
        try:
            write_new(project.root / outcome.path, outcome.text)
            outcome.status = "written"
        except FileExistsError:
            outcome.status = "exists"
