"""Search outputs: which pages are searchable, and the files the browser needs.

Cases come first and in the site's order, so a case's search number is its position in
`site.cases`; the finder page marks each case with that number.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..site.model import Site
from ..site.search.facetwords import case_places_text, case_tags_text, spellings
from ..site.search.index import SearchDoc, plain_body
from ..site.search.shards import file_names, index_files
from ..site.search.suggest import WORDS_FILE, vocabulary
from .materialsearch import material_index

if TYPE_CHECKING:
    from .background import Pending
    from .context import BuildContext
    from .outputs import Content


def _url(src_uri: str) -> str:
    """The built page's address: `themes/index.md` -> `themes/`, `groups/x.md` -> `groups/x/`
    (MkDocs' directory URLs), never a source file's."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"


def search_docs(site: Site, specs) -> list[SearchDoc]:
    docs = [
        SearchDoc(
            case.url,
            case.title,
            " ".join(case.summary.split()),
            tags=case_tags_text(case),
            municipality=case_places_text(case),
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
        # the further pages of every listing, which only repeat their cases.
        listing = spec.context.get("listing")
        if (
            not ({"case", "guide"} & spec.context.keys())
            and not spec.src_uri.startswith(("tags/", "cases/side/"))
            and (listing is None or listing.first)
        ):
            docs.append(
                SearchDoc(
                    _url(spec.src_uri),
                    spec.title,
                    spec.description,
                    municipality=_places(spec),
                    body=_body(spec),
                )
            )
    return docs


def _body(spec) -> str:
    """The indexed text of a page that shows a document of its own (a group, an event)."""
    subject = spec.context.get("group") or spec.context.get("event")
    return plain_body(subject.doc) if subject is not None else ""


def _places(spec) -> str:
    """The municipalities a generated page is about, in every spelling a reader may type."""
    page = spec.context.get("municipality_page")
    names = [page.municipality.name] if page else []
    group = spec.context.get("group")
    if group is not None:
        names += [m.name for m in group.members]
    return " ".join(s for name in names for s in spellings(name))


def search_outputs(build: BuildContext) -> dict[str, Content]:
    # The plugin has made the page list already; computing it again would redo every page's data.
    docs = search_docs(build.site, build.specs)
    # The indexes are built in the background while MkDocs converts and renders the pages.
    pending = build.background.submit(index_files, docs)
    # Without prebuilt search, Material writes its own index; the finder uses ours.
    files: dict[str, Content] = material_index() if build.prebuilt_search else {}
    files.update({name: partial(_result, pending, name) for name in file_names(docs)})
    taxonomy = build.site.taxonomy
    names = [*taxonomy.municipalities, *(r.name for r in taxonomy.regions.values())]
    files[WORDS_FILE] = vocabulary(docs, names)
    return files


def _result(pending: Pending, name: str) -> str:
    return pending.result()[name]
