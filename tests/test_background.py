"""The search indexes and the scan of rendered pages run in a second process when there is a
second core; with one core they run in place. Either way the site is the same."""

from __future__ import annotations

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
