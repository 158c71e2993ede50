"""The VoID description at ``/.well-known/void``: it parses, and its figures are the store's."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient
from rdflib import RDF, Literal, Namespace, URIRef

from kg.store import KGStore
from kg.web import create_app, void

VOID = Namespace("http://rdfs.org/ns/void#")
NKG = "https://w3id.org/newskg/ns#"
DATASET = URIRef("http://localhost/.well-known/void#dataset")
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# rdflib's JSON-LD parser calls its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@pytest.fixture
def web(example_store: KGStore) -> FlaskClient:
    return create_app({"STORE": example_store, "TESTING": True, "DATA_LICENSE": LICENSE}).test_client()


def description(client: FlaskClient, accept: str = "text/turtle", fmt: str = "turtle") -> rdflib.Graph:
    response = client.get("/.well-known/void", headers={"Accept": accept})
    assert response.status_code == 200, response.data
    assert response.headers["Vary"] == "Accept"
    return rdflib.Graph().parse(data=response.data, format=fmt)


def value(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef) -> int:
    found = graph.value(subject, predicate)
    assert isinstance(found, Literal), f"no {predicate} on {subject}"
    return int(found)


def partitions(graph: rdflib.Graph, link: URIRef, key: URIRef, count: URIRef) -> dict[str, int]:
    return {str(graph.value(p, key)): value(graph, p, count) for p in graph.objects(DATASET, link)}


def distinct_triples(store: KGStore | ox.Store) -> set[tuple]:
    quads = store.ox if isinstance(store, KGStore) else store
    return {(q.subject, q.predicate, q.object) for q in quads}


def test_void_default_is_turtle_with_the_dataset(web: FlaskClient) -> None:
    response = web.get("/.well-known/void")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in graph
    assert (URIRef("http://localhost/.well-known/void"), RDF.type, VOID.DatasetDescription) in graph


def test_void_triples_and_entities_match_the_store(web: FlaskClient, example_store: KGStore) -> None:
    graph = description(web)
    triples = distinct_triples(example_store)
    assert value(graph, DATASET, VOID.triples) == len(triples) < len(example_store.ox)
    typed = {s for s, p, _ in triples if p.value == str(RDF.type)}
    assert value(graph, DATASET, VOID.entities) == len(typed)


def test_void_class_partitions_match_the_store(web: FlaskClient, example_store: KGStore) -> None:
    classes = partitions(description(web), VOID.classPartition, VOID["class"], VOID.entities)
    stats = example_store.stats()
    for name, key in [("Article", "articles"), ("Person", "persons"), ("Organization", "organizations"),
                      ("Claim", "claims"), ("Event", "events")]:
        assert classes[NKG + name] == stats[key] > 0, name
    typed = [o.value for _, p, o in distinct_triples(example_store) if p.value == str(RDF.type)]
    assert classes == {c: typed.count(c) for c in set(typed)}


def test_void_property_partitions_match_the_store(web: FlaskClient, example_store: KGStore) -> None:
    graph = description(web)
    properties = partitions(graph, VOID.propertyPartition, VOID.property, VOID.triples)
    predicates = [p.value for _, p, _ in distinct_triples(example_store)]
    assert properties == {p: predicates.count(p) for p in set(predicates)}
    assert sum(properties.values()) == value(graph, DATASET, VOID.triples)
    assert value(graph, DATASET, VOID.properties) == len(properties)


def test_void_links_endpoint_dumps_and_uri_space(web: FlaskClient) -> None:
    graph = description(web)
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    dumps = {str(d) for d in graph.objects(DATASET, VOID.dataDump)}
    assert {"http://localhost/dump.nq", "http://localhost/dump.nt", "http://localhost/dump.ttl"} <= dumps
    assert graph.value(DATASET, VOID.uriSpace) == Literal("https://w3id.org/newskg/id/")
    assert graph.value(DATASET, URIRef("http://purl.org/dc/terms/license")) == URIRef(LICENSE)


def test_void_dump_links_load_with_the_whole_dataset(web: FlaskClient, example_store: KGStore) -> None:
    # Each advertised dump answers, in the format its media type says, with every triple of the store.
    dumps = list(description(web).objects(DATASET, VOID.dataDump))
    assert len(dumps) >= 4
    expected = distinct_triples(example_store)
    for dump in dumps:
        response = web.get(str(dump).removeprefix("http://localhost"))
        assert response.status_code == 200, dump
        fresh = ox.Store()
        fresh.load(response.data, format=ox.RdfFormat.from_media_type(response.mimetype))
        assert distinct_triples(fresh) == expected, dump


def test_void_vocabularies_are_the_ones_used(web: FlaskClient) -> None:
    vocabularies = {str(v) for v in description(web).objects(DATASET, VOID.vocabulary)}
    assert vocabularies == {
        "https://w3id.org/newskg/ns",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core",
        "http://www.w3.org/2000/01/rdf-schema",
        "http://www.w3.org/2004/02/skos/core",
        "http://www.w3.org/ns/prov",
        "http://purl.org/dc/terms/",
    }


def test_void_example_resources_exist(web: FlaskClient, example_store: KGStore) -> None:
    examples = list(description(web).objects(DATASET, VOID.exampleResource))
    assert len(examples) == 5
    for example in examples:
        assert str(example).startswith("https://w3id.org/newskg/id/")
        assert example_store.select("SELECT ?x ?t WHERE { ?x a ?t }", x=ox.NamedNode(str(example)))


@pytest.mark.parametrize(("accept", "fmt"), [("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_void_other_formats_say_the_same(web: FlaskClient, accept: str, fmt: str) -> None:
    turtle = description(web)
    other = description(web, accept, fmt)
    assert set(other) == set(turtle)
    assert len(other) > 100


def test_void_unacceptable_media_type_is_406(web: FlaskClient) -> None:
    response = web.get("/.well-known/void", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_void_without_license_says_none(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    assert description(client).value(DATASET, URIRef("http://purl.org/dc/terms/license")) is None


def test_void_uri_space_is_the_configured_base(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True, "BASE_IRI": "https://example.org/kg"}).test_client()
    assert description(client).value(DATASET, VOID.uriSpace) == Literal("https://example.org/kg/")


def test_void_counts_once_per_store(example_store: KGStore, store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[KGStore] = []
    real = void.dataset_stats

    def counting(s: KGStore) -> void.DatasetStats:
        counted.append(s)
        return real(s)

    monkeypatch.setattr(void, "CACHE", void.StatsCache())
    monkeypatch.setattr(void, "dataset_stats", counting)
    for kg_store in (example_store, example_store, store, store, example_store):
        client = create_app({"STORE": kg_store, "TESTING": True}).test_client()
        description(client)
    assert counted == [example_store, store]


def test_void_counts_again_after_max_age(store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(void, "CACHE", void.StatsCache())
    client = create_app({"STORE": store, "TESTING": True, "VOID_MAX_AGE": 0}).test_client()
    before = value(description(client), DATASET, VOID.triples)
    store.ox.add(ox.Quad(ox.NamedNode("https://w3id.org/newskg/id/person/neu"), ox.NamedNode(str(RDF.type)),
                         ox.NamedNode(NKG + "Person"), ox.NamedNode("https://w3id.org/newskg/id/graph/curation")))
    assert value(description(client), DATASET, VOID.triples) == before + 1


def test_void_in_memory_store_counts_each_triple_once(store: KGStore) -> None:
    app: Flask = create_app({"STORE": store, "TESTING": True})
    graph = description(app.test_client())
    assert value(graph, DATASET, VOID.triples) == len(distinct_triples(store)) < len(store.ox)


def test_void_allows_any_origin(web: FlaskClient) -> None:
    assert web.get("/.well-known/void").headers["Access-Control-Allow-Origin"] == "*"
