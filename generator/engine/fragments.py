"""Rendered once, used many times: the parts of Material's page around the content.

Material renders the whole navigation, the search box, the footer, its stylesheets, its
configuration and its scripts into every page. A case, keyword or municipality page is not in the navigation, so nothing in it is marked
active, it has no previous/next links, and these parts differ only by where the page lives:
every page in one folder (`cases/a/`, `cases/b/`, ...) gets the same HTML. Rendering them once
per folder instead of once per page takes most of Material's per-page cost out of a build with
thousands of cases.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import material
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MATERIAL_PREFIX = "material"
"""`{% include "material/partials/nav.html" %}` reaches Material's own template from an
override of the same name in `theme/`."""


def add_material_prefix(env: Environment) -> None:
    env.loader = ChoiceLoader(
        [
            env.loader,
            PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(str(MATERIAL_TEMPLATES))}),
        ]
    )


class FolderFragments:
    """`{% call smartcity_per_folder("name", page) %}...{% endcall %}`: the body rendered once
    per folder for pages outside the navigation, and every time for pages in it."""

    def __init__(self, nav) -> None:
        self.nav_urls = [page.url for page in nav.pages] if nav else []
        self.in_nav = set(self.nav_urls)
        self.rendered: dict[str, Markup] = {}
        """By `name:folder`."""
        self._keys: dict[str, str | None] = {}
        """By page URL: each page asks for several fragments."""

    def key(self, page) -> str | None:
        """The folder whose pages share the fragment, or None when this page needs its own."""
        if page is None:
            return None
        url = page.url
        try:
            return self._keys[url]
        except KeyError:
            key = self._keys[url] = self._key(url)
            return key

    def _key(self, url: str) -> str | None:
        if url in self.in_nav:
            return None  # a page in the navigation marks itself and its section as active
        if any(other.startswith(url) for other in self.nav_urls):
            return None  # a navigation page below this one would get a shorter link here
        return posixpath.dirname(url.rstrip("/"))

    def __call__(self, name: str, page, caller) -> Markup:
        folder = self.key(page)
        if folder is None:
            return Markup(caller())
        key = f"{name}:{folder}"
        if key not in self.rendered:
            self.rendered[key] = Markup(caller())
        return self.rendered[key]


class Once:
    """`{% call smartcity_once(key, ...) %}...{% endcall %}`: the body rendered once per key in
    a build. A case's card is the same on every listing at the same depth (its link is
    relative), and a case stands on a theme, a municipality and each of its keywords' listings:
    at 5,000 cases that is tens of thousands of cards, each rendered once instead."""

    def __init__(self) -> None:
        self.rendered: dict[tuple, Markup] = {}

    def __call__(self, *key, caller) -> Markup:
        if key not in self.rendered:
            self.rendered[key] = Markup(caller())
        return self.rendered[key]


class MaterialTexts:
    """`lang.t(key)` in Material's templates: what Material's own macro
    (`partials/language.html`) gives for `key`, asked once per key in a build.

    Material's base template imports that partial anew for every page, and its macro builds the
    language's table of some fifty texts on each of the thirty-odd calls a page makes (0.2 s
    of a 1,000-case build). The theme's `partials/language.html` makes `t` this object."""

    def __init__(self, env: Environment, config) -> None:
        self.env, self.config = env, config
        self.texts: dict[str, str] = {}
        self._material = None

    def __call__(self, key: str) -> str:
        text = self.texts.get(key)
        if text is None:
            if self._material is None:
                template = self.env.get_template(f"{MATERIAL_PREFIX}/partials/language.html")
                self._material = template.make_module({"config": self.config})
            text = self.texts[key] = self._material.t(key)
        return text
