"""The Graph Store Protocol at /store: reading every graph, writing only when enabled and allowed."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from kg.resolve.iris import Minter
from kg.store import KGStore
from kg.web import create_app

EX = "https://example.org/"
CURATION = f"{EX}kuratierung"
ARTICLE = Minter().article("2024-03-12-netzausbau")
RESOLUTION = Minter().resolution_graph()
TURTLE = f'@prefix ex: <{EX}> .\nex:kroll ex:notiz "Kanzlerin, geprüft"@de ; ex:quelle [ ex:seite 3 ] .\n'
MORE = f'<{EX}kroll> <{EX}amt> "Bundeskanzlerin" .\n'
TOKEN = "gsp-token-fuer-tests-91c2"


def writable(store: KGStore, **config: object) -> Flask:
    return create_app({"STORE": store, "TESTING": True, "ALLOW_UPDATE": True, **config})


def snapshot(store: KGStore) -> set[str]:
    return {str(quad) for quad in store.ox}


def message(response: object) -> str:
    """The error message, whichever shape (JSON or page) the error took."""
    return response.get_data(as_text=True)  # type: ignore[attr-defined]


def graph_of(response: object, fmt: str = "turtle") -> rdflib.Graph:
    return rdflib.Graph().parse(data=response.data, format=fmt)  # type: ignore[attr-defined]


@pytest.fixture
def writer(store: KGStore) -> FlaskClient:
    return writable(store).test_client()


# -- reading ------------------------------------------------------------------------------------------

def test_store_get_article_graph_is_turtle(client: FlaskClient) -> None:
    response = client.get("/store", query_string={"graph": ARTICLE}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    assert response.headers["Vary"] == "Accept"
    titles = {str(o) for o in graph_of(response).objects(rdflib.URIRef(ARTICLE), rdflib.DCTERMS.title)}
    assert titles == {"Kroll drängt auf schnelleren Netzausbau"}


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("text/turtle; charset=utf-8", "text/turtle", "turtle"),
    ("*/*", "text/turtle", "turtle"),
])
def test_store_get_negotiates_format(client: FlaskClient, accept: str, media: str, fmt: str) -> None:
    response = client.get("/store", query_string={"graph": RESOLUTION}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media
    assert len(graph_of(response, fmt)) > 0


def test_store_get_unacceptable_type_is_406(client: FlaskClient) -> None:
    response = client.get("/store", query_string={"graph": ARTICLE}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_store_get_missing_graph_is_404(client: FlaskClient) -> None:
    response = client.get("/store", query_string={"graph": f"{EX}gibt-es-nicht"})
    assert response.status_code == 404


def test_store_head_answers_like_get_without_body(client: FlaskClient) -> None:
    found = client.head("/store", query_string={"graph": ARTICLE}, headers={"Accept": "text/turtle"})
    assert found.status_code == 200 and found.mimetype == "text/turtle" and found.data == b""
    assert int(found.headers["Content-Length"]) > 0
    missing = client.head("/store", query_string={"graph": f"{EX}gibt-es-nicht"})
    assert missing.status_code == 404 and missing.data == b""


def test_store_get_default_graph_of_built_store_is_empty(client: FlaskClient) -> None:
    # Everything kg build writes lives in named graphs; the default graph is curation's.
    response = client.get("/store?default", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.data.strip() == b""


@pytest.mark.parametrize("query", ["", f"default&graph={CURATION}", f"graph={CURATION}&graph={EX}b", "graph=kein+iri"])
def test_store_get_without_one_valid_graph_is_400(client: FlaskClient, query: str) -> None:
    assert client.get(f"/store?{query}").status_code == 400


# -- writing: off, allowed, refused -------------------------------------------------------------------

@pytest.mark.parametrize("method", ["put", "post", "delete"])
def test_store_write_is_refused_by_default_and_writes_nothing(client: FlaskClient, store: KGStore,
                                                              method: str) -> None:
    before = snapshot(store)
    response = getattr(client, method)("/store", query_string={"graph": CURATION}, data=TURTLE,
                                       content_type="text/turtle")
    assert response.status_code == 403
    assert "read-only" in message(response)
    assert snapshot(store) == before


def test_store_put_creates_then_replaces(writer: FlaskClient) -> None:
    first = writer.put(f"/store?graph={CURATION}", data=TURTLE, content_type="text/turtle; charset=utf-8")
    assert first.status_code == 201
    second = writer.put(f"/store?graph={CURATION}", data=MORE, content_type="application/n-triples")
    assert second.status_code == 204
    graph = graph_of(writer.get(f"/store?graph={CURATION}"))
    assert {str(o) for o in graph.objects()} == {"Bundeskanzlerin"}


def test_store_post_merges(writer: FlaskClient) -> None:
    assert writer.post(f"/store?graph={CURATION}", data=TURTLE, content_type="text/turtle").status_code == 201
    assert writer.post(f"/store?graph={CURATION}", data=MORE, content_type="application/n-triples").status_code == 204
    graph = graph_of(writer.get(f"/store?graph={CURATION}"))
    assert {"Bundeskanzlerin", "Kanzlerin, geprüft"} <= {str(o) for o in graph.objects()}
    assert len(graph) == 4


def test_store_post_multipart_merges_every_part(writer: FlaskClient) -> None:
    data = {"a": (io.BytesIO(TURTLE.encode("utf-8")), "a.ttl", "text/turtle"),
            "b": (io.BytesIO(MORE.encode("utf-8")), "b.nt", "application/n-triples")}
    response = writer.post(f"/store?graph={CURATION}", data=data, content_type="multipart/form-data")
    assert response.status_code == 201
    assert len(graph_of(writer.get(f"/store?graph={CURATION}"))) == 4


def test_store_post_multipart_without_files_is_400(writer: FlaskClient) -> None:
    response = writer.post(f"/store?graph={CURATION}", data={"a": TURTLE}, content_type="multipart/form-data")
    assert response.status_code == 400


def test_store_delete_then_404(writer: FlaskClient) -> None:
    writer.put(f"/store?graph={CURATION}", data=TURTLE, content_type="text/turtle")
    assert writer.delete(f"/store?graph={CURATION}").status_code == 204
    assert writer.get(f"/store?graph={CURATION}").status_code == 404
    assert writer.delete(f"/store?graph={CURATION}").status_code == 404


def test_store_put_empty_body_creates_empty_graph(writer: FlaskClient) -> None:
    assert writer.put(f"/store?graph={CURATION}").status_code == 201
    response = writer.get(f"/store?graph={CURATION}")
    assert response.status_code == 200 and len(graph_of(response)) == 0


def test_store_put_default_graph_is_seen_by_queries(writer: FlaskClient) -> None:
    assert writer.put("/store?default", data=MORE, content_type="application/n-triples").status_code == 204
    response = writer.get("/sparql", query_string={"query": f"ASK {{ <{EX}kroll> <{EX}amt> ?amt }}"})
    assert response.json["boolean"] is True
    assert writer.delete("/store?default").status_code == 204
    assert graph_of(writer.get("/store?default")).__len__() == 0


def test_store_post_to_store_creates_graph_at_location(writer: FlaskClient) -> None:
    response = writer.post("/store", data=TURTLE, content_type="text/turtle")
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location.startswith("http://localhost/store/")
    assert len(graph_of(writer.get("/store", query_string={"graph": location}))) == 3
    assert writer.get(location.removeprefix("http://localhost")).status_code == 200  # direct identification


def test_store_direct_identification_names_graph_by_url(writer: FlaskClient) -> None:
    assert writer.put("/store/kuratierung/personen", data=MORE, content_type="application/n-triples").status_code == 201
    response = writer.get("/store", query_string={"graph": "http://localhost/store/kuratierung/personen"})
    assert response.status_code == 200 and len(graph_of(response)) == 1


def test_store_put_bad_rdf_is_400_and_writes_nothing(writer: FlaskClient, store: KGStore) -> None:
    before = snapshot(store)
    response = writer.put(f"/store?graph={CURATION}", data="<kaputt> <ohne> .", content_type="text/turtle")
    assert response.status_code == 400
    assert "not valid" in message(response)
    assert snapshot(store) == before


@pytest.mark.parametrize("media", ["application/json", "text/csv", "application/trig", ""])
def test_store_put_unknown_media_type_is_415(writer: FlaskClient, store: KGStore, media: str) -> None:
    before = snapshot(store)
    response = writer.put(f"/store?graph={CURATION}", data=TURTLE, headers={"Content-Type": media} if media else {})
    assert response.status_code == 415
    assert snapshot(store) == before


@pytest.mark.parametrize(("method", "graph"), [
    ("put", ARTICLE), ("post", ARTICLE), ("delete", ARTICLE), ("put", RESOLUTION), ("delete", RESOLUTION),
    ("post", f"{ARTICLE}-neu"),
])
def test_store_write_to_build_owned_graph_is_403(writer: FlaskClient, store: KGStore, method: str,
                                                  graph: str) -> None:
    before = snapshot(store)
    response = getattr(writer, method)("/store", query_string={"graph": graph}, data=MORE,
                                       content_type="application/n-triples")
    assert response.status_code == 403
    assert "article graphs are written by kg build; put curation in another graph" in message(response)
    assert snapshot(store) == before


def test_store_write_from_other_machine_is_403(store: KGStore) -> None:
    before = snapshot(store)
    client = writable(store).test_client()
    response = client.put(f"/store?graph={CURATION}", data=MORE, content_type="application/n-triples",
                          environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 403
    assert snapshot(store) == before


def test_store_write_needs_configured_token(store: KGStore) -> None:
    client = writable(store, UPDATE_TOKEN=TOKEN).test_client()
    before = snapshot(store)
    missing = client.delete(f"/store?graph={ARTICLE}")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.put(f"/store?graph={CURATION}", data=MORE, content_type="application/n-triples",
                       headers={"Authorization": "Bearer nein"})
    assert wrong.status_code == 403
    assert snapshot(store) == before
    right = client.put(f"/store?graph={CURATION}", data=MORE, content_type="application/n-triples",
                       headers={"Authorization": f"Bearer {TOKEN}"}, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert right.status_code == 201
    assert store.ox.contains_named_graph(ox.NamedNode(CURATION))


def test_store_other_method_is_405(client: FlaskClient) -> None:
    response = client.patch(f"/store?graph={CURATION}")
    assert response.status_code == 405
    assert "PUT" in response.headers["Allow"]
