"""The message catalog: every code is reachable, and every reachable code is in the catalog."""

from __future__ import annotations

import re

import yaml
from conftest import FIXTURES
from jsonschema import ValidationError

from generator.content.frontmatter import parse
from generator.content.messages import CATALOG, WARNINGS

# Codes shown by tests that build their input in code (huge files, bytes, symlinks), with the test
# that asserts each one's exact message.
DYNAMIC = {
    "file.too-large": "test_validate.py::test_byte_level_problems",
    "file.nul": "test_validate.py::test_byte_level_problems",
    "file.encoding": "test_validate.py::test_byte_level_problems",
    "file.utf16": "test_validate.py::test_a_file_saved_as_utf16_is_named_so",
    "frontmatter.too-large": "test_validate.py::test_byte_level_problems",
    "yaml.number": "test_validate.py::test_byte_level_problems",
    "content.symlink": "test_validate.py::test_files_that_do_not_belong_in_content",
    "content.unexpected-file": "test_validate.py::test_files_that_do_not_belong_in_content",
    "content.unreadable": "test_validate.py::test_unreadable_file_is_reported_not_raised",
    "schema.other": "test_messages.py::test_unknown_schema_keyword_falls_back_to_other",
    "image.svg": "test_validate.py::test_case_images_are_checked_by_their_bytes",
    "image.name": "test_validate.py::test_case_images_are_checked_by_their_bytes",
    "image.too-large": "test_validate.py::test_case_images_are_checked_by_their_bytes",
    "image.type": "test_validate.py::test_case_images_are_checked_by_their_bytes",
    "image.suffix": "test_validate.py::test_case_images_are_checked_by_their_bytes",
    "case.slug-taken": "test_issueform.py::test_title_of_an_existing_case_is_refused",
    "quality.section-unfilled": "test_review.py::test_quality_warnings_exact_messages",
    "quality.body-short": "test_review.py::test_short_body_warning",
    "quality.results-missing": "test_review.py::test_quality_warnings_exact_messages",
    "quality.reuse-missing": "test_review.py::test_quality_warnings_exact_messages",
    "quality.stale": "test_review.py::test_quality_warnings_exact_messages",
    "quality.email-not-municipal": "test_review.py::test_quality_warnings_exact_messages",
    "quality.lix-high": "test_review.py::test_quality_warnings_exact_messages",
    "based_on.cycle": "test_reuse.py::test_based_on_cycle_is_an_error_at_the_entry_that_closes_it",
}


def _fixture_codes() -> set[str]:
    expected = yaml.safe_load((FIXTURES / "invalid" / "expected.yaml").read_text(encoding="utf-8"))
    return {
        re.search(r"\[([A-Za-z_.-]+)\]$", line).group(1)
        for lines in expected.values()
        for line in lines
    }


def test_every_code_is_shown_by_a_test():
    assert set(CATALOG) == _fixture_codes() | set(DYNAMIC)


def test_warnings_are_catalog_codes():
    assert set(CATALOG) >= WARNINGS


def test_templates_name_only_simple_placeholders():
    for code, template in CATALOG.items():
        assert re.fullmatch(r"[^{}]*(\{[a-z_]+\}[^{}]*)*", template), code


def test_unknown_schema_keyword_falls_back_to_other(tiny):
    from generator.content.schemaerrors import SchemaErrorExplainer

    project = tiny.project
    schema = project.schemas.documents["urn:smartcity:schema:case"]
    explainer = SchemaErrorExplainer(schema, project.schemas.registry, project.taxonomy)
    fm, _ = parse(b"---\ntitle: Hej med dig\n---\n", "x.md")
    error = ValidationError(
        "'Hej med dig' is not 'x'",
        validator="const",
        path=["title"],
        validator_value="x",
        instance="Hej med dig",
    )
    [d] = explainer.explain(error, fm, "x.md")
    assert (
        str(d)
        == "x.md:2:8: fejl: title: Titel er ikke gyldig: 'Hej med dig' is not 'x' [schema.other]"
    )
