"""The SERVICE guard: federated queries are refused, look-alikes are not."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from kg.web.guard import uses_service

PATTERN = "{ ?s ?p ?o }"


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:8080/sparql> {PATTERN} }}",
    f"select * where {{ service silent <http://intern.example/sparql> {PATTERN} }}",
    f"SELECT * WHERE {{ SERVICE<http://intern.example/>{PATTERN} }}",
    f"SELECT * WHERE {{ SERVICE ?endpoint {PATTERN} }}",
    f"ASK {{ FILTER EXISTS {{ SERVICE <http://intern.example/> {PATTERN} }} }}",
    f"SELECT * WHERE {{ \\u0053ERVICE <http://intern.example/> {PATTERN} }}",
])
def test_guard_finds_service(query: str) -> None:
    assert uses_service(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a <http://example.org/Dienst> }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    'SELECT * WHERE { ?c <http://example.org/text> "Der Service der Bahn ist SERVICE-frei" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://intern.example/> would be refused",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
    'SELECT * WHERE { ?s ?p """mehrzeilig\nSERVICE""" }',
])
def test_guard_ignores_service_lookalikes(query: str) -> None:
    assert not uses_service(query)


def test_sparql_service_query_is_403(client: FlaskClient) -> None:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/sparql> {PATTERN} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in response.json["error"]["message"]
