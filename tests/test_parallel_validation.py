"""Validation shares the content files with the build's second process: whoever reads a file,
the documents and every message are the same, in the same order."""

from __future__ import annotations

import pytest
from conftest import TinyProject

from generator.content import parallel
from generator.content.validate import load_tree
from generator.engine.background import Background

TITLE = "title: Sensorer måler trafikken i midtbyen"
BODY = "Start småt, og del data med andre kommuner."

VARIANTS = [
    lambda text, n: text.replace(TITLE, f"title: Trafik & data <{n}> i midtbyen ﬁnt"),
    lambda text, n: text.replace("municipality: Aarhus", "municipality: Aarhus Kommune"),
    lambda text, n: text.replace(BODY, f"Tekst før.\n\n<script>alert({n})</script>\n\nEfter."),
    lambda text, n: text.replace("status: pilot", "status: [pilot"),  # broken YAML
    lambda text, n: text.replace(BODY, "Se [den anden case](../cases/mangler.md). 🚲"),
    lambda text, n: text.replace("started: 2022", "started: 2099"),
    lambda text, n: text.replace(BODY, "![](images/findes-ikke.png)"),
    lambda text, n: text,
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, base_case) -> TinyProject:
    """Twice as many files as it takes to share them, valid and invalid in turn."""
    tiny = TinyProject(tmp_path_factory.mktemp("shared") / "project")
    files = {}
    for n in range(2 * parallel.SHARED_FROM):
        text = VARIANTS[n % len(VARIANTS)](base_case, n)
        files[f"content/cases/case-{n:03d}.md"] = text
    files["content/cases/Forkert Navn.md"] = base_case
    return tiny.write(files)


class Counting(Background):
    """The build's worker, counting the files it was handed."""

    handed = 0

    def submit(self, function, *args):
        if function is parallel.read_chunk:
            self.handed += len(args[1])
        return super().submit(function, *args)


def _picture(tree) -> tuple:
    """Everything a tree holds that the site and the messages are made of (by value: which
    equal strings are one object differs between a process's own objects and unpickled ones)."""
    documents = {
        folder: [(d.path, d.slug, d.meta, d.body, d.valid, d.scan) for d in docs]
        for folder, docs in tree.documents.items()
    }
    return tree.result.files, [str(d) for d in tree.result.diagnostics], documents


def test_shared_reading_gives_the_same_tree(mixed):
    alone = load_tree(mixed.project)
    with Counting() as worker:
        shared = load_tree(mixed.project, helper=worker)
    assert 0 < worker.handed < len(alone.result.files)  # both sides read
    assert _picture(shared) == _picture(alone)
    assert not shared.result.ok  # the invalid variants are reported, not lost on the way
    codes = {d.code for d in shared.result.diagnostics}
    assert {"yaml.syntax", "body.html", "content.slug"} <= codes


def test_the_switch_interval_is_short_while_sharing_and_restored_after(mixed):
    """The helper's results are taken off the pipe promptly while both read (see
    `parallel.HANDOFF`), and the interpreter is left as it was, even after an error."""
    import sys

    seen = []

    class Watching(Counting):
        def submit(self, function, *args):
            seen.append(sys.getswitchinterval())
            return super().submit(function, *args)

    before = sys.getswitchinterval()
    with Watching() as worker:
        load_tree(mixed.project, helper=worker)
    assert seen and max(seen) == pytest.approx(parallel.HANDOFF) and before > parallel.HANDOFF
    assert sys.getswitchinterval() == before

    class Failing(Counting):
        def submit(self, function, *args):
            raise OSError("no pipe")

    with Failing() as worker, pytest.raises(OSError):
        load_tree(mixed.project, helper=worker)
    assert sys.getswitchinterval() == before


def test_a_small_project_is_read_in_place(tiny, base_case):
    tiny.write({"content/cases/enkel.md": base_case})
    with Counting(lazy=True) as worker:
        tree = load_tree(tiny.project, helper=worker)
    assert worker.handed == 0 and worker._pool is None  # no process was started for it
    assert tree.result.ok


def test_reading_in_place_when_the_worker_cannot_start(mixed, monkeypatch):
    """No second core (or no worker): the caller reads the chunks it handed out itself."""
    monkeypatch.setattr("generator.engine.background.os.cpu_count", lambda: 1)
    alone = load_tree(mixed.project)
    with Counting() as worker:
        shared = load_tree(mixed.project, helper=worker)
    assert worker.handed > 0
    assert _picture(shared) == _picture(alone)


def test_the_worker_checks_dates_as_of_the_callers_day(mixed, monkeypatch):
    """The worker may have been started under another `SOURCE_DATE_EPOCH` (a process started
    earlier keeps its environment): the caller's day is handed to it."""
    with Background() as worker:
        worker.submit(sorted, [2, 1]).result()  # started now, under today's environment
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01
        alone = load_tree(mixed.project)
        shared = load_tree(mixed.project, helper=worker)
    assert _picture(shared) == _picture(alone)
    assert "date.published-future" in {d.code for d in alone.result.diagnostics}


def test_a_kept_worker_reads_by_the_schema_as_it_is_now(mixed, tmp_path):
    """The preview keeps its worker from one build to the next: after the schema changed, the
    files it reads are checked against the new one, not the one it read first."""
    tiny = TinyProject(tmp_path / "project")
    cases = mixed.root / "content" / "cases"
    tiny.write({f"content/cases/{p.name}": p.read_text() for p in cases.glob("*.md")})
    schema = tiny.root / "schema" / "case.schema.json"
    with Background() as worker:
        before = load_tree(tiny.project, helper=worker)
        text = schema.read_text(encoding="utf-8")
        schema.write_text(text.replace('"idea", "pilot",', '"idea",'), encoding="utf-8")
        after = load_tree(tiny.project, helper=worker)
    alone = load_tree(tiny.project)
    assert _picture(after) == _picture(alone) != _picture(before)
    refused = [d for d in after.result.diagnostics if d.field == "status"]
    assert len(refused) >= parallel.SHARED_FROM  # pilot is no status now, in every file
