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
            norm = _norm(length, average, self._k1, self._b)
            pairs = []
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = Idf(posting, self.document_count)
                pairs.append((posting["_index"], _score(idf, tf, norm, boost, self._k1)))
            pairs.sort()
            vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = vectors

    def _create_token_set(self) -> None:
        self.token_set = None


def lunr_index(docs: list[SearchDoc], fields: dict[str, int], keep: int | None = None):
    """A lunr index (Python `lunr`) of the documents' `fields`, analysed by the project.

    Serialized, it is the lunr index earlier builds shipped, which the tests search to prove the
    sharded index finds the same; the build weighs the terms with `bm25`, the same numbers as
    its field vectors, without making it (`generator/site/search/shards.py`)."""
    builder = _Builder()
    builder.ref("id")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    for number, record in enumerate(analyse(docs, fields, keep)):
        builder.add({"id": number, **record})
    return builder.build()


def analyse(docs: list[SearchDoc], fields: dict[str, int], keep: int | None = None) -> list[dict]:
    """Each document's `fields` as lists of index terms, cut to the `keep` most distinctive.
    Analysed here, not by lunr's pipeline, so the browser can analyse queries the same way."""
    recent = _RECENT.setdefault(tuple(fields), _Recent())
    analysed = [{name: recent.get(getattr(doc, name)) for name in fields} for doc in docs]
    recent.rotate()
    return analysed if keep is None else _most_distinctive(analysed, keep)


K1, B = 1.2, 0.75
"""lunr's BM25 parameters (its builder's defaults)."""


def _norm(length: int, average: float, k1: float = K1, b: float = B) -> float:
    return k1 * (1 - b + b * (length / average))


def _score(idf: float, tf: int, norm: float, boost: int, k1: float = K1) -> float:
    """A term's BM25 weight in one field of one document, rounded as lunr rounds it."""
    return round(idf * ((k1 + 1) * tf) / (norm + tf) * boost, 3)


def bm25(analysed: list[dict[str, list[str]]], fields: dict[str, int]) -> dict[str, dict]:
    """Term -> {document number: weight}, each weight the sum over `fields` of the term's entry
    in lunr's field vectors for that document: what `lunr_index` computes, without building
    lunr's objects (its field references, vectors and token set), which took most of the time.
    The sums are made in lunr's order, field by field, so the floats are the same."""
    count = len(analysed)
    if not count:
        return {}
    frequencies = [{name: Counter(record[name]) for name in fields} for record in analysed]
    average = {name: sum(len(record[name]) for record in analysed) / count or 1 for name in fields}
    # `lunr.idf.idf`, which counts a document once for each field that holds the term.
    holders: Counter = Counter()
    for record in frequencies:
        for counts in record.values():
            holders.update(counts.keys())
    idf = {term: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for term, n in holders.items()}
    summed: dict[str, dict[int, float]] = {}
    for number, (record, counts_by_field) in enumerate(zip(analysed, frequencies)):
        for name, boost in fields.items():
            norm = _norm(len(record[name]), average[name])
            for term, tf in counts_by_field[name].items():
                postings = summed.get(term)
                if postings is None:
                    postings = summed[term] = {}
                postings[number] = postings.get(number, 0) + _score(idf[term], tf, norm, boost)
    return summed


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
    counted = [{name: Counter(terms) for name, terms in record.items()} for record in analysed]
    frequency: Counter = Counter()
    for record in counted:
        for counts in record.values():
            frequency.update(counts.keys())
    total = len(analysed) or 1
    idf = {t: math.log(1 + total / n) for t, n in frequency.items()}
    result = []
    for record, counts_by_field in zip(analysed, counted):
        trimmed = {}
        for name, field_terms in record.items():
            counts = counts_by_field[name]
            if len(counts) > keep:
                kept = _top(counts, [tf * idf[t] for t, tf in counts.items()], keep)
                field_terms = [t for t in field_terms if t in kept]
            trimmed[name] = field_terms
        result.append(trimmed)
    return result


def _top(terms, scores: list[float], keep: int) -> set[str]:
    """The `keep` terms of the highest scores (`scores` in the order of `terms`); of those
    tied at the cut, the first in order of their text."""
    cut = sorted(scores, reverse=True)[keep - 1]
    kept = {t for t, score in zip(terms, scores) if score > cut}
    tied = sorted(t for t, score in zip(terms, scores) if score == cut)
    return kept.union(tied[: keep - len(kept)])


def plain_body(doc) -> str:
    """A document's body as indexed: its headings and prose as the renderer reads them
    (`generator.content.body`), without link targets or markup."""
    scan = scan_document(doc)
    return " ".join([*(h.text for h in scan.headings), *scan.units])
