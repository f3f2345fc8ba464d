"""The open data's catalogue record: DCAT-AP-DK in JSON-LD, and schema.org's `Dataset`.

`data/catalog.jsonld` describes the case bank the way the Danish open-data portal and other
DCAT catalogues harvest a data set: a `dcat:Catalog` with one `dcat:Dataset` (title,
description, publisher, keywords, theme, temporal and spatial coverage, landing page) and one
`dcat:Distribution` per file (`cases.json`, `cases.csv`, the schema, the feed), each with its
address, media type (IANA), format (the EU file-type list) and licence. The `@context` is
inline, so a JSON-LD processor never fetches anything to read it.

`/data/` carries the same facts as a schema.org `Dataset` in a `<script type="application/
ld+json">` block, which is what search engines' data-set search reads.

`check()` is the record's validator, written from DCAT-AP-DK 2.0's mandatory classes and
properties (Digitaliseringsstyrelsen, the `mandatory` view of the specification): a Catalog has
a title, a description, at least one dataset and exactly one publisher; a Dataset has a title,
a description and a publisher or a responsible organisation; an Agent has a name. To these it
adds DCAT-AP 2's mandatory `dcat:accessURL` on a Distribution and what this project promises
(a licence and a media type on every distribution, temporal and spatial coverage). It works on
RDF triples of full IRIs, so it judges what a harvester reads after JSON-LD processing, not the
JSON's shape. Pure Python: no MkDocs, no RDF library (the tests parse the file with rdflib).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import routes
from .exports import SCHEMA_PATH, Licence, absolute, case_updated, tag_uri
from .model import Site

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCAT_DK = "https://data.gov.dk/model/core/dcat-dk/"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
CATALOG_PATH = routes.CATALOG

CONTEXT = {
    "dcat": DCAT,
    "dct": DCT,
    "foaf": FOAF,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcat-dk": DCAT_DK,
}


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str


@dataclass(frozen=True)
class FileSpec:
    path: str
    title: str
    description: str
    media_type: str
    file_type: str | None
    """The EU file-type authority's code (`JSON`, `CSV`), when it has one."""


FILES = [
    FileSpec(
        "data/cases.json",
        "Alle cases som JSON",
        "Hver case med alle sine oplysninger, kommunekode, regionskode og teksten.",
        "application/json",
        "JSON",
    ),
    FileSpec(
        "data/cases.csv",
        "Alle cases som CSV",
        "Én række pr. case til regneark (UTF-8 med BOM, semikolon).",
        "text/csv",
        "CSV",
    ),
    FileSpec(
        SCHEMA_PATH,
        "Skemaet for en case",
        "JSON Schema (2020-12), som hver case i cases.json overholder.",
        "application/schema+json",
        "JSON",
    ),
    FileSpec(
        "feed.xml",
        "Nyeste cases som Atom-feed",
        "De 20 nyeste cases, nyeste først.",
        "application/atom+xml",
        None,
    ),
]
"""The data set's distributions, in the order the data page lists them."""


def _text(value: str) -> dict:
    return {"@value": value, "@language": "da"}


def _date(day: dt.date) -> dict:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def coverage(site: Site, today: dt.date) -> tuple[dt.date, dt.date]:
    """From 1 January of the earliest start year to the build date (cases still run)."""
    years = [
        c.doc.meta["started"] for c in site.cases if isinstance(c.doc.meta.get("started"), int)
    ]
    return dt.date(min(years, default=today.year), 1, 1), today


def catalog(
    site: Site,
    *,
    site_url: str,
    title: str,
    description: str,
    licence: Licence,
    publisher: Publisher,
    today: dt.date,
) -> dict:
    """The DCAT-AP-DK catalogue record as JSON-LD data."""
    base = absolute(site_url, CATALOG_PATH)
    agent = {
        "@id": f"{base}#udgiver",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _text(publisher.name),
        **({"foaf:homepage": {"@id": publisher.url}} if publisher.url else {}),
    }
    start, end = coverage(site, today)
    dates = [c.published for c in site.cases]
    dataset = {
        "@id": f"{base}#cases",
        "@type": "dcat:Dataset",
        "dct:identifier": tag_uri("dataset/cases"),
        "dct:title": _text(f"{title}: kommunernes Smart City-cases"),
        "dct:description": _text(
            f"{description} Alle {len(site.cases)} cases med kommune, kommunekode, region, "
            "temaer, status, periode, resultater og genbrug (indkøb, leverandør, driftsudgift, "
            "licens, hvad casen bygger på)."
        ),
        "dct:publisher": {"@id": agent["@id"]},
        "dcat:keyword": [_text(k) for k in _keywords(site)],
        "dcat:theme": [{"@id": f"{EU}data-theme/GOVE"}, {"@id": f"{EU}data-theme/TECH"}],
        "dct:language": {"@id": f"{EU}language/DAN"},
        "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": f"{EU}frequency/UPDATE_CONT"},
        "dct:spatial": {"@id": f"{EU}country/DNK"},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(start),
            "dcat:endDate": _date(end),
        },
        "dcat:landingPage": {"@id": absolute(site_url, "data/")},
        "dcat:distribution": [_distribution(f, site_url, licence) for f in FILES],
    }
    if dates:
        dataset["dct:issued"] = _date(min(dates))
        dataset["dct:modified"] = _date(max(case_updated(c) for c in site.cases))
    return {
        "@context": CONTEXT,
        "@id": f"{base}#katalog",
        "@type": "dcat:Catalog",
        "dct:title": _text(title),
        "dct:description": _text(description or title),
        "dct:publisher": agent,
        "dct:language": {"@id": f"{EU}language/DAN"},
        "dct:license": {"@id": licence.url},
        "foaf:homepage": {"@id": absolute(site_url, "")},
        "dcat:dataset": [dataset],
    }


def _distribution(spec: FileSpec, site_url: str, licence: Licence) -> dict:
    url = absolute(site_url, spec.path)
    record = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _text(spec.title),
        "dct:description": _text(spec.description),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": f"{IANA}{spec.media_type}"},
        "dct:license": {"@id": licence.url},
    }
    if spec.file_type:
        record["dct:format"] = {"@id": f"{EU}file-type/{spec.file_type}"}
    if spec.path != SCHEMA_PATH and spec.media_type != "application/atom+xml":
        record["dct:conformsTo"] = {"@id": absolute(site_url, SCHEMA_PATH)}
    return record


def _keywords(site: Site) -> list[str]:
    themes = {t.label for c in site.cases for t in c.themes}
    return ["Smart City", "kommuner", "genbrug", *sorted(themes)]


def schema_org_dataset(
    site: Site,
    *,
    site_url: str,
    title: str,
    description: str,
    licence: Licence,
    publisher: Publisher,
    today: dt.date,
) -> dict:
    """The `/data/` page's `Dataset` block (schema.org), for search engines' data-set search."""
    start, end = coverage(site, today)
    organisation = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        organisation["url"] = publisher.url
    block = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": absolute(site_url, CATALOG_PATH) + "#cases",
        "name": f"{title}: kommunernes Smart City-cases",
        "description": f"{description} Alle {len(site.cases)} cases som JSON og CSV, med "
        "kommunekode, regionskode og oplysninger om genbrug.",
        "url": absolute(site_url, "data/"),
        "identifier": tag_uri("dataset/cases"),
        "inLanguage": "da",
        "keywords": _keywords(site),
        "license": licence.url,
        "isAccessibleForFree": True,
        "creator": organisation,
        "publisher": organisation,
        "temporalCoverage": f"{start.isoformat()}/{end.isoformat()}",
        "spatialCoverage": {"@type": "Place", "name": "Danmark"},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": spec.title,
                "encodingFormat": spec.media_type,
                "contentUrl": absolute(site_url, spec.path),
            }
            for spec in FILES
        ],
        "subjectOf": {"@type": "DataCatalog", "url": absolute(site_url, CATALOG_PATH)},
    }
    if site.cases:
        block["dateModified"] = max(case_updated(c) for c in site.cases).isoformat()
    return block


# -- the check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    kind: str
    """The class the rule applies to (a full IRI)."""
    prop: str
    minimum: int
    maximum: int | None
    label: str
    """The property's name in DCAT-AP-DK (Danish)."""


RULES = [
    # DCAT-AP-DK 2.0, mandatory classes and their mandatory properties
    Rule(f"{DCAT}Catalog", f"{DCT}title", 1, None, "titel"),
    Rule(f"{DCAT}Catalog", f"{DCT}description", 1, None, "beskrivelse"),
    Rule(f"{DCAT}Catalog", f"{DCAT}dataset", 1, None, "har datasæt"),
    Rule(f"{DCAT}Catalog", f"{DCT}publisher", 1, 1, "udgiver"),
    Rule(f"{DCAT}Dataset", f"{DCT}title", 1, None, "titel"),
    Rule(f"{DCAT}Dataset", f"{DCT}description", 1, None, "beskrivelse"),
    Rule(f"{FOAF}Agent", f"{FOAF}name", 1, None, "navn"),
    # DCAT-AP 2.0: a distribution's access address is mandatory
    Rule(f"{DCAT}Distribution", f"{DCAT}accessURL", 1, None, "adgangsadresse"),
    # this project's promises (recommended in DCAT-AP-DK)
    Rule(f"{DCAT}Distribution", f"{DCAT}mediaType", 1, 1, "medietype"),
    Rule(f"{DCAT}Distribution", f"{DCT}license", 1, 1, "licens"),
    Rule(f"{DCAT}Dataset", f"{DCAT}distribution", 1, None, "distribution"),
    Rule(f"{DCAT}Dataset", f"{DCT}temporal", 1, None, "tidsmæssig dækning"),
    Rule(f"{DCAT}Dataset", f"{DCT}spatial", 1, None, "geografisk dækning"),
    Rule(f"{DCAT}Dataset", f"{DCT}identifier", 1, None, "identifikator"),
]


def check(triples: Iterable[tuple[str, str, str]]) -> list[str]:
    """Every way the graph falls short of `RULES`, in Danish; empty when it passes.

    A Dataset must also have a publisher or a responsible organisation (DCAT-AP-DK: "Ethvert
    datasæt ... skal være tilknyttet mindst én aktør"), and the graph must hold a Catalog.
    """
    properties: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        properties[str(s)][str(p)].append(str(o))
        if str(p) == RDF_TYPE:
            types[str(o)].add(str(s))
    problems = []
    if not types[f"{DCAT}Catalog"]:
        problems.append("Grafen har intet katalog (dcat:Catalog).")
    for rule in RULES:
        for subject in sorted(types[rule.kind]):
            count = len(properties[subject][rule.prop])
            if count < rule.minimum or (rule.maximum is not None and count > rule.maximum):
                wanted = f"{rule.minimum}..{rule.maximum if rule.maximum is not None else '*'}"
                problems.append(
                    f"{_short(rule.kind)} {subject}: {rule.label} ({_short(rule.prop)}) "
                    f"forekommer {count} gange; kravet er {wanted}."
                )
    for subject in sorted(types[f"{DCAT}Dataset"]):
        actors = (
            properties[subject][f"{DCT}publisher"]
            + properties[subject][f"{DCAT_DK}datasetResponsibleOrganisation"]
        )
        if not actors:
            problems.append(
                f"dcat:Dataset {subject}: har hverken udgiver (dct:publisher) eller "
                "datasætansvarlig organisation."
            )
        for actor in actors:
            if actor not in types[f"{FOAF}Agent"]:
                problems.append(f"dcat:Dataset {subject}: udgiveren {actor} er ikke en foaf:Agent.")
    return problems


def _short(iri: str) -> str:
    for prefix, namespace in CONTEXT.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
