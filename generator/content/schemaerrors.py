"""Turn jsonschema's errors into Danish diagnostics at the right line.

`str(ValidationError)` dumps schemas at the reader; instead each error becomes one catalog
message, labelled with the field's Danish `title`, positioned at the key or value in the file,
and, where a contributor most likely misspelt something, with a `Mente du ...?` hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jsonschema import ValidationError
from referencing import Registry

from .diagnostics import Diagnostic
from .frontmatter import FrontMatter, dotted
from .messages import diagnostic, suggestion
from .plaintext import ONE_LINE, first_refused, name, strings
from .taxonomy import Taxonomy, closest

_TYPE_WORDS = {
    "string": "tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "array": "en liste",
    "object": "en gruppe af felter (navn: værdi på hver sin linje)",
    "boolean": "ja eller nej (true/false)",
    "null": "tom",
}
_YAML_BOOLS = {"yes", "no", "on", "off", "true", "false", "y", "n"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?( ?kr\.?)?$")


class SchemaErrorExplainer:
    """Explains errors for one schema, with titles looked up through its `$ref`s."""

    def __init__(self, schema: dict, registry: Registry, taxonomy: Taxonomy) -> None:
        self.schema = schema
        self.registry = registry
        self.taxonomy = taxonomy

    def explain(self, error: ValidationError, fm: FrontMatter, file: str) -> Iterator[Diagnostic]:
        path = tuple(error.absolute_path)
        keyword = error.validator
        method = getattr(self, f"_{keyword}", None)
        if method is None:
            yield self._at(
                fm, file, path, "schema.other", title=self.title(path), detail=error.message
            )
            return
        yield from method(error, fm, file, path)

    # -- lookups ---------------------------------------------------------------------------

    def _resolve(self, node: dict, base: str) -> tuple[dict, str]:
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            uri = base + ref if ref.startswith("#") else ref
            target = self.registry.resolver().lookup(uri).contents
            base = uri.split("#")[0]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, base

    def subschema(self, path) -> dict:
        node, base = self._resolve(self.schema, self.schema.get("$id", ""))
        for part in path:
            child = (
                node.get("items", {})
                if isinstance(part, int)
                else node.get("properties", {}).get(part, {})
            )
            node, base = self._resolve(child, base)
        return node

    def title(self, path) -> str:
        """The Danish title of the field at `path`, or of the nearest list it sits in."""
        path = tuple(path)
        while path:
            title = self.subschema(path).get("title")
            if title:
                return title
            path = path[:-1]
        return "Feltet"

    def _at(self, fm, file, path, code, *, at_key=False, **params) -> Diagnostic:
        line, column = fm.position(path, key=at_key) if path else (1, 1)
        return diagnostic(code, file, line, column, field=dotted(path), **params)

    # -- one method per JSON Schema keyword -------------------------------------------------

    def _required(self, error, fm, file, path):
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                sub = self.subschema((*path, key))
                yield self._at(
                    fm,
                    file,
                    path,
                    "schema.required",
                    key=key,
                    title=sub.get("title", key),
                    description=sub.get("description", ""),
                )
            # The diagnostic points at the parent's key (or the opening `---` for the root).

    def _additionalProperties(self, error, fm, file, path):
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key in allowed:
                continue
            match = closest(key, allowed)
            hint = suggestion(match) if match else " Tilladte felter: " + ", ".join(allowed) + "."
            yield self._at(
                fm,
                file,
                (*path, key),
                "schema.additionalProperties",
                at_key=True,
                key=key,
                hint=hint,
            )

    def _type(self, error, fm, file, path):
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        scalar = fm.scalars.get(path)
        key = path[-1] if path and isinstance(path[-1], str) else self.title(path)
        if scalar is not None and not scalar.quoted and "string" in expected:
            if isinstance(error.instance, bool) and scalar.text.lower() in _YAML_BOOLS:
                yield self._at(
                    fm,
                    file,
                    path,
                    "yaml.bool-as-text",
                    text=scalar.text,
                    value=str(error.instance).lower(),
                    key=key,
                )
                return
            if _SEXAGESIMAL.match(scalar.text):
                return  # the reader already explained the clock time read as a number
        if error.instance is None:
            yield self._at(fm, file, path, "field.empty")
            return
        hint = ""
        if (
            "array" in expected
            and isinstance(error.instance, (str, int))
            and not isinstance(error.instance, bool)
        ):
            hint = f" Skriv det som en liste: {key}: [{error.instance}]."
        elif {"integer", "number"} & set(expected) and isinstance(error.instance, str):
            if _DANISH_NUMBER.match(error.instance.strip()):
                digits = re.sub(r"[^\d-]", "", error.instance.split(",")[0])
                hint = f" Skriv tallet uden punktummer og 'kr.': {digits}."
            elif error.instance.strip().lstrip("-").replace(".", "", 1).isdigit():
                hint = " Fjern anførselstegnene om tallet."
        elif "string" in expected and isinstance(error.instance, (int, float)):
            hint = f' Sæt anførselstegn om værdien: {key}: "{_source(fm, path, error.instance)}".'
        yield self._at(
            fm,
            file,
            path,
            "schema.type",
            title=self.title(path),
            expected=" eller ".join(_TYPE_WORDS.get(t, t) for t in expected),
            actual=_describe(error.instance),
            hint=hint,
        )

    def _enum(self, error, fm, file, path):
        values = error.validator_value
        if values == list(self.taxonomy.municipalities):
            match = self.taxonomy.municipality_match(error.instance)
            hint = suggestion(match) or (
                " Brug kommunens officielle navn som i "
                "schema/municipalities.csv, fx 'Aarhus' eller 'Høje-Taastrup'."
            )
        else:
            labels = self.subschema(path).get("x-enum-labels") or {}
            if values == list(self.taxonomy.themes):
                labels = {t.id: t.label for t in self.taxonomy.themes.values()}
            listed = ", ".join(f"{v} ({labels[v]})" if v in labels else str(v) for v in values)
            hint = suggestion(closest(error.instance, values)) + f" Gyldige værdier: {listed}."
        yield self._at(
            fm,
            file,
            path,
            "schema.enum",
            value=_short(error.instance),
            title=self.title(path),
            hint=hint,
        )

    def _minLength(self, error, fm, file, path):
        yield self._at(
            fm,
            file,
            path,
            "schema.minLength",
            title=self.title(path),
            length=len(error.instance),
            limit=error.validator_value,
        )

    def _maxLength(self, error, fm, file, path):
        yield self._at(
            fm,
            file,
            path,
            "schema.maxLength",
            title=self.title(path),
            length=len(error.instance),
            limit=error.validator_value,
        )

    def _minItems(self, error, fm, file, path):
        limit = error.validator_value
        yield self._at(
            fm,
            file,
            path,
            "schema.minItems",
            title=self.title(path),
            limit=limit,
            noun="punkt" if limit == 1 else "punkter",
        )

    def _maxItems(self, error, fm, file, path):
        limit = error.validator_value
        yield self._at(
            fm,
            file,
            path,
            "schema.maxItems",
            title=self.title(path),
            limit=limit,
            noun="punkt" if limit == 1 else "punkter",
            count=len(error.instance),
        )

    def _uniqueItems(self, error, fm, file, path):
        seen, index = [], None
        for i, item in enumerate(error.instance):
            if item in seen:
                index = i
                break
            seen.append(item)
        where = (*path, index) if index is not None else path
        duplicate = error.instance[index] if index is not None else ""
        yield self._at(
            fm,
            file,
            where,
            "schema.uniqueItems",
            title=self.title(path),
            duplicate=_short(duplicate),
        )

    def _minimum(self, error, fm, file, path):
        yield self._at(
            fm,
            file,
            path,
            "schema.minimum",
            title=self.title(path),
            limit=error.validator_value,
            value=error.instance,
        )

    def _maximum(self, error, fm, file, path):
        yield self._at(
            fm,
            file,
            path,
            "schema.maximum",
            title=self.title(path),
            limit=error.validator_value,
            value=error.instance,
        )

    def _pattern(self, error, fm, file, path):
        # Every pattern in schema/ has its explanation (tests/test_schema_messages.py); a
        # regular expression is never shown to a contributor.
        hint = error.schema.get("x-messages", {}).get("pattern") or (
            "Se feltets beskrivelse i skemaet for, hvordan det skrives."
        )
        yield self._at(fm, file, path, "schema.pattern", title=self.title(path), hint=hint)

    def _format(self, error, fm, file, path):
        if error.validator_value == ONE_LINE:
            index = min(i for i in (error.instance.find("\n"), error.instance.find("\r")) if i >= 0)
            line, column = character_position(fm, path, index)
            yield diagnostic(
                "text.newline",
                file,
                line,
                column,
                field=dotted(path),
                title=self.title(path),
                where=where(fm, path, index, column),
            )
            return
        hint = error.schema.get("x-messages", {}).get("format") or (
            f"'{_short(error.instance)}' er ikke en gyldig {error.validator_value}."
        )
        yield self._at(fm, file, path, "schema.format", title=self.title(path), hint=hint)


def character_position(fm: FrontMatter, path, index: int) -> tuple[int, int]:
    """The file position of character `index` of the value at `path`: exact for a value written
    plain on one line, else the value's own position."""
    line, column = fm.position(path)
    return (line, column + index) if tuple(path) in fm.verbatim else (line, column)


def where(fm: FrontMatter, path, index: int, column: int) -> str:
    """`i kolonne 17`, or, where escapes or quotes hide the column, `som tegn nr. 5`."""
    if tuple(path) in fm.verbatim:
        return f"i kolonne {column}"
    return f"som tegn nr. {index + 1} i teksten"


def check_characters(fm: FrontMatter, file: str, title) -> list[Diagnostic]:
    """A diagnostic for each text value holding a character no text may hold (the first one)."""
    found = []
    for path, value in strings(fm.data):
        index = first_refused(value, one_line=False)
        if index is None:
            continue
        line, column = character_position(fm, path, index)
        found.append(
            diagnostic(
                "text.character",
                file,
                line,
                column,
                field=dotted(path),
                title=title(path),
                character=name(value[index]),
                where=where(fm, path, index, column),
            )
        )
    return found


def _source(fm: FrontMatter, path, value) -> str:
    scalar = fm.scalars.get(tuple(path))
    return scalar.text if scalar is not None else str(value)


def _short(value, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"sandhedsværdien {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"tallet {value}"
    if isinstance(value, str):
        return f"teksten '{_short(value)}'"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe af felter"
    return "tom"
