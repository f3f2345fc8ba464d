"""`smartcity import`: a mapping survey's spreadsheet becomes one case file per answered row.

The forum's mapping (kortlægning) is a questionnaire to all 98 municipalities, exported as a
spreadsheet with one row per project. This module reads it as it comes: CSV from Danish Excel
(`;`, UTF-8 with or without a BOM, or Windows-1252) or XLSX (openpyxl, the `import` extra),
with a title row above the headers, headers over two rows where a merged group cell (`Kontakt`)
sits above its columns (`Navn`, `E-mail`), blank rows and a total at the bottom. Columns are
matched to fields by their Danish or English headers (`FIELDS`), or by a `--columns` file for
other layouts (`surveycolumns.py`); values are read by `surveyvalues`.

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

from ..content.project import Project, today
from ..content.taxonomy import danish_slug
from ..content.types import CASE
from ..content.validate import Validator
from . import surveyvalues as values
from .scaffold import CaseDraft, Link, case_path, render_case, slug_for, write_new
from .surveycolumns import Layout, find_layout, load_columns
from .surveyfile import SurveyError, read_rows

__all__ = ["SurveyError", "find_layout", "load_columns", "plan", "write"]

SECTIONS = {
    "udfordring": "Udfordring",
    "loesning": "Løsning",
    "resultater": "Resultater",
    "erfaringer": "Erfaringer",
}
"""Import field -> the case's section it fills."""


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
