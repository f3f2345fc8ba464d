"""Content types are data: a new kind of content is a registry entry, a schema and a template.

The throwaway type here (`notes`) is registered at test time and touches nothing else: the
validator finds its files and checks them against its schema, the site model gives it plain
models, and the page list gives each note a page and the type a listing page.
"""

from __future__ import annotations

import json

import pytest
from htmltree import parse
from tests_support import build

from generator.content.documents import ContentType, Listing
from generator.content.types import CONTENT_TYPES

NOTE = ContentType(
    name="note",
    directory="notes",
    schema_id="urn:smartcity:schema:note",
    template="note.html",
    label="noter",
    listing=Listing("notes.html", "Noter", "Forummets noter."),
)

NOTE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:smartcity:schema:note",
    "title": "Note",
    "description": "En note i content/notes/<slug>.md.",
    "type": "object",
    "required": ["title", "summary", "published"],
    "additionalProperties": False,
    "properties": {
        "title": {"$ref": "urn:smartcity:schema:common#/$defs/title"},
        "summary": {"$ref": "urn:smartcity:schema:common#/$defs/summary"},
        "published": {"$ref": "urn:smartcity:schema:common#/$defs/published"},
    },
}

NOTE_PAGE = """{% extends "main.html" %}
{% block content %}
<article class="sc-note"><h1>{{ note.title }}</h1><p class="sc-lead">{{ note.summary }}</p>
{{ page.content | safe }}</article>
{% endblock %}
"""

NOTES_PAGE = """{% extends "main.html" %}
{% block content %}
<h1>{{ content_type.listing.title }}</h1>
<ul class="sc-notes">{% for note in entries %}<li><a href="{{ note.url | url }}">{{ note.title }}</a></li>{% endfor %}</ul>
{% endblock %}
"""

NOTE_FILE = """---
title: Referat fra forummets møde om gadelys
summary: Hvad kommunerne aftalte om at dele udbudsmateriale til LED-gadelys med styring.
published: 2025-03-01
---

Kommunerne deler udbudsmaterialet i forummets mappe.
"""


@pytest.fixture
def notes(tiny, base_case, monkeypatch):
    """A project with one case and one note, and the note type registered."""
    monkeypatch.setitem(CONTENT_TYPES, NOTE.directory, NOTE)
    return tiny.write(
        {
            "schema/note.schema.json": json.dumps(NOTE_SCHEMA, ensure_ascii=False),
            "theme/smartcity/note.html": NOTE_PAGE,
            "theme/smartcity/notes.html": NOTES_PAGE,
            "content/cases/minimal.md": base_case,
            "content/notes/moede-om-gadelys.md": NOTE_FILE,
        }
    )


def test_a_registered_type_is_validated_against_its_schema(notes):
    assert notes.run("validate").exit_code == 0
    notes.write(
        {"content/notes/moede-om-gadelys.md": NOTE_FILE.replace("title: Referat", "titel: Referat")}
    )
    result = notes.run("validate", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["diagnostics"]
    assert {(d["file"], d["code"]) for d in found} >= {
        ("content/notes/moede-om-gadelys.md", "schema.required"),
    }


def test_a_registered_type_gets_its_pages(notes):
    site = build(notes, "--strict")
    page = parse((site / "notes" / "moede-om-gadelys" / "index.html").read_text(encoding="utf-8"))
    [article] = page.find_all("article", cls="sc-note")
    assert article.find("h1").text == "Referat fra forummets møde om gadelys"
    assert "Kommunerne deler udbudsmaterialet" in article.text
    listing = parse((site / "notes" / "index.html").read_text(encoding="utf-8"))
    [link] = listing.find("ul", cls="sc-notes").find_all("a")
    assert link.text == "Referat fra forummets møde om gadelys"
    assert link.attrs["href"] == "moede-om-gadelys/"


def test_without_the_registry_entry_a_note_is_refused_naming_the_registered_types(
    tiny, base_case, monkeypatch
):
    files = {"content/cases/minimal.md": base_case, "content/notes/moede-om-gadelys.md": NOTE_FILE}
    result = tiny.write(files).run("validate")
    assert result.exit_code == 1
    assert (
        "content/notes/moede-om-gadelys.md: fejl: Filen hører ikke hjemme i content/. Her "
        "må kun ligge cases (content/cases/*.md), guides (content/guides/*.md), arbejdsgrupper "
        "(content/groups/*.md), arrangementer (content/events/*.md) og billeder til cases "
        "(content/cases/images/). [content.unexpected-file]"
    ) in " ".join(result.stdout.split())
    # The same folder with an image in it, once the type is registered: the message names it.
    monkeypatch.setitem(CONTENT_TYPES, NOTE.directory, NOTE)
    tiny.write({"schema/note.schema.json": json.dumps(NOTE_SCHEMA), "content/notes/x.txt": "x"})
    result = tiny.run("validate")
    assert "arrangementer (content/events/*.md), noter (content/notes/*.md) og billeder" in (
        " ".join(result.stdout.split())
    )
