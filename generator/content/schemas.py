"""Load the JSON Schemas in `schema/` and make validators from them.

The schemas name their value lists (`x-enum-from: municipalities.csv#name`) instead of repeating
them; `SchemaSet` fills those lists from the taxonomy, so each list has one source.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .plaintext import ONE_LINE, is_line
from .taxonomy import Taxonomy

FORMATS = FormatChecker()
"""JSON Schema's own formats, plus `line`: text without a line break."""
FORMATS.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
FORMATS.checks(ONE_LINE)(is_line)


def _pattern(validator, pattern, instance, schema):
    """`pattern`, where a `$` at the end means the end of the value: Python's `$` also matches
    before a final newline, so `^[0-9]{4}$` would accept `2024` followed by a newline."""
    if not validator.is_type(instance, "string"):
        return
    if re.search(pattern, instance) is None or (pattern.endswith("$") and instance.endswith("\n")):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


class SchemaSetupError(Exception):
    """A schema file is missing or broken: a fault of the project, not of the content."""


class SchemaSet:
    """Every schema under `schema/`, resolved, checked and ready to validate with."""

    def __init__(self, schema_dir: Path, taxonomy: Taxonomy) -> None:
        self.schema_dir = Path(schema_dir)
        self.taxonomy = taxonomy
        self.documents: dict[str, dict] = {}
        for path in sorted(self.schema_dir.glob("**/*.schema.json")):
            try:
                contents = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SchemaSetupError(f"{path}: {exc}") from None
            self._fill_enums(contents)
            try:
                Draft202012Validator.check_schema(contents)
            except SchemaError as exc:
                raise SchemaSetupError(f"{path}: {exc.message}") from None
            self.documents[contents["$id"]] = contents
        self.registry = Registry().with_resources(
            (uri, Resource.from_contents(doc, default_specification=DRAFT202012))
            for uri, doc in self.documents.items()
        )
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, schema_id: str) -> Draft202012Validator:
        if schema_id not in self._validators:
            if schema_id not in self.documents:
                raise SchemaSetupError(f"no schema with $id {schema_id} in {self.schema_dir}")
            # Against the schema with its `$ref`s inlined (the document `/data/` publishes):
            # resolving references for every value of every file was a third of validation.
            self._validators[schema_id] = Validator(
                self.resolved(schema_id), format_checker=FORMATS
            )
        return self._validators[schema_id]

    def labels(self, schema_id: str, *path: str) -> dict[str, str]:
        """The Danish labels of an enum (`x-enum-labels`), at a property path of a schema:
        `labels(CASE.schema_id, "reuse", "procurement")`. Pages and messages read them here, so
        the schema stays their one source."""
        node = self.documents[schema_id]
        for key in path:
            node = node["properties"][key]
        return node["x-enum-labels"]

    def resolved(self, schema_id: str) -> dict:
        """The schema with every `$ref` inlined: one self-contained document to publish."""
        return _inline(copy.deepcopy(self.documents[schema_id]), self.registry)

    def _fill_enums(self, node) -> None:
        if isinstance(node, dict):
            source = node.get("x-enum-from")
            if source:
                node["enum"] = self._enum_values(source)
            for value in node.values():
                self._fill_enums(value)
        elif isinstance(node, list):
            for value in node:
                self._fill_enums(value)

    def _enum_values(self, source: str) -> list[str]:
        if source == "themes.yaml#id":
            return list(self.taxonomy.themes)
        if source == "municipalities.csv#name":
            return list(self.taxonomy.municipalities)
        raise SchemaSetupError(f"unknown x-enum-from source: {source}")


def _inline(node, registry: Registry, base: str = ""):
    if isinstance(node, dict):
        base = node.get("$id", base)
        if "$ref" in node:
            ref = node.pop("$ref")
            uri = ref if not ref.startswith("#") else base + ref
            resolved = registry.resolver(base_uri=base).lookup(uri)
            target = _inline(copy.deepcopy(resolved.contents), registry, uri.split("#")[0])
            merged = {k: v for k, v in target.items() if k not in ("$id", "$schema", "$defs")}
            merged.update({k: _inline(v, registry, base) for k, v in node.items()})
            return merged
        return {k: _inline(v, registry, base) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, registry, base) for v in node]
    return node
