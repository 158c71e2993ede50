"""The SPARQL page for people: editor, results as a table with entity links, downloads, readable errors.

Protocol clients must keep getting the protocol: HTML only for page=1 with text/html named in Accept.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.store import KGStore
from kg.vocab import sparql_prefixes
from kg.web import QUERIES_DIR, create_app, sparql_page
from kg.web.sparql import list_examples

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PERSONS = sparql_prefixes() + "SELECT DISTINCT ?p ?label WHERE { ?p a nkg:Person ; rdfs:label ?label } ORDER BY ?label"
CONSTRUCT = sparql_prefixes() + "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a nkg:Person ; rdfs:label ?l }"


@pytest.fixture(scope="module")
def example_client(example_store: KGStore) -> FlaskClient:
    app: Flask = create_app({"STORE": example_store, "TESTING": True})
    return app.test_client()


def _page(client: FlaskClient, query: str | None = None, **params: str) -> tuple[int, str]:
    if query is not None:
        params["query"] = query
    response = client.get("/sparql", query_string={"page": "1", **params}, headers=BROWSER)
    assert response.mimetype == "text/html"
    return response.status_code, response.get_data(as_text=True)


def test_sparql_page_renders_a_table_with_entity_links(example_client: FlaskClient) -> None:
    status, html = _page(example_client, PERSONS)
    assert status == 200
    assert '<table class="sparql-table">' in html
    assert '<th scope="col">p</th><th scope="col">label</th>' in html
    assert ('<a href="/person/sabine-hartmann" title="https://w3id.org/newskg/id/person/sabine-hartmann">'
            "/person/sabine-hartmann</a>") in html
    assert '<span class="literal">Sabine Hartmann</span>' in html
    assert "23 rows" in html
    assert PERSONS.splitlines()[-1] in html  # the editor keeps the query


def test_sparql_page_runs_every_example_on_the_example_store(example_client: FlaskClient) -> None:
    for example in list_examples(QUERIES_DIR):
        status, html = _page(example_client, example.text)
        assert status == 200, example.name
        assert "The query failed" not in html
        assert '<table class="sparql-table">' in html, example.name


def test_sparql_page_links_events_and_shows_datatypes(example_client: FlaskClient) -> None:
    status, html = _page(example_client, (QUERIES_DIR / "who-called-whom.rq").read_text(encoding="utf-8"))
    assert status == 200
    assert '<a href="/event/2025-03-10-call-etienne-dubois-sabine-hartmann"' in html
    assert '<span class="datatype">xsd:date</span>' in html
    assert '<span class="unbound" title="unbound">–</span>' in html


def test_sparql_page_offers_downloads_of_the_same_query(example_client: FlaskClient) -> None:
    _, html = _page(example_client, PERSONS)
    for label, name in [("JSON", "results.json"), ("CSV", "results.csv"), ("TSV", "results.tsv")]:
        assert f'download="{name}">{label}</a>' in html
    # Follow the links the page offers (a browser sends its usual Accept), not URLs built here.
    hrefs = {label: html_lib.unescape(href) for href, label in
             re.findall(r'<a href="([^"]+)" download="results\.\w+">(\w+)</a>', html)}
    media = {"JSON": "application/sparql-results+json", "CSV": "text/csv", "TSV": "text/tab-separated-values"}
    assert set(hrefs) == set(media)
    for label, href in hrefs.items():
        response = example_client.get(href, headers=BROWSER)
        assert response.status_code == 200 and response.mimetype == media[label], label
        body = response.get_data(as_text=True)
        assert "Sabine Hartmann" in body and "https://w3id.org/newskg/id/person/sabine-hartmann" in body, label
    assert len(json.loads(example_client.get(hrefs["JSON"]).data)["results"]["bindings"]) == 23


def test_sparql_page_construct_shows_triples_and_turtle_download(example_client: FlaskClient) -> None:
    status, html = _page(example_client, CONSTRUCT)
    assert status == 200
    assert '<th scope="col">subject</th><th scope="col">predicate</th><th scope="col">object</th>' in html
    assert '<span class="iri-term" title="http://www.w3.org/2000/01/rdf-schema#label">rdfs:label</span>' in html
    assert '<a href="/person/anja-roth"' in html
    assert 'download="results.ttl">Turtle</a>' in html


def test_sparql_page_ask_shows_the_answer(example_client: FlaskClient) -> None:
    _, html = _page(example_client, sparql_prefixes() + "ASK { ?p a nkg:Person }")
    assert '<p class="boolean-answer">yes (true)</p>' in html
    assert "CSV" not in html.split("boolean-answer")[1].split("</section>")[0]


def test_sparql_page_escapes_literals(client: FlaskClient) -> None:
    _, html = _page(client, PERSONS)
    assert "<script>alert" not in html
    assert "Kai &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_sparql_page_syntax_error_shows_message_and_place(example_client: FlaskClient) -> None:
    query = 'SELECT ?x WHERE {\n  ?x ?p "Grüße" ;\n  FILTER(?x = ) }'
    status, html = _page(example_client, query)
    assert status == 400
    assert "The query failed" in html and 'role="alert"' in html
    assert "SPARQL syntax error: expected" in html
    assert "At line 3, column" in html
    assert "  FILTER(?x = ) }" in html  # the line the parser stopped at
    assert "Grüße" in html  # the editor keeps the broken query for fixing


def test_sparql_page_error_place_counts_characters() -> None:
    error = sparql_page.located("SPARQL syntax error: error at 1:14: expected X", 'SELECT "äöü" ?')
    assert (error.line, error.column, error.source) == (1, 11, 'SELECT "äöü" ?')
    assert error.message == "SPARQL syntax error: expected X"


def test_sparql_page_refusals_are_shown_on_the_page(example_client: FlaskClient) -> None:
    status, html = _page(example_client, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in html and "The query failed" in html
    status, html = _page(example_client, None, update="INSERT DATA { <a:b> <a:c> <a:d> }")
    assert status == 403 and "updates are disabled" in html
    status, html = _page(example_client, None, example="../etc/passwd")
    assert status == 404 and "no example query" in html


def test_sparql_page_evaluation_error_is_400(store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("The variable encoding the service name is unbound")

    monkeypatch.setattr(store, "execute", fail)
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    status, html = _page(client, PERSONS)
    assert status == 400 and "could not be evaluated: The variable" in html


def test_sparql_page_shows_at_most_max_rows(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparql_page, "MAX_ROWS", 2)
    _, html = _page(client, PERSONS)
    assert "4 rows" in html and "Showing the first 2" in html
    assert html.count("<tr><td>") == 2


def test_sparql_page_editor_is_prefilled_from_queries(example_client: FlaskClient) -> None:
    status, html = _page(example_client, None, example="who-called-whom")
    assert status == 200
    assert '<textarea id="query" name="query"' in html and '<input type="hidden" name="page" value="1">' in html
    assert "# title: Who called whom" in html
    assert '<option value="who-called-whom" selected>Who called whom</option>' in html
    assert "sparql-results" not in html  # loaded, not run
    plain = example_client.get("/sparql", headers=BROWSER).get_data(as_text=True)
    assert '<select id="example" name="example" required>' in plain and "Run query" in plain


def test_sparql_page_needs_html_named_in_accept(example_client: FlaskClient) -> None:
    # A protocol client that happens to send page=1 with */* (or nothing) gets results, not HTML.
    for headers in ({"Accept": "*/*"}, {}):
        response = example_client.get("/sparql", query_string={"query": PERSONS, "page": "1"}, headers=headers)
        assert response.status_code == 200
        assert response.mimetype == "application/sparql-results+json"
        assert json.loads(response.data)["results"]["bindings"]
    # POST stays the protocol too.
    response = example_client.post("/sparql", data={"query": PERSONS, "page": "1"}, headers=BROWSER)
    assert response.mimetype != "text/html"


def test_sparql_page_protocol_unchanged_without_page(example_client: FlaskClient) -> None:
    response = example_client.get("/sparql", query_string={"query": PERSONS}, headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv"
    response = example_client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400 and response.is_json


def test_sparql_page_without_examples_uses_default_query(tmp_path: Path, store: KGStore) -> None:
    client = create_app({"STORE": store, "TESTING": True, "QUERIES_DIR": tmp_path}).test_client()
    status, html = _page(client)
    assert status == 200 and "No example queries" in html and "ORDER BY DESC(?claims)" in html
    assert '<select id="example"' not in html


def test_sparql_page_picker_keeps_the_example_that_was_run(example_client: FlaskClient) -> None:
    example = next(e for e in list_examples(QUERIES_DIR) if e.name == "who-called-whom")
    _status, html = _page(example_client, example.text.replace("\n", "\r\n"))  # as a browser form sends it
    assert '<option value="who-called-whom" selected>Who called whom</option>' in html
    _status, edited = _page(example_client, example.text + "\nLIMIT 1")
    assert "<option value=\"\" disabled selected>Choose a query…</option>" in edited  # no longer that example
