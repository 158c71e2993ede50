"""Query limits: a timeout that really stops the work, caps on rows, bytes and request size.

A live waitress server over the example store (``kg build examples/articles``) runs client
queries in worker processes; a runaway query's worker is killed while others keep answering.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import waitress
from flask import Flask

from kg import query as q
from kg.store import KGStore
from kg.web import create_app, store_protocol

# 3,900 triples cubed: far beyond any time limit, and COUNT keeps the answer itself tiny.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT ?a WHERE { ?a a <https://w3id.org/newskg/ontology#Person> } LIMIT 3"
TIMEOUT = 2.0


@dataclass
class Reply:
    status: int
    body: bytes
    seconds: float

    def error(self) -> dict:
        return json.loads(self.body)["error"]


@pytest.fixture(scope="module")
def server(example_store_path: Path) -> Iterator[str]:
    app = create_app({"STORE_PATH": str(example_store_path), "QUERY_TIMEOUT": TIMEOUT, "QUERY_WORKERS": 2,
                      "QUERY_MAX_ROWS": 1000, "QUERY_MAX_BYTES": 200_000})
    yield from _serve(app)


def _serve(app: Flask) -> Iterator[str]:
    wsgi = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{wsgi.effective_port}"  # type: ignore[union-attr]
    finally:
        wsgi.close()
        app.extensions["newskg"].close()


def ask(base: str, query: str, **params: str) -> Reply:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, response.read(), time.monotonic() - start)
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.read(), time.monotonic() - start)


def test_limits_timeout_stops_cross_product_while_small_queries_succeed(server: str) -> None:
    assert ask(server, SMALL).status == 200  # the workers are up
    with ThreadPoolExecutor(max_workers=4) as pool:
        runaway = pool.submit(ask, server, RUNAWAY)
        time.sleep(0.2)
        small = [pool.submit(ask, server, SMALL) for _ in range(20)]
        replies = [f.result() for f in small]
        stopped = runaway.result()
    assert stopped.status == 504
    assert stopped.seconds < TIMEOUT + 1
    assert "time limit of 2 s" in stopped.error()["message"]
    assert [r.status for r in replies] == [200] * 20
    assert all(r.seconds < TIMEOUT for r in replies)
    # The killed worker was replaced: the pool serves (and stops) queries as before.
    assert ask(server, SMALL).status == 200
    assert ask(server, RUNAWAY).status == 504


def test_limits_client_may_lower_the_timeout_but_not_raise_it(server: str) -> None:
    # Each timed query starts when a worker is free: a killed one may still be being replaced.
    assert ask(server, SMALL).status == 200
    lowered = ask(server, RUNAWAY, timeout="0.5")
    assert lowered.status == 504
    assert lowered.seconds < 1.5
    assert "0.5 s" in lowered.error()["message"]
    assert ask(server, SMALL).status == 200
    capped = ask(server, RUNAWAY, timeout="3600")
    assert capped.status == 504
    assert capped.seconds < TIMEOUT + 1


@pytest.mark.parametrize("value", ["abc", "-1", "0", "nan", "inf"])
def test_limits_bad_timeout_is_400(server: str, value: str) -> None:
    reply = ask(server, SMALL, timeout=value)
    assert reply.status == 400
    assert "timeout=" in reply.error()["message"]


def test_limits_row_cap_is_413(server: str) -> None:
    assert ask(server, "SELECT ?p WHERE { ?s ?p ?o } LIMIT 1000").status == 200
    reply = ask(server, "SELECT ?p WHERE { ?s ?p ?o } LIMIT 1001")
    assert reply.status == 413
    assert "1,000 rows" in reply.error()["message"]
    assert "LIMIT" in reply.error()["hint"]


def test_limits_byte_cap_is_413_before_any_body(server: str) -> None:
    # Under the 1,000-triple cap, but the article texts make it larger than 200,000 bytes.
    reply = ask(server, "CONSTRUCT WHERE { ?s ?p ?o } ORDER BY DESC(STRLEN(STR(?o))) LIMIT 999", format="ntriples")
    assert reply.status == 413
    assert "200,000 bytes" in reply.error()["message"]
    assert ask(server, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 20", format="ntriples").status == 200


def test_limits_cross_product_hits_byte_cap_quickly(server: str) -> None:
    # Without COUNT the same product would stream gigabytes: the byte cap stops it first.
    reply = ask(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert reply.status == 413
    assert reply.seconds < TIMEOUT + 1


def test_limits_page_shows_timeout(server: str) -> None:
    url = f"{server}/sparql?" + urllib.parse.urlencode({"query": RUNAWAY, "page": "1", "timeout": "0.5"})
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 504
    assert "time limit" in caught.value.read().decode()


def test_limits_request_body_over_max_content_length_is_413(server: str) -> None:
    body = ("# " + "x" * (1024 * 1024 + 10) + "\n" + SMALL).encode()
    request = urllib.request.Request(f"{server}/sparql", data=body, method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 413


def test_limits_store_upload_over_its_limit_is_413(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_protocol, "UPLOAD_LIMIT", 1000)
    app = create_app({"STORE": KGStore(), "TESTING": True, "ALLOW_UPDATE": True})
    data = b"\n".join(b"<urn:s> <urn:p> \"%d\" ." % i for i in range(200))
    response = app.test_client().put("/store?graph=urn:x:curation", data=data,
                                     headers={"Content-Type": "application/n-triples"})
    assert response.status_code == 413
    assert response.json["error"]["status"] == 413


def test_limits_in_process_store_answers_504_at_the_limit() -> None:
    store = KGStore()
    for i in range(60):
        store.ox.add(ox.Quad(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:x:p"), ox.Literal(str(i))))
    app = create_app({"STORE": store, "TESTING": True, "QUERY_TIMEOUT": 0.3})
    start = time.monotonic()
    response = app.test_client().get("/sparql", query_string={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"})
    assert response.status_code == 504
    assert time.monotonic() - start < 1.3
    assert response.json["error"]["message"].startswith("The query ran longer")
    app.extensions["newskg"].close()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_execute_row_cap_counts_rows_in_every_format(fmt: str) -> None:
    store = ox.Store()
    for i in range(50):  # line breaks inside values must not count as rows
        store.add(ox.Quad(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:x:p"), ox.Literal(f"a\r\nb\n{i}")))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert q.execute(store, query, result_format=fmt, max_rows=50).body == q.execute(
        store, query, result_format=fmt).body
    with pytest.raises(q.ResultTooLarge):
        q.execute(store, query, result_format=fmt, max_rows=49)
