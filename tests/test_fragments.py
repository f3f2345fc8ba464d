"""Material's navigation, footer, configuration and scripts are rendered once per folder for
pages outside the navigation; the pages must come out exactly as if each rendered its own."""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup
from tests_support import build, copy_content, snapshot

from generator.engine.fragments import FolderFragments


def _page(url):
    return SimpleNamespace(url=url)


def _nav(*urls):
    return SimpleNamespace(pages=[_page(url) for url in urls])


def test_pages_outside_the_navigation_share_their_folder():
    fragments = FolderFragments(_nav("", "cases/", "themes/trafik/"))
    assert fragments.key(_page("cases/a/")) == fragments.key(_page("cases/b/")) == "cases"
    assert fragments.key(_page("tags/parkering/")) == "tags"
    assert fragments.key(_page("cases/")) is None, "a page in the navigation marks itself active"
    assert fragments.key(None) is None, "the 404 page"
    nested = FolderFragments(_nav("", "cases/a/more/"))
    assert nested.key(_page("cases/a/")) is None, "a navigation page below it gets a shorter link"


def test_each_fragment_is_rendered_once_per_folder():
    fragments = FolderFragments(_nav("", "cases/"))
    calls = []

    def caller():
        calls.append(1)
        return Markup(f"<nav>{len(calls)}</nav>")

    assert fragments("nav", _page("cases/a/"), caller=caller) == "<nav>1</nav>"
    assert fragments("nav", _page("cases/b/"), caller=caller) == "<nav>1</nav>"
    assert fragments("footer", _page("cases/b/"), caller=caller) == "<nav>2</nav>"
    assert fragments("nav", _page("cases/"), caller=caller) == "<nav>3</nav>"
    assert fragments("nav", _page("cases/"), caller=caller) == "<nav>4</nav>"


def test_the_bundled_site_is_the_same_without_the_cache(built, tiny, monkeypatch):
    """Every page, rendered with each fragment made afresh, equals the cached build."""
    copy_content(built, tiny)
    monkeypatch.setattr(
        FolderFragments, "__call__", lambda self, name, page, caller: Markup(caller())
    )
    site = build(tiny, "--strict")
    assert snapshot(site) == snapshot(built / "site")
