"""The third wall: the built site is scanned, and a page that could run script fails the build."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests_support import snapshot

from generator.site.guard import _TAG, scan_page

CONTENT = '<div class="md-content" data-md-component="content"><article class="md-content__inner">{}</article></div>'


@pytest.mark.parametrize(
    "html, problem",
    [
        ('<p onclick="x()">a</p>', "hændelsesattribut onclick= på <p>"),
        ("<svg/onload=alert(1)>", "hændelsesattribut onload= på <svg>"),
        ("<img\nsrc=x\nonerror=y>", "hændelsesattribut onerror= på <img>"),
        ('<a href=" JavaScript:alert(1)">x</a>', "script-adresse i href:  JavaScript:alert(1)"),
        ('<a href="java&#x09;script&#58;x">x</a>', "script-adresse i href: java&#x09;script&#58;x"),
        ('<iframe src="data:text/html,x"></iframe>', "script-adresse i src: data:text/html,x"),
        ("<a href=vbscript:x>", "script-adresse i href: vbscript:x"),
    ],
)
def test_handlers_and_script_urls_anywhere(html, problem):
    assert problem in scan_page(f"<html><body>{html}</body></html>")


@pytest.mark.parametrize(
    "tag", ["script", "iframe", "object", "embed", "form", "style", "base", "meta", "link"]
)
def test_active_elements_in_the_content_area(tag):
    assert scan_page(CONTENT.format(f"<p>x</p><{tag}>")) == [f"<{tag}> i sidens indhold"]


def test_a_tag_judged_before_is_reported_on_every_page_that_has_it():
    """Each tag is judged once per process; a second page with the same bad tag, in or out of
    the content area, still fails."""
    bad = '<a href="javascript:x()" onclick="y()">x</a>'
    expected = ["hændelsesattribut onclick= på <a>", "script-adresse i href: javascript:x()"]
    for _ in range(2):
        assert sorted(scan_page(f"<p>{bad}</p>")) == expected
        assert sorted(scan_page(CONTENT.format(f"{bad}<iframe>"))) == sorted(
            [*expected, "<iframe> i sidens indhold"]
        )
    assert scan_page('<p><a href="javascript:x()">x</a></p>') == [
        "script-adresse i href: javascript:x()"
    ]


def test_what_is_not_a_problem():
    assert (
        scan_page(
            '<meta content="a onerror=x"><p>onclick=alert(1)</p>'
            '<a href="https://example.org/javascript:x">x</a>'
        )
        == []
    )
    assert (
        scan_page(CONTENT.format('<script type="application/json" id="sc-data">{}</script>')) == []
    )
    assert (
        scan_page('<script src="assets/javascripts/bundle.js"></script>' + CONTENT.format("")) == []
    )


def test_build_fails_closed_when_the_other_walls_are_down(tiny, base_case, monkeypatch):
    tiny.write({"content/cases/ok.md": base_case})
    assert tiny.run("build").exit_code == 0
    before = snapshot(tiny.root / "site")
    monkeypatch.setattr("generator.content.rules.check_body", lambda doc: iter(()))
    monkeypatch.setattr("generator.site.sanitize.clean", lambda html: html)
    tiny.write(
        {
            "content/cases/ok.md": base_case.replace(
                "Start småt", 'Start <img src="x" onerror="alert(1)"> småt'
            )
        }
    )
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "Usikker HTML i det byggede site: cases/ok/index.html: hændelsesattribut onerror= på <img>"
    ) in result.output
    assert snapshot(tiny.root / "site") == before


def test_html_that_is_not_a_page_is_scanned_too(tiny, base_case):
    """Pages are scanned as they are rendered; the 404 page and other HTML files from disk."""
    tiny.write({"content/cases/ok.md": base_case})
    template = tiny.root / "theme" / "404.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% block content %}", '{% block content %}<img src="x" onerror="alert(1)">', 1
        ),
        encoding="utf-8",
    )
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "Usikker HTML i det byggede site: 404.html: hændelsesattribut onerror= på <img>"
        in result.output
    )


def test_an_html_file_made_after_the_pages_is_scanned_too(tiny, base_case, monkeypatch):
    """A file the build makes once every page is written, as the data files are, is scanned
    as it is written, though the walk of the site for other HTML has begun beside it."""
    from generator.engine import outputs

    def late_page(build):
        return {"rapport/index.html": lambda: '<p>Rapport</p><img src="x" onerror="alert(1)">'}

    monkeypatch.setattr(outputs, "PROVIDERS", [*outputs.PROVIDERS, late_page])
    tiny.write({"content/cases/ok.md": base_case})
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "Usikker HTML i det byggede site: rapport/index.html: hændelsesattribut onerror= på <img>"
        in result.output
    )


def test_front_matter_cannot_steer_material(tiny, base_case):
    """`status` and `tags` are ours: no Material status badge, no template switch, no hiding."""
    tiny.write(
        {
            "content/cases/ok.md": base_case.replace(
                "status: pilot", "status: pilot\ntags: [sensorer]"
            )
        }
    )
    result = tiny.run("build")
    assert result.exit_code == 0
    html = (tiny.root / "site/cases/ok/index.html").read_text(encoding="utf-8")
    assert "md-status" not in html
    assert '<article class="sc-case">' in html
    for key in ["template: main.html", "hide: [navigation]", "search: {exclude: true}"]:
        tiny.write(
            {"content/cases/bad.md": base_case.replace("status: pilot", f"status: pilot\n{key}")}
        )
        result = tiny.run("validate", "content/cases/bad.md")
        assert "er ikke et felt, skemaet kender" in result.stdout, key


def test_unsafe_markdown_extensions_are_refused(tiny, base_case):
    tiny.write({"content/cases/ok.md": base_case})
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    for extension in ["pymdownx.snippets", "attr_list"]:
        (tiny.root / "mkdocs.yml").write_text(
            config.replace("markdown_extensions:\n", f"markdown_extensions:\n  - {extension}\n")
        )
        result = tiny.run("build")
        assert result.exit_code == 1
        assert f"Markdown-udvidelsen '{extension}'" in result.output


@pytest.mark.parametrize(
    "html, problem",
    [
        (
            '<img src="//sporing.example/p.gif">',
            "henter fra en anden server i src: //sporing.example/p.gif",
        ),
        ('<img src="https://sporing.example/p.gif">', "henter fra en anden server i src"),
        ('<img src="\\\\sporing.example\\p.gif">', "henter fra en anden server i src"),
        (
            '<img srcset="a.png 1x, //sporing.example/b.png 2x">',
            "henter fra en anden server i srcset",
        ),
        ('<video poster="https://sporing.example/v.jpg">', "henter fra en anden server i poster"),
        (
            '<link rel="stylesheet" href="https://fonts.example/a.css">',
            "henter fra en anden server i href",
        ),
    ],
)
def test_a_resource_from_another_host_fails_the_scan(html, problem):
    assert any(p.startswith(problem) for p in scan_page(f"<html><body>{html}</body></html>"))


def test_links_and_the_sites_own_resources_are_not_requests_to_another_host():
    assert (
        scan_page(
            '<a href="https://www.aarhus.dk/">Aarhus</a><img src="../images/kort.png" alt="">'
            '<link rel="canonical" href="https://example.org/cases/a/">'
            '<link rel="stylesheet" href="../assets/stylesheets/main.css">'
        )
        == []
    )


@pytest.mark.parametrize(
    "body, kept",
    [
        ('<img src="//sporing.example/p.gif" alt="kort">', '<img alt="kort">'),
        ('<img src="https://sporing.example/p.gif" alt="kort">', '<img alt="kort">'),
        ('<img src="../images/kort.png" alt="kort">', '<img src="../images/kort.png" alt="kort">'),
        ('<a href="//sporing.example/x">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="tel:+4512345678">ring</a>', '<a href="tel:+4512345678" rel="noopener">ring</a>'),
    ],
)
def test_the_sanitizer_keeps_no_image_from_another_host(body, kept):
    from generator.site.sanitize import clean

    assert clean(body) == kept


def test_build_fails_when_a_page_would_request_another_host(tiny, base_case, monkeypatch):
    monkeypatch.setattr("generator.content.rules.check_body", lambda doc: iter(()))
    monkeypatch.setattr("generator.site.sanitize.clean", lambda html: html)
    tiny.write(
        {
            "content/cases/ok.md": base_case.replace(
                "Start småt", "![kort](//sporing.example/p.png) Start småt"
            )
        }
    )
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "Usikker HTML i det byggede site: cases/ok/index.html: henter fra en anden server i "
        "src: //sporing.example/p.png"
    ) in result.output


_BACKTRACKING_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>"""
)
"""The guard's tag pattern as first written, without possessive quantifiers."""


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<", ">", "/", "=", '"', "'", " ", "\t", "\n", "a", "on", "x:y", "-", "1", "é"]
        ),
        max_size=40,
    ).map("".join)
)
def test_the_tag_pattern_finds_what_it_found_before_it_was_made_possessive(text):
    assert _TAG.findall(text) == _BACKTRACKING_TAG.findall(text)
