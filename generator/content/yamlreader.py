"""The YAML of the front matter, read from the parser's event stream.

Rather than through PyYAML's recursive composer and constructor: that gives a position for every
key and value, a hard limit on nesting (no `RecursionError` on `[[[[...`), and rejection of what
the content model never needs (anchors and aliases, custom tags, duplicate keys, non-text keys).
`frontmatter.py` splits a file into this YAML and the body and calls `EventReader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from .diagnostics import Diagnostic
from .fieldpath import FieldPath, dotted
from .messages import diagnostic

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
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass
class Scalar:
    """How a non-text scalar was written, to explain YAML's surprises (`no` -> false)."""

    tag: str
    text: str
    quoted: bool


class Stop(Exception):
    """Parsing cannot go on; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Frame:
    __slots__ = ("container", "path", "key", "seen")

    def __init__(self, container, path):
        self.container = container
        self.path = path
        self.key = None  # mapping frames: the key waiting for its value
        self.seen: dict[str, int] = {}


class EventReader:
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
        return diagnostic(code, self.file, line, column, field=dotted(path), **params)

    def read(self):
        try:
            return self._read(_Loader)
        except Stop as stop:
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
            except Stop as again:
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
            raise Stop(self._syntax_problem(exc)) from None
        except yaml.YAMLError as exc:  # reader errors carry no mark
            raise Stop(
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
                        raise Stop(
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

    def _child_path(self, parent: _Frame | None) -> FieldPath:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def _take_key(self, event, frame: _Frame) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise Stop(self._problem("yaml.key", event.start_mark, frame.path))
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
            raise Stop(self._problem("yaml.number", event.start_mark, path)) from None

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
