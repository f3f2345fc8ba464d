"""Search outputs: which pages are searchable, and the files the browser needs.

Cases come first and in the site's order, so a case's search number is its position in
`site.cases`; the finder page marks each case with that number.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs.contrib.search

from ..model import Site
from ..search.index import SearchDoc, plain_body, search_files
from .pages import page_specs

LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
"""lunr.js 2.3.9 as MkDocs ships it: served from the site itself, never from a CDN."""


def _url(src_uri: str) -> str:
    return src_uri.removesuffix("index.md")


def search_docs(site: Site, specs) -> list[SearchDoc]:
    docs = [SearchDoc(case.url, case.title, " ".join(case.summary.split()),
                      tags=" ".join(case.tags), municipality=case.municipality.name,
                      body=plain_body(case.doc.body))
            for case in site.cases]
    docs += [SearchDoc(guide.url, guide.title, " ".join(guide.summary.split()),
                       tags=" ".join(guide.tags), body=plain_body(guide.doc.body))
             for guide in site.guides]
    for spec in specs:
        # Every other page (generated listings, groups, events), except the keyword pages,
        # which only repeat their cases.
        if not ({"case", "guide"} & spec.context.keys()) and not spec.src_uri.startswith("tags/"):
            page = spec.context.get("municipality_page")
            docs.append(SearchDoc(_url(spec.src_uri), spec.title, spec.description,
                                  municipality=page.municipality.name if page else ""))
    return docs


def search_outputs(site: Site, config) -> dict[str, str | bytes]:
    if config and not config.plugins["smartcity"].config.prebuilt_search:
        # Material's search writes its own index; the finder still needs the project's.
        files = search_files(search_docs(site, config.plugins["smartcity"].specs.values()))
        files.pop("search/search_index.json")
        return {**files, "assets/javascripts/smartcity/lunr.js": LUNR_JS.read_bytes()}
    # The plugin has made the page list already; computing it again would redo every page's data.
    specs = config.plugins["smartcity"].specs.values() if config else page_specs(site)
    files: dict[str, str | bytes] = dict(search_files(search_docs(site, specs)))
    files["assets/javascripts/smartcity/lunr.js"] = LUNR_JS.read_bytes()
    return files
