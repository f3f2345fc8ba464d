"""The search indexes and the scan of rendered pages run in a second process when there is a
second core; with one core they run in place. Either way the site is the same."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from tests_support import build, copy_content, snapshot

from generator.engine import background


def test_one_core_builds_the_same_site(built, tiny, monkeypatch):
    copy_content(built, tiny)
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    site = build(tiny, "--strict")
    assert snapshot(site) == snapshot(built / "site")


def test_work_fails_where_its_result_is_needed(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    pending = background.Background().submit(int, "not a number")
    with pytest.raises(ValueError):
        pending.result()


def test_work_is_done_in_place_when_the_worker_cannot_start(monkeypatch):
    """The worker imports the main module; a script piped to Python cannot be imported again."""
    monkeypatch.setattr(sys.modules["__main__"], "__file__", "/nonexistent/<stdin>", raising=False)
    work = background.Background()
    try:
        assert work.submit(sorted, [3, 1, 2]).result() == [1, 2, 3]
    finally:
        work.close()


def test_the_worker_is_forked_only_where_that_is_safe(tmp_path):
    """On Linux, from a build with no other thread, the worker is a fork (it starts at once,
    with the build's modules imported); beside a running thread (the preview's server) it is
    started anew, since a fork would copy locks those threads may hold."""
    script = tmp_path / "context.py"
    script.write_text(
        "import threading\n"
        "from generator.engine.background import _context\n"
        "alone = _context().get_start_method()\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait).start()\n"
        "print(alone, _context().get_start_method())\n"
        "stop.set()\n",
        encoding="utf-8",
    )
    alone, beside_a_thread = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert alone == ("fork" if sys.platform == "linux" else beside_a_thread)
    assert beside_a_thread in ("forkserver", "spawn")


def test_the_worker_ends_when_the_build_is_killed(tmp_path):
    """A build killed midway (`kill -9`, a cancelled CI job) leaves no process behind."""
    script = tmp_path / "build.py"
    script.write_text(
        "import os, sys, time\n"
        "from generator.engine.background import Background\n"
        "work = Background()\n"
        "print(work.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(60)\n",
        encoding="utf-8",
    )
    # Its stderr is dropped: a killed build's resource tracker reports the semaphores it never
    # released, a message about the kill, not about the worker.
    build = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    worker = int(build.stdout.readline())
    build.kill()
    build.wait()
    build.stdout.close()
    for _ in range(100):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker, 9)
    raise AssertionError("the worker outlived the killed build")


def test_full_collections_wait_for_the_end_of_a_build(tiny, monkeypatch):
    """While `smartcity build` validates and builds, the collector makes no full pass over the
    build's heap; young objects are still collected, and afterwards everything is as before."""
    import gc

    from generator.engine import heap, plugin

    seen = []
    on_pre_build = plugin.SmartCityPlugin.on_pre_build

    def spy(self, *, config):
        seen.append(gc.get_threshold())
        return on_pre_build(self, config=config)

    monkeypatch.setattr(plugin.SmartCityPlugin, "on_pre_build", spy)
    before = gc.get_threshold()
    build(tiny)
    assert seen == [(before[0], before[1], heap.PAUSED)]
    assert gc.get_threshold() == before
    with heap.FullCollectionsPaused(), heap.FullCollectionsPaused():
        assert gc.get_threshold() == (before[0], before[1], heap.PAUSED)
    assert gc.get_threshold() == before


def test_the_heap_is_left_to_the_system_when_a_build_ends(tiny, base_case, tmp_path):
    """`smartcity build` freezes its heap as the process exits, so that the interpreter's
    last collections do not walk it (a fifth of a second at 1,000 cases)."""
    tiny.write({"content/cases/enkel.md": base_case})
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count()))\n"  # runs last
        "from generator.cli.commands import main\n"
        "sys.argv = ['smartcity', *sys.argv[1:]]\n"
        "main()\n"
    )
    args = ["--root", str(tiny.root), "build", "--site-dir", str(tmp_path / "site")]
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    frozen = int(done.stdout.split("frozen ")[-1])
    assert frozen > 50_000  # the build's objects, not a handful
    assert (tmp_path / "site" / "index.html").is_file()
