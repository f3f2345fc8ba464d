"""The hostile body corpus (tests/fixtures/hostile/bodies/), end to end.

Every form is refused by `smartcity validate` with its Danish message at the right file line,
or accepted and built inert: in Chromium the page makes no request to another host, and the
theme's ids stay unique. No form gives a traceback or exit 3, in `validate` or in `build`.
"""

from __future__ import annotations

import pytest
import yaml
from browser import Watch, serve
from conftest import FIXTURES, TinyProject

from generator.content.validate import validate

BODIES = FIXTURES / "hostile" / "bodies"
EXPECTED = yaml.safe_load((BODIES / "expected.yaml").read_text(encoding="utf-8"))
ANCHOR = "Start småt, og del data med andre kommuner."


def _case(base_case: str, name: str) -> tuple[str, int]:
    """The base case with the hostile body in place of its last paragraph, and the file line
    of the body's first line."""
    body = (BODIES / f"{name}.md").read_text(encoding="utf-8")
    first = base_case[: base_case.index(ANCHOR)].count("\n") + 1
    return base_case.replace(ANCHOR, body.rstrip("\n")), first


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, base_case):
    tiny = TinyProject(tmp_path_factory.mktemp("bodies") / "project")
    firsts = {}
    files = {}
    for name in EXPECTED:
        text, firsts[name] = _case(base_case, name)
        files[f"content/cases/{name}.md"] = text
    tiny.write(files)
    return tiny, firsts


def test_every_file_in_the_corpus_is_listed():
    assert sorted(p.stem for p in BODIES.glob("*.md")) == sorted(EXPECTED)


def test_each_form_is_refused_at_its_line_or_accepted(corpus):
    tiny, firsts = corpus
    result = validate(tiny.project)
    wrong = []
    for name, expected in sorted(EXPECTED.items()):
        found = [d for d in result.errors if d.file == f"content/cases/{name}.md"]
        if expected["outcome"] == "inert":
            if found:
                wrong.append((name, [str(d) for d in found]))
            continue
        line = firsts[name] + expected["line"] - 1
        if not any(d.code == expected["outcome"] and d.line == line for d in found):
            wrong.append((name, expected, line, [str(d) for d in found]))
        assert all("Traceback" not in d.message for d in found)
    assert wrong == []


def test_validate_and_build_never_crash_and_the_accepted_forms_are_inert(corpus, browser):
    tiny, _ = corpus
    checked = tiny.run("validate")
    assert checked.exit_code == 1, checked.output
    assert "Traceback" not in checked.output and "Intern fejl" not in checked.output
    refused = {f"content/cases/{n}.md" for n, e in EXPECTED.items() if e["outcome"] != "inert"}
    for path in refused:
        (tiny.root / path).unlink()
    build = tiny.run("build", "--strict")
    assert build.exit_code == 0, build.output
    inert = sorted(n for n, e in EXPECTED.items() if e["outcome"] == "inert")
    with serve(tiny.root / "site") as base:
        page = browser.new_page()
        watch = Watch(page, base)
        for name in inert:
            page.goto(f"{base}/cases/{name}/", wait_until="load")
            for theme_id in ("__drawer", "__search"):
                assert page.locator(f"[id='{theme_id}']").count() == 1, (name, theme_id)
        page.goto(f"{base}/cases/text-angle-brackets/", wait_until="load")
        assert "Start med <5 kryds & >2 sensorer; 3 < 4 && 5 > 4." in page.inner_text("article")
        page.goto(f"{base}/cases/heading-theme-id/", wait_until="load")
        ids = page.eval_on_selector_all(
            "article h3", "hs => Object.fromEntries(hs.map(h => [h.textContent, h.id]))"
        )
        assert {k: ids.get(k) for k in ("__drawer", "__search", "sc-main")} == {
            "__drawer": "drawer",
            "__search": "search",
            "sc-main": "afsnit-sc-main",
        }
        page.close()
    assert watch.foreign == []
    assert watch.dialogs == []
