"""Pages rendered in two processes (generator/engine/forked.py): the same site as one process
makes, and a helper that fails, dies or warns fails the build as the build itself would."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from tests_support import snapshot

from generator.cli.commands import cli
from generator.engine import forked
from generator.engine.backend import build_command
from generator.engine.background import _gone

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the helper runs on Linux with a second core; elsewhere one process renders every page",
)

CASES = 160
"""Enough cases for a share above `forked.MIN_SHARE`."""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    return write_corpus(tmp_path_factory.mktemp("forked") / "project", CASES)


def _build(project: Path, site: Path, *args: str):
    return CliRunner().invoke(
        cli,
        ["--root", str(project), "build", "--site-dir", str(site), *args],
        catch_exceptions=False,
    )


@pytest.fixture
def helpers(monkeypatch) -> list[forked.Helper | None]:
    """The helpers the builds start to render pages (not those that compile templates ahead,
    which have no pages)."""
    started: list[forked.Helper | None] = []
    start = forked.Helper.start.__func__

    def spy(cls, share, work, *queue):
        helper = start(cls, share, work, *queue)
        if share:
            started.append(helper)
        return helper

    monkeypatch.setattr(forked.Helper, "start", classmethod(spy))
    return started


def _in_helper_only(monkeypatch, function_name: str, act) -> None:
    """MkDocs' page function `function_name` calls `act(page)` first, in the helper only."""
    build = os.getpid()
    original = getattr(build_command, function_name)

    def patched(page, *args, **kwargs):
        if os.getpid() != build:
            act(page)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(build_command, function_name, patched)


def _build_in_one_process(project: Path, site: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - smartcity:\n", "  - smartcity:\n      parallel_pages: false\n", 1),
        encoding="utf-8",
    )
    try:
        assert _build(project, site).exit_code == 0
    finally:
        config.write_text(text, encoding="utf-8")


def test_two_processes_build_the_same_site_as_one(project, tmp_path, helpers, monkeypatch):
    assert _build(project, tmp_path / "two").exit_code == 0
    assert len(helpers) == 1 and helpers[0] is not None
    assert len(helpers[0].share) >= forked.MIN_SHARE
    _build_in_one_process(project, tmp_path / "one")
    assert len(helpers) == 1, "with parallel_pages: false no helper starts"
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one.keys() == two.keys()
    assert one == two  # the build wrote none of the helper's pages: the helper did


def test_the_build_takes_back_the_pages_a_slow_helper_has_not_begun(
    project, tmp_path, helpers, monkeypatch
):
    taken_back: list[str] = []
    take_back = forked.take_back
    monkeypatch.setattr(
        forked, "take_back", lambda page: taken_back.append(page.file.src_uri) or take_back(page)
    )
    _in_helper_only(monkeypatch, "_build_page", lambda page: time.sleep(0.05))
    assert _build(project, tmp_path / "two").exit_code == 0
    share = helpers[0].share
    # A twentieth of a second a page: the build is done with its own long before the helper.
    assert len(taken_back) > len(share) // 2
    assert set(taken_back) <= share and len(set(taken_back)) == len(taken_back)
    _build_in_one_process(project, tmp_path / "one")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_page_is_taken_from_the_queue_once_by_one_of_the_two_processes():
    uris = [f"cases/case-{i:05}.md" for i in range(2000)]
    queue = forked.Queue(uris)
    reader, writer = os.pipe()
    with warnings.catch_warnings():  # Python 3.12 warns of a fork where threads run
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the helper's end
        os.close(reader)
        taken = list(iter(queue.next, None))
        os.write(writer, "\n".join(taken).encode())
        os._exit(0)
    os.close(writer)
    back = list(iter(queue.last, None))
    with os.fdopen(reader, "rb") as pipe:
        front = pipe.read().decode().split("\n")
    os.waitpid(pid, 0)
    front = [uri for uri in front if uri]
    assert sorted(front + back) == uris  # every page, and each once
    assert front == uris[: len(front)] and back == uris[len(front) :][::-1]
    assert queue.next() is None and queue.last() is None and queue.taken() == len(front)


def test_an_error_in_the_helper_fails_the_build_and_keeps_the_old_site(
    project, tmp_path, helpers, monkeypatch
):
    site = tmp_path / "site"
    assert _build(project, site).exit_code == 0
    before = snapshot(site)

    def fail(page):
        raise ValueError(f"skabelonfejl i {page.file.src_uri}")

    _in_helper_only(monkeypatch, "_build_page", fail)
    result = _build(project, site)
    assert result.exit_code != 0
    assert helpers[-1] is not None
    assert "skabelonfejl i " in result.output
    assert "Traceback" not in result.output
    assert snapshot(site) == before
    assert not list(site.parent.glob(".site.staging-*"))


def test_a_helper_that_dies_fails_the_build_and_keeps_the_old_site(
    project, tmp_path, helpers, monkeypatch
):
    site = tmp_path / "site"
    assert _build(project, site).exit_code == 0
    before = snapshot(site)
    _in_helper_only(monkeypatch, "_populate_page", lambda page: os._exit(3))
    result = _build(project, site)
    assert result.exit_code != 0
    assert "stoppede uden at melde tilbage" in result.output
    assert snapshot(site) == before
    assert not list(site.parent.glob(".site.staging-*"))


def test_a_warning_in_the_helper_is_printed_once_and_counts_in_strict_mode(
    project, tmp_path, helpers, monkeypatch
):
    warned: list[str] = []  # in the helper's copy of the test

    def warn(page):
        if not warned:
            warned.append(page.file.src_uri)
            logging.getLogger("mkdocs.commands.build").warning("advarsel fra %s", "hjælperen")

    _in_helper_only(monkeypatch, "_populate_page", warn)
    relaxed = _build(project, tmp_path / "relaxed")
    assert relaxed.exit_code == 0
    assert relaxed.output.count("advarsel fra hjælperen") == 1
    strict = _build(project, tmp_path / "strict", "--strict")
    assert strict.exit_code != 0
    assert strict.output.count("advarsel fra hjælperen") == 1
    assert not (tmp_path / "strict").exists()


SLOW_HELPER = """
import os, sys, time
from generator.engine.backend import build_command

build, read = os.getpid(), build_command._populate_page

def slowly(page, *args, **kwargs):
    if os.getpid() != build:
        time.sleep(0.1)
    return read(page, *args, **kwargs)

if __name__ == "__main__":
    build_command._populate_page = slowly
    from generator.cli.commands import main
    sys.argv = ["smartcity", "--root", sys.argv[1], "build"]
    main()
"""


def test_a_killed_build_takes_its_helper_with_it(project, tmp_path):
    """A helper left behind would write into a staging folder the next build removes. Its
    pages here take a tenth of a second each, so it would outlive the build by many seconds."""
    script = tmp_path / "slow_helper.py"
    script.write_text(SLOW_HELPER, encoding="utf-8")
    command = [sys.executable, str(script), str(project)]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    children: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not children:
        children = _copies(process.pid)  # the helper; the background worker is no copy
        time.sleep(0.01)
    assert process.poll() is None and children, "the build should be caught with its helper"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(_gone(pid) for pid in children):
        time.sleep(0.05)
    assert all(_gone(pid) for pid in children)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _copies(pid: int) -> set[int]:
    """Children of `pid` forked from it without a new program (the fork server and its
    workers run one of their own)."""
    try:
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return set()
    found = set()
    for child in _children(pid):
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == own:
                found.add(child)
        except OSError:
            pass
    return found


def test_no_helper_where_another_plugin_reads_the_pages():
    """Another plugin's page events would see only the build's share of the pages."""

    class Owner:
        def on_page_content(self):
            pass

    class Other:
        def on_page_context(self):
            pass

    class Plugins:
        def __init__(self, events):
            self.events = events

    class Config:
        def __init__(self, events):
            self.plugins = Plugins(events)

    owner, other = Owner(), Other()
    alone = Config({"page_content": [owner.on_page_content], "page_context": []})
    shared = Config(
        {"page_content": [owner.on_page_content], "page_context": [other.on_page_context]}
    )
    unrelated = Config(
        {"page_content": [owner.on_page_content], "post_build": [other.on_page_context]}
    )
    assert forked.can_fork(alone, owner)
    assert not forked.can_fork(shared, owner)
    assert forked.can_fork(unrelated, owner)


def test_templates_compiled_ahead_or_not_give_the_same_site(project, tmp_path, monkeypatch):
    """The templates are compiled by a process forked once the content is validated; should it
    fail, the build compiles them itself, and the site is the same."""
    from generator.engine import compiled

    assert _build(project, tmp_path / "ahead").exit_code == 0
    build = os.getpid()
    original = compiled.compile_templates
    ahead = []

    def broken_in_the_fork(env, names, known=()):
        if os.getpid() != build:
            raise RuntimeError("compiling failed")
        ahead.append(list(known))
        return original(env, names, known)

    monkeypatch.setattr(compiled, "compile_templates", broken_in_the_fork)
    assert _build(project, tmp_path / "in-place").exit_code == 0
    assert ahead == [[]], "the build compiled the templates itself"
    assert snapshot(tmp_path / "ahead") == snapshot(tmp_path / "in-place")


def test_each_template_is_parsed_and_compiled_once(monkeypatch):
    """Compiling ahead reads each template for the names it refers to and compiles the same
    parse; loading it afterwards finds the code and compiles nothing again."""
    from jinja2 import DictLoader, Environment

    from generator.engine import compiled

    env = Environment(
        loader=DictLoader(
            {
                "side.html": "{% extends 'grund.html' %}{% block b %}{% include 'kort.html' %}"
                "{% endblock %}",
                "grund.html": "<main>{% block b %}{% endblock %}</main>",
                "kort.html": "{% import 'makroer.html' as m %}{{ m.kort('Å & <b>') }}",
                "makroer.html": "{% macro kort(t) %}<p>{{ t | e }}</p>{% endmacro %}",
            }
        )
    )
    parsed, generated = [], []
    parse, generate = env._parse, env._generate
    monkeypatch.setattr(env, "_parse", lambda s, n, f: parsed.append(n) or parse(s, n, f))
    monkeypatch.setattr(
        env,
        "_generate",
        lambda s, n, f, defer_init=False: generated.append(n) or generate(s, n, f, defer_init),
    )
    done = compiled.compile_templates(env, ["side.html"])
    assert sorted(done) == ["grund.html", "kort.html", "makroer.html", "side.html"]
    assert sorted(parsed) == sorted(done) and sorted(generated) == sorted(done)
    assert env.get_template("side.html").render() == "<main><p>Å &amp; &lt;b&gt;</p></main>"
    assert sorted(parsed) == sorted(done), "nothing was compiled again"
