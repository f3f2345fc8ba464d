"""LIX, the Danish readability index, on hand-computed examples."""

from __future__ import annotations

import pytest
from conftest import REPO

from generator.contribute import lix


def test_hand_computed_example():
    # 10 words; 2 sentences; long words (more than 6 letters): Bilerne, Kommunen, trafikken.
    # LIX = 10 / 2 + 100 * 3 / 10 = 5 + 30 = 35.
    text = "Bilerne holder i kø. Kommunen ved for lidt om trafikken."
    assert lix.stats(text) == lix.TextStats(words=10, sentences=2, long_words=3)
    assert lix.lix(text) == 35.0
    assert lix.level(35.0) == "middel"


def test_second_hand_computed_example_with_markup():
    # Headings, the link target, emphasis and code are not prose. Prose: "Vi målte trafikken
    # i seks måneder." and the list item "Kortere ventetid for cyklister", a unit without a
    # full stop that still ends a sentence. 10 words, 2 sentences; long words (more than six
    # letters): trafikken, måneder, Kortere, ventetid, cyklister.
    # LIX = 10 / 2 + 100 * 5 / 10 = 5 + 50 = 55.
    body = (
        "## Resultater\n\n"
        "Vi målte [trafikken](https://example.dk/a/very-long-address) i **seks** måneder.\n\n"
        "- Kortere `ventetid` for cyklister\n"
    )
    assert lix.prose(body) == [
        "Vi målte trafikken i seks måneder.",
        "Kortere ventetid for cyklister",
    ]
    assert lix.stats(body) == lix.TextStats(words=10, sentences=2, long_words=5)
    assert lix.lix(body) == 55.0
    assert lix.level(55.0) == "meget svær"


def test_numbers_abbreviations_and_ordinals_do_not_end_sentences():
    text = "Det kostede 2.500.000 kr. om året, bl.a. til drift. Den 3. marts gik vi i gang"
    stats = lix.stats(text)
    assert stats.sentences == 2
    assert "2.500.000" in lix.words(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Borgermødet i Aarhus begynder kl. 19 i rådhushallen.",
        "Borgermødet i Aarhus begynder kl. 19.30 i rådhushallen.",
        "Sensorerne blev sat op d. 3. marts 2024 i midtbyen.",
        "Vi måler fx. CO2, støj og trafik i Aarhus & Odense.",
        "Vi måler Fx. Partikler ved skolerne.",
        "Data kommer bl.a. Fra Aarhus Universitet.",
        "Data kommer bl.a. fra Aarhus Universitet 🚦.",
        "Bålet tændes Skt. Hans aften ved søen.",
        "Projektet har p.t. 12 sensorer, hhv. 7 i Aarhus og 5 i Odense.",
    ],
)
def test_danish_abbreviations_do_not_end_sentences(sentence):
    assert lix.stats(sentence).sentences == 1
    assert lix.stats(f"{sentence} Næste sætning følger her.").sentences == 2


def test_prompts_code_and_urls_are_not_prose():
    body = "```\nkode med lange ordforklaringer\n```\n\nSe https://example.dk/langadresse her.\n"
    assert lix.prose(body) == ["Se her."]


def test_no_words_no_score():
    assert lix.lix("## Udfordring\n\n") is None


@pytest.mark.parametrize(
    ("score", "name"),
    [
        (24.9, "meget let"),
        (25, "let"),
        (44, "middel"),
        (54.9, "svær"),
        (55, "meget svær"),
        (70, "meget svær"),
    ],
)
def test_levels_are_the_usual_danish_bands(score, name):
    assert lix.level(score) == name


def test_bundled_cases_are_under_the_warning_limit():
    for path in sorted((REPO / "content" / "cases").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert lix.lix(body) <= lix.LIX_WARN_ABOVE, path.name
