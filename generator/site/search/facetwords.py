"""The words of a case's facets, added to its search document so that text search knows them.

A reader types what the finder's facets say (`borgerinddragelse`, `i drift`, `Midtjylland`) or a
municipality as they spell it (`Kobenhavn`, `Århus`, `Aalborg Kommune`). The case text rarely
says these words, so each case's document carries them: theme labels, the status label and
keyword labels with the keywords (`tags` field), and the lead and partner municipalities in
every common spelling, the region and the other partners (`municipality` field). They go
through the same analysis as every other word, so the browser needs no list of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...content.taxonomy import keyword_label

_SPELLINGS = (
    # how Danish letters are typed without them, and the spelling before 1948 (å was aa)
    str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}),
    str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"}),
)


def spellings(name: str) -> list[str]:
    """A place name as readers type it: as written, without æ/ø/å (`Koebenhavn`, `Kobenhavn`),
    and with `aa` and `å` swapped, old and new (`Aalborg`/`Ålborg`, `Aarhus`/`Århus`)."""
    found = [name]
    for table in _SPELLINGS:
        found.append(name.translate(table))
    found.append(name.replace("Aa", "Å").replace("aa", "å"))
    found.append(name.replace("Å", "Aa").replace("å", "aa"))
    return list(dict.fromkeys(found))


def _join(parts: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(p for p in parts if p))


def case_tags_text(case) -> str:
    """Keywords with their labels, theme labels and the status label."""
    return _join(
        [
            *case.tags,
            *(keyword_label(t) for t in case.tags),
            *(t.label for t in case.themes),
            case.status_label,
        ]
    )


def case_places_text(case) -> str:
    """Lead and partner municipalities in every spelling, `Kommune`, the region, partners."""
    places = [case.municipality] + [p.municipality for p in case.partners if p.municipality]
    parts = []
    for municipality in places:
        parts += spellings(municipality.name)
    parts.append("Kommune")
    parts += spellings(case.region.name)
    parts += [p.name for p in case.partners if not p.municipality]
    return _join(parts)
