"""The search documents and their weights: lunr's BM25, computed at build time.

Two indexes are weighed: a main one over titles, summaries, keywords and municipalities, and one
over the bodies' most distinctive terms. `generator/site/search/shards.py` writes their weights as
files the browser fetches by term, so nothing is indexed on the reader's machine. Documents are
numbered in the order given; the number is what the files call a document.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf
from lunr.vector import Vector

from ...content.body import scan_document
from .analysis import terms

MAIN_FIELDS = {"title": 10, "tags": 5, "municipality": 5, "summary": 3}
BODY_FIELDS = {"body": 1}
BODY_TERMS = 100
"""Terms kept per body: the most distinctive ones (tf-idf). Rare words, the ones readers search
for, rank high; words most bodies share add bytes and no precision."""


@dataclass
class SearchDoc:
    url: str
    title: str
    summary: str
    tags: str = ""
    municipality: str = ""
    body: str = ""


class _Builder(Builder):
    """lunr's builder, fed terms the project analysed itself.

    `add` takes each field as a list of index terms and records what lunr's own `add` records
    (term frequencies, field lengths, postings) without lunr's character-by-character tokenizer
    and per-token objects, which cost seconds at a thousand bodies. Field vectors, scoring and
    serialization are lunr's own. The token set only serves Python-side searching.
    """

    def add(self, doc, attributes=None) -> None:
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            field_terms = doc[field_name]
            field_ref = str(FieldRef(doc_ref, field_name))
            counts = Counter(field_terms)
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(field_terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}

    def _create_field_vectors(self) -> None:
        """lunr's BM25 field vectors, computed as lunr computes them, sorted once per vector
        instead of by one insertion at a time."""
        idf_cache: dict[str, float] = {}
        vectors = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            ref = FieldRef.from_string(field_ref)
            length = self.field_lengths[field_ref]
            average = self.average_field_length[ref.field_name] or 1  # a field empty everywhere
            boost = self._fields[ref.field_name].boost * self._documents[ref.doc_ref].get(
                "boost", 1
            )
            norm = self._k1 * (1 - self._b + self._b * (length / average))
            pairs = []
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = Idf(posting, self.document_count)
                score = idf * ((self._k1 + 1) * tf) / (norm + tf) * boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = vectors

    def _create_token_set(self) -> None:
        self.token_set = None


def lunr_index(docs: list[SearchDoc], fields: dict[str, int], keep: int | None = None):
    """A lunr index (Python `lunr`) of the documents' `fields`, analysed by the project.

    Its BM25 field vectors are the weights the browser scores with (`generator/site/search/shards.py`);
    serialized, it is the lunr index earlier builds shipped, which the tests search to prove the
    sharded index finds the same."""
    builder = _Builder()
    builder.ref("id")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    # Analysed here, not by lunr's pipeline, so the browser can analyse queries the same way.
    recent = _RECENT.setdefault(tuple(fields), _Recent())
    analysed = [{name: recent.get(getattr(doc, name)) for name in fields} for doc in docs]
    recent.rotate()
    if keep is not None:
        analysed = _most_distinctive(analysed, keep)
    for number, record in enumerate(analysed):
        builder.add({"id": number, **record})
    return builder.build()


class _Recent:
    """The terms of the texts of the last index built in this process over the same fields.

    The preview's worker lives from one build to the next, and a save changes one text in a
    thousand: the others' terms are taken from here. Only one build back is kept, so the
    memory held is that of the site, not of its history; a one-off build pays the lookups.
    The lists are shared between builds and never changed.
    """

    def __init__(self) -> None:
        self.last: dict[str, list[str]] = {}
        self.now: dict[str, list[str]] = {}

    def get(self, text: str) -> list[str]:
        found = self.now.get(text)
        if found is None:
            found = self.last.get(text)
            if found is None:
                found = terms(text)
            self.now[text] = found
        return found

    def rotate(self) -> None:
        self.last, self.now = self.now, {}


_RECENT: dict[tuple[str, ...], _Recent] = {}


def js_order(text: str) -> bytes:
    """A sort key that orders strings as JavaScript compares them: by UTF-16 code units."""
    return text.encode("utf-16-be", "surrogatepass")


def _most_distinctive(analysed: list[dict], keep: int) -> list[dict]:
    """Each field cut to its `keep` highest tf-idf terms, every occurrence of those kept."""
    frequency: Counter = Counter()
    for record in analysed:
        for field_terms in record.values():
            frequency.update(set(field_terms))
    total = len(analysed) or 1
    idf = {t: math.log(1 + total / n) for t, n in frequency.items()}
    result = []
    for record in analysed:
        trimmed = {}
        for name, field_terms in record.items():
            counts = Counter(field_terms)
            if len(counts) > keep:
                ranked = sorted([(-(tf * idf[t]), t) for t, tf in counts.items()])
                kept = {t for _, t in ranked[:keep]}
                field_terms = [t for t in field_terms if t in kept]
            trimmed[name] = field_terms
        result.append(trimmed)
    return result


def plain_body(doc) -> str:
    """A document's body as indexed: its headings and prose as the renderer reads them
    (`generator.content.body`), without link targets or markup."""
    scan = scan_document(doc)
    return " ".join([*(h.text for h in scan.headings), *scan.units])
