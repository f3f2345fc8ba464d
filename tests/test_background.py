"""The search indexes and the scan of rendered pages run in a second process when there is a
second core; with one core they run in place. Either way the site is the same."""

from __future__ import annotations

import sys

from tests_support import build, copy_content, snapshot

from generator.plugin import background


def test_one_core_builds_the_same_site(built, tiny, monkeypatch):
    copy_content(built, tiny)
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    site = build(tiny, "--strict")
    assert snapshot(site) == snapshot(built / "site")


def test_work_fails_where_its_result_is_needed(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    pending = background.Background().submit(int, "not a number")
    assert isinstance(pending.exception(), ValueError)


def test_work_is_done_in_place_when_the_worker_cannot_start(monkeypatch):
    """The worker imports the main module; a script piped to Python cannot be imported again."""
    monkeypatch.setattr(sys.modules["__main__"], "__file__", "/nonexistent/<stdin>",
                        raising=False)
    work = background.Background()
    try:
        assert work.submit(sorted, [3, 1, 2]).result() == [1, 2, 3]
    finally:
        work.close()
