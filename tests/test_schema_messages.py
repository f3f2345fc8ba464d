"""No message shows a regular expression: every `pattern` in schema/ has a Danish explanation,
and plain-text fields take `<`, `>` and `&` as text but refuse invisible control characters."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from generator.content import plaintext

SCHEMAS = sorted((REPO / "schema").rglob("*.json"))


def _patterns(node, path=""):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield path, node
        for key, value in node.items():
            if key != "x-messages":  # the explanations themselves
                yield from _patterns(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, f"{path}/{index}")


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_pattern_has_a_danish_explanation(schema):
    found = list(_patterns(json.loads(schema.read_text(encoding="utf-8"))))
    if schema.name in ("case.schema.json", "common.schema.json"):
        assert found, "the walk finds the patterns"
    for path, node in found:
        hint = node.get("x-messages", {}).get("pattern")
        assert hint, f"{schema.name}{path}: pattern {node['pattern']} has no x-messages.pattern"
        assert not any(c in hint for c in "^$\\[]"), f"{schema.name}{path}: {hint}"


def test_the_fallback_never_shows_the_pattern():
    from generator.content.schemaerrors import SchemaErrorExplainer

    source = (REPO / "generator" / "content" / "schemaerrors.py").read_text(encoding="utf-8")
    assert "validator_value}" not in source.split("def _pattern", 1)[1].split("def ", 1)[0]
    assert SchemaErrorExplainer  # the module the source belongs to


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x1b", "U+001B (escape-tegn, ESC)"),
        ("\x07", "U+0007 (klokketegn, BEL)"),
        ("\x0b", "U+000B (lodret tabulator, VT)"),
        ("\x85", "U+0085 (næste linje-tegn, NEL)"),
        ("\u2028", "U+2028 (linjeseparator)"),
        ("\u202e", "U+202E (højre-mod-venstre-tilsidesættelse, RLO)"),
        ("\u2066", "U+2066 (venstre-mod-højre-isolering, LRI)"),
        ("\ufdd0", "U+FDD0 (ikke-tegn, et kodepunkt uden tegn)"),
        ("\U0001fffe", "U+1FFFE (ikke-tegn, et kodepunkt uden tegn)"),
        ("\x9b", "U+009B (styretegn)"),
    ],
)
def test_refused_characters_are_named_in_danish(char, name):
    assert plaintext.refused(char, one_line=False)
    assert plaintext.name(char) == name


@pytest.mark.parametrize(
    "text",
    [
        "<5 klager & >100 km",
        "ﬁnansieret",
        "ＡＢＣ",
        "𝔸",
        "e\u0301",
        "مدينة ذكية",
        "🚦👩🏽‍🚒",
        "\u200f",
    ],
)
def test_printable_text_is_accepted(text):
    assert plaintext.first_refused(text, one_line=True) is None


def test_one_line_fields_refuse_any_line_break_even_a_final_one():
    assert plaintext.first_refused("Titel\n", one_line=True) == 5
    assert plaintext.first_refused("Titel\n", one_line=False) is None
    assert not plaintext.is_line("Titel\n")
