"""Reading content files: text decoding, the `---` split, and YAML read with positions."""

from __future__ import annotations

import pytest

from generator.content.frontmatter import parse


def _codes(problems):
    return [p.code for p in problems]


def test_positions_are_file_lines_and_columns():
    fm, problems = parse(
        b"---\ntitle: Hej med dig\ncontact:\n  email: a@b.dk\nthemes:\n  - trafik\n"
        b"  - klima\n---\nBody\n",
        "x.md",
    )
    assert problems == []
    assert fm.values[("title",)] == (2, 8)
    assert fm.keys[("contact", "email")] == (4, 3)
    assert fm.values[("contact", "email")] == (4, 10)
    assert fm.values[("themes", 1)] == (7, 5)
    assert fm.body == "Body\n" and fm.body_line == 9


def test_dates_stay_text_and_numbers_are_numbers():
    fm, _ = parse(
        b"---\npublished: 2024-05-01\nstarted: 2021\nvalue: -8.5\nflag: true\n---\n", "x.md"
    )
    assert fm.data == {"published": "2024-05-01", "started": 2021, "value": -8.5, "flag": True}


def test_bom_and_crlf_are_accepted():
    fm, problems = parse(b"\xef\xbb\xbf---\r\ntitle: Hej med dig\r\n---\r\nTekst\r\n", "x.md")
    assert problems == []
    assert fm.data == {"title": "Hej med dig"}
    assert fm.body == "Tekst\n"


def test_yaml_1_1_booleans_are_remembered_for_explanations():
    fm, _ = parse(b"---\ntitle: no\nother: 'no'\n---\n", "x.md")
    assert fm.data == {"title": False, "other": "no"}
    assert fm.scalars[("title",)].text == "no"
    assert ("other",) not in fm.scalars


def test_duplicate_key_keeps_the_first_and_reports_the_second():
    fm, problems = parse(b"---\ntitle: En titel her\ntitle: En anden\n---\n", "x.md")
    assert fm.data == {"title": "En titel her"}
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml.duplicate-key", 3, 1)]


def test_aliases_are_not_expanded():
    # A "billion laughs" document: each level would multiply the size if aliases were expanded.
    lol = (
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: [*b, *b, *b, *b, *b, *b, *b, *b]\n---\n"
    )
    fm, problems = parse(lol, "x.md")
    assert "yaml.alias" in _codes(problems)
    assert fm.data["c"] == [None] * 8


def test_deep_nesting_stops_early_without_recursion_error():
    fm, problems = parse(b"---\nx: " + b"[" * 20000 + b"\n---\n", "x.md")
    assert fm is None
    assert _codes(problems) == ["yaml.too-deep"]


def test_a_control_character_is_a_syntax_error_when_read_again():
    # PyYAML's Python reader refuses it before parsing; the first reader's message stands.
    fm, problems = parse(b"---\ntitle: Aarhus \x01 Kommune\n---\n", "x.md")
    assert fm is None
    assert _codes(problems) == ["yaml.syntax"]


def test_shallow_unclosed_list_is_a_syntax_error_not_nesting():
    # A syntax error is read a second time to learn whether the nesting caused it; here it did not.
    fm, problems = parse(b"---\nx: [[[a, b\ntitle: Aarhus Kommune & co\n---\n", "x.md")
    assert fm is None
    assert _codes(problems) == ["yaml.syntax"]


def test_custom_tags_are_refused_and_nothing_is_constructed():
    fm, problems = parse(
        b"---\nx: !!python/object/apply:os.system ['touch /tmp/pwned']\ny: !custom 1\n---\n", "x.md"
    )
    assert _codes(problems) == ["yaml.tag", "yaml.tag"]


def test_tab_indentation_is_explained():
    fm, problems = parse(b"---\ncontact:\n\temail: a@b.dk\n---\n", "x.md")
    assert fm is None
    assert [(p.code, p.line) for p in problems] == [("yaml.tab", 3)]


def test_unclosed_front_matter():
    _, problems = parse(b"---\ntitle: Hej med dig\n", "x.md")
    assert _codes(problems) == ["frontmatter.unclosed"]
    _, problems = parse(b"---\ntitle: Hej med dig\n\n## Udfordring\n", "x.md")
    assert [(p.code, p.line) for p in problems] == [("frontmatter.unclosed-before", 4)]


def test_dots_close_front_matter_like_mkdocs():
    fm, problems = parse(b"---\ntitle: Hej med dig\n...\nTekst\n", "x.md")
    assert problems == [] and fm.body == "Tekst\n"


def test_empty_front_matter_is_not_a_mapping():
    fm, problems = parse(b"---\n---\nTekst\n", "x.md")
    assert fm is None and _codes(problems) == ["frontmatter.not-mapping"]


def test_non_text_keys_are_kept_as_written():
    fm, _ = parse(b"---\nyes: 1\n2021: x\n---\n", "x.md")
    assert fm.data == {"yes": 1, "2021": "x"}


@pytest.mark.parametrize("one_line", [False, True])
def test_the_refused_characters_are_searched_as_they_are_defined(one_line):
    """`first_refused` searches with a character class; `refused` is the rule, character by
    character. They must agree on every code point, and on where in a value the first is."""
    from generator.content.plaintext import first_refused, refused

    disagree = [
        hex(code)
        for code in range(0x110000)
        if (first_refused(chr(code), one_line=one_line) == 0)
        != refused(chr(code), one_line=one_line)
    ]
    assert disagree == []
    assert first_refused("Aarhus\u202eKommune", one_line=one_line) == 6
    assert first_refused("to\nlinjer", one_line=one_line) == (2 if one_line else None)
