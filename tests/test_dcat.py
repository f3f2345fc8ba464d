"""The open data's catalogue record (DCAT-AP-DK, JSON-LD) and the data page's `Dataset` block,
read as a harvester reads them: parsed as JSON-LD into RDF with rdflib, then checked against
the specification's mandatory properties (`generator.site.dcat.check`)."""

from __future__ import annotations

import copy
import json
import re

import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from tests_support import build

from generator.site import dcat

# rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
SITE_URL = "https://example.org/"
IANA = "http://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="session")
def record(built) -> dict:
    return json.loads((built / "site" / "data" / "catalog.jsonld").read_text(encoding="utf-8"))


def _graph(data: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(data), format="json-ld")


def test_the_catalogue_record_parses_and_passes_the_check(record, built):
    graph = _graph(record)
    assert dcat.check(graph) == []
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    [dataset] = graph.objects(catalog, DCAT.dataset)
    assert (
        str(graph.value(dataset, DCTERMS.title))
        == "Smart City-vidensbanken: kommunernes Smart City-cases"
    )
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)).startswith("KL (Kommunernes Landsforening)")
    media = {
        str(graph.value(d, DCAT.downloadURL)): str(graph.value(d, DCAT.mediaType))
        for d in graph.objects(dataset, DCAT.distribution)
    }
    assert media == {
        f"{SITE_URL}data/cases.json": f"{IANA}application/json",
        f"{SITE_URL}data/cases.csv": f"{IANA}text/csv",
        f"{SITE_URL}data/case.schema.json": f"{IANA}application/schema+json",
        f"{SITE_URL}feed.xml": f"{IANA}application/atom+xml",
    }
    for path in ("data/cases.json", "data/cases.csv", "data/case.schema.json", "feed.xml"):
        assert (built / "site" / path).is_file(), "every distribution is published"
    licences = {
        str(graph.value(d, DCTERMS.license)) for d in graph.objects(dataset, DCAT.distribution)
    }
    assert licences == {"https://creativecommons.org/licenses/by/4.0/deed.da"}
    period = graph.value(dataset, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2007-01-01"  # ProjectZero started 2007
    assert str(graph.value(period, DCAT.endDate)) == "2026-06-01"  # the build date
    assert str(graph.value(dataset, DCTERMS.spatial)) == (
        "http://publications.europa.eu/resource/authority/country/DNK"
    )
    assert str(graph.value(dataset, DCAT.landingPage)) == f"{SITE_URL}data/"


def _without(record: dict, *path) -> dict:
    changed = copy.deepcopy(record)
    node = changed
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return changed


def test_the_check_names_what_is_missing(record):
    dataset_id = record["dcat:dataset"][0]["@id"]
    no_title = _without(record, "dcat:dataset", 0, "dct:title")
    assert dcat.check(_graph(no_title)) == [
        f"dcat:Dataset {dataset_id}: titel (dct:title) forekommer 0 gange; kravet er 1..*."
    ]
    no_access = _without(record, "dcat:dataset", 0, "dcat:distribution", 1, "dcat:accessURL")
    assert dcat.check(_graph(no_access)) == [
        f"dcat:Distribution {SITE_URL}data/cases.csv: adgangsadresse (dcat:accessURL) "
        "forekommer 0 gange; kravet er 1..*."
    ]
    no_publisher = _without(record, "dcat:dataset", 0, "dct:publisher")
    assert dcat.check(_graph(no_publisher)) == [
        f"dcat:Dataset {dataset_id}: har hverken udgiver (dct:publisher) eller "
        "datasætansvarlig organisation."
    ]
    two_publishers = copy.deepcopy(record)
    two_publishers["dct:publisher"] = [
        record["dct:publisher"],
        {"@id": "https://kl.dk/#andre", "@type": "foaf:Agent", "foaf:name": "Andre"},
    ]
    assert dcat.check(_graph(two_publishers)) == [
        f"dcat:Catalog {record['@id']}: udgiver (dct:publisher) forekommer 2 gange; kravet er 1..1."
    ]
    nameless = _without(record, "dct:publisher", "foaf:name")
    assert [p for p in dcat.check(_graph(nameless)) if "foaf:name" in p] == [
        f"foaf:Agent {record['dct:publisher']['@id']}: navn (foaf:name) forekommer 0 gange; "
        "kravet er 1..*."
    ]
    assert dcat.check(_graph({"@context": record["@context"], "@graph": []})) == [
        "Grafen har intet katalog (dcat:Catalog)."
    ]


def _dataset_block(html: str) -> dict:
    [text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_the_data_page_has_a_dataset_block(built, record):
    html = (built / "site" / "data" / "index.html").read_text(encoding="utf-8")
    block = _dataset_block(html)
    assert (block["@context"], block["@type"]) == ("https://schema.org", "Dataset")
    assert block["license"] == "https://creativecommons.org/licenses/by/4.0/deed.da"
    assert block["temporalCoverage"] == "2007-01-01/2026-06-01"
    downloads = {d["contentUrl"]: d["encodingFormat"] for d in block["distribution"]}
    assert downloads[f"{SITE_URL}data/cases.csv"] == "text/csv"
    catalogue = [
        d["dcat:downloadURL"]["@id"] for d in record["dcat:dataset"][0]["dcat:distribution"]
    ]
    assert list(downloads) == catalogue
    # the same block as a JSON-LD processor reads it (schema.org's context inlined, no fetch)
    graph = _graph({**block, "@context": {"@vocab": "https://schema.org/"}})
    schema = rdflib.Namespace("https://schema.org/")
    [dataset] = graph.subjects(RDF.type, schema.Dataset)
    assert len(list(graph.objects(dataset, schema.distribution))) == 4
    assert '<link rel=" alternate" type="application/ld+json"' in html  # see theme/main.html


def test_licence_publisher_and_hostile_text_in_the_records(tiny, base_case):
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - smartcity:\n",
        "  - smartcity:\n      data_publisher:\n        name: Aarhus Kommune & KL\n"
        "        url: https://www.aarhus.dk/\n",
    ).replace(
        "url: https://creativecommons.org/licenses/by/4.0/deed.da",
        "url: https://creativecommons.org/publicdomain/zero/1.0/deed.da",
    )
    config = re.sub(
        r"site_description: .*", "site_description: 'Data </script><b>fed</b> & 🚦'", config
    )
    tiny.write({"mkdocs.yml": config, "content/cases/sensorer.md": base_case})
    site = build(tiny)
    record = json.loads((site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    assert dcat.check(_graph(record)) == []
    graph = _graph(record)
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    assert (
        str(graph.value(graph.value(dataset, DCTERMS.publisher), FOAF.name))
        == "Aarhus Kommune & KL"
    )
    assert str(graph.value(dataset, DCTERMS.description)).startswith(
        "Data </script><b>fed</b> & 🚦"
    )
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert head.count("</script>") == head.count("<script"), "the text cannot end the block"
    block = _dataset_block(html)
    assert block["description"].startswith("Data </script><b>fed</b> & 🚦")
    assert block["license"] == "https://creativecommons.org/publicdomain/zero/1.0/deed.da"
    assert block["publisher"] == {
        "@type": "Organization",
        "name": "Aarhus Kommune & KL",
        "url": "https://www.aarhus.dk/",
    }
