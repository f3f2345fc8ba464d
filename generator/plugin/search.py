"""Search outputs: which pages are searchable, and the files the browser needs.

Cases come first and in the site's order, so a case's search number is its position in
`site.cases`; the finder page marks each case with that number.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import mkdocs.contrib.search

from ..model import Site
from ..search.index import INDEX_FILES, SearchDoc, index_files, lookup_files, plain_body

if TYPE_CHECKING:
    from .background import Pending
    from .outputs import Content

LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
"""lunr.js 2.3.9 as MkDocs ships it: served from the site itself, never from a CDN."""


def _url(src_uri: str) -> str:
    return src_uri.removesuffix("index.md")


def search_docs(site: Site, specs) -> list[SearchDoc]:
    docs = [
        SearchDoc(
            case.url,
            case.title,
            " ".join(case.summary.split()),
            tags=" ".join(case.tags),
            municipality=case.municipality.name,
            body=plain_body(case.doc),
        )
        for case in site.cases
    ]
    docs += [
        SearchDoc(
            guide.url,
            guide.title,
            " ".join(guide.summary.split()),
            tags=" ".join(guide.tags),
            body=plain_body(guide.doc),
        )
        for guide in site.guides
    ]
    for spec in specs:
        # Every other page (generated listings, groups, events), except the keyword pages and
        # the case list's further pages, which only repeat their cases.
        if not ({"case", "guide"} & spec.context.keys()) and not spec.src_uri.startswith(
            ("tags/", "cases/side/")
        ):
            page = spec.context.get("municipality_page")
            docs.append(
                SearchDoc(
                    _url(spec.src_uri),
                    spec.title,
                    spec.description,
                    municipality=page.municipality.name if page else "",
                )
            )
    return docs


def search_outputs(site: Site, config) -> dict[str, Content]:
    plugin = config.plugins["smartcity"]
    # The plugin has made the page list already; computing it again would redo every page's data.
    docs = search_docs(site, plugin.specs.values())
    # The indexes are built in the background while MkDocs converts and renders the pages.
    pending = plugin.background.submit(index_files, docs)
    files: dict[str, Content] = dict(lookup_files(docs))
    files.update({name: partial(_result, pending, name) for name in INDEX_FILES})
    if not plugin.config.prebuilt_search:
        del files["search/search_index.json"]  # Material writes its own; the finder uses ours
    files["assets/javascripts/smartcity/lunr.js"] = LUNR_JS.read_bytes()
    return files


def _result(pending: Pending, name: str) -> str:
    return pending.result()[name]
