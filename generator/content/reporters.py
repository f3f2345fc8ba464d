"""Render a validation `Result` for people (text), machines (json) and CI annotations (github)."""

from __future__ import annotations

import json

from .diagnostics import Result, Severity


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(result: Result) -> str:
    """`Tjekket 17 filer: 2 fejl og 1 advarsel i 2 filer.`"""
    errors, warnings = len(result.errors), len(result.warnings)
    checked = _plural(len(result.files), "fil", "filer")
    if not errors and not warnings:
        return f"Tjekket {checked}: ingen fejl."
    parts = []
    if errors:
        parts.append(_plural(errors, "fejl", "fejl"))
    if warnings:
        parts.append(_plural(warnings, "advarsel", "advarsler"))
    files = len({d.file for d in result.diagnostics})
    return f"Tjekket {checked}: {' og '.join(parts)} i {_plural(files, 'fil', 'filer')}."


def text(result: Result) -> str:
    lines = [str(d) for d in result.sorted()]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def as_json(result: Result) -> str:
    payload = {
        "status": "ok" if result.ok else "fail",
        "files": len(result.files),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "diagnostics": [d.as_dict() for d in result.sorted()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(result: Result) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, on its line."""
    lines = []
    for d in result.sorted():
        command = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props.append(f"line={d.line}")
            if d.column:
                props.append(f"col={d.column}")
        props.append(f"title={_escape_property(d.field or d.code)} [{d.code}]")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(d.message)}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


REPORTERS = {"text": text, "json": as_json, "github": github}
