"""Dumps that load anywhere: ``kg export`` in every format and the HTTP dumps (``/dump.*``).

Union formats hold each triple once (the union repeats a triple once per article graph that
states it); dataset formats hold every quad. Each dump loads in rdflib and in a fresh
pyoxigraph store with the same statements, and ``rapper`` (raptor2) parses Turtle and RDF/XML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from kg.store import KGStore
from kg.web import create_app

Kg = Callable[..., Result]

# rdflib's own parsers call its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

UNION_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
RDFLIB_NAMES = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld",
                "rdfxml": "xml"}
HTTP_DUMPS = {"nq": "nquads", "trig": "trig", "nt": "ntriples", "ttl": "turtle"}
RAPPER = shutil.which("rapper")

Node = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Triple = tuple[Node, Node, Node]


def distinct_triples(store: KGStore) -> set[Triple]:
    return {(q.subject, q.predicate, q.object) for q in store.ox}


def statements(data: bytes, fmt: ox.RdfFormat) -> list[ox.Triple | ox.Quad]:
    """Every statement as written, duplicates included (a store or rdflib would merge them)."""
    return list(ox.parse(data, format=fmt))


def as_triples(items: list[ox.Triple | ox.Quad]) -> list[Triple]:
    return [(t.subject, t.predicate, t.object) for t in items]


def require_rapper() -> str:
    if RAPPER is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI needs rapper (Debian raptor2-utils): ./dev.sh test installs it")
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    return RAPPER


def rapper_count(path: Path, syntax: str) -> int:
    """Parse with raptor; the number of triples it read. Fails on any error or warning."""
    run = subprocess.run([require_rapper(), "-i", syntax, "-c", str(path)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower() and "warning" not in run.stderr.lower(), run.stderr
    found = re.search(r"returned (\d+) triples", run.stderr)
    assert found, run.stderr
    return int(found.group(1))


def export(kg: Kg, store: Path, fmt: str, output: Path) -> bytes:
    result = kg("export", "--store", store, "--format", fmt, "--output", output)
    assert result.exit_code == 0, result.output
    return output.read_bytes()


# -- kg export ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(UNION_FORMATS))
def test_dumps_export_union_format_has_each_triple_once(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    data = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    written = as_triples(statements(data, UNION_FORMATS[fmt]))  # type: ignore[arg-type]
    expected = distinct_triples(example_store)
    # The store really repeats triples across article graphs, so the deduplication is tested.
    assert len(example_store.ox) > len(expected)
    assert len(written) == len(expected)
    assert set(written) == expected


@pytest.mark.parametrize("fmt", [*UNION_FORMATS, *DATASET_FORMATS])
def test_dumps_export_loads_in_rdflib_and_pyoxigraph_alike(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"kg.{fmt}"
    export(kg, example_store_path, fmt, path)
    fresh = ox.Store()
    fresh.load(path=str(path), format={**UNION_FORMATS, **DATASET_FORMATS}[fmt])
    dataset = rdflib.Dataset()
    dataset.parse(str(path), format=RDFLIB_NAMES[fmt])
    from_rdflib = {(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    from_ox = {(q.subject.value, q.predicate.value, q.object.value) for q in fresh}
    assert from_rdflib == from_ox == {(s.value, p.value, o.value) for s, p, o in distinct_triples(example_store)}
    if fmt in DATASET_FORMATS:
        assert set(fresh) == set(example_store.ox)


@pytest.mark.parametrize(("fmt", "syntax"), [("turtle", "turtle"), ("rdfxml", "rdfxml")])
def test_dumps_export_parses_with_rapper(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str, syntax: str
) -> None:
    require_rapper()
    path = tmp_path / f"kg.{fmt}"
    export(kg, example_store_path, fmt, path)
    assert rapper_count(path, syntax) == len(distinct_triples(example_store))


def test_dumps_in_memory_store_has_each_triple_once(store: KGStore, tmp_path: Path) -> None:
    # The in-memory store walks its triples in no useful order; the export must still dedupe.
    path = tmp_path / "kg.nt"
    store.export("ntriples", str(path))
    written = as_triples(statements(path.read_bytes(), ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
    assert len(store.ox) > len(distinct_triples(store))
    assert sorted(map(str, written)) == sorted(map(str, distinct_triples(store)))


def test_dumps_chunks_join_into_one_turtle_document(example_store: KGStore) -> None:
    chunks = list(example_store.export_chunks("turtle", batch=500))
    assert len(chunks) > 3
    assert chunks[0].startswith(b"@prefix ")
    assert all(b"@prefix" not in chunk for chunk in chunks[1:])
    written = as_triples(statements(b"".join(chunks), ox.RdfFormat.TURTLE))  # type: ignore[arg-type]
    assert sorted(map(str, written)) == sorted(map(str, distinct_triples(example_store)))


def test_dumps_chunks_refuse_a_format_that_cannot_be_cut(example_store: KGStore) -> None:
    with pytest.raises(ValueError, match="cannot stream 'jsonld' in chunks"):
        next(example_store.export_chunks("jsonld"))


# -- HTTP ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_app(example_store: KGStore) -> Flask:
    return create_app({"STORE": example_store, "TESTING": True})


@pytest.fixture
def web(example_app: Flask) -> FlaskClient:
    return example_app.test_client()


def fetch(web: FlaskClient, suffix: str) -> tuple[bytes, int, str]:
    """The body of ``/dump.SUFFIX``, the number of chunks it was sent in, and its media type."""
    response = web.get(f"/dump.{suffix}", buffered=False)
    assert response.status_code == 200
    assert response.is_streamed
    chunks = list(response.response)
    response.close()
    return b"".join(chunks), len(chunks), response.mimetype


@pytest.mark.parametrize("suffix", list(HTTP_DUMPS))
def test_dumps_http_streams_every_statement_once(web: FlaskClient, example_store: KGStore, suffix: str) -> None:
    body, chunks, media_type = fetch(web, suffix)
    fmt = HTTP_DUMPS[suffix]
    rdf_format = {**UNION_FORMATS, **DATASET_FORMATS}[fmt]
    assert media_type == rdf_format.media_type
    assert chunks > 1  # sent while serialized, not built whole first
    written = statements(body, rdf_format)
    if fmt in DATASET_FORMATS:
        assert len(written) == len(example_store.ox)
        assert set(written) == set(example_store.ox)
    else:
        assert len(written) == len(distinct_triples(example_store))
        assert set(as_triples(written)) == distinct_triples(example_store)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", list(HTTP_DUMPS))
def test_dumps_http_loads_in_rdflib_and_pyoxigraph_alike(
    web: FlaskClient, example_store: KGStore, tmp_path: Path, suffix: str
) -> None:
    body, _, _ = fetch(web, suffix)
    fmt = HTTP_DUMPS[suffix]
    fresh = ox.Store()
    fresh.load(body, format={**UNION_FORMATS, **DATASET_FORMATS}[fmt])
    dataset = rdflib.Dataset()
    dataset.parse(data=body, format=RDFLIB_NAMES[fmt])
    from_rdflib = {(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    from_ox = {(q.subject.value, q.predicate.value, q.object.value) for q in fresh}
    assert from_rdflib == from_ox
    assert len(from_ox) == len(distinct_triples(example_store))


def test_dumps_http_turtle_carries_prefixes(web: FlaskClient) -> None:
    body, _, _ = fetch(web, "ttl")
    text = body.decode("utf-8")
    assert text.startswith("@prefix ")
    assert "@prefix nkg: <https://w3id.org/newskg/ns#> ." in text
    assert text.count("@prefix nkg:") == 1  # later chunks do not repeat them
    assert " a nkg:Claim" in text


def test_dumps_http_turtle_parses_with_rapper(web: FlaskClient, example_store: KGStore, tmp_path: Path) -> None:
    require_rapper()
    path = tmp_path / "dump.ttl"
    path.write_bytes(fetch(web, "ttl")[0])
    assert rapper_count(path, "turtle") == len(distinct_triples(example_store))


def test_dumps_http_unknown_format_is_404(web: FlaskClient) -> None:
    response = web.get("/dump.csv", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert "/dump.nq" in response.get_json()["error"]["hint"]


def test_dumps_http_head_sends_headers_only(web: FlaskClient) -> None:
    response = web.head("/dump.ttl")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert response.data == b""


def test_dumps_http_allows_any_origin(web: FlaskClient) -> None:
    response = web.get("/dump.nt", buffered=False)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    response.close()
