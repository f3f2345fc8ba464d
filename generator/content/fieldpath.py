"""Where a value sits in the front matter: a field path, and how messages write it."""

from __future__ import annotations

FieldPath = tuple
"""Mapping keys (str) and list indexes (int) from the top of the front matter to a value:
`("results", 1, "value")`. Not a file path."""


def dotted(path: FieldPath) -> str:
    """`('results', 1, 'value')` -> `results[1].value`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
