"""The search index as static files that the browser fetches by term, a few at a time.

A reader's query needs the postings of its few terms, not the whole index: at 5,000 cases the
two lunr indexes earlier builds shipped weighed 3.4 MB compressed, and a first result waited for
all of it. So the terms are cut into shards by range, in JavaScript's string order, and a small
manifest lists the first term of each; the browser (`theme/assets/javascripts/smartcity/
search-core.js`) fetches the shards holding a query word's term, its prefixes and the word as
typed, and nothing else. The result texts (URL, title, summary) come in chunks of documents,
fetched for the results shown.

A shard is a JSON list of `[term, main, body]` in JavaScript's order, where `main` and `body`
are the term's postings in the two indexes of `generator/site/search/index.py`: flat lists of
`document gap, weight` pairs, the gap from the previous document (or 0) and the weight lunr's
BM25 field vector gives the term, in thousandths (lunr rounds to three decimals), summed over
the main index's fields. The browser scores as lunr.js scored the same query over the full
indexes, so results and their order are those of the unsharded index.
"""

from __future__ import annotations

import hashlib
import json

from ...content.digests import digest
from .. import routes
from .analysis import STOP_WORDS
from .index import BODY_FIELDS, BODY_TERMS, MAIN_FIELDS, SearchDoc, analyse, bm25, js_order

MANIFEST = routes.SEARCH_MANIFEST
SHARD_DOCS = 50
"""One term shard per this many documents: about 20 KB compressed a shard at any size."""
PAGE_CHUNK = 50
"""Documents per file of result texts; a result list of 50 fetches at most 50 small files."""
SCALE = 1000


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def shard_path(number: int) -> str:
    return routes.search_shard(number)


def page_path(number: int) -> str:
    return routes.search_texts(number)


def _count(docs: list[SearchDoc], per: int) -> int:
    return max(1, -(-len(docs) // per))


def file_names(docs: list[SearchDoc]) -> list[str]:
    """Every file `index_files` writes, known before the index is built (the plugin adds the
    files to MkDocs' list first and fills them in once the background worker is done)."""
    return [
        MANIFEST,
        *(shard_path(n) for n in range(_count(docs, SHARD_DOCS))),
        *(page_path(n) for n in range(_count(docs, PAGE_CHUNK))),
    ]


def weights(docs: list[SearchDoc], fields: dict[str, int], keep: int | None = None) -> dict:
    """Term -> {document: weight in thousandths}: lunr's BM25 field vectors summed over the
    fields (lunr scores a document as the sum of its fields' scores, each divided by the same
    query norm, so the sum of the weights scores alike)."""
    return {
        term: {doc: round(weight * SCALE) for doc, weight in postings.items()}
        for term, postings in bm25(analyse(docs, fields, keep), fields).items()
    }


_LAST: dict[tuple, tuple[str, dict]] = {}
"""Per index, the weights last computed in this process and a digest of the texts they came
from: in the preview's worker a saved body leaves the main index's texts as they were."""


def _weights(docs: list[SearchDoc], fields: dict[str, int], keep: int | None = None) -> dict:
    key = (tuple(fields.items()), keep)
    texts = digest(getattr(doc, name) for doc in docs for name in fields)
    last = _LAST.get(key)
    if last is not None and last[0] == texts:
        return last[1]  # read only by its callers
    found = weights(docs, fields, keep)
    _LAST[key] = (texts, found)
    return found


def _flat(postings: dict[int, int] | None) -> list[int]:
    flat, previous = [], 0
    for doc in sorted(postings or ()):
        flat += [doc - previous, postings[doc]]
        previous = doc
    return flat


def shards(docs: list[SearchDoc]) -> list[list]:
    """The terms of both indexes in JavaScript's order, cut into `_count(docs, SHARD_DOCS)`
    shards of about equal size (one common term may make its shard larger); some may be empty."""
    main = _weights(docs, MAIN_FIELDS)
    body = _weights(docs, BODY_FIELDS, keep=BODY_TERMS)
    entries = [
        [term, _flat(main.get(term)), _flat(body.get(term))]
        for term in sorted(main.keys() | body.keys(), key=js_order)
    ]
    sizes = [len(_dump(entry)) for entry in entries]
    total = sum(sizes) or 1
    count = _count(docs, SHARD_DOCS)
    cut: list[list] = [[] for _ in range(count)]
    before = 0
    for entry, size in zip(entries, sizes):
        cut[min(count - 1, before * count // total)].append(entry)
        before += size
    filled = [shard for shard in cut if shard]
    return filled + [[] for _ in range(count - len(filled))]


def index_files(docs: list[SearchDoc]) -> dict[str, str]:
    """The manifest, the term shards and the result texts: most of the cost of search at build
    time, made in the background worker."""
    cut = shards(docs)
    files = {shard_path(n): _dump(shard) for n, shard in enumerate(cut)}
    for n in range(_count(docs, PAGE_CHUNK)):
        chunk = docs[n * PAGE_CHUNK : (n + 1) * PAGE_CHUNK]
        files[page_path(n)] = _dump([[d.url, d.title, d.summary] for d in chunk])
    version = hashlib.sha256("\n".join(files.values()).encode("utf-8")).hexdigest()[:12]
    manifest = {
        "version": version,
        "docs": len(docs),
        "chunk": PAGE_CHUNK,
        "shards": [shard[0][0] for shard in cut if shard],
        "stopWords": sorted(STOP_WORDS),
    }
    return {MANIFEST: _dump(manifest), **files}


def search_files(docs: list[SearchDoc]) -> dict[str, str]:
    """Every file search needs, by path in the site."""
    return index_files(docs)
