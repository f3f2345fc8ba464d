"""Likely duplicates: a new case that describes a project the knowledge base already has.

Two contributors from the same municipality may describe one project twice, or a pull request
may copy a case to start from and forget to change it. A case is a likely duplicate of another
when both have the same lead municipality and their titles or summaries are similar.

Texts are normalized (lowercase, Danish transliteration, punctuation and the municipality's own
name removed) and compared two ways, the larger score counting: `difflib.SequenceMatcher`'s
ratio, which catches a copy with small edits, and the share of the shorter text's content words
(three letters or more, common Danish words left out) that the other text also has, which
catches a shorter rewrite of the same project ("En sensorbøje i Almindsø måler ... prognose for
badevandet"). The score of the more similar field is shown, so the secretariat can judge.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.documents import Document
from ..content.taxonomy import danish_slug

THRESHOLD = 0.6
"""Scores at or above this are reported. A near-copy scores above 0.9; the bundled content's
most similar pair of different projects of one municipality scores 0.34."""


@dataclass(frozen=True)
class Duplicate:
    case: Document
    """The existing case that the checked one resembles."""
    score: float
    """0 to 1: the larger of the title's and the summary's similarity."""
    field: str
    """`title` or `summary`: which of the two is most alike."""

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def normalize(text: object, municipality: object = "") -> str:
    """`Smart parkering i Århus!` -> `smart parkering i arhus`, without the municipality's name."""
    if not isinstance(text, str):
        return ""
    words = danish_slug(text).split("-")
    if isinstance(municipality, str) and municipality:
        name = set(danish_slug(municipality).split("-"))
        words = [w for w in words if w not in name and w not in ("kommune", "kommunes")]
    return " ".join(words)


STOPWORDS = frozenset(
    [
        "og",
        "i",
        "en",
        "et",
        "at",
        "af",
        "for",
        "med",
        "til",
        "paa",
        "er",
        "de",
        "der",
        "den",
        "det",
        "som",
        "om",
        "fra",
        "har",
        "kan",
        "vil",
        "saa",
        "ikke",
        "sig",
        "man",
        "hvor",
        "eller",
        "men",
        "var",
        "bliver",
        "blev",
        "kommunen",
        "kommunens",
        "nu",
        "ny",
        "nye",
        "alle",
        "flere",
        "mere",
        "sammen",
        "efter",
        "ved",
        "under",
        "over",
        "op",
        "ud",
    ]
)
"""Common words, transliterated as `normalize` leaves them, that say nothing about a project."""


def content_words(normalized: str) -> set[str]:
    return {w for w in normalized.split() if len(w) >= 3 and w not in STOPWORDS}


def similarity(a: str, b: str) -> float:
    """0 to 1 for two normalized texts: the larger of SequenceMatcher's ratio and the share of
    the shorter text's content words found in the other (texts of one content word excepted).

    The share is counted as if the shorter text had one word more, so two texts score 1
    (`100 %`) only when they are the same: a title with one word added or left out, or one
    whose other words are all common ones (`Nye sensorer ...`), is near, not equal.
    """
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    words_a, words_b = content_words(a), content_words(b)
    shorter = min(len(words_a), len(words_b))
    overlap = len(words_a & words_b) / (shorter + 1) if shorter >= 2 else 0.0
    return max(ratio, overlap)


def likely_duplicates(
    doc: Document, others: Iterable[Document], *, threshold: float = THRESHOLD
) -> list[Duplicate]:
    """Cases among `others` (itself excluded) that `doc` likely duplicates, best first."""
    municipality = doc.meta.get("municipality")
    if not isinstance(municipality, str):
        return []
    found: list[Duplicate] = []
    for other in others:
        if other.path == doc.path or other.meta.get("municipality") != municipality:
            continue
        scores = {
            key: similarity(
                normalize(doc.meta.get(key), municipality),
                normalize(other.meta.get(key), municipality),
            )
            for key in ("title", "summary")
        }
        key = max(scores, key=lambda k: scores[k])
        if scores[key] >= threshold:
            found.append(Duplicate(other, scores[key], key))
    return sorted(found, key=lambda d: (-d.score, d.case.slug))
