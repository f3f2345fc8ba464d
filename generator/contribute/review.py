"""`smartcity review`: a Markdown report on a pull request's cases, for the secretariat.

For every content file added or changed since a base ref it gives the validator's verdict, the
quality warnings (`quality.py`), the LIX, likely duplicates (`duplicates.py`), the external
links to check and, for a changed case, what changed in its front matter. It says when the
change touches code, which a developer must review too. `--stale` instead lists every case
whose facts are over two years old (`staleness.py`).

The report is data (`Review`) rendered by `templates/review.md.j2`; contributors' text is
escaped for Markdown on the way out, so a title cannot @mention anyone or break a table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from ..content.body import scan_document, scanner
from ..content.bodytargets import scheme
from ..content.diagnostics import Diagnostic, Severity
from ..content.documents import Document
from ..content.frontmatter import parse
from ..content.project import Project, today
from ..content.staleness import confirmed_on, stale_since
from ..content.validate import ContentTree, load_tree
from . import changes as git
from . import lix
from .comments import environment
from .duplicates import Duplicate, likely_duplicates
from .quality import check_case

CONTENT = "content/"
SECRETARIAT = "@smartcity-forum/sekretariat"
DEVELOPERS = "@smartcity-forum/udviklere"
STATUS_LABELS = {"added": "ny", "modified": "ændret", "deleted": "slettet", "renamed": "omdøbt"}


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""

    @property
    def insecure(self) -> bool:
        return self.url.startswith("http://")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass
class FileReview:
    change: git.Change
    doc: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    quality: list[Diagnostic] = field(default_factory=list)
    lix: float | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    field_changes: list[FieldChange] = field(default_factory=list)
    old_unreadable: bool = False

    @property
    def path(self) -> str:
        return self.change.path

    @property
    def status(self) -> str:
        return STATUS_LABELS[self.change.status]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING] + self.quality

    @property
    def lix_level(self) -> str:
        return lix.level(self.lix) if self.lix is not None else ""


@dataclass
class Review:
    base_ref: str
    base_commit: str
    files: list[FileReview] = field(default_factory=list)
    code_changes: list[git.Change] = field(default_factory=list)
    other_errors: list[Diagnostic] = field(default_factory=list)
    lix_limit: int = lix.LIX_WARN_ABOVE

    @property
    def errors(self) -> int:
        return sum(len(f.errors) for f in self.files) + len(self.other_errors)

    @property
    def warnings(self) -> int:
        return sum(len(f.warnings) for f in self.files)

    @property
    def touches_schema(self) -> bool:
        return any(c.path.startswith("schema/") for c in self.code_changes)


def review(project: Project, base: str | None = None) -> Review:
    """Review the content changed since `base` (default `origin/main`, else `main`).

    Raises:
        changes.GitError: Git is missing, the project is not in a repository, or `base` is unknown.
    """
    root = project.root
    ref, commit = git.resolve(root, base)
    since = git.merge_base(root, commit)
    changed = git.changed_files(root, since)
    tree = load_tree(project)
    by_file: dict[str, list[Diagnostic]] = {}
    for d in tree.result.sorted():
        by_file.setdefault(d.file, []).append(d)
    docs = {d.path: d for docs in tree.documents.values() for d in docs}
    report = Review(ref, since[:7])
    day = today()
    for change in changed:
        if not change.path.startswith(CONTENT):
            report.code_changes.append(change)
            continue
        item = FileReview(change, docs.get(change.path), by_file.pop(change.path, []))
        if item.doc is not None and change.status != "deleted":
            _inspect(item, project, tree, day, since)
        report.files.append(item)
    report.other_errors = [d for ds in by_file.values() for d in ds if d.severity is Severity.ERROR]
    return report


def _inspect(
    item: FileReview, project: Project, tree: ContentTree, day: dt.date, since: str
) -> None:
    doc = item.doc
    old = None
    if item.change.status in ("modified", "renamed"):
        raw = git.file_at(project.root, since, item.change.old_path or item.change.path)
        old = parse(raw, item.path)[0] if raw is not None else None
        if old is None:
            item.old_unreadable = True
        else:
            item.field_changes = field_changes(old.data, doc.meta)
    if doc.type.name == "case":
        item.quality = sorted(
            check_case(doc, project.taxonomy, day), key=lambda d: (d.line, d.column, d.code)
        )
        item.duplicates = likely_duplicates(doc, tree.of_type("cases"))
    item.lix = lix.stats_of(scan_document(doc).units).lix
    known = {link.url for link in links(old.data, old.body)} if old is not None else set()
    item.links = [link for link in links(doc.meta, doc.body) if link.url not in known]


def links(meta: dict, body: str) -> list[Link]:
    """External links in a case: `links`, `source_code`, and links in the body; each URL once."""
    found: dict[str, Link] = {}
    for entry in meta.get("links") or []:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            found.setdefault(entry["url"], Link(entry["url"], str(entry.get("title") or "")))
    source = meta.get("source_code")
    if isinstance(source, str):
        found.setdefault(source, Link(source, "Kildekode"))
    for target in scanner().scan(body or "", "cases").targets:
        if not target.image and scheme(target.url) in ("http", "https"):
            found.setdefault(target.url, Link(target.url, target.text))
    return list(found.values())


def field_changes(before: dict, after: dict) -> list[FieldChange]:
    """What changed in the front matter, one row per field (`contact.email` for nested ones)."""
    rows: list[FieldChange] = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            for sub in dict.fromkeys([*old, *new]):
                if old.get(sub) != new.get(sub):
                    rows.append(FieldChange(f"{key}.{sub}", _show(old, sub), _show(new, sub)))
        else:
            rows.append(FieldChange(key, _show(before, key), _show(after, key)))
    return rows


def _show(mapping: dict, key: str, limit: int = 80) -> str | None:
    if key not in mapping:
        return None
    value = mapping[key]
    if isinstance(value, str):
        text = value
    elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, list):
        text = f"{len(value)} punkter" if len(value) != 1 else "1 punkt"
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class StaleCase:
    doc: Document
    confirmed: dt.date
    since: dt.date


def stale_cases(project: Project) -> list[StaleCase]:
    """Every case whose facts are over two years old, the oldest first."""
    day = today()
    found = []
    for doc in load_tree(project).of_type("cases"):
        since = stale_since(doc.meta, day)
        if since is not None:
            found.append(StaleCase(doc, confirmed_on(doc.meta), since))
    return sorted(found, key=lambda s: (s.confirmed, s.doc.slug))


def render(report: Review) -> str:
    """The report as one Markdown comment."""
    text = (
        environment()
        .get_template("review.md.j2")
        .render(review=report, secretariat=SECRETARIAT, developers=DEVELOPERS)
    )
    return _tidy(text)


def render_stale(cases: list[StaleCase]) -> str:
    """The `--stale` listing as Markdown."""
    return _tidy(environment().get_template("stale.md.j2").render(cases=cases, today=today()))


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
