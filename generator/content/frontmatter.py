"""Read a content file: bytes -> text -> front matter (data with positions) and body.

MkDocs' own front-matter reader swallows YAML errors and renders the raw YAML into the page, so
the project reads every file itself first and reports each problem with its line and column.

The YAML is read from the parser's event stream rather than through PyYAML's recursive
composer and constructor. That gives three things at once: a position for every key and value,
a hard limit on nesting (no `RecursionError` on `[[[[...`), and rejection of what the content
model never needs (anchors and aliases, custom tags, duplicate keys, non-text keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from .diagnostics import Diagnostic
from .messages import diagnostic

MAX_FILE_BYTES = 256 * 1024
MAX_FRONTMATTER_BYTES = 32 * 1024
MAX_DEPTH = 4
"""Containers deep: the front matter (1), a list such as `results` (2), its items (3), and one
level of slack. The schemas need three."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader that leaves dates as text, so that JSON Schema's `format: date` sees text."""


class _PythonLoader(yaml.SafeLoader):
    """The same, on PyYAML's pure-Python parser, which has no nesting limit of its own."""


for _class in (_Loader, _PythonLoader):
    _class.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_DELIMITER = re.compile(r"^---[ \t]*$")
_CLOSERS = re.compile(r"^(---|\.\.\.)[ \t]*$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")

Path = tuple  # of str (mapping keys) and int (list indexes)


@dataclass
class Scalar:
    """How a non-text scalar was written, to explain YAML's surprises (`no` -> false)."""

    tag: str
    text: str
    quoted: bool


@dataclass
class FrontMatter:
    data: object
    """The front matter as plain Python data (dict, list, str, int, float, bool, None)."""
    body: str
    """The Markdown after the closing delimiter."""
    body_line: int
    """1-based file line on which the body starts."""
    values: dict = field(default_factory=dict)
    """Path -> (line, column) of each value, 1-based file positions."""
    keys: dict = field(default_factory=dict)
    """Path -> (line, column) of each mapping key."""
    scalars: dict = field(default_factory=dict)
    """Path -> `Scalar` for every value that YAML did not read as text."""
    verbatim: set = field(default_factory=set)
    """Paths of values written plain on one line, so a character's column is the value's
    column plus its index."""

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the key or value itself, else its nearest ancestor."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class _Stop(Exception):
    """Parsing cannot go on; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


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
    reader = _EventReader(yaml_text, file)
    try:
        data = reader.read()
    except _Stop as stop:
        return None, [*reader.problems, stop.diagnostic]
    if not isinstance(data, dict):
        return None, [*reader.problems, diagnostic("frontmatter.not-mapping", file, 2, 1)]
    fm = FrontMatter(
        data, body, body_line, reader.values, reader.keys, reader.scalars, reader.verbatim
    )
    return fm, reader.problems


class _Frame:
    __slots__ = ("container", "path", "key", "seen")

    def __init__(self, container, path):
        self.container = container
        self.path = path
        self.key = None  # mapping frames: the key waiting for its value
        self.seen: dict[str, int] = {}


class _EventReader:
    """Builds plain data and a position index from YAML parser events, without recursion."""

    FIRST_LINE = 2  # the YAML starts on the file's second line, after `---`

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.values: dict = {}
        self.keys: dict = {}
        self.scalars: dict = {}
        self.verbatim: set = set()
        self.problems: list[Diagnostic] = []

    def _pos(self, mark) -> tuple[int, int]:
        return mark.line + self.FIRST_LINE, mark.column + 1

    def _problem(self, code: str, mark, path=(), **params) -> Diagnostic:
        line, column = self._pos(mark)
        return diagnostic(code, self.file, line, column, field=_dotted(path), **params)

    def read(self):
        try:
            return self._read(_Loader)
        except _Stop as stop:
            if stop.diagnostic.code != "yaml.syntax" or _BaseLoader is yaml.SafeLoader:
                raise
            # libyaml (PyYAML 6.0.4 and later) has a nesting limit of its own, about 1000 levels,
            # and scans a line of `[[[[` ahead past it before the parser hands out the events
            # that the limit here counts. PyYAML's Python parser has no such limit: read the
            # text again with it to learn whether the nesting is the real problem.
            kept = self.values, self.keys, self.scalars, self.problems
            self.values, self.keys, self.scalars, self.problems = {}, {}, {}, []
            try:
                self._read(_PythonLoader)
            except _Stop as again:
                if again.diagnostic.code == "yaml.too-deep":
                    raise
            except yaml.YAMLError:  # the Python reader refuses some text before parsing at all
                pass
            self.values, self.keys, self.scalars, self.problems = kept
            raise stop

    def _read(self, loader_class):
        loader = loader_class(self.text)
        try:
            return self._consume(loader)
        except yaml.MarkedYAMLError as exc:
            raise _Stop(self._syntax_problem(exc)) from None
        except yaml.YAMLError as exc:  # reader errors carry no mark
            raise _Stop(
                diagnostic(
                    "yaml.syntax",
                    self.file,
                    self.FIRST_LINE,
                    1,
                    explanation=_explain(str(exc)),
                    problem=str(exc),
                )
            ) from None
        finally:
            loader.dispose()

    def _consume(self, loader):
        stack: list[_Frame] = []
        root = None
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind in (
                yaml.StreamStartEvent,
                yaml.DocumentStartEvent,
                yaml.DocumentEndEvent,
                yaml.StreamEndEvent,
            ):
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                continue
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                self._take_key(event, parent)
                continue
            path = self._child_path(parent)
            if kind is yaml.AliasEvent:
                self.problems.append(self._problem("yaml.alias", event.start_mark, path))
                value = None
            else:
                if event.anchor is not None:
                    self.problems.append(self._problem("yaml.alias", event.start_mark, path))
                self.values[path] = self._pos(event.start_mark)
                if kind is yaml.ScalarEvent:
                    value = self._scalar(loader, event, path)
                    if not event.style and event.start_mark.line == event.end_mark.line:
                        self.verbatim.add(path)
                else:
                    self._check_tag(event, path, "map" if kind is yaml.MappingStartEvent else "seq")
                    value = {} if kind is yaml.MappingStartEvent else []
                    if len(stack) + 1 > MAX_DEPTH:
                        raise _Stop(
                            self._problem("yaml.too-deep", event.start_mark, path, limit=MAX_DEPTH)
                        )
            if parent is None:
                root = value
            elif isinstance(parent.container, dict):
                if not isinstance(parent.key, _Duplicate):
                    parent.container[parent.key] = value
                parent.key = None
            else:
                parent.container.append(value)
            if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                stack.append(_Frame(value, path))
        return root

    def _child_path(self, parent: _Frame | None) -> Path:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def _take_key(self, event, frame: _Frame) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise _Stop(self._problem("yaml.key", event.start_mark, frame.path))
        key = event.value
        path = (*frame.path, key)
        line, column = self._pos(event.start_mark)
        if key in frame.seen:
            self.problems.append(
                self._problem(
                    "yaml.duplicate-key",
                    event.start_mark,
                    path,
                    key=key,
                    first_line=frame.seen[key],
                )
            )
            key = _Duplicate(key)  # keep reading; the value lands under a key nobody asks for
        else:
            frame.seen[key] = line
            self.keys[path] = (line, column)
        frame.key = key

    def _check_tag(self, event, path, expected: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or (expected and tag == _T + expected):
            return
        if tag not in _ALLOWED_TAGS:
            self.problems.append(
                self._problem("yaml.tag", event.start_mark, path, tag=_short_tag(tag))
            )

    def _scalar(self, loader, event, path):
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        elif tag not in _ALLOWED_TAGS:
            self.problems.append(
                self._problem("yaml.tag", event.start_mark, path, tag=_short_tag(tag))
            )
            return event.value
        if tag == _T + "str":
            return event.value
        self.scalars[path] = Scalar(tag, event.value, bool(event.style))
        if tag == _T + "null":
            return None
        if tag == _T + "bool":
            return event.value.lower() in ("yes", "true", "on")
        if not event.style and _SEXAGESIMAL.match(event.value):
            # YAML 1.1 reads `12:30` as 750 (base 60): never what a contributor meant.
            self.problems.append(
                self._problem("yaml.time-as-number", event.start_mark, path, text=event.value)
            )
            return event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            if tag == _T + "int":
                return SafeConstructor.construct_yaml_int(loader, node)
            return SafeConstructor.construct_yaml_float(loader, node)
        except (ValueError, OverflowError):
            raise _Stop(self._problem("yaml.number", event.start_mark, path)) from None

    def _syntax_problem(self, exc: yaml.MarkedYAMLError) -> Diagnostic:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # where the unclosed quote or bracket began
        lines = self.text.split("\n")
        if mark and mark.line >= len(lines):  # the end of the stream, after the last line
            line, column = self.FIRST_LINE + len(lines) - 1, len(lines[-1]) + 1
        else:
            line, column = self._pos(mark) if mark else (self.FIRST_LINE, 1)
        source_line = lines[line - self.FIRST_LINE]
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        if "\t" in source_line[:column] or "'\\t'" in problem:
            return diagnostic("yaml.tab", self.file, line, column)
        return diagnostic(
            "yaml.syntax", self.file, line, column, explanation=_explain(problem), problem=problem
        )


class _Duplicate(str):
    """A repeated key: stored apart so the first value stays the one that counts."""

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other) -> bool:
        return self is other


_HINTS = [
    (
        "mapping values are not allowed",
        "Der står et kolon efterfulgt af mellemrum inde i en værdi. Sæt hele værdien i anførselstegn",
    ),
    (
        "could not find expected ':'",
        "En linje mangler kolon efter feltnavnet, eller en tekst over flere linjer er ikke indrykket",
    ),
    (
        "did not find expected key",
        "Indrykningen passer ikke: felter på samme niveau skal stå lige under hinanden",
    ),
    (
        "did not find expected '-'",
        "Indrykningen passer ikke: punkterne i en liste skal stå lige under hinanden",
    ),
    ("found unexpected end of stream", "Et anførselstegn eller en parentes er ikke lukket"),
    (
        "found unknown escape character",
        "Der står en ugyldig \\-kode inde i dobbelte anførselstegn. Brug enkelte anførselstegn",
    ),
    (
        "found undefined tag handle",
        "Et !-tegn i starten af en værdi læses som et YAML-mærke. Sæt værdien i anførselstegn",
    ),
    (
        "found character that cannot start any token",
        "Et tegn som @, ` eller % kan ikke stå først i en værdi uden anførselstegn",
    ),
    (
        "expected <block end>",
        "Indrykningen passer ikke, eller en værdi i anførselstegn fortsætter efter anførselstegnet",
    ),
    ("expected ',' or ']'", "En liste i [ ] er ikke lukket korrekt"),
    ("expected ',' or '}'", "En { }-blok er ikke lukket korrekt"),
    (
        "found unexpected ':'",
        "Der står et kolon et sted, hvor det ikke må stå. Sæt værdien i anførselstegn",
    ),
]


def _explain(problem: str) -> str:
    for needle, hint in _HINTS:
        if needle in problem:
            return hint
    return "YAML-syntaksen er ikke gyldig. Tjek indrykning, kolon efter feltnavne og anførselstegn"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _dotted(path: Path) -> str:
    """`('results', 1, 'value')` -> `results[1].value`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


dotted = _dotted
