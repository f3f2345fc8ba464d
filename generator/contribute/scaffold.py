"""`smartcity new`: a new case file from a contributor's answers, rendered from a template.

The file is rendered from `scaffolds/case.md.j2` (package data) and is valid from the start:
every required field is filled, and each of the four sections holds a short Danish prompt
(`*Skriv her:* ...`) that `smartcity review` reports as unfilled until it is replaced. The
prompts are plain Markdown because the validator refuses raw HTML, comments included.

A file is never overwritten: it is opened with mode `x`, so even a race loses safely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..content.diagnostics import Diagnostic, Result
from ..content.documents import RESERVED_SLUGS, SLUG_MAX, Document
from ..content.frontmatter import parse
from ..content.messages import diagnostic
from ..content.project import Project
from ..content.taxonomy import danish_slug
from ..content.types import CASE
from ..content.validate import validate
from .quality import unfilled_sections

PROMPTS: dict[str, str] = {
    "Udfordring": "Hvilket problem ville kommunen løse, og for hvem? Hvorfor var det vigtigt?",
    "Løsning": "Hvad gjorde I? Hvilken teknologi og hvilke partnere brugte I, og hvordan var "
    "projektet organiseret og finansieret?",
    "Resultater": "Hvad kom der ud af det? Skriv tal, hvor I har dem, og skriv dem også under "
    "'results' øverst i filen.",
    "Erfaringer": "Hvad ville I gøre igen, og hvad ville I gøre anderledes? Hvad skal en anden "
    "kommune vide, før den går i gang?",
}
"""One prompt per section of `content.CASE`, in its order."""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass
class CaseDraft:
    """The answers a new case is made from; values are written as given (the validator judges)."""

    title: object
    municipality: object
    themes: list
    status: object
    started: object
    summary: object
    email: object
    published: dt.date
    ended: object = None
    contact_name: str | None = None
    contact_role: str | None = None
    tags: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    contact_phone: str | None = None
    budget_dkk: int | None = None
    source_code: str | None = None
    reuse: dict = field(default_factory=dict)
    """`reuse` as the schema has it (procurement, supplier, running_cost_dkk, ...)."""
    sections: dict[str, str] = field(default_factory=dict)
    """Section name -> Markdown text; a section left out gets its prompt."""


def slug_for(title: object) -> str:
    """The file name (without `.md`) for a title: Danish transliteration, at most 80 characters,
    cut at a word boundary; a reserved name (`index`) gets `-case` appended."""
    slug = danish_slug(title) if isinstance(title, str) else ""
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0][:SLUG_MAX].strip("-")
    if slug in RESERVED_SLUGS:
        slug += "-case"
    return slug


def case_path(project: Project, slug: str) -> Path:
    return project.content_dir / CASE.directory / f"{slug}.md"


def _yaml(value: object) -> str:
    """One-line YAML for a value, quoted where YAML would misread it (`no`, `12:30`, `# x`)."""
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _folded(value: object, width: int = 90) -> str:
    """The text as the lines of a `>-` block scalar, indented two spaces."""
    import textwrap

    words = " ".join(str(value or "").split())
    lines = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join("  " + line for line in lines) if lines else "  ''"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "scaffolds"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(yaml=_yaml, folded=_folded)
    return env


def render_case(draft: CaseDraft) -> str:
    """The text of the case file."""
    sections = [(name, PROMPTS[name]) for name in CASE.sections]
    text = _environment().get_template("case.md.j2").render(case=draft, sections=sections)
    return text.lstrip("\n")


def write_case(project: Project, draft: CaseDraft) -> Path:
    """Write the draft to `content/cases/<slug>.md`.

    Raises:
        FileExistsError: a case with that slug exists; it is left untouched.
    """
    path = case_path(project, slug_for(draft.title))
    write_new(path, render_case(draft))
    return path


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; raises `FileExistsError` rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def check_new(project: Project, path: Path) -> tuple[Result, list[Diagnostic]]:
    """The validator's result for a new file (a warning for each prompt still there), and a
    warning for each section left empty without a prompt."""
    result = validate(project, [path])
    rel = project.relative(path)
    fm, _ = parse(path.read_bytes(), rel)
    if fm is None:
        return result, []
    doc = Document(CASE, rel, path.name[:-3], fm)
    return result, [
        diagnostic("quality.section-unfilled", rel, line, 1, section=section)
        for section, line in unfilled_sections(doc, prompts=False)
    ]
