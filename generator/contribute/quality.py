"""Quality: what makes a valid case a good one, as warnings for the secretariat's review.

The validator decides whether a case may be published; these checks say whether it will help
another municipality: every section written, enough text to learn from, measured results,
facts confirmed in the last two years, a contact address the municipality owns, and plain
language (LIX). They run in `smartcity review`, never in the build, and are all warnings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..content.body import scan_document
from ..content.diagnostics import Diagnostic
from ..content.documents import Document
from ..content.messages import diagnostic
from ..content.staleness import confirmed_on, stale_since
from ..content.taxonomy import Taxonomy, danish_slug
from . import lix
from .emaildomains import SHORT_DOMAINS, is_municipal

MIN_WORDS = 150


def unfilled_sections(doc: Document, *, prompts: bool = True) -> list[tuple[str, int]]:
    """(section, file line) for each expected `##` section without any prose of its own (a
    scaffold prompt is not prose); with `prompts=False`, only those that hold no prompt either
    (the validator reports each prompt as `body.prompt-unfilled`). A missing section is the
    validator's `body.section-missing`."""
    first = doc.frontmatter.body_line - 1
    return [
        (section.name, first + section.line)
        for section in scan_document(doc).sections
        if section.name in doc.type.sections
        and not section.units
        and (prompts or not section.prompts)
    ]


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
    # A section holding a prompt is the validator's `body.prompt-unfilled`, reported once.
    for section, line in unfilled_sections(doc, prompts=False):
        yield diagnostic("quality.section-unfilled", doc.path, line, 1, section=section)
    stats = lix.stats_of(scan_document(doc).units)
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
