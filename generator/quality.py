"""Quality: what makes a valid case a good one, as warnings for the secretariat's review.

The validator decides whether a case may be published; these checks say whether it will help
another municipality: every section written, enough text to learn from, measured results,
facts confirmed in the last two years, a contact address the municipality owns, and plain
language (LIX). They run in `smartcity review`, never in the build, and are all warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from . import lix
from .content import Document
from .diagnostics import Diagnostic
from .emaildomains import SHORT_DOMAINS, is_municipal
from .messages import diagnostic
from .rules import headings
from .staleness import confirmed_on, stale_since
from .taxonomy import Taxonomy, danish_slug

MIN_WORDS = 150
PROMPT = re.compile(r"^\s*[*_]{0,2}Skriv her:")
"""A scaffold prompt (`*Skriv her:* Hvad var problemet?`), see `generator/scaffolds/case.md.j2`."""

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")


def without_prompts(body: str) -> str:
    """The body with the scaffold's prompt lines taken out."""
    return "\n".join(line for line in body.split("\n") if not PROMPT.match(line))


def unfilled_sections(doc: Document) -> list[tuple[str, int]]:
    """(section, file line) for each expected `##` section that still holds a scaffold prompt
    or nothing at all. A missing section is the validator's `body.section-missing`."""
    found: list[tuple[str, int]] = []
    current: tuple[str, int] | None = None
    lines: list[str] = []

    def close() -> None:
        if (
            current
            and current[0] in doc.type.sections
            and (any(PROMPT.match(line) for line in lines) or not lix.prose("\n".join(lines)))
        ):
            found.append(current)

    for index, line in enumerate(doc.body.split("\n")):
        match = _HEADING.match(line)
        if match:
            close()
            current, lines = (match.group(1).strip(), doc.frontmatter.body_line + index), []
        elif line.startswith("# "):
            close()
            current, lines = None, []
        else:
            lines.append(line)
    close()
    return found


def municipal_domain(municipality: object) -> str:
    """The address a municipality most likely uses: `kk.dk`, `aarhus.dk`."""
    for domain, name in SHORT_DOMAINS.items():
        if name == municipality:
            return domain
    slug = danish_slug(municipality) if isinstance(municipality, str) else ""
    return f"{slug.replace('-', '') or 'kommune'}.dk"


def check_case(doc: Document, taxonomy: Taxonomy, today: dt.date) -> Iterator[Diagnostic]:
    """Every quality warning for one case, in file order."""
    meta = doc.meta

    def at(path: tuple, code: str, **params) -> Diagnostic:
        line, column = doc.frontmatter.position(path)
        return diagnostic(code, doc.path, line, column, field=".".join(path), **params)

    body_line = doc.frontmatter.body_line
    present = headings(doc.body)
    for section, line in unfilled_sections(doc):
        if section in present:
            yield diagnostic("quality.section-unfilled", doc.path, line, 1, section=section)
    stats = lix.stats(without_prompts(doc.body))
    if stats.words < MIN_WORDS:
        yield diagnostic(
            "quality.body-short", doc.path, body_line, 1, words=stats.words, limit=MIN_WORDS
        )
    score = stats.lix
    if score is not None and score > lix.LIX_WARN_ABOVE:
        yield diagnostic(
            "quality.lix-high",
            doc.path,
            body_line,
            1,
            lix=round(score),
            level=lix.level(score),
            limit=lix.LIX_WARN_ABOVE,
        )
    if not meta.get("results"):
        yield diagnostic("quality.results-missing", doc.path, 0, 0)
    if not meta.get("reuse"):
        # The case page's reuse box shows these facts to readers; the contributor hears here.
        yield diagnostic("quality.reuse-missing", doc.path, 0, 0)
    if stale_since(meta, today):
        key = "reviewed" if "reviewed" in meta else "published"
        yield at(
            (key,), "quality.stale", date=confirmed_on(meta).isoformat(), today=today.isoformat()
        )
    contact = meta.get("contact")
    email = contact.get("email") if isinstance(contact, dict) else None
    if isinstance(email, str) and "@" in email and not is_municipal(email, taxonomy.municipalities):
        yield at(
            ("contact", "email"),
            "quality.email-not-municipal",
            email=email,
            domain=municipal_domain(meta.get("municipality")),
        )
