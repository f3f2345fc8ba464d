"""Rules a JSON Schema cannot say: fields compared with each other, with today, with the body.

Each rule looks only at fields whose type is already right, so a wrong type gives one
message (from the schema), not two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .body import scan_document
from .diagnostics import Diagnostic
from .documents import Document
from .frontmatter import dotted
from .messages import diagnostic
from .taxonomy import Taxonomy


def _at(doc: Document, path: tuple, code: str, **params) -> Diagnostic:
    line, column = doc.frontmatter.position(path)
    return diagnostic(code, doc.path, line, column, field=dotted(path), **params)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _year(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check_dates(doc: Document, today: dt.date) -> Iterator[Diagnostic]:
    published, reviewed = _date(doc.meta.get("published")), _date(doc.meta.get("reviewed"))
    if published and published > today:
        yield _at(
            doc,
            ("published",),
            "date.published-future",
            published=published,
            today=today.isoformat(),
        )
    if reviewed and published and reviewed < published:
        yield _at(
            doc,
            ("reviewed",),
            "date.reviewed-before-published",
            reviewed=reviewed,
            published=published,
        )
    if reviewed and reviewed > today:
        yield _at(
            doc, ("reviewed",), "date.reviewed-future", reviewed=reviewed, today=today.isoformat()
        )


def check_years(doc: Document, today: dt.date) -> Iterator[Diagnostic]:
    started, ended = _year(doc.meta.get("started")), _year(doc.meta.get("ended"))
    if started is not None and started > today.year + 1:
        yield _at(doc, ("started",), "case.started-future", value=started, limit=today.year + 1)
    if started is not None and ended is not None and ended < started:
        yield _at(doc, ("ended",), "case.ended-before-started", ended=ended, started=started)
    if doc.meta.get("status") == "ended" and "ended" not in doc.meta:
        yield _at(doc, ("status",), "case.ended-missing", year=today.year)


def check_case(doc: Document, taxonomy: Taxonomy, today: dt.date) -> Iterator[Diagnostic]:
    """The case's own rules: its years, and its partners."""
    yield from check_years(doc, today)
    yield from check_partners(doc, taxonomy)


def check_partners(doc: Document, taxonomy: Taxonomy) -> Iterator[Diagnostic]:
    """A partner that is the lead again is an error; a near miss of a municipality a warning.

    Names as people write them (`Aarhus Kommune`, `Københavns Kommune`, `Region Midtjylland`,
    `KL`) are recognised and linked, without a word.
    """
    partners = doc.meta.get("partners")
    if not isinstance(partners, list):
        return
    lead = doc.meta.get("municipality")
    for index, partner in enumerate(partners):
        if not isinstance(partner, str):
            continue
        named = taxonomy.municipality_named(partner)
        if named is not None:
            if named.name == lead:
                yield _at(doc, ("partners", index), "partner.is-lead", value=partner)
        elif taxonomy.region_named(partner) is None and not taxonomy.is_kl(partner):
            match = taxonomy.municipality_match(partner)
            if match:
                yield _at(
                    doc, ("partners", index), "partner.municipality-name", value=partner, name=match
                )


def check_body(doc: Document) -> Iterator[Diagnostic]:
    """What the renderer's reading of the body found (`generator.content.body`), at file lines."""
    scan = scan_document(doc)
    first = doc.frontmatter.body_line - 1
    for finding in scan.findings:
        yield diagnostic(
            finding.code, doc.path, first + finding.line, finding.column, **finding.params
        )
    for section in scan.sections:
        for line in section.prompts:
            yield diagnostic(
                "body.prompt-unfilled", doc.path, first + line, 1, section=section.name or ""
            )


def check_sections(doc: Document) -> Iterator[Diagnostic]:
    scan = scan_document(doc)
    if not doc.type.sections or not scan.rendered:
        return
    present = scan.section_names()
    names = ", ".join(doc.type.sections)
    for section in doc.type.sections:
        if section not in present:
            yield diagnostic(
                "body.section-missing",
                doc.path,
                doc.frontmatter.body_line,
                1,
                section=section,
                sections=names,
            )


def check_document(doc: Document, taxonomy: Taxonomy, today: dt.date) -> Iterator[Diagnostic]:
    """Every single-file rule for one document: the dates, its type's own rules, the body."""
    yield from check_dates(doc, today)
    for rule in doc.type.rules:
        yield from rule(doc, taxonomy, today)
    yield from check_sections(doc)
    yield from check_body(doc)
