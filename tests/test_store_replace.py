"""KGStore.replace_graphs: whole graphs per batch, fast for new graphs, atomic per graph even under SIGKILL.

The quads are synthetic (numbered nodes and literals): the write path does not care what they say.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import store as kg_store
from kg.store import BULK_MINIMUM, KGStore

EX = "http://example.org/"
P = ox.NamedNode(EX + "p")


def graph(i: int) -> ox.NamedNode:
    return ox.NamedNode(f"{EX}graph/{i}")


def quads(i: int, count: int = 3, version: str = "a") -> list[ox.Quad]:
    g = graph(i)
    return [ox.Quad(ox.NamedNode(f"{EX}{version}/{i}/{n}"), P, ox.Literal(f"{version} {n}"), g) for n in range(count)]


def content(store: KGStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for q in store.ox.quads_for_pattern(None, None, None, None):
        found[str(q.graph_name)].add(f"{q.subject} {q.predicate} {q.object}")
    return dict(found)


def triples(qs: list[ox.Quad]) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in qs}


def test_store_replace_graphs_empty_batch_writes_nothing() -> None:
    store = KGStore()
    store.replace_graphs([(graph(1), quads(1))])
    before = content(store)
    assert store.replace_graphs([]) == 0
    assert content(store) == before


def test_store_replace_graphs_counts_a_repeated_quad_once() -> None:
    store = KGStore()
    first, second = quads(1, 2), quads(2, 4)
    assert store.replace_graphs([(graph(1), first + first), (graph(2), second + second[:1])]) == 6
    assert len(store.ox) == 6


def test_store_replace_graphs_rebuilds_an_existing_graph_and_leaves_others_alone() -> None:
    store = KGStore()
    store.replace_graphs([(graph(1), quads(1, 3)), (graph(2), quads(2, 3))])
    new = quads(1, 2, "b") + quads(1, 1)  # one quad kept, two dropped, two added
    assert store.replace_graphs([(graph(1), new), (graph(3), quads(3))]) == 6
    assert content(store) == {str(graph(1)): triples(new), str(graph(2)): triples(quads(2, 3)),
                              str(graph(3)): triples(quads(3))}


def test_store_replace_graphs_same_content_again_changes_nothing() -> None:
    store = KGStore()
    store.replace_graphs([(graph(1), quads(1))])
    assert store.replace_graphs([(graph(1), list(reversed(quads(1))))]) == 3
    assert content(store) == {str(graph(1)): triples(quads(1))}


def test_store_replace_graphs_empty_content_removes_the_graph() -> None:
    store = KGStore()
    store.replace_graphs([(graph(1), quads(1)), (graph(2), quads(2))])
    assert store.replace_graphs([(graph(1), [])]) == 0
    assert not store.ox.contains_named_graph(graph(1))
    assert set(content(store)) == {str(graph(2))}


def test_store_replace_graphs_a_graph_given_twice_ends_as_the_last_says() -> None:
    store = KGStore()
    store.replace_graphs([(graph(1), quads(1)), (graph(1), quads(1, 2, "b"))])
    store.replace_graphs([(graph(2), quads(2))])
    store.replace_graphs([(graph(2), quads(2, 1, "b")), (graph(2), quads(2, 2, "c"))])
    assert content(store) == {str(graph(1)): triples(quads(1, 2, "b")), str(graph(2)): triples(quads(2, 2, "c"))}


def test_store_replace_graphs_puts_quads_into_the_graph_named_whatever_they_say() -> None:
    store = KGStore()
    stray = [ox.Quad(q.subject, q.predicate, q.object, graph(9)) for q in quads(1)]
    last = quads(1, 4)[3]
    store.replace_graphs([(graph(1), stray + [ox.Quad(last.subject, last.predicate, last.object)])])
    assert content(store) == {str(graph(1)): triples(quads(1, 4))}


def test_store_replace_graphs_writes_nothing_when_reading_the_batch_fails() -> None:
    store = KGStore()

    def items() -> Iterator[tuple[ox.NamedNode, list[ox.Quad]]]:
        yield graph(1), quads(1)
        raise ValueError("extraction failed")

    with pytest.raises(ValueError, match="extraction failed"):
        store.replace_graphs(items())
    assert len(store.ox) == 0


def test_store_replace_graph_single_still_replaces_whole() -> None:
    store = KGStore()
    assert store.replace_graph(graph(1), quads(1)) == 3
    assert store.replace_graph(graph(1), quads(1, 1, "b")) == 1
    assert content(store) == {str(graph(1)): triples(quads(1, 1, "b"))}


def test_store_replace_graphs_on_disk_bulk_batch_then_rebuild(tmp_path: Path) -> None:
    # Enough quads for the bulk path (sorted files ingested at once), then rewrites of some of them.
    per_graph = 100
    count = BULK_MINIMUM // per_graph + 5
    store = KGStore(tmp_path / "store")
    assert store.replace_graphs((graph(i), quads(i, per_graph)) for i in range(count)) == count * per_graph
    assert store.replace_graphs([(graph(0), quads(0, 2, "b")), (graph(count), quads(count))]) == 5
    expected = {str(graph(i)): triples(quads(i, per_graph)) for i in range(1, count)}
    expected |= {str(graph(0)): triples(quads(0, 2, "b")), str(graph(count)): triples(quads(count))}
    assert content(store) == expected
    store.flush()
    del store
    assert content(KGStore(tmp_path / "store", read_only=True)) == expected


def test_store_replace_graphs_splits_a_big_batch_into_whole_graph_ingestions(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_store, "INGEST_LIMIT", 10)  # two graphs of 4 quads per ingestion
    monkeypatch.setattr(kg_store, "BULK_MINIMUM", 1)
    ingested: list[set[str]] = []
    store = KGStore(tmp_path / "store")
    original = store.ox

    class Recording:
        def __getattr__(self, name: str) -> object:
            return getattr(original, name)

        def bulk_extend(self, quads: list[ox.Quad]) -> None:
            ingested.append({str(q.graph_name) for q in quads})
            original.bulk_extend(quads)

    store.ox = Recording()  # type: ignore[assignment]
    items = [(graph(i), quads(i, 4)) for i in range(5)] + [(graph(0), quads(0, 2, "b"))]
    assert store.replace_graphs(items) == 22
    assert ingested == [{str(graph(0)), str(graph(1))}, {str(graph(2)), str(graph(3))}, {str(graph(4))}]
    expected = {str(graph(i)): triples(quads(i, 4)) for i in range(1, 5)} | {str(graph(0)): triples(quads(0, 2, "b"))}
    assert content(store) == expected


def nquads(qs: list[ox.Quad]) -> bytes:
    return ox.serialize(qs, format=ox.RdfFormat.N_QUADS)


def test_store_replace_graphs_takes_nquads_bytes_counts_repeats_once_and_rebuilds() -> None:
    store = KGStore()
    first, second = quads(1), quads(2, 2)
    assert store.replace_graphs([(graph(1), nquads(first + first[:1])), (graph(2), nquads(second))]) == 5
    assert content(store) == {str(graph(1)): triples(first), str(graph(2)): triples(second)}
    changed = quads(1, 2) + quads(1, 1, "b")  # the store holds graph 1: only the difference is written
    assert store.replace_graphs([(graph(1), nquads(changed)), (graph(3), nquads([]))]) == 3
    assert content(store) == {str(graph(1)): triples(changed), str(graph(2)): triples(second)}


def test_store_replace_graphs_nquads_naming_another_graph_land_in_the_graph_given() -> None:
    store = KGStore()
    stray = [ox.Quad(q.subject, q.predicate, q.object, graph(9)) for q in quads(1)]
    assert store.replace_graphs([(graph(1), nquads(stray[:2]) + nquads(quads(1)[2:]))]) == 3
    # A triple of the default graph whose object is the graph's IRI ends its line as a quad of it would.
    pointing = ox.Quad(ox.NamedNode(EX + "s"), P, graph(2))
    assert store.replace_graphs([(graph(2), nquads([pointing]))]) == 1
    assert content(store) == {str(graph(1)): triples(quads(1)), str(graph(2)): triples([pointing])}


def test_store_replace_graphs_nquads_bulk_batch_on_disk_equals_quads(tmp_path: Path) -> None:
    per_graph = 100
    count = BULK_MINIMUM // per_graph + 5
    expected = {str(graph(i)): triples(quads(i, per_graph)) for i in range(count)}
    for name, as_bytes in [("quads", False), ("bytes", True)]:
        store = KGStore(tmp_path / name)
        items = ((graph(i), nquads(quads(i, per_graph)) if as_bytes else quads(i, per_graph)) for i in range(count))
        assert store.replace_graphs(items) == count * per_graph
        store.flush()
        del store
        assert content(KGStore(tmp_path / name, read_only=True)) == expected


def test_store_open_removes_files_of_an_interrupted_bulk_write(tmp_path: Path) -> None:
    KGStore(tmp_path / "store").replace_graph(graph(1), quads(1))
    leftover = tmp_path / "store" / "bulk-1234567890.sst"
    leftover.write_bytes(b"half an SST file")
    store = KGStore(tmp_path / "store")
    assert not leftover.exists()
    assert content(store) == {str(graph(1)): triples(quads(1))}


# -- SIGKILL ------------------------------------------------------------------------------------
GRAPHS, PER_GRAPH, BATCH = 240, 60, 100  # batches of 6,000 quads: the bulk path; then rewrites of each graph
WRITER = textwrap.dedent(f"""
    import sys
    import pyoxigraph as ox
    from kg.store import KGStore
    EX = {EX!r}

    def version(i, v):
        g = ox.NamedNode(f"{{EX}}graph/{{i}}")
        # Versions share half their quads, so a rewrite deletes some and inserts others.
        words = [v if n % 2 else "a" for n in range({PER_GRAPH})]
        p = ox.NamedNode(EX + "p")
        return g, [ox.Quad(ox.NamedNode(f"{{EX}}{{w}}/{{i}}/{{n}}"), p, ox.Literal(f"{{w}} {{n}}"), g)
                   for n, w in enumerate(words)]

    store = KGStore(sys.argv[1])
    print("open", flush=True)
    for v in ("a", "b"):
        for start in range(0, {GRAPHS}, {BATCH}):
            store.replace_graphs(version(i, v) for i in range(start, min(start + {BATCH}, {GRAPHS})))
    store.flush()
    print("done", flush=True)
""")


def versions() -> dict[str, list[frozenset[str]]]:
    namespace: dict = {}
    exec(WRITER.split("store = KGStore")[0], namespace)  # the writer's own version() function
    out: dict[str, list[frozenset[str]]] = {}
    for i in range(GRAPHS):
        pair = [namespace["version"](i, v) for v in ("a", "b")]
        out[str(pair[0][0])] = [frozenset(triples(qs)) for _, qs in pair]
    return out


def write_until(store: Path, kill_after: float | None) -> float:
    """Run the writer; SIGKILL it ``kill_after`` seconds after the store opened. Returns the seconds
    from then until it ended."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(store)], stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    assert process.stdout is not None and process.stdout.readline() == "open\n"
    opened = time.monotonic()
    if kill_after is not None:
        time.sleep(kill_after)
        process.kill()
    process.wait()
    assert kill_after is not None or process.returncode == 0, "the writer failed"
    return time.monotonic() - opened


def test_store_replace_graphs_sigkill_leaves_each_graph_whole(tmp_path: Path) -> None:
    # Every third kill hits a new store (new graphs: the bulk path), the others a store that holds
    # every graph already (rewrites: SPARQL updates of the difference).
    expected = versions()
    shared = tmp_path / "shared"
    writing = write_until(shared, None)  # kills are aimed at this window, after the store opened
    rng = random.Random(8)
    midway = 0
    for kill in range(10):
        path = tmp_path / f"new{kill}" if kill % 3 == 0 else shared
        write_until(path, rng.uniform(0.0, writing))
        found = content(KGStore(path, read_only=True))
        for name, found_triples in found.items():
            assert found_triples in expected[name], f"graph {name} is not whole after a kill"
        assert path != shared or len(found) == GRAPHS, "a graph the store held is gone after a kill"
        seen = {(name, expected[name].index(t)) for name, t in found.items()}
        midway += 0 < len(found) < GRAPHS or len({version for _, version in seen}) > 1
    assert midway >= 1, "no kill landed while graphs were being written"
    write_until(shared, None)
    assert content(KGStore(shared, read_only=True)) == {name: set(pair[1]) for name, pair in expected.items()}
    assert not list(shared.glob("bulk-*.sst"))
