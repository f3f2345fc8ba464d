"""Read a content file: bytes -> text -> front matter (data with positions) and body.

MkDocs' own front-matter reader swallows YAML errors and renders the raw YAML into the page, so
the project reads every file itself first and reports each problem with its line and column.

The YAML is read from the parser's event stream (`yamlreader.py`), with a position for every key
and value; `fieldpath.py` names where a value sits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .fieldpath import FieldPath, dotted
from .messages import diagnostic
from .yamlreader import EventReader, Stop

MAX_FILE_BYTES = 256 * 1024
MAX_FRONTMATTER_BYTES = 32 * 1024
_DELIMITER = re.compile(r"^---[ \t]*$")
_CLOSERS = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class FrontMatter:
    data: object
    """The front matter as plain Python data (dict, list, str, int, float, bool, None)."""
    body: str
    """The Markdown after the closing delimiter."""
    body_line: int
    """1-based file line on which the body starts."""
    values: dict = field(default_factory=dict)
    """Field path (`fieldpath.FieldPath`) -> (line, column) of each value, 1-based."""
    keys: dict = field(default_factory=dict)
    """Field path -> (line, column) of each mapping key."""
    scalars: dict = field(default_factory=dict)
    """Field path -> `yamlreader.Scalar` for every value that YAML did not read as text."""
    verbatim: set = field(default_factory=set)
    """Paths of values written plain on one line, so a character's column is the value's
    column plus its index."""

    def position(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the key or value itself, else its nearest ancestor."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def _utf16(raw: bytes) -> str | None:
    """`UTF-16` (with its byte order) when the file is saved so, as Windows' editors offer.

    With a byte-order mark it is certain; without one, text in UTF-16 has a zero byte in every
    other place for each ASCII letter, which no text in UTF-8 has.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 LE" if raw.startswith(b"\xff\xfe") else "UTF-16 BE"
    sample = raw[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, variant in ((odd, even, "UTF-16 LE"), (even, odd, "UTF-16 BE")):
        if zeros > half * 0.6 and others == 0:
            try:
                raw.decode(variant.replace(" ", "-").lower())
            except UnicodeDecodeError:
                return None
            return variant
    return None


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text with `\\n` line ends, or the reason it is not acceptable text."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [diagnostic("file.too-large", file, 0, 0, size=len(raw), limit=MAX_FILE_BYTES)]
    if not raw.strip():
        return None, [diagnostic("file.empty", file, 0, 0)]
    utf16 = _utf16(raw)
    if utf16:
        return None, [diagnostic("file.utf16", file, 0, 0, variant=utf16)]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        return None, [diagnostic("file.nul", file, line, column, offset=nul)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        return None, [diagnostic("file.encoding", file, line, column, offset=offset)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split(text: str, file: str) -> tuple[str, str, int] | Diagnostic:
    """Text -> (yaml, body, body_line), using the same `---` rule as MkDocs."""
    lines = text.split("\n")
    if not _DELIMITER.match(lines[0]):
        return diagnostic("frontmatter.missing", file, 1, 1)
    for index in range(1, len(lines)):
        if _CLOSERS.match(lines[index]):
            yaml_text = "\n".join(lines[1:index])
            if len(yaml_text.encode("utf-8")) > MAX_FRONTMATTER_BYTES:
                return diagnostic("frontmatter.too-large", file, 1, 1, limit=MAX_FRONTMATTER_BYTES)
            return yaml_text, "\n".join(lines[index + 1 :]), index + 2
    # Unclosed: point at the first Markdown heading, where the closing line most likely belongs.
    heading = next((i for i in range(1, len(lines)) if lines[i].startswith("#")), None)
    if heading is not None:
        return diagnostic("frontmatter.unclosed-before", file, heading + 1, 1)
    return diagnostic("frontmatter.unclosed", file, 1, 1)


def parse(raw: bytes, file: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Read one content file. Returns the front matter, or None and the reasons it failed."""
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    parts = split(text, file)
    if isinstance(parts, Diagnostic):
        return None, [parts]
    yaml_text, body, body_line = parts
    reader = EventReader(yaml_text, file)
    try:
        data = reader.read()
    except Stop as stop:
        return None, [*reader.problems, stop.diagnostic]
    if not isinstance(data, dict):
        return None, [*reader.problems, diagnostic("frontmatter.not-mapping", file, 2, 1)]
    fm = FrontMatter(
        data, body, body_line, reader.values, reader.keys, reader.scalars, reader.verbatim
    )
    return fm, reader.problems


__all__ = ["FieldPath", "FrontMatter", "decode", "dotted", "parse", "split"]
