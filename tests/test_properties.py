"""Whatever a file holds, the validator answers with diagnostics, never with an exception."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.frontmatter import parse
from generator.content.types import CASE
from generator.content.validate import Validator

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "no",
            "yes",
            "12:30",
            "2024-02-30",
            "Aarhus",
            "trafik",
            "~",
            "&a",
            "*a",
            "!!python/object:os.system",
            "<script>",
            "---",
            "...",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(
                    [
                        "title",
                        "municipality",
                        "themes",
                        "status",
                        "started",
                        "ended",
                        "summary",
                        "contact",
                        "email",
                        "tags",
                        "sdgs",
                        "results",
                        "value",
                        "based_on",
                        "image",
                        "src",
                        "published",
                    ]
                ),
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.binary(max_size=2000))
def test_parse_never_raises_on_bytes(raw):
    fm, problems = parse(raw, "x.md")
    assert fm is not None or problems


@SETTINGS
@given(st.binary(max_size=500))
def test_parse_never_raises_on_bytes_after_a_delimiter(raw):
    parse(b"---\n" + raw + b"\n---\n", "x.md")


@SETTINGS
@given(st.text(max_size=400))
def test_parse_never_raises_on_text_front_matter(text):
    parse(("---\n" + text + "\n---\nbody").encode("utf-8", "surrogatepass"), "x.md")


@SETTINGS
@given(values)
def test_validator_never_raises_on_any_yaml_value(tiny, value):
    path = tiny.root / "content" / "cases" / "x.md"
    dumped = yaml.safe_dump(value, allow_unicode=True)
    path.write_text(f"---\n{dumped}---\nTekst\n", encoding="utf-8")
    doc, problems = Validator(tiny.project).read(path, CASE)
    for problem in problems:
        assert problem.message and problem.file == "content/cases/x.md"
        assert "Traceback" not in problem.message
