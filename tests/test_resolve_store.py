"""Resolution across a real store: build order, one at a time, rebuilds, removal, base IRI, redirects."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import Result
from conftest import nquads

from kg.build import build
from kg.extract import Extractor
from kg.resolve.iris import Minter
from kg.store import KGStore, StoreError
from kg.vocab import NKG
from kg.web import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "eval" / "dev" / "articles"
Kg = Callable[..., Result]


def corpus() -> list[Path]:
    """Every example article file (.txt, .html, .jsonl; sidecars come with their article) and the seeds."""
    files = sorted(f for f in (ROOT / "examples" / "articles").iterdir() if f.suffix in {".txt", ".html", ".jsonl"})
    if SEEDS.is_dir():
        files += sorted(SEEDS.glob("*.txt"))  # read in place, never copied
    return files


def test_resolve_order_corpus_holds_the_examples_and_the_seeds() -> None:
    # The order test below proves nothing about files it never reads.
    suffixes = {f.suffix for f in corpus() if f.parent.name == "articles" and f.parent.parent.name == "examples"}
    assert suffixes == {".txt", ".html", ".jsonl"}
    if not SEEDS.is_dir():
        pytest.skip("the seeds (../shared/eval/dev/articles) are not here")
    assert any(f.parent == SEEDS for f in corpus())


def built(extractor: Extractor, *batches: list[Path]) -> list[str]:
    store = KGStore()
    for batch in batches:
        build(batch, store, extractor=extractor)
    return nquads(store)


@pytest.fixture(scope="module")
def all_at_once(extractor: Extractor) -> list[str]:
    return built(extractor, corpus())


def test_resolve_build_order_and_one_at_a_time_give_the_same_quads(extractor: Extractor,
                                                                   all_at_once: list[str]) -> None:
    files = corpus()
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    assert built(extractor, files[::-1]) == all_at_once
    assert built(extractor, shuffled) == all_at_once
    assert built(extractor, *[[f] for f in shuffled]) == all_at_once


def test_resolve_rebuilding_and_readding_leaves_no_trace(extractor: Extractor, all_at_once: list[str]) -> None:
    files = corpus()
    store = KGStore()
    build(files, store, extractor=extractor)
    build(files[:3], store, extractor=extractor)  # rebuild some
    build(files[-2:], store, extractor=extractor)
    assert nquads(store) == all_at_once


PESKOW_FULL = ("Moskau (dpa) – Kremlsprecher Dmitri Peskow sagte am Montag, die Gespräche mit Kiew seien "
               "festgefahren. Peskow fügte hinzu, Russland bleibe offen für Verhandlungen.\n")
PESKOW_BARE = ("Moskau (AFP) – Der Kreml hat die neuen Sanktionen scharf kritisiert. Peskov sagte, die Maßnahmen "
               "seien „ein unfreundlicher Akt“.\n")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_resolve_bare_surname_in_another_article_joins_the_full_name(extractor: Extractor, tmp_path: Path) -> None:
    store = KGStore()
    build([write(tmp_path, "bare", PESKOW_BARE)], store, extractor=extractor)
    alone = {r["p"].value for r in store.select("SELECT ?p WHERE { ?p a nkg:Person }")}
    assert alone == {Minter().person("Peskov")}
    build([write(tmp_path, "full", PESKOW_FULL)], store, extractor=extractor)
    rows = store.select("SELECT DISTINCT ?p ?label WHERE { ?p a nkg:Person ; rdfs:label ?label }")
    assert [(r["p"].value, r["label"].value) for r in rows] == [(Minter().person("Dmitri Peskow"), "Dmitri Peskow")]
    said = store.select("SELECT DISTINCT ?p WHERE { ?p nkg:said ?c }")
    assert {r["p"].value for r in said} == {Minter().person("Dmitri Peskow")}
    alt = {r["n"].value for r in store.select("SELECT ?n WHERE { ?p a nkg:Person ; skos:altLabel ?n }")}
    assert alt == {"Dmitri Peskow", "Peskow", "Peskov"}
    moved = store.select("SELECT ?old ?new WHERE { ?old owl:sameAs ?new }", old=_iri(Minter().person("Peskov")))
    assert [r["new"].value for r in moved] == [Minter().person("Dmitri Peskow")]


def test_resolve_organization_has_one_label_in_the_resolution_graph(extractor: Extractor, tmp_path: Path) -> None:
    # Each article used to label the organization itself: 5,000 articles gave the Kreml 275 labels,
    # and every query joining a speaker to its label multiplied its rows by as many.
    texts = {"a": "Moskau (dpa) – Der Kreml wies die Vorwürfe zurück. Aus dem Kreml hieß es, man prüfe alles.\n",
             "b": "Moskau (AFP) – Ein Sprecher des Kremls sagte, die Gespräche gingen weiter.\n"}
    store = KGStore()
    build([write(tmp_path, name, text) for name, text in texts.items()], store, extractor=extractor)
    kreml = _iri(Minter().organization("Kreml"))
    rows = store.select("SELECT ?o ?g ?label WHERE { GRAPH ?g { ?o rdfs:label ?label } }", o=kreml)
    assert [(r["g"].value, r["label"].value) for r in rows] == [(Minter().resolution_graph(), "Kreml")]
    per_article = store.select("SELECT DISTINCT ?o ?g WHERE { GRAPH ?g { ?g a nkg:Article . ?o skos:altLabel ?n } }",
                               o=kreml)
    assert len(per_article) == 2


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def test_resolve_kg_remove_is_as_if_never_built(kg: Kg, tmp_path: Path) -> None:
    full, bare = write(tmp_path / "in", "full", PESKOW_FULL), write(tmp_path / "in", "bare", PESKOW_BARE)
    both, only = tmp_path / "both", tmp_path / "only"
    assert kg("build", full, bare, "--store", both).exit_code == 0
    assert kg("build", bare, "--store", only).exit_code == 0
    result = kg("remove", "full", "--store", both)
    assert result.exit_code == 0, result.output
    assert nquads(KGStore(both, read_only=True)) == nquads(KGStore(only, read_only=True))
    assert kg("remove", "full", "--store", both).exit_code != 0  # already gone: a clear error


def test_resolve_base_iri_is_kept_by_the_store(kg: Kg, tmp_path: Path) -> None:
    article, store = write(tmp_path / "in", "full", PESKOW_FULL), tmp_path / "store"
    assert kg("build", article, "--store", store, "--base", "https://example.org/kg/").exit_code == 0
    assert kg("build", article, "--store", store).exit_code == 0  # no --base: the store's own
    other = kg("build", article, "--store", store, "--base", "https://other.example/")
    assert other.exit_code != 0 and "https://example.org/kg/" in other.output
    persons = KGStore(store, read_only=True).select("SELECT DISTINCT ?p WHERE { ?p a nkg:Person }")
    assert [r["p"].value for r in persons] == ["https://example.org/kg/person/dmitri-peskow"]
    client = create_app({"STORE_PATH": str(store), "TESTING": True}).test_client()
    page = client.get("/person/dmitri-peskow", headers={"Accept": "application/json"})
    assert page.status_code == 200 and "https://example.org/kg/person/dmitri-peskow" in page.get_data(as_text=True)


def test_resolve_build_refuses_a_second_base(extractor: Extractor, tmp_path: Path) -> None:
    store = KGStore()
    build([write(tmp_path, "full", PESKOW_FULL)], store, extractor=extractor, base="https://example.org/kg/")
    with pytest.raises(StoreError, match="new store"):
        build([write(tmp_path, "full", PESKOW_FULL)], store, extractor=extractor, base="https://other.example/")


def test_resolve_old_person_iri_redirects_to_the_merged_node(extractor: Extractor, tmp_path: Path) -> None:
    store = KGStore()
    build([write(tmp_path, "bare", PESKOW_BARE), write(tmp_path, "full", PESKOW_FULL)], store, extractor=extractor)
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    page = client.get("/person/peskov")
    assert page.status_code == 301 and page.headers["Location"].endswith("/person/dmitri-peskow")
    as_ttl = client.get("/person/peskov.ttl")
    assert as_ttl.status_code == 301 and as_ttl.headers["Location"].endswith("/person/dmitri-peskow.ttl")
    assert client.get("/person/nobody-here").status_code == 404


def test_resolve_planned_call_and_its_report_are_one_event(extractor: Extractor, tmp_path: Path) -> None:
    # The second article names both only by surname; the store knows their full names.
    planned = write(tmp_path, "angekuendigt", "Berlin – Bundeskanzlerin Sabine Hartmann wird am Dienstag mit dem "
                    "französischen Präsidenten Étienne Dubois telefonieren, teilte ein Regierungssprecher mit.\n")
    happened = write(tmp_path, "bericht", "Berlin – Kanzlerin Hartmann hat am Dienstag mit Präsident Dubois "
                     "telefoniert. Hartmann sagte, das Gespräch sei offen gewesen.\n")
    for path, day in ((planned, "2025-03-10"), (happened, "2025-03-12")):
        path.with_suffix(".json").write_text(json.dumps({"published": day}), encoding="utf-8")
    store = KGStore()
    build([planned, happened], store, extractor=extractor)
    rows = store.select("""SELECT ?e ?status (COUNT(DISTINCT ?a) AS ?reports) WHERE {
        ?e a nkg:Call ; nkg:status ?status ; prov:wasDerivedFrom ?a } GROUP BY ?e ?status""")
    assert [(r["e"].value.rsplit("/", 1)[-1], r["status"].value, r["reports"].value) for r in rows] == [
        ("2025-03-11-call-etienne-dubois-sabine-hartmann", str(NKG.Happened), "2")]
    # The IRI the report alone gave the call (surnames only) now redirects to the merged event.
    moved = store.select("SELECT ?old ?new WHERE { ?old owl:sameAs ?new }",
                         old=_iri(Minter().event("call", "2025-03-11", ["dubois", "hartmann"], "bericht")))
    assert [r["new"].value for r in moved] == [rows[0]["e"].value]
    reported = store.select("SELECT ?s WHERE { GRAPH ?g { ?e nkg:reportedStatus ?s } }")
    assert sorted(r["s"].value for r in reported) == sorted([str(NKG.Happened), str(NKG.Planned)])


def test_resolve_leaves_curated_graphs_alone(extractor: Extractor, tmp_path: Path) -> None:
    # regression: a curator's graph that describes a person was read and renamed like an article graph
    store = KGStore()
    curated = ox.NamedNode("https://example.org/curation")
    peskov = ox.NamedNode(Minter().person("Peskov"))
    store.ox.update(f"""INSERT DATA {{ GRAPH {curated} {{
        {peskov} a <{NKG.Person}> ; <http://www.w3.org/2004/02/skos/core#altLabel> "Peskov" }} }}""")
    before = sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, curated))
    build([write(tmp_path, "full", PESKOW_FULL)], store, extractor=extractor)
    assert sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, curated)) == before
