"""``kg export``: every format loads back, into pyoxigraph and into rdflib, with nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import Result

from kg.resolve.iris import Minter
from kg.store import KGStore

Kg = Callable[..., Result]

# rdflib's own parsers call its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
RDFLIB_NAMES = {
    "nquads": "nquads",
    "trig": "trig",
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}
GRAPH_FORMAT_PARAMS = [
    name for name in GRAPH_FORMATS
]


def export(kg: Kg, store: Path, fmt: str, output: Path) -> Path:
    result = kg("export", "--store", store, "--format", fmt, "--output", output)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the data goes to the file only
    return output


def union_triples(store: ox.Store) -> set[tuple[ox.Term, ox.Term, ox.Term]]:
    return {(q.subject, q.predicate, q.object) for q in store}


def article_iris(store: KGStore) -> set[str]:
    """Every named graph a built store holds: one per article, and the resolution graph."""
    articles = {r["a"].value for r in store.select("SELECT ?a WHERE { ?a a nkg:Article }")}
    return articles | {Minter().resolution_graph()}


@pytest.mark.parametrize("fmt", list(DATASET_FORMATS))
def test_export_dataset_format_loads_back_into_pyoxigraph(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    path = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    fresh = ox.Store()
    fresh.load(path=str(path), format=DATASET_FORMATS[fmt])
    assert len(fresh) == len(example_store.ox) > 1000
    assert set(fresh) == set(example_store.ox)
    assert {g.value for g in fresh.named_graphs()} == article_iris(example_store)


@pytest.mark.parametrize("fmt", list(DATASET_FORMATS))
def test_export_dataset_format_loads_back_into_rdflib(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    path = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(str(path), format=RDFLIB_NAMES[fmt])
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == len(example_store.ox)
    # Every quad stays in its article's graph; none falls into the default graph.
    assert {str(g) for *_, g in quads} == article_iris(example_store)


@pytest.mark.parametrize("fmt", GRAPH_FORMAT_PARAMS)
def test_export_graph_format_loads_back_into_pyoxigraph(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    path = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    fresh = ox.Store()
    fresh.load(path=str(path), format=GRAPH_FORMATS[fmt])
    assert list(fresh.named_graphs()) == []
    assert len(fresh) == len(union_triples(example_store.ox))
    assert union_triples(fresh) == union_triples(example_store.ox)


def test_export_jsonld_keeps_every_triple(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path
) -> None:
    # Holds whether JSON-LD carries the article graphs or their union.
    fresh = ox.Store()
    fresh.load(path=str(export(kg, example_store_path, "jsonld", tmp_path / "kg.jsonld")), format=ox.RdfFormat.JSON_LD)
    assert union_triples(fresh) == union_triples(example_store.ox)


@pytest.mark.parametrize("fmt", GRAPH_FORMAT_PARAMS)
def test_export_graph_format_loads_back_into_rdflib(
    kg: Kg, example_store_path: Path, example_store: KGStore, tmp_path: Path, fmt: str
) -> None:
    path = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    graph = rdflib.Graph()
    graph.parse(str(path), format=RDFLIB_NAMES[fmt])
    assert len(graph) == len(union_triples(example_store.ox)) > 1000


@pytest.mark.parametrize("fmt", [*DATASET_FORMATS, *GRAPH_FORMATS])
def test_export_to_stdout_matches_the_file(kg: Kg, example_store_path: Path, tmp_path: Path, fmt: str) -> None:
    path = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}")
    result = kg("export", "--store", example_store_path, "--format", fmt, "--output", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == path.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_export_turtle_family_declares_prefixes(kg: Kg, example_store_path: Path, tmp_path: Path, fmt: str) -> None:
    text = export(kg, example_store_path, fmt, tmp_path / f"kg.{fmt}").read_text(encoding="utf-8")
    assert "@prefix nkg: <https://w3id.org/newskg/ns#>" in text or "PREFIX nkg: <https://w3id.org/newskg/ns#>" in text
    assert "nkg:Claim" in text  # the prefix is used, not only declared


def test_export_rdfxml_declares_namespaces(kg: Kg, example_store_path: Path, tmp_path: Path) -> None:
    text = export(kg, example_store_path, "rdfxml", tmp_path / "kg.rdf").read_text(encoding="utf-8")
    assert 'xmlns:nkg="https://w3id.org/newskg/ns#"' in text


def test_export_unknown_format_is_usage_error(kg: Kg, example_store_path: Path, tmp_path: Path) -> None:
    result = kg("export", "--store", example_store_path, "--format", "csv", "--output", tmp_path / "kg.csv")
    assert result.exit_code == 2
    assert "Invalid value" in result.stderr
    assert not (tmp_path / "kg.csv").exists()


def test_export_missing_store_says_to_build_first(kg: Kg, tmp_path: Path) -> None:
    result = kg("export", "--store", tmp_path / "nichts", "--output", tmp_path / "kg.nq")
    assert result.exit_code == 1
    assert "kg build" in result.stderr
    assert not (tmp_path / "kg.nq").exists()
