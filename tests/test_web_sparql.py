"""The /sparql endpoint: protocol, formats, negotiation, refusals."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from kg.store import KGStore
from kg.vocab import sparql_prefixes
from kg.web import QUERIES_DIR, create_app
from kg.web.sparql import list_examples

SELECT = sparql_prefixes() + "SELECT ?label WHERE { ?p a nkg:Person ; rdfs:label ?label } ORDER BY ?label"
ASK = sparql_prefixes() + 'ASK { ?p rdfs:label "Annette Kroll" }'
CONSTRUCT = sparql_prefixes() + "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a nkg:Person ; rdfs:label ?l }"
LABELS = ["Annette Kroll", "Claire Fontaine", "Jonas Albrecht"]


def labels_from_json(body: bytes) -> list[str]:
    return [row["label"]["value"] for row in json.loads(body)["results"]["bindings"]]


def assert_labels(body: bytes, fmt: str) -> None:
    text = body.decode("utf-8")
    if fmt == "json":
        labels = labels_from_json(body)
    elif fmt == "xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        labels = [lit.text for lit in ET.fromstring(body).iterfind(".//s:literal", ns)]
    elif fmt == "csv":
        labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    else:  # TSV writes RDF terms: quoted literals
        labels = [line.strip('"') for line in text.splitlines()[1:]]
    for label in LABELS:
        assert label in labels


def parse_graph(body: bytes, fmt: str) -> rdflib.Graph:
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    return rdflib.Graph().parse(data=body, format=rdflib_format)


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("application/sparql-results+json", "json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
    ("text/csv", "csv", "text/csv"),
    ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
])
def test_sparql_select_format_by_accept(client: FlaskClient, accept: str, fmt: str, media: str) -> None:
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media
    assert response.headers["Vary"] == "Accept"
    assert_labels(response.data, fmt)


@pytest.mark.parametrize(("fmt", "media"), [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
])
def test_sparql_select_format_by_parameter(client: FlaskClient, fmt: str, media: str) -> None:
    # format= wins over an Accept header that asks for something else.
    response = client.get("/sparql", query_string={"query": SELECT, "format": fmt},
                          headers={"Accept": "application/sparql-results+xml;q=0.1"})
    assert response.status_code == 200
    assert response.mimetype == media
    assert_labels(response.data, fmt)


def test_sparql_select_defaults_to_json_without_accept(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": SELECT})
    assert response.mimetype == "application/sparql-results+json"
    assert labels_from_json(response.data) == sorted(labels_from_json(response.data))


def test_sparql_accept_follows_q_values(client: FlaskClient) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert response.mimetype == "text/csv"


def test_sparql_ask_answers_boolean(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": ASK})
    assert response.status_code == 200
    assert json.loads(response.data)["boolean"] is True


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("text/turtle", "turtle", "text/turtle"),
    ("application/n-triples", "ntriples", "application/n-triples"),
    ("application/ld+json", "jsonld", "application/ld+json"),
    ("application/rdf+xml", "rdfxml", "application/rdf+xml"),
])
def test_sparql_construct_format_by_accept(client: FlaskClient, accept: str, fmt: str, media: str) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media
    labels = {str(o) for o in parse_graph(response.data, fmt).objects(predicate=rdflib.RDFS.label)}
    assert labels >= set(LABELS)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_sparql_construct_format_by_parameter(client: FlaskClient, fmt: str) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT, "format": fmt})
    assert response.status_code == 200
    assert len(parse_graph(response.data, fmt)) >= 3


def test_sparql_construct_defaults_to_turtle(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "*/*"})
    assert response.mimetype == "text/turtle"


def test_sparql_post_form_runs_query(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"query": SELECT})
    assert response.status_code == 200
    assert sorted(labels_from_json(response.data))[:1] == ["Annette Kroll"]


def test_sparql_post_body_runs_query(client: FlaskClient) -> None:
    response = client.post("/sparql", data=SELECT.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert response.status_code == 200
    assert_labels(response.data, "csv")


def test_sparql_post_other_content_type_is_415(client: FlaskClient) -> None:
    response = client.post("/sparql", data=json.dumps({"query": SELECT}), content_type="application/json")
    assert response.status_code == 415
    assert "application/sparql-query" in response.json["error"]["hint"]


def test_sparql_bad_query_is_400_with_parser_message(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELEC ?x WHERE { ?x ?p ?o }"})
    assert response.status_code == 400
    error = response.json["error"]
    assert error["status"] == 400
    assert "syntax error" in error["message"] and "1:" in error["message"]
    assert error["hint"]


@pytest.mark.parametrize("send", ["get_param", "form_param", "body"])
def test_sparql_update_is_403(client: FlaskClient, store: KGStore, send: str) -> None:
    update = 'INSERT DATA { <https://example.org/x> <https://example.org/p> "x" }'
    if send == "get_param":
        response = client.get("/sparql", query_string={"update": update})
    elif send == "form_param":
        response = client.post("/sparql", data={"update": update})
    else:
        response = client.post("/sparql", data=update, content_type="application/sparql-update")
    assert response.status_code == 403
    assert "updates are disabled" in response.json["error"]["message"]
    assert store.select("SELECT ?p WHERE { <https://example.org/x> ?p ?o }") == []


def test_sparql_evaluation_error_is_400(client: FlaskClient, store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # Oxigraph raises RuntimeError for a query that parses but cannot run (e.g. an unbound SERVICE name).
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("The variable encoding the service name is unbound")

    monkeypatch.setattr(store, "execute", fail)
    response = client.get("/sparql", query_string={"query": SELECT})
    assert response.status_code == 400
    assert "could not be evaluated: The variable" in response.json["error"]["message"]


def test_sparql_unacceptable_accept_is_406(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json["error"]["status"] == 406
    assert "application/sparql-results+json" in response.json["error"]["hint"]


def test_sparql_graph_accept_for_select_is_406(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406


def test_sparql_format_not_fitting_query_is_400(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "csv"})
    assert response.status_code == 400
    assert "turtle" in response.json["error"]["hint"]


def test_sparql_unknown_format_is_400(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": SELECT, "format": "yaml"})
    assert response.status_code == 400
    assert "yaml" in response.json["error"]["message"]


def test_sparql_put_is_405_with_allow(client: FlaskClient) -> None:
    response = client.put("/sparql", data="x")
    assert response.status_code == 405
    assert response.json["error"]["status"] == 405
    assert "POST" in response.headers["Allow"]


def test_sparql_form_without_examples_prefills_default(tmp_path: Path, store: KGStore) -> None:
    app = create_app({"STORE": store, "TESTING": True, "QUERIES_DIR": tmp_path / "missing"})
    response = app.test_client().get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<textarea" in response.get_data(as_text=True)
    assert "No example queries" in response.get_data(as_text=True)


def test_sparql_form_lists_and_picks_examples(tmp_path: Path, store: KGStore) -> None:
    calls = "# title: Wer telefonierte mit wem\n# description: Paare\nSELECT * WHERE { ?a nkg:calledWith ?b }\n"
    (tmp_path / "b-calls.rq").write_text(calls, encoding="utf-8")
    claims = "# title: Alle Aussagen\nSELECT ?c WHERE { ?c a nkg:Claim }\n"
    (tmp_path / "a-claims.rq").write_text(claims, encoding="utf-8")
    app: Flask = create_app({"STORE": store, "TESTING": True, "QUERIES_DIR": tmp_path})
    client = app.test_client()
    first = client.get("/sparql").get_data(as_text=True)
    assert "Alle Aussagen" in first and "Wer telefonierte mit wem" in first and "Paare" in first
    assert "?c a nkg:Claim" in first  # the first file fills the textarea
    picked = client.get("/sparql", query_string={"example": "b-calls"}).get_data(as_text=True)
    assert "?a nkg:calledWith ?b" in picked
    assert client.get("/sparql", query_string={"example": "../etc"}).status_code == 404


def test_sparql_without_query_for_machine_client_is_400(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert "query" in response.json["error"]["message"].lower()


@pytest.mark.parametrize("name", [e.name for e in list_examples(QUERIES_DIR)])
def test_sparql_runs_every_example_query(client: FlaskClient, name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    response = client.post("/sparql", data={"query": text})
    assert response.status_code == 200, response.get_data(as_text=True)
