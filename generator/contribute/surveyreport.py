"""The Danish report of `smartcity import`: how the file was read, each row, the totals."""

from __future__ import annotations

from ..content.types import CASE
from .survey import Import
from .surveycolumns import REQUIRED

_STATUSES = ("written", "planned", "exists", "duplicate", "invalid")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def report(result: Import) -> str:
    """The Danish report: how the file was read, then one entry per row, then the totals."""
    layout = result.layout
    first, last = layout.header_rows
    rows = f"række {first}" if first == last else f"række {first}-{last}"
    lines = [f"Læste {result.source} ({layout.description}); overskrifterne står i {rows}."]
    lines.append(
        "Kolonner: " + "; ".join(f"'{c.header}' → {n}" for n, c in layout.columns.items()) + "."
    )
    if layout.unused:
        lines.append("Ikke brugt: " + "; ".join(f"'{u}'" for u in layout.unused) + ".")
    missing = [n for n in REQUIRED if n not in layout.columns]
    if missing:
        lines.append("Ingen kolonne til: " + ", ".join(missing) + ". Brug evt. --columns.")
    lines.append("")
    verbs = {"written": "skrevet", "planned": "ville blive skrevet (--dry-run)"}
    for o in result.outcomes:
        if o.status in verbs:
            lines.append(f"Række {o.row}: {o.path} {verbs[o.status]}.")
        elif o.status == "exists":
            lines.append(
                f"Række {o.row}: ikke skrevet, fordi {o.path} findes allerede; den er ikke ændret."
            )
        elif o.status == "duplicate":
            lines.append(f"Række {o.row}: ikke skrevet: {o.reasons[0]} ({o.path}).")
        else:
            lines.append(f"Række {o.row}: kan ikke blive til en case og er ikke skrevet:")
            lines += [f"  - {reason}" for reason in o.reasons]
        if o.status in verbs:
            lines += [f"  Gættet: {g}" for g in o.guesses]
            sections = [t for t in o.todo if t in CASE.sections]
            if sections:
                lines.append(
                    f"  Udfyld: {'afsnittet' if len(sections) == 1 else 'afsnittene'} "
                    f"{_and(sections)} (linjerne, der begynder med 'Skriv her:')."
                )
            if "reuse" in o.todo:
                lines.append("  Udfyld: reuse (svaret siger, at løsningen kan genbruges).")
    counts = {s: sum(1 for o in result.outcomes if o.status == s) for s in _STATUSES}
    rejected = counts["duplicate"] + counts["invalid"]
    done = (
        _count(counts["planned"], "case", "cases") + " ville blive skrevet"
        if result.dry_run
        else _count(counts["written"], "case", "cases") + " skrevet"
    )
    tail = (
        f" {_count(result.blank_rows, 'tom række', 'tomme rækker')} er sprunget over."
        if result.blank_rows
        else ""
    )
    lines.append("")
    lines.append(
        f"{_count(len(result.outcomes), 'række', 'rækker')} med svar: {done}, "
        f"{counts['exists']} fandtes allerede, {rejected} kunne ikke blive til en case.{tail}"
    )
    if result.dry_run:
        lines.append("Der er ikke skrevet nogen filer (--dry-run).")
    elif not counts["written"] and counts["exists"]:
        lines.append(
            "Der er ikke skrevet nogen filer: de cases, filen kan blive til, findes allerede, og eksisterende filer overskrives aldrig."
        )
    elif counts["written"]:
        lines.append(
            "Næste skridt: Læs filerne igennem, ret det gættede, udfyld afsnittene, og tjek dem med 'smartcity validate'."
        )
    return "\n".join(lines) + "\n"
