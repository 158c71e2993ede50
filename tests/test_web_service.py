"""The service description at /sparql, CORS on the protocol endpoints, and errors that keep secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from flask.testing import FlaskClient
from rdflib.namespace import RDF

from kg.resolve.iris import Minter
from kg.store import KGStore
from kg.web import create_app

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
ENDPOINT = rdflib.URIRef("http://localhost/sparql")
CURATION = "https://example.org/kuratierung"
HARNESS_ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"


def description(client: FlaskClient, accept: str = HARNESS_ACCEPT, fmt: str = "turtle") -> rdflib.Graph:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Vary"] == "Accept"
    return rdflib.Graph().parse(data=response.data, format=fmt)


def service_node(graph: rdflib.Graph) -> rdflib.term.Node:
    services = list(graph.subjects(SD.endpoint, ENDPOINT))
    assert len(services) == 1
    assert (services[0], RDF.type, SD.Service) in graph
    return services[0]


# -- the service description --------------------------------------------------------------------------

def test_service_description_names_endpoint_languages_and_formats(client: FlaskClient) -> None:
    graph = description(client)
    service = service_node(graph)
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.Turtle, FORMATS["JSON-LD"]} <= set(graph.objects(service, SD.resultFormat))
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))


def test_service_description_default_dataset_has_default_graph(client: FlaskClient) -> None:
    graph = description(client)
    dataset = graph.value(service_node(graph), SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph
    default = graph.value(dataset, SD.defaultGraph)
    assert (default, RDF.type, SD.Graph) in graph


def test_service_description_lists_update_only_when_enabled(store: KGStore) -> None:
    client = create_app({"STORE": store, "TESTING": True, "ALLOW_UPDATE": True}).test_client()
    graph = description(client)
    assert SD.SPARQL11Update in set(graph.objects(service_node(graph), SD.supportedLanguage))


def test_service_description_lists_curation_graphs_not_article_graphs(store: KGStore) -> None:
    store.ox.update(f"INSERT DATA {{ GRAPH <{CURATION}> {{ <{CURATION}#a> <{CURATION}#b> 1 }} }}")
    graph = description(create_app({"STORE": store, "TESTING": True}).test_client())
    names = {str(name) for name in graph.objects(None, SD.name)}
    assert CURATION in names and Minter().resolution_graph() in names
    assert not any(name.startswith(Minter().article("")) for name in names)
    for named in graph.subjects(RDF.type, SD.NamedGraph):
        assert graph.value(named, SD.name) is not None


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("application/rdf+xml", "xml", "application/rdf+xml"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("*/*", "turtle", "text/turtle"),
])
def test_service_description_negotiates_format(client: FlaskClient, accept: str, fmt: str, media: str) -> None:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.mimetype == media
    service_node(rdflib.Graph().parse(data=response.data, format=fmt))


@pytest.mark.parametrize("headers", [{}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}])
def test_service_browser_still_gets_the_sparql_page(client: FlaskClient, headers: dict[str, str]) -> None:
    response = client.get("/sparql", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<textarea" in response.get_data(as_text=True)


def test_service_description_not_given_for_results_accept(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400


# -- CORS ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/sparql?query=ASK%20%7B%7D", "/store?default", "/sparql?query=ASK%20%7B"])
def test_cors_allows_any_origin_without_credentials(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Origin": "https://yasgui.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize(("path", "methods"), [("/sparql", {"GET", "POST"}),
                                                ("/store", {"GET", "PUT", "POST", "DELETE"})])
def test_cors_preflight_answers_methods_and_headers(client: FlaskClient, path: str, methods: set[str]) -> None:
    response = client.options(path, headers={"Origin": "https://yasgui.example",
                                             "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "authorization, content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    allowed = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert methods <= allowed
    headers = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= headers
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_cors_not_on_pages(client: FlaskClient) -> None:
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


# -- errors keep configuration to themselves ----------------------------------------------------------

def test_errors_do_not_reveal_store_path(tmp_path: Path) -> None:
    missing = tmp_path / "geheimer-ordner"
    client = create_app({"STORE_PATH": str(missing), "TESTING": True, "ALLOW_UPDATE": True}).test_client()
    for response in (client.get("/sparql", query_string={"query": "ASK {}"}),
                     client.post("/sparql", data="CLEAR DEFAULT", content_type="application/sparql-update"),
                     client.get("/store?default")):
        assert response.status_code == 503
        assert "geheimer-ordner" not in response.get_data(as_text=True)
