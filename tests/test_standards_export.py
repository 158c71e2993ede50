"""``KGStore.export`` streams: a dump of a store on disk never holds the store in Python memory,
and the union formats hold curation in the default graph once, like any other triple."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import DATASET_FORMATS
from kg.store import KGStore

EX = "https://example.org/archiv/"
ARTICLES = 200
SENTENCES = 150  # per article: 30,000 quads, several megabytes in every format


def sentence(article: int, n: int) -> str:
    return (f"Der Stadtrat von Neustadt beriet in Sitzung {article} über Punkt {n}: die Sanierung der "
            f"Brücke am Mühlbach, die nach Angaben der Verwaltung mehr kosten werde als geplant.")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> KGStore:
    store = KGStore(tmp_path_factory.mktemp("archiv") / "store")
    quads = []
    for a in range(ARTICLES):
        graph = ox.NamedNode(f"{EX}artikel/{a}")
        for n in range(SENTENCES):
            quads.append(ox.Quad(ox.NamedNode(f"{EX}artikel/{a}#satz-{n}"), ox.NamedNode(f"{EX}text"),
                                 ox.Literal(sentence(a, n), language="de"), graph))
        # The same person in every article: the union formats must write it once.
        quads.append(ox.Quad(ox.NamedNode(f"{EX}person/eva-brandt"), ox.NamedNode(f"{EX}erwaehntIn"),
                             ox.NamedNode(f"{EX}stadtrat"), graph))
    store.ox.bulk_extend(quads)
    return store


@pytest.mark.parametrize("fmt", list(DATASET_FORMATS))
def test_export_keeps_python_memory_small(big_store: KGStore, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"archiv.{fmt}"
    tracemalloc.start()
    try:
        big_store.export(fmt, str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 4_000_000
    # Holding the quads or the document would take far more than the output itself.
    assert peak < size / 10, f"{fmt}: {peak:,} bytes of Python memory for a {size:,}-byte dump"


def test_export_count_matches_in_every_union_format(big_store: KGStore, tmp_path: Path) -> None:
    path = tmp_path / "archiv.nt"
    big_store.export("ntriples", str(path))
    assert sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)) == ARTICLES * SENTENCES + 1


def test_export_union_writes_a_curated_default_graph_triple_once(tmp_path: Path) -> None:
    # Curation sent as an update to the default graph repeats a triple an article states.
    store = KGStore(tmp_path / "store")
    kroll, amt = f"<{EX}person/annette-kroll>", f"<{EX}amt>"
    store.ox.update(f'INSERT DATA {{ {kroll} {amt} "Bundeskanzlerin"@de . '
                    f'GRAPH <{EX}artikel/1> {{ {kroll} {amt} "Bundeskanzlerin"@de }} '
                    f'GRAPH <{EX}artikel/2> {{ {kroll} {amt} "Bundeskanzlerin"@de . {kroll} {amt} "Juristin"@de }} }}')
    for fmt in ("ntriples", "turtle"):
        path = tmp_path / f"kroll.{fmt}"
        store.export(fmt, str(path))
        triples = [str(t) for t in ox.parse(path=str(path), format=DATASET_FORMATS[fmt])]
        assert len(triples) == len(set(triples)) == 2, triples
    assert len(list(chunked_triples(store))) == 2


def chunked_triples(store: KGStore) -> list[ox.Triple]:
    body = b"".join(store.export_chunks("ntriples", batch=1))
    return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
