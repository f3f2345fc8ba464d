"""Plain language: LIX, the Danish readability index, and the prose it is computed on.

LIX = words / sentences + 100 * long words / words, where a long word has more than six
letters (Björnsson 1968). Under 25 is very easy, 55 and over is very hard (legal and academic
prose). The forum's cases are read by busy colleagues in 98 municipalities, so the review
report shows every changed case's LIX and warns above 55.

Only the body's prose counts, as the renderer reads it (`generator.content.body`): headings,
code, tables, images, link targets and the scaffold's `*Skriv her:*` prompt lines are left out.
A paragraph or list item ends a sentence even without a full stop, as a reader takes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.body import scanner

LIX_WARN_ABOVE = 55
LONG_WORD = 6
"""A word with more letters than this is long."""

_URL = re.compile(r"\b(?:https?|mailto|tel):\S+")
_WORD = re.compile(r"[^\W_]+(?:[-.,'’/][^\W_]+)*")
_END = re.compile(r"[.!?:]+[\"'”»)]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    {
        "bl.a",
        "f.eks",
        "fx",
        "ca",
        "dvs",
        "evt",
        "inkl",
        "ekskl",
        "jf",
        "mht",
        "mv",
        "m.fl",
        "m.m",
        "nr",
        "osv",
        "pga",
        "pct",
        "mio",
        "mia",
        "iht",
        "vedr",
        "ift",
        "div",
        "st",
        "kl",  # `kl. 10`
        "d",  # `d. 3. marts`
        "hhv",
        "ang",
        "o.l",
        "p.t",
        "tlf",
        "stk",
        "vha",
        "skt",  # `Skt. Hans`
    }
)

LEVELS = ((25, "meget let"), (35, "let"), (45, "middel"), (55, "svær"))
"""Upper bounds (exclusive) of the usual Danish LIX bands; 55 and over is 'meget svær'."""


@dataclass(frozen=True)
class TextStats:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float | None:
        """The LIX score, or None for a text without words."""
        if not self.words:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words


def prose(markdown: str) -> list[str]:
    """The body's prose as units (paragraphs and list items), as the renderer reads it
    (`generator.content.body`): markup, headings, code, tables, link targets and prompts left out."""
    return [_clean(unit) for unit in scanner().scan(markdown, "cases").units]


def _clean(unit: str) -> str:
    """A unit without bare addresses, which are not words a reader reads."""
    return " ".join(_URL.sub(" ", unit).split())


def words(text: str) -> list[str]:
    """Words as a reader counts them: `2.500.000`, `smart-city` and `bl.a.` are one word each."""
    return _WORD.findall(text)


def _sentences(unit: str) -> int:
    unit = unit.strip()
    count, ended = 0, False
    for match in _END.finditer(unit):
        before = unit[: match.start()].split()
        previous = before[-1].lower().strip("(\"'") if before else ""
        if match.group().startswith(".") and previous in _ABBREVIATIONS:
            continue
        following = unit[match.end() :].lstrip()
        if match.group() == "." and (following[:1].islower() or following[:1].isdigit()):
            # `3. marts`, `2,5 mio. kr. om året`, `kl. 10`: a Danish sentence starts with a
            # capital letter, not a small one or a digit
            continue
        count += 1
        ended = match.end() == len(unit)
    return count if ended else count + 1  # a unit's last sentence may lack its full stop


def stats(markdown: str) -> TextStats:
    """Counts for the LIX of a Markdown body."""
    return stats_of(prose(markdown))


def stats_of(units: list[str]) -> TextStats:
    """Counts for the LIX of prose units (`generator.content.body.BodyScan.units`)."""
    total_words = total_sentences = long_words = 0
    for unit in units:
        found = words(_clean(unit))
        if not found:
            continue
        total_words += len(found)
        total_sentences += _sentences(unit)
        long_words += sum(1 for w in found if sum(ch.isalpha() for ch in w) > LONG_WORD)
    return TextStats(total_words, max(total_sentences, 1 if total_words else 0), long_words)


def lix(markdown: str) -> float | None:
    """LIX of a Markdown body, or None when it has no words."""
    return stats(markdown).lix


def level(score: float) -> str:
    """The Danish name of a LIX band: `let`, `middel`, `meget svær`."""
    for bound, name in LEVELS:
        if score < bound:
            return name
    return "meget svær"
