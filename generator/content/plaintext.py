"""Text is text: which characters a front-matter value may hold, named in Danish.

Plain-text fields (titles, summaries, units, notes, names) take any printable Unicode, `<`, `>`
and `&` included: every output escapes them. What they refuse is what no reader can see and
what breaks the outputs: C0 and C1 control characters (ESC, BEL, VT, NEL: `feed.xml` and the
calendar cannot carry them), the bidirectional controls that turn text around (U+202A-U+202E,
U+2066-U+2069), the line and paragraph separators U+2028/U+2029, noncharacters and lone
surrogates. A one-line field (`format: line` in the schema) refuses any line break as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

ONE_LINE = "line"
"""The schema `format` of a one-line text field."""

_NAMES = {
    "\x00": "NUL-tegn",
    "\x07": "klokketegn, BEL",
    "\x08": "tilbagetegn, BS",
    "\t": "tabulator",
    "\n": "linjeskift",
    "\x0b": "lodret tabulator, VT",
    "\x0c": "sideskift, FF",
    "\r": "vognretur, CR",
    "\x1b": "escape-tegn, ESC",
    "\x7f": "slettetegn, DEL",
    "\x85": "næste linje-tegn, NEL",
    "\u2028": "linjeseparator",
    "\u2029": "afsnitsseparator",
    "\u202a": "venstre-mod-højre-indlejring, LRE",
    "\u202b": "højre-mod-venstre-indlejring, RLE",
    "\u202c": "afslutning af retning, PDF",
    "\u202d": "venstre-mod-højre-tilsidesættelse, LRO",
    "\u202e": "højre-mod-venstre-tilsidesættelse, RLO",
    "\u2066": "venstre-mod-højre-isolering, LRI",
    "\u2067": "højre-mod-venstre-isolering, RLI",
    "\u2068": "isolering efter første stærke tegn, FSI",
    "\u2069": "afslutning af isolering, PDI",
}


def refused(char: str, *, one_line: bool) -> bool:
    """Whether `char` may not stand in a plain-text value."""
    code = ord(char)
    if char in "\n\t":
        return one_line and char == "\n"
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or code in (0x2028, 0x2029)
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


_NONCHARACTERS = "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
_REFUSED_CLASS = (
    "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
    "\\ud800-\\udfff\\ufdd0-\\ufdef" + _NONCHARACTERS
)
_REFUSED = {
    False: re.compile(f"[{_REFUSED_CLASS}]"),
    True: re.compile(f"[\\n{_REFUSED_CLASS}]"),
}
"""`refused` as one character class per `one_line`, so a value is searched in C, not looped
over in Python (tests/test_frontmatter.py checks the two agree on every code point)."""


def first_refused(value: str, *, one_line: bool) -> int | None:
    """The index of the first character `value` may not hold, or None."""
    match = _REFUSED[one_line].search(value)
    return match.start() if match else None


def name(char: str) -> str:
    """The character as a contributor can find it: `U+202E (højre-mod-venstre-...)`."""
    code = ord(char)
    if char in _NAMES:
        label = _NAMES[char]
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        label = "styretegn"
    elif 0xD800 <= code <= 0xDFFF:
        label = "halvt tegnpar (surrogat)"
    elif 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        label = "ikke-tegn, et kodepunkt uden tegn"
    else:
        label = unicodedata.name(char, "ukendt tegn").lower()
    return f"U+{code:04X} ({label})"


def strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every text value in front-matter data."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))


def is_line(value: object) -> bool:
    """The `line` format: text without a line break."""
    return not isinstance(value, str) or ("\n" not in value and "\r" not in value)
