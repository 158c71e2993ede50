"""SPARQL updates at /sparql: off by default, who may send them, which graphs they may touch,
and curation that survives ``kg build``."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from kg.build import build
from kg.cli import _update_token
from kg.extract import Extractor
from kg.resolve.iris import Minter
from kg.store import KGStore
from kg.vocab import sparql_prefixes
from kg.web import create_app

CURATION = "https://example.org/kuratierung"
EX = "https://example.org/"
ARTICLE = Minter().article("2024-03-12-netzausbau")
RESOLUTION = Minter().resolution_graph()
TOKEN = "geheimes-token-fuer-tests-7f3a"
REMOTE = {"REMOTE_ADDR": "203.0.113.7"}
INSERT = f'INSERT DATA {{ GRAPH <{CURATION}> {{ <{EX}kroll> <{EX}geprueft> "ja" }} }}'


def app_for(store: KGStore, **config: object) -> Flask:
    return create_app({"STORE": store, "TESTING": True, "ALLOW_UPDATE": True, **config})


def post_update(client: FlaskClient, update: str, **kwargs: object) -> object:
    return client.post("/sparql", data=update.encode("utf-8"), content_type="application/sparql-update", **kwargs)


def snapshot(store: KGStore) -> set[str]:
    return {str(quad) for quad in store.ox}


def ask(client: FlaskClient, query: str) -> bool:
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    return bool(json.loads(response.data)["boolean"])


@pytest.fixture
def writer(store: KGStore) -> FlaskClient:
    return app_for(store).test_client()


# -- on, off, who ---------------------------------------------------------------------------------

def test_update_is_refused_by_default_and_writes_nothing(store: KGStore) -> None:
    before = snapshot(store)
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    response = post_update(client, INSERT)
    assert response.status_code == 403
    assert "updates are disabled" in response.json["error"]["message"]
    assert snapshot(store) == before


def test_update_from_loopback_without_token_is_applied(writer: FlaskClient) -> None:
    response = post_update(writer, INSERT)
    assert response.status_code == 204
    assert ask(writer, f'ASK {{ GRAPH <{CURATION}> {{ <{EX}kroll> <{EX}geprueft> "ja" }} }}')


def test_update_as_form_is_applied(writer: FlaskClient) -> None:
    response = writer.post("/sparql", data={"update": INSERT})
    assert response.status_code == 204
    assert ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ ?s ?p ?o }} }}")


@pytest.mark.parametrize("environ", [REMOTE, {"REMOTE_ADDR": "10.0.0.5"}, {"REMOTE_ADDR": "::ffff:192.0.2.1"}])
def test_update_from_other_machine_without_token_is_403(store: KGStore, environ: dict[str, str]) -> None:
    before = snapshot(store)
    response = post_update(app_for(store).test_client(), INSERT, environ_base=environ)
    assert response.status_code == 403
    assert "own machine" in response.json["error"]["message"]
    assert snapshot(store) == before


def test_update_through_proxy_is_not_loopback(store: KGStore) -> None:
    # A reverse proxy on the same machine forwards requests from anywhere.
    before = snapshot(store)
    response = post_update(app_for(store).test_client(), INSERT, headers={"X-Forwarded-For": "198.51.100.4"})
    assert response.status_code == 403
    assert snapshot(store) == before


def test_update_from_ipv6_loopback_is_applied(store: KGStore) -> None:
    response = post_update(app_for(store).test_client(), INSERT, environ_base={"REMOTE_ADDR": "::1"})
    assert response.status_code == 204


def test_update_with_token_but_no_header_is_401(store: KGStore) -> None:
    before = snapshot(store)
    client = app_for(store, UPDATE_TOKEN=TOKEN).test_client()
    response = post_update(client, INSERT)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json["error"]["hint"]
    assert snapshot(store) == before


def test_update_with_wrong_token_is_403_and_does_not_echo_it(store: KGStore) -> None:
    before = snapshot(store)
    client = app_for(store, UPDATE_TOKEN=TOKEN).test_client()
    response = post_update(client, INSERT, headers={"Authorization": "Bearer falsch"}, environ_base=REMOTE)
    assert response.status_code == 403
    assert TOKEN not in response.get_data(as_text=True) and "falsch" not in response.get_data(as_text=True)
    assert snapshot(store) == before


def test_update_token_in_url_is_not_accepted(store: KGStore) -> None:
    client = app_for(store, UPDATE_TOKEN=TOKEN).test_client()
    response = client.post(f"/sparql?access_token={TOKEN}&token={TOKEN}", data=INSERT,
                           content_type="application/sparql-update")
    assert response.status_code == 401


def test_update_with_right_token_from_anywhere_is_applied(store: KGStore) -> None:
    client = app_for(store, UPDATE_TOKEN=TOKEN).test_client()
    response = post_update(client, INSERT, headers={"Authorization": f"Bearer {TOKEN}"}, environ_base=REMOTE)
    assert response.status_code == 204
    assert ask(client, f"ASK {{ GRAPH <{CURATION}> {{ ?s ?p ?o }} }}")


def test_update_by_get_is_400_when_enabled(writer: FlaskClient) -> None:
    response = writer.get("/sparql", query_string={"update": INSERT})
    assert response.status_code == 400
    assert "POST" in response.json["error"]["message"]


def test_update_more_than_one_is_400(writer: FlaskClient, store: KGStore) -> None:
    before = snapshot(store)
    response = writer.post("/sparql", data={"update": [INSERT, "CLEAR DEFAULT"]})
    assert response.status_code == 400
    assert snapshot(store) == before


def test_update_syntax_error_is_400_and_writes_nothing(writer: FlaskClient, store: KGStore) -> None:
    before = snapshot(store)
    response = post_update(writer, INSERT + " ; CLEAR XYZ")
    assert response.status_code == 400
    assert "syntax error" in response.json["error"]["message"]
    assert snapshot(store) == before


def test_update_non_utf8_body_is_400(writer: FlaskClient) -> None:
    response = writer.post("/sparql", data=INSERT.encode("utf-16"),
                           content_type="application/sparql-update; charset=UTF-16")
    assert response.status_code == 400


def test_update_relative_iris_resolve_against_endpoint(writer: FlaskClient) -> None:
    assert post_update(writer, f"INSERT DATA {{ GRAPH <{CURATION}> {{ <notiz> <{EX}p> 1 }} }}").status_code == 204
    assert ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ <http://localhost/notiz> ?p ?o }} }}")


# -- what updates may not do ----------------------------------------------------------------------

@pytest.mark.parametrize("update", [
    f"INSERT DATA {{ GRAPH <{ARTICLE}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}",
    f"DELETE DATA {{ GRAPH <{RESOLUTION}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}",
    f"DROP GRAPH <{ARTICLE}>",
    f"CLEAR SILENT GRAPH <{RESOLUTION}>",
    f"CREATE GRAPH <{ARTICLE}-neu>",
    f"COPY <{CURATION}> TO <{ARTICLE}>",
    f"MOVE <{ARTICLE}> TO <{CURATION}>",
    f"WITH <{ARTICLE}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    f"DELETE WHERE {{ GRAPH <{ARTICLE}> {{ ?s ?p ?o }} }}",
    f"PREFIX a: <{Minter().base}> INSERT DATA {{ GRAPH a:article\\/x {{ <{EX}a> <{EX}b> 1 }} }}",
    f"BASE <{Minter().base}person/> DROP GRAPH <../article/2024-03-12-netzausbau>",
    f"{INSERT} ; DROP GRAPH <{ARTICLE}>",
    "DROP ALL",
    "DROP SILENT ALL",
    "CLEAR NAMED",
    "DROP NAMED",
    f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s a <{EX}X> }} }}",
])
def test_update_of_build_owned_graph_is_403_and_writes_nothing(writer: FlaskClient, store: KGStore,
                                                                 update: str) -> None:
    before = snapshot(store)
    response = post_update(writer, update)
    assert response.status_code == 403, response.get_data(as_text=True)
    assert "article graphs are written by kg build; put curation in another graph" in response.json["error"]["message"]
    assert snapshot(store) == before


@pytest.mark.parametrize("update", [
    f"COPY <{ARTICLE}> TO <{CURATION}>",  # reading an article graph is fine
    f"INSERT {{ GRAPH <{CURATION}> {{ ?p <{EX}geprueft> true }} }} WHERE {{ GRAPH ?g {{ ?p a ?t }} }}",
    f"INSERT DATA {{ <{EX}kroll> <{EX}notiz> \"im Standardgraphen\" }}",
    "CLEAR DEFAULT",
    f"DROP SILENT GRAPH <{CURATION}>",
])
def test_update_of_own_graphs_is_applied(writer: FlaskClient, update: str) -> None:
    response = post_update(writer, update)
    assert response.status_code == 204, response.get_data(as_text=True)


def test_update_drop_all_on_scratch_store_works() -> None:
    scratch = KGStore()
    client = app_for(scratch).test_client()
    assert post_update(client, INSERT).status_code == 204
    assert post_update(client, f"DROP SILENT ALL ; INSERT DATA {{ <{EX}a> <{EX}b> 1 }}").status_code == 204
    assert [quad.subject.value for quad in scratch.ox] == [f"{EX}a"]
    assert list(scratch.ox.named_graphs()) == []


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/daten.ttl>",
    f"LOAD SILENT <http://127.0.0.1:9/daten.ttl> INTO GRAPH <{CURATION}>",
    f"INSERT {{ GRAPH <{CURATION}> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <http://127.0.0.1:9/sparql> {{ ?s ?p ?o }} }}",
])
def test_update_that_fetches_urls_is_403(writer: FlaskClient, store: KGStore, update: str) -> None:
    before = snapshot(store)
    response = post_update(writer, update)
    assert response.status_code == 403
    assert "does not fetch" in response.json["error"]["message"]
    assert snapshot(store) == before


def test_update_failure_in_oxigraph_is_400_and_writes_nothing(writer: FlaskClient, store: KGStore) -> None:
    before = snapshot(store)
    response = post_update(writer, f"{INSERT} ; DROP GRAPH <{EX}gibt-es-nicht>")
    assert response.status_code == 400
    assert snapshot(store) == before


# -- the protocol's dataset parameters --------------------------------------------------------------

def test_update_using_graph_uri_sets_where_default_graph(writer: FlaskClient) -> None:
    seed = f"INSERT DATA {{ GRAPH <{EX}quelle> {{ <{EX}a> a <{EX}Person> }} }}"
    assert post_update(writer, seed).status_code == 204
    copy = f"INSERT {{ GRAPH <{CURATION}> {{ ?s <{EX}gesehen> true }} }} WHERE {{ ?s a <{EX}Person> }}"
    # Without the parameter the WHERE reads the (empty) default graph: nothing is copied.
    assert post_update(writer, copy).status_code == 204
    assert not ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ <{EX}a> ?p ?o }} }}")
    response = writer.post(f"/sparql?using-graph-uri={EX}quelle", data=copy, content_type="application/sparql-update")
    assert response.status_code == 204
    assert ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ <{EX}a> <{EX}gesehen> true }} }}")


def test_update_using_named_graph_uri_with_delete_where(writer: FlaskClient) -> None:
    seed = f"INSERT DATA {{ GRAPH <{CURATION}> {{ <{EX}a> <{EX}p> 1 . <{EX}b> <{EX}p> 2 }} }}"
    assert post_update(writer, seed).status_code == 204
    delete = f"DELETE WHERE {{ GRAPH <{CURATION}> {{ <{EX}a> ?p ?o }} }}"
    response = writer.post(f"/sparql?using-named-graph-uri={CURATION}", data=delete,
                           content_type="application/sparql-update")
    assert response.status_code == 204
    assert not ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ <{EX}a> ?p ?o }} }}")
    assert ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ <{EX}b> ?p ?o }} }}")


def test_update_using_graph_uri_with_with_clause_is_400(writer: FlaskClient, store: KGStore) -> None:
    before = snapshot(store)
    update = f"WITH <{CURATION}> INSERT {{ <{EX}a> <{EX}b> 1 }} WHERE {{ }}"
    response = writer.post(f"/sparql?using-graph-uri={CURATION}", data=update, content_type="application/sparql-update")
    assert response.status_code == 400
    assert snapshot(store) == before


def test_query_default_graph_uri_limits_default_graph(client: FlaskClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = client.get("/sparql", query_string={"query": query}).json["results"]["bindings"][0]["n"]["value"]
    one = client.get("/sparql", query_string={"query": query, "default-graph-uri": ARTICLE})
    assert one.status_code == 200
    assert 0 < int(one.json["results"]["bindings"][0]["n"]["value"]) < int(whole)


def test_query_named_graph_uri_limits_graphs(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.post(f"/sparql?named-graph-uri={ARTICLE}", data=query, content_type="application/sparql-query")
    assert [b["g"]["value"] for b in response.json["results"]["bindings"]] == [ARTICLE]


def test_query_from_clause_is_respected(client: FlaskClient) -> None:
    # The union default graph must not override a FROM the query names.
    query = f"SELECT (COUNT(DISTINCT ?a) AS ?n) FROM <{ARTICLE}> WHERE {{ ?a a ?t }}"
    union = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ?t }"
    counts = [int(client.get("/sparql", query_string={"query": text}).json["results"]["bindings"][0]["n"]["value"])
              for text in (query, union)]
    assert 0 < counts[0] < counts[1]


def test_query_bad_default_graph_uri_is_400(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}", "default-graph-uri": "kein iri"})
    assert response.status_code == 400


# -- curation survives kg build -----------------------------------------------------------------------

ARTICLE_TEXT = ("Bundeskanzlerin Annette Kroll hat am Montag mit dem französischen Präsidenten Luc Moreau "
                "telefoniert. „Wir stehen fest zusammen“, sagte Kroll nach dem Gespräch in Berlin.")


def write_article(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "2024-05-06-telefonat.txt").write_text(text, encoding="utf-8")
    meta = {"published": "2024-05-06", "title": "Kroll telefoniert mit Moreau", "source": "Testpresse",
            "language": "de"}
    (folder / "2024-05-06-telefonat.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_curation_survives_kg_build(tmp_path: Path, extractor: Extractor) -> None:
    store = KGStore(tmp_path / "store")
    articles = write_article(tmp_path / "articles", ARTICLE_TEXT)
    assert build([articles], store, extractor=extractor).articles == 1
    client = app_for(store).test_client()
    named = f'INSERT DATA {{ GRAPH <{CURATION}> {{ <{EX}kroll> <{EX}geprueft> "ja" }} }}'
    default = f'INSERT DATA {{ <{EX}kroll> <{EX}notiz> "Standardgraph" }}'
    assert post_update(client, named).status_code == 204
    assert post_update(client, default).status_code == 204
    stored = client.put(f"/store?graph={EX}gsp-kuratierung", data=f"<{EX}a> <{EX}b> <{EX}c> .",
                        content_type="application/n-triples")
    assert stored.status_code == 201
    # Extraction reruns on a changed article: its graph is replaced, curation stays.
    write_article(articles, ARTICLE_TEXT + " Moreau sprach von einem guten Gespräch.")
    summary = build([articles], store, extractor=extractor)
    assert summary.articles == 1 and not summary.failed
    assert ask(client, f'ASK {{ GRAPH <{CURATION}> {{ <{EX}kroll> <{EX}geprueft> "ja" }} }}')
    assert ask(client, f'ASK {{ <{EX}kroll> <{EX}notiz> "Standardgraph" }}')
    assert ask(client, f"ASK {{ GRAPH <{EX}gsp-kuratierung> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    assert ask(client, sparql_prefixes() + 'ASK { ?a a nkg:Article ; nif:isString ?t '
                                           'FILTER(CONTAINS(?t, "guten Gespräch")) }')


# -- kg serve options ---------------------------------------------------------------------------------

def test_serve_token_file_without_allow_update_is_usage_error(kg: object, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    (tmp_path / "store").mkdir()
    result: Result = kg("serve", "--store", tmp_path / "store", "--token-file", token)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "--allow-update" in result.output


def test_serve_empty_token_file_is_an_error(kg: object, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("  \n", encoding="utf-8")
    (tmp_path / "store").mkdir()
    result: Result = kg("serve", "--store", tmp_path / "store", "--allow-update",  # type: ignore[operator]
                        "--token-file", token)
    assert result.exit_code == 1
    assert "empty" in result.output


def test_update_token_comes_from_file_else_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_UPDATE_TOKEN", " aus-der-umgebung ")
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    assert _update_token(token) == TOKEN
    assert _update_token(None) == "aus-der-umgebung"
    monkeypatch.delenv("KG_UPDATE_TOKEN")
    assert _update_token(None) is None


def test_writable_store_is_opened_only_with_updates(tmp_path: Path) -> None:
    path = tmp_path / "store"
    KGStore(path).ox.update(f"INSERT DATA {{ <{EX}a> <{EX}b> 1 }}")  # closed when collected
    reader = create_app({"STORE_PATH": str(path), "TESTING": True}).test_client()
    assert post_update(reader, INSERT).status_code == 403
    writer = create_app({"STORE_PATH": str(path), "TESTING": True, "ALLOW_UPDATE": True}).test_client()
    assert post_update(writer, INSERT).status_code == 204
    assert ask(writer, f"ASK {{ GRAPH <{CURATION}> {{ ?s ?p ?o }} }}")
    assert ox.NamedNode(CURATION) in list(writer.application.extensions["newskg"].get().ox.named_graphs())
