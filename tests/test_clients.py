"""Real SPARQL clients against a running ``kg serve --allow-update``: SPARQLWrapper and rdflib's
SPARQLStore / SPARQLUpdateStore, as users would point them at the endpoint."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
from test_w3c_suites import server as live_server  # noqa: F401  (the fixture, shared with the W3C suites)

EX = rdflib.Namespace("https://example.org/redaktion/")
GRAPH = "https://example.org/redaktion/kuratierung"
SEED = f"""@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:kroll a ex:Person ; rdfs:label "Annette Kroll"@de ; ex:amt "Bundeskanzlerin"@de .
ex:moreau a ex:Person ; rdfs:label "Luc Moreau"@de ; ex:amt "Präsident"@de .
ex:telefonat ex:teilnehmer ex:kroll, ex:moreau ; rdfs:label "Telefonat über Energiepreise"@de .
"""
LABELS = (f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
          "SELECT ?label WHERE { ?p a ex:Person ; rdfs:label ?label } ORDER BY ?label")


@pytest.fixture(scope="module")
def endpoint(live_server: str) -> Iterator[str]:  # noqa: F811
    request = urllib.request.Request(f"{live_server}/store?graph={GRAPH}", data=SEED.encode("utf-8"), method="PUT",
                                     headers={"Content-Type": "text/turtle"})
    with urllib.request.urlopen(request) as response:
        assert response.status in (201, 204)
    yield f"{live_server}/sparql"


def wrapper(endpoint: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_clients_sparqlwrapper_select_json(endpoint: str) -> None:
    results = wrapper(endpoint, LABELS).queryAndConvert()
    assert [row["label"]["value"] for row in results["results"]["bindings"]] == ["Annette Kroll", "Luc Moreau"]


def test_clients_sparqlwrapper_select_xml_by_post(endpoint: str) -> None:
    client = wrapper(endpoint, LABELS, XML)
    client.setMethod(POST)
    document = client.queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Annette Kroll", "Luc Moreau"]


def test_clients_sparqlwrapper_ask(endpoint: str) -> None:
    query = f'ASK {{ <{EX}kroll> <{EX}amt> "Bundeskanzlerin"@de }}'
    assert wrapper(endpoint, query).queryAndConvert()["boolean"] is True


def test_clients_sparqlwrapper_construct_gives_graph(endpoint: str) -> None:
    query = f"CONSTRUCT {{ ?a <{EX}sprachMit> ?b }} WHERE {{ ?t <{EX}teilnehmer> ?a, ?b FILTER(?a != ?b) }}"
    graph = wrapper(endpoint, query, TURTLE).queryAndConvert()
    graph = graph if isinstance(graph, rdflib.Graph) else rdflib.Graph().parse(data=graph, format="turtle")
    assert (EX.kroll, EX.sprachMit, EX.moreau) in graph
    assert len(graph) == 2


def test_clients_sparqlwrapper_update(endpoint: str) -> None:
    update = SPARQLWrapper(endpoint)
    update.setMethod(POST)
    update.setQuery(f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{EX}kroll> <{EX}partei> "Bürgerbund"@de }} }}')
    update.query()
    query = f"ASK {{ GRAPH <{GRAPH}> {{ <{EX}kroll> <{EX}partei> ?p }} }}"
    assert wrapper(endpoint, query).queryAndConvert()["boolean"] is True


def test_clients_rdflib_sparqlstore_queries(endpoint: str) -> None:
    graph = rdflib.Graph(store=SPARQLStore(endpoint))
    rows = graph.query(LABELS)
    assert [str(row[0]) for row in rows] == ["Annette Kroll", "Luc Moreau"]
    assert (EX.telefonat, EX.teilnehmer, EX.moreau) in graph


def test_clients_rdflib_sparqlupdatestore_writes_named_graph(endpoint: str) -> None:
    store = SPARQLUpdateStore(endpoint, endpoint)
    graph = rdflib.Graph(store=store, identifier=rdflib.URIRef(GRAPH))
    graph.add((EX.moreau, EX.partei, rdflib.Literal("Renouveau", lang="fr")))
    check = rdflib.Graph(store=SPARQLStore(endpoint))
    answer = check.query(f'ASK {{ GRAPH <{GRAPH}> {{ <{EX}moreau> <{EX}partei> "Renouveau"@fr }} }}')
    assert answer.askAnswer is True
