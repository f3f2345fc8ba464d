"""Only the inline patterns that can match (generator/content/inlinepatterns.py): a body's HTML
is the same, byte for byte, as Python-Markdown makes it with every pattern."""

from __future__ import annotations

import markdown
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor

from generator.content.body import _Rendering, markdown_settings
from generator.content.inlinepatterns import InlineTriggers, install, needs

NAMES, CONFIGS = markdown_settings(REPO / "mkdocs.yml")


def _plain(body: str) -> str:
    return markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(body)


def _bodies() -> list[str]:
    bodies = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split("\n---\n", 1)[-1])
    return bodies


TRICKY = [
    "fo\t\nbar",  # the tab becomes two spaces before the line end: a line break
    "fo  \r\nbar",  # the same after line ends are made \n
    "a  \nb",
    "**fed** og _kursiv_ og *kursiv* og __fed__",
    "snake_case_navn og 2 * 3 * 4",
    "Pris < 5 mio. & finansiering > 2 år; &amp; &#169; &copy",
    "Skriv til <trafik@aarhus.dk> eller se <https://aarhus.dk/>.",
    "[link](https://kl.dk) ![billede](images/a.png) [ref][x]\n\n[x]: https://kl.dk",
    "`kode med * og _ og [` og \\*ikke kursiv\\*",
    "<div>\n*rå* HTML\n</div>\n\nefter <span>inline</span>",
    "| a | b |\n|---|---|\n| `x|y` | [l](https://kl.dk) |",
    "```\n* ikke en liste [ikke et link]\n```\n\nefter",
    "ﬁnansiering ｆｕｌｌｗｉｄｔｈ 🚦 Æble Øre Ålborg",
    "# Overskrift med *kursiv*\n\n## [Link i overskrift](https://kl.dk)",
    "\x02wzxhzdk:0\x03 og \x02 42 \x03",
]


def test_the_bundled_bodies_and_tricky_ones_render_as_with_every_pattern():
    rendering = _Rendering(NAMES, CONFIGS)
    for body in _bodies() + TRICKY:
        assert rendering.convert(body).html == _plain(body), body[:80]
    assert "<br />" in rendering.convert("fo\t\nbar").html


MARKUP = st.sampled_from(
    list("*_[]()!<>&\\`#-|:/@. \t\r\n\n") + ["  \n", "![", "](", "&amp;", "<b>", "æø", "a"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(MARKUP, st.text(max_size=4)), max_size=40).map("".join))
def test_any_text_renders_as_with_every_pattern(body):
    rendering = _Rendering(NAMES, CONFIGS)
    assert rendering.convert(body).html == _plain(body)


def test_a_plain_body_is_tried_with_no_pattern_and_markup_with_its_own():
    triggers = _Rendering(NAMES, CONFIGS).triggers
    assert triggers.enabled
    triggers.body = "Almindelig tekst uden tegn, der betyder noget."
    assert triggers.kept(triggers.body) == ()
    triggers.body = "Se [siden](https://kl.dk) og *dette*."
    assert set(triggers.kept(triggers.body)) == {
        "reference",
        "link",
        "short_reference",
        "em_strong",
    }


def test_patterns_of_other_extensions_are_always_tried():
    class Other(InlineProcessor):
        def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
            return None, None, None

    md = markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS)
    md.inlinePatterns.register(Other(r"\+\+"), "plusplus", 75)
    link = md.inlinePatterns["link"]
    md.inlinePatterns.register(type(link)(r"\{", md), "braces", 74)  # own class, other regex
    triggers = install(md)
    triggers.body = "ingenting"
    assert triggers.kept("ingenting") == ("plusplus", "braces")
    assert needs(md.inlinePatterns["link"]) == ("[",)


def test_no_pattern_is_left_out_where_an_extension_adds_text_before_the_inline_step():
    md = markdown.Markdown(extensions=[*NAMES, "footnotes"], extension_configs=CONFIGS)
    triggers = InlineTriggers(md)
    assert not triggers.enabled
    md.preprocessors.register(triggers, "triggers", InlineTriggers.PRIORITY)
    body = "Tekst[^1].\n\n[^1]: En note."
    assert md.convert(body) == markdown.Markdown(extensions=[*NAMES, "footnotes"]).convert(body)
