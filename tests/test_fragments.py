"""Material's navigation, footer, configuration and scripts are rendered once per folder for
pages outside the navigation; the pages must come out exactly as if each rendered its own."""

from __future__ import annotations

import re
from types import SimpleNamespace

from conftest import REPO
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from tests_support import build, copy_content, snapshot

from generator.engine.fragments import (
    MATERIAL_PREFIX,
    MATERIAL_TEMPLATES,
    FolderFragments,
    MaterialTexts,
)


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


def test_the_bundled_site_is_the_same_with_material_s_own_language_partial(built, tiny):
    """The theme's `partials/language.html` keeps Material's texts once per key; without it
    (Material's partial, its macro called on every page) every page is the same."""
    copy_content(built, tiny)
    tiny.write({"theme/partials/language.html": None})
    site = build(tiny, "--strict")
    assert snapshot(site) == snapshot(built / "site")


def test_material_s_texts_are_its_macro_s_asked_once_per_key():
    material = FileSystemLoader(str(MATERIAL_TEMPLATES))
    env = Environment(loader=ChoiceLoader([material, PrefixLoader({MATERIAL_PREFIX: material})]))
    config = SimpleNamespace(theme=SimpleNamespace(language="da"))
    own = env.get_template("partials/language.html").make_module({"config": config})
    texts = MaterialTexts(env, config)
    for key in ("language", "search.placeholder", "action.skip", "no.such.key"):
        assert texts(key) == own.t(key)
    assert texts("language") == "da" and texts("no.such.key") == "no.such.key"
    asked = []
    macro = texts._material.t
    texts._material = SimpleNamespace(t=lambda key: asked.append(key) or macro(key))
    texts("search.placeholder")
    texts("toc")
    texts("toc")
    assert asked == ["toc"]  # each key is asked of Material's macro once


def test_the_theme_s_language_partial_falls_back_to_material_s_own_lines():
    """Where the plugin does not render (Material's plugins read the partial in environments
    of their own), the override is Material's partial: an upgrade that changes it fails here."""
    theirs = (MATERIAL_TEMPLATES / "partials" / "language.html").read_text(encoding="utf-8")
    ours = (REPO / "theme" / "partials" / "language.html").read_text(encoding="utf-8")
    fallback = ours.split("{% else %}", 1)[1].split("{% endif %}", 1)[0]
    material_lines = [
        line.strip() for line in re.sub(r"\A\{#-.*?-#\}", "", theirs, flags=re.S).splitlines()
    ]
    assert [line for line in material_lines if line] == [
        line.strip() for line in fallback.splitlines() if line.strip()
    ]
