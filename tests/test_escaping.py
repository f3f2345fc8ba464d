"""Front-matter values are text: markup in them shows as text everywhere the site prints them,
including the places mkdocs-material prints without escaping (title, navigation, search)."""

from __future__ import annotations

import json
import re

from tests_support import build

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
]


def test_hostile_titles_render_as_text_everywhere(tiny, base_case):
    files = {}
    for index, payload in enumerate(PAYLOADS):
        text = base_case.replace(
            "title: Sensorer måler trafikken i midtbyen", f"title: {json.dumps('Case ' + payload)}"
        )
        files[f"content/cases/payload-{index}.md"] = text
    tiny.write(files)
    site = build(tiny)
    raw_markup = re.compile(r"<img src=x|<script>alert|onerror=alert\(1\)>|onmouseover='alert")
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not raw_markup.search(text), html_file
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "<script>" not in index
    case = (site / "cases" / "payload-0" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Case &lt;img src=x onerror=alert(1)&gt;</h1>" in case
    assert (
        "<title>Case &lt;img src=x onerror=alert(1)&gt; - Smart City-vidensbanken</title>" in case
    )
    assert 'content="Case &lt;img src=x onerror=alert(1)&gt;"' in case
    quoted = (site / "cases" / "payload-1" / "index.html").read_text(encoding="utf-8")
    assert 'content="Case &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in quoted
    theme = (site / "themes" / "trafik" / "index.html").read_text(encoding="utf-8")
    assert "Case &lt;img src=x onerror=alert(1)&gt;</a>" in theme


def test_raw_html_in_a_body_is_refused_by_validation(tiny, base_case):
    tiny.write(
        {
            "content/cases/body.md": base_case.replace(
                "Start småt, og del data med andre kommuner.", "Start <b>småt</b>."
            )
        }
    )
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "content/cases/body.md:26:7: fejl: HTML er ikke tilladt her; brug Markdown: **fed**, "
        "*kursiv*, [linktekst](https://...) og lister med - i starten af linjen. [body.html]"
    ) in result.stderr


def test_sanitizer_holds_when_validation_lets_html_through(tiny, base_case, monkeypatch):
    """The second wall: with the body check switched off, raw HTML still does not survive."""
    monkeypatch.setattr("generator.content.rules.check_body", lambda doc: iter(()))
    tiny.write(
        {
            "content/cases/body.md": base_case.replace(
                "Start småt, og del data med andre kommuner.",
                'Start småt. <script>alert(1)</script><a href="javascript:alert(2)">klik</a>'
                '<img src="x" onerror="alert(3)"><iframe src="https://example.org"></iframe>',
            )
        }
    )
    site = build(tiny)
    text = (site / "cases" / "body" / "index.html").read_text(encoding="utf-8")
    body = text[text.index('<div class="sc-body">') : text.index('<footer class="sc-case-footer">')]
    assert "<script" not in body and "javascript:" not in body
    assert "onerror" not in body and "<iframe" not in body
    assert "Start småt." in body
