"""A path without Git: a submitted GitHub issue form becomes a case file, or an answer.

GitHub renders a submitted issue form as Markdown: each field's label as a `### ` heading,
then the answer (`_No response_` for an optional field left empty). `convert` reads that body,
renders the case with the same template as `smartcity new` and validates it with the real
validator. The workflow `.github/workflows/issue-to-pr.yml` then opens a pull request with the
file, or posts the validator's messages on the issue, each under the form field's label.

The labels here and in `.github/ISSUE_TEMPLATE/ny-case.yml` must agree; a test checks it.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.body import scanner
from ..content.diagnostics import Diagnostic, Severity
from ..content.documents import Document
from ..content.frontmatter import parse
from ..content.messages import diagnostic
from ..content.project import Project, today
from ..content.types import CASE
from ..content.validate import validate
from .comments import environment
from .quality import unfilled_sections
from .scaffold import CaseDraft, Link, case_path, render_case, slug_for

NO_RESPONSE = "_No response_"

FIELDS: dict[str, str] = {
    "Titel": "title",
    "Kommune": "municipality",
    "Hovedtema": "theme",
    "Andre temaer": "other_themes",
    "Status": "status",
    "Startår": "started",
    "Slutår": "ended",
    "Resumé": "summary",
    "Kontaktens e-mail": "email",
    "Kontaktens navn": "contact_name",
    "Kontaktens rolle": "contact_role",
    **{section: f"section:{section}" for section in CASE.sections},
    "Nøgleord": "tags",
    "Links": "links",
    "Samtykke": "consent",
}
"""Form label -> what it fills. Labels are what GitHub writes as `### ` headings; the consent
checkbox is required by the form itself and fills nothing."""

_LABEL_OF_FIELD = {
    "title": "Titel",
    "municipality": "Kommune",
    "themes": "Hovedtema",
    "status": "Status",
    "started": "Startår",
    "ended": "Slutår",
    "summary": "Resumé",
    "contact": "Kontaktens e-mail",
    "contact.email": "Kontaktens e-mail",
    "contact.name": "Kontaktens navn",
    "contact.role": "Kontaktens rolle",
    "tags": "Nøgleord",
    "links": "Links",
}
_URL = re.compile(r"https?://\S+")
_REQUIRED_KEY = re.compile(r"Feltet '([^']+)'")  # messages.CATALOG["schema.required"]


def parse_body(body: str) -> dict[str, str | None]:
    """Form label -> answer (None when empty). The labels are the `###` headings as the
    renderer reads them (`generator.content.body`); a heading that is not a label stays text."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = body.split("\n")
    marks = [h for h in scanner().scan(body, "cases").headings if h.level == 3 and h.text in FIELDS]
    answers: dict[str, str | None] = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].line - 1 if index + 1 < len(marks) else len(lines)
        value = "\n".join(lines[mark.line : end]).strip()
        answers[mark.text] = None if value in ("", NO_RESPONSE) else value
    return answers


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _year(value: str | None):
    text = _one_line(value)
    return int(text) if text and text.isdigit() else text


def draft_from(answers: dict[str, str | None], project: Project) -> CaseDraft:
    """The case the answers describe. Values are translated (a theme's label to its id) but never
    corrected: what is wrong is left for the validator to explain."""
    taxonomy = project.taxonomy
    values = {FIELDS[label]: value for label, value in answers.items()}
    theme_ids = {t.label.lower(): t.id for t in taxonomy.themes.values()}
    theme_ids.update({t: t for t in taxonomy.themes})
    themes: list[str] = []
    for text in [values.get("theme") or "", *(values.get("other_themes") or "").split(",")]:
        text = text.strip()
        if text:
            theme = theme_ids.get(text.lower(), text)
            if theme not in themes:
                themes.append(theme)
    labels = project.schemas.documents[CASE.schema_id]["properties"]["status"]["x-enum-labels"]
    statuses = {label.lower(): status for status, label in labels.items()}
    status = _one_line(values.get("status"))
    tags = [t.strip().lower().replace(" ", "-") for t in (values.get("tags") or "").split(",")]
    links = []
    for line in (values.get("links") or "").split("\n"):
        line = line.strip().lstrip("-* ").strip()
        if not line:
            continue
        match = _URL.search(line)
        url = match.group().rstrip(".,;)>") if match else line
        title = (line[: match.start()] + line[match.end() :]).strip(" -–:|()<>") if match else ""
        host = url.split("/")[2] if url.count("/") >= 2 else url
        links.append(Link(title or host, url))
    return CaseDraft(
        title=_one_line(values.get("title")),
        municipality=_one_line(values.get("municipality")),
        themes=themes or None,
        status=statuses.get(status.lower(), status) if status else None,
        started=_year(values.get("started")),
        ended=_year(values.get("ended")),
        summary=_one_line(values.get("summary")),
        email=_one_line(values.get("email")),
        contact_name=_one_line(values.get("contact_name")),
        contact_role=_one_line(values.get("contact_role")),
        tags=[t for t in tags if t],
        links=links,
        sections={
            key.split(":", 1)[1]: value.strip()
            for key, value in values.items()
            if key.startswith("section:") and value
        },
        published=today(),
    )


@dataclass
class Conversion:
    slug: str
    path: str
    """Where the case goes: `content/cases/<slug>.md`."""
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    labels: dict[Diagnostic, str] = field(default_factory=dict)
    """The form field each diagnostic is about."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def convert(body: str, project: Project) -> Conversion:
    """Form body -> case file text, checked by the validator as if it were in `content/cases/`."""
    draft = draft_from(parse_body(body), project)
    slug = slug_for(draft.title) or "ny-case"
    path = f"content/{CASE.directory}/{slug}.md"
    text = render_case(draft)
    conversion = Conversion(slug, path, text)
    with tempfile.TemporaryDirectory(prefix="smartcity-issue-") as tmp:
        candidate = Path(tmp) / CASE.directory / f"{slug}.md"
        candidate.parent.mkdir()
        candidate.write_text(text, encoding="utf-8")
        result = validate(project, [candidate])
        outside = project.relative(candidate)
    found = [_moved(d, outside, path) for d in result.sorted() if d.code != "content.slug"]
    fm, _ = parse(text.encode("utf-8"), path)
    if draft.title and case_path(project, slug).exists():
        line, column = fm.position(("title",)) if fm else (1, 1)
        found.insert(0, diagnostic("case.slug-taken", path, line, column, field="title", slug=slug))
    if fm is not None:
        doc = Document(CASE, path, slug, fm)
        found += [
            diagnostic("quality.section-unfilled", path, line, 1, section=section)
            for section, line in unfilled_sections(doc, prompts=False)
        ]
    conversion.diagnostics = found
    conversion.labels = {d: _label(d, text) for d in found}
    return conversion


def _moved(d: Diagnostic, old: str, new: str) -> Diagnostic:
    return Diagnostic(
        new if d.file == old else d.file, d.line, d.column, d.code, d.field, d.message, d.severity
    )


def _label(d: Diagnostic, text: str) -> str:
    """The form field a diagnostic belongs to: by its field, else by the section of its line."""
    field_name = d.field
    if d.code == "schema.required":  # reported on the parent; the message names the key
        missing = _REQUIRED_KEY.match(d.message)
        field_name = ".".join(filter(None, [d.field, missing.group(1) if missing else ""]))
    if field_name:
        root = field_name.split("[")[0]
        return _LABEL_OF_FIELD.get(root) or _LABEL_OF_FIELD.get(root.split(".")[0], "Casen")
    fm, _ = parse(text.encode("utf-8"), d.file)
    section = None
    if fm is not None:
        for part in scanner().scan(fm.body, "cases").sections:
            if fm.body_line - 1 + part.line <= d.line:
                section = part.name
    return section if section in CASE.sections else "Casen"


def reply(conversion: Conversion) -> str:
    """The answer to post on the issue, in Markdown."""
    text = environment().get_template("issue-reply.md.j2").render(c=conversion)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
