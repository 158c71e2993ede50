"""``kg build`` killed with SIGKILL at random points, and the build generation marker.

After every kill the store must open, hold each article graph whole (exactly as extracted, or
exactly as resolution renamed it) and never count a generation it did not finish; a last
complete run must give the same N-Quads as a clean build into a fresh store.

The extra articles are invented German news text written for this test: one names
*Carola Hinrichsen* in full, the others only as *Hinrichsen*, so resolution renames the person
in each of them and a kill can land between or inside those renames too.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import Result
from conftest import nquads as store_nquads

from kg.build import build, store_extractions
from kg.extract import Extractor
from kg.model import Extraction, SourceArticle
from kg.rdf import article_quads
from kg.resolve.iris import Minter
from kg.sources import read_paths
from kg.store import KGStore, StoreError, bump_generation, generation, generation_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
KG = Path(sys.executable).with_name("kg")
SEED = 20250321
KILLS_PER_LANE = 11  # two lanes (one store each) run side by side: 22 kills in all
EARLY_EVERY = 2  # every 2nd kill lands in start-up (store open, model load); the rest once writing began
POLL = 0.005
# A new write-ahead log grows past this only when article data is written (opening writes ~40 bytes).
WRITING = 4096
MID_WRITE = "article writes or renames"

Graphs = dict[str, frozenset[str]]
Kg = Callable[..., Result]

FULL = ("Hannover, 18.03.2025 – Die niedersächsische Umweltministerin Carola Hinrichsen hat den Ausbau der "
        "Windkraft an der Küste verteidigt. „Wir brauchen jede Anlage, die wir genehmigen können“, sagte "
        "Hinrichsen am Dienstag in Hannover. Der Landesbauernverband kritisierte die Pläne.\n")
CALL = ("Emden, 20.03.2025 – Umweltministerin Carola Hinrichsen hat am Mittwoch mit Verbandspräsident Jörg Pape "
        "telefoniert. Pape sagte anschließend, das Gespräch sei „sachlich, aber ohne Ergebnis“ gewesen.\n")
BARE = [
    ("Oldenburg", "die Sorgen der Landwirte würden ernst genommen", "Niemand wird übergangen"),
    ("Cuxhaven", "der Deichbau habe Vorrang vor allen anderen Projekten", "Die Küste wartet nicht"),
    ("Lüneburg", "das Land werde die Moore schneller wieder vernässen", "Jeder Hektar zählt"),
    ("Celle", "für Wölfe an Weiden gebe es bald schnellere Entschädigungen", "Wir lassen die Halter nicht allein"),
    ("Vechta", "die Nitratwerte im Grundwasser seien weiter zu hoch", "Da müssen alle mitziehen"),
    ("Wilhelmshaven", "der Hafen solle ein Zentrum für Wasserstoff werden", "Das ist eine große Chance"),
]


def bare(city: str, said: str, quote: str) -> str:
    return (f"{city}, 19.03.2025 – Nach Kritik aus den Landkreisen hat sich die Landesregierung zu Wort gemeldet. "
            f"Hinrichsen sagte, {said}. „{quote}“, fügte die Ministerin hinzu.\n")


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"hinrichsen-windkraft": FULL, "hinrichsen-pape-telefonat": CALL}
    texts |= {f"hinrichsen-{city.lower()}": bare(city, said, quote) for city, said, quote in BARE}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return [EXAMPLES, folder]


# -- reading a store ----------------------------------------------------------------------------
def graphs(path: Path) -> Graphs:
    """Every graph of the store at ``path`` as its set of triples; opening it read-only is part of the test."""
    store = KGStore(path, read_only=True)
    found: dict[str, set[str]] = defaultdict(set)
    for quad in store.ox.quads_for_pattern(None, None, None, None):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        found[name].add(f"{quad.subject} {quad.predicate} {quad.object}")
    return {name: frozenset(triples) for name, triples in found.items()}


def nquads(path: Path) -> list[str]:
    return store_nquads(KGStore(path, read_only=True))


def extracted(paths: Sequence[Path], extractor: Extractor) -> Graphs:
    """Each article's graph as ``kg build`` first writes it, before resolution renames anything."""
    minter, out = Minter(), {}
    for item in read_paths(paths):
        if isinstance(item, SourceArticle):
            graph, quads = article_quads(extractor.extract(item), minter)
            out[graph.value] = frozenset(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return out


# -- running and killing a build ----------------------------------------------------------------
@dataclass
class Run:
    returncode: int | None  # None: killed
    writing_at: float | None  # seconds from start until article data reached the write-ahead log
    written_at: float | None  # ... until the log last grew (the resolution graph, give or take a poll)
    ended_at: float


def run_build(paths: Sequence[Path], store: Path, *, kill_at: float | None = None,
              kill_after_writing: float | None = None) -> Run:
    """``kg build`` in a subprocess, killed with SIGKILL at ``kill_at`` or that long after writing began."""
    before = {log.name for log in store.glob("*.log")}
    start = time.monotonic()
    process = subprocess.Popen([str(KG), "build", *map(str, paths), "--store", str(store)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    writing_at = written_at = None
    logged = 0
    while process.poll() is None:
        now = time.monotonic() - start
        size = _new_log_bytes(store, before)
        if size > max(logged, WRITING):
            writing_at = now if writing_at is None else writing_at
            written_at, logged = now, size
        if ((kill_at is not None and now >= kill_at)
                or (kill_after_writing is not None and writing_at is not None
                    and now >= writing_at + kill_after_writing)):
            process.kill()
            process.wait()
            return Run(None, writing_at, written_at, now)
        time.sleep(POLL)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    assert process.returncode == 0, f"kg build failed after earlier kills: {stderr}"
    return Run(0, writing_at, written_at, time.monotonic() - start)


def _new_log_bytes(store: Path, before: set[str]) -> int:
    """Bytes in write-ahead logs this run created; the flush at the end swaps logs, so only growth counts."""
    size = 0
    for log in store.glob("*.log"):
        try:
            size += log.stat().st_size if log.name not in before else 0
        except FileNotFoundError:  # RocksDB deleted an old log between listing and stat
            continue
    return size


# -- the loop -----------------------------------------------------------------------------------
@dataclass
class Reference:
    paths: list[Path]
    extracted: Graphs
    clean: Graphs
    nquads: list[str]
    writing_at: float
    written_at: float
    ended_at: float


def landing(ref: Reference, run: Run, found: Graphs, completed: bool) -> str:
    """Where a kill landed, told from what it left behind."""
    if completed:
        return "after the generation bump"
    if run.writing_at is None:
        return "start-up, nothing written"
    articles = [g for g in ref.extracted if g in found]
    unresolved = [g for g in articles if ref.extracted[g] != ref.clean[g] and found[g] == ref.extracted[g]]
    if len(articles) < len(ref.extracted) or unresolved:
        return MID_WRITE
    return "after renames, before the bump"


def check_after_kill(ref: Reference, store: Path, run: Run, generation_before: int) -> str:
    found = graphs(store)
    resolution = Minter().resolution_graph()
    for name, triples in found.items():
        if name == resolution:
            assert triples == ref.clean[name], "the resolution graph is partial"
        else:
            assert name in ref.extracted, f"a graph no article makes: {name!r}"
            assert triples in (ref.extracted[name], ref.clean[name]), f"article graph {name} is not whole"
    completed = generation(store) == generation_before + 1
    assert generation(store) in (generation_before, generation_before + 1)
    if completed:
        assert found == ref.clean, "the generation counted a build that did not finish"
    return landing(ref, run, found, completed)


def kill_loop(ref: Reference, store: Path, seed: int) -> list[str]:
    rng = random.Random(seed)
    # Aimed at the writes (articles, renames, resolution graph) with a quarter more for flush, bump and exit.
    window = (ref.written_at - ref.writing_at) * 1.25 + POLL
    landed = []
    for i in range(KILLS_PER_LANE):
        before = generation(store)
        if i % EARLY_EVERY == 0:
            run = run_build(ref.paths, store, kill_at=rng.uniform(0.05, ref.writing_at))
        else:
            run = run_build(ref.paths, store, kill_after_writing=rng.uniform(0.0, window))
        landed.append(check_after_kill(ref, store, run, before))
    before = generation(store)
    assert run_build(ref.paths, store).returncode == 0  # the rerun completes what the kills left
    assert generation(store) == before + 1
    assert nquads(store) == ref.nquads
    return landed


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Reference:
    folder = tmp_path_factory.mktemp("crash")
    paths = write_articles(folder / "articles")
    store = folder / "clean"
    run = run_build(paths, store)
    assert run.writing_at is not None and run.written_at is not None, "the write-ahead log never grew"
    ref = Reference(paths, extracted(paths, extractor), graphs(store), nquads(store),
                    run.writing_at, run.written_at, run.ended_at)
    renamed = [g for g in ref.extracted if ref.extracted[g] != ref.clean[g]]
    # Without renames the loop could not catch a kill between article writes and resolution.
    assert len(renamed) >= len(BARE), renamed
    assert set(ref.clean) == set(ref.extracted) | {Minter().resolution_graph()}
    return ref


def test_build_sigkill_loop_leaves_whole_articles_and_a_rerun_completes(reference: Reference,
                                                                        tmp_path: Path) -> None:
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        lanes = [pool.submit(kill_loop, reference, tmp_path / f"lane{lane}", SEED + lane) for lane in range(2)]
        landed = [where for lane in lanes for where in lane.result()]
    counts = Counter(landed)
    if counts[MID_WRITE] < 2:
        # On a loaded machine the write window moves; aim more kills at it, each checked the same way.
        counts.update(aimed_kills(reference, tmp_path / "aimed", SEED + 2, need=2 - counts[MID_WRITE]))
    print(f"\n{counts.total()} kills in {time.monotonic() - start:.0f} s (clean build {reference.ended_at:.1f} s, "
          f"writing {reference.writing_at:.1f}-{reference.written_at:.1f} s): {dict(counts)}")
    assert counts.total() >= 20
    # Guards the test itself: had every kill missed the writes, it would have shown nothing.
    assert counts[MID_WRITE] >= 2, counts


def aimed_kills(ref: Reference, store: Path, seed: int, need: int, tries: int = 24) -> list[str]:
    """Kills within the write window (at least two polls of it) until ``need`` land among the writes."""
    rng = random.Random(seed)
    landed: list[str] = []
    while landed.count(MID_WRITE) < need and len(landed) < tries:
        before = generation(store)
        window = max(ref.written_at - ref.writing_at, 2 * POLL)
        run = run_build(ref.paths, store, kill_after_writing=rng.uniform(0.0, window))
        landed.append(check_after_kill(ref, store, run, before))
    assert run_build(ref.paths, store).returncode == 0
    assert nquads(store) == ref.nquads
    return landed


# -- the generation marker ----------------------------------------------------------------------
def test_build_generation_counts_completed_builds_and_removals(extractor: Extractor, kg: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "windkraft.txt").write_text(FULL, encoding="utf-8")
    (folder / "telefonat.txt").write_text(CALL, encoding="utf-8")
    path = tmp_path / "store"
    assert generation(path) == 0
    store = KGStore(path)
    build([folder], store, extractor=extractor)
    assert generation(path) == 1
    build([folder / "telefonat.txt"], store, extractor=extractor)
    assert generation(path) == 2
    del store  # one writer per store: the CLI below opens it again
    assert kg("remove", "telefonat", "--store", path).exit_code == 0
    assert generation(path) == 3
    assert kg("remove", "telefonat", "--store", path).exit_code != 0  # nothing removed, but resolved again
    assert generation(path) == 4


def test_build_generation_file_sits_beside_the_store_and_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "store"
    KGStore(path)
    assert bump_generation(path) == 1 and bump_generation(str(path) + "/") == 2
    assert generation_file(path) == tmp_path / "store.generation" == generation_file(tmp_path / "." / "store")
    assert generation_file(path).read_text(encoding="ascii") == "2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "store.generation"]  # no temporary left
    assert not any(p.name.endswith(".generation") for p in path.iterdir())


def test_build_generation_mangled_counter_is_a_clear_error_and_the_next_build_mends_it(tmp_path: Path) -> None:
    path = tmp_path / "store"
    generation_file(path).write_text("viele\n", encoding="ascii")
    with pytest.raises(StoreError, match="delete it"):
        generation(path)
    assert bump_generation(path) == 1 and generation(path) == 1


# -- every write point, in process --------------------------------------------------------------
class Crash(Exception):
    """Stands in for SIGKILL at one write: nothing after it happens."""


def test_build_interrupted_at_every_write_converges_on_any_rerun(reference: Reference, extractor: Extractor) -> None:
    # The kill loop lands where timing lets it; this stops at each write in turn (article graphs,
    # renames, resolution graph) over a store holding an earlier build, and reruns only what was
    # left plus a few articles again: resolution must reach the clean build's quads from any state.
    extractions = [extractor.extract(item) for item in read_paths(reference.paths) if isinstance(item, SourceArticle)]
    clean = KGStore()
    store_extractions(clean, extractions)
    expected, writes = _memory_nquads(clean), _count_writes(extractions)
    rng = random.Random(SEED)
    assert writes > len(extractions) + len(BARE)  # renames happen after the article writes
    for stop in range(writes):
        store = KGStore()
        store_extractions(store, extractions[::2])  # an earlier complete build of half the articles
        with pytest.raises(Crash):
            _stopping_at(store, stop, lambda s: store_extractions(s, extractions))
        rest = extractions[min(stop, len(extractions)):] + rng.sample(extractions, 3)
        store_extractions(store, rest)
        assert _memory_nquads(store) == expected, f"no convergence after a stop at write {stop}"


def _stopping_at(store: KGStore, stop: int, job: Callable[[KGStore], object]) -> None:
    original, count = store.replace_graph, [0]

    def replace_graph(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        if count[0] == stop:
            raise Crash
        count[0] += 1
        return original(graph, quads)

    store.replace_graph = replace_graph  # type: ignore[method-assign]
    try:
        job(store)
    finally:
        store.replace_graph = original  # type: ignore[method-assign]


def _count_writes(extractions: Sequence[Extraction]) -> int:
    store, count = KGStore(), [0]
    original = store.replace_graph

    def replace_graph(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        count[0] += 1
        return original(graph, quads)

    store.replace_graph = replace_graph  # type: ignore[method-assign]
    store_extractions(store, extractions[::2])
    count[0] = 0
    store_extractions(store, extractions)
    return count[0]


def _memory_nquads(store: KGStore) -> list[str]:
    out = io.BytesIO()
    store.export("nquads", out)
    return sorted(out.getvalue().decode("utf-8").splitlines())
