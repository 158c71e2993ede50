"""Loading speed against the floor: ``kg build``'s store writes and resolution, against ``bulk_load``.

    .venv/bin/python bench/loading.py [--count 1000] [--seed 1] [--batch N ...] [--repeat 2]
                                      [--no-previous] [--big-store PATH | --no-big-store]

Generates ``--count`` articles (``bench.corpus``), reads them as ``kg build`` does and extracts
them once (not timed). Then, each into a fresh on-disk store in a temporary folder, it times

- the floor: pyoxigraph ``Store.bulk_load`` of all the article quads as one N-Quads document, plus
  ``flush``. Serializing the quads to N-Quads is timed apart and is *not* part of the floor;
- ``kg build``'s write: ``KGStore.replace_graphs`` with batches of whole articles cut as ``kg build``
  cuts them (``kg.build.WRITE_BATCH`` articles or ``WRITE_BATCH_QUADS`` quads, whichever comes
  first), plus ``flush``; and for comparison the same with ``--batch`` articles per call (default 1:
  what ``replace_graph`` of one article costs);
- ``resolution``: ``resolve_store`` right after that write (first resolution: renames IRIs in article
  graphs, writes the resolution graph), then once more on the unchanged store (re-resolution, what
  every later build pays);
- unless ``--no-previous``: the previous write path (one SPARQL ``DROP GRAPH`` + ``INSERT DATA``
  string per article), for comparison;
- unless ``--no-big-store``: re-resolution on a copy of a larger store (default the 5,000-article
  store of ``bench/pages.py``, ``bench/.cache/pages-5000-1/store``, if it was built; it is copied,
  never written).

Throughput is quads per second of the article graphs (distinct quads, as ``bulk_load`` stores them);
the ratios are ``bulk_load`` seconds over the write's seconds, with and without resolution. With
``--repeat`` the store writes run in that many rounds (each once per round) and the fastest counts.
The last line is ``SUMMARY …`` with the target of issue 8: ``kg build``'s write at least 0.8 of
``bulk_load``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/loading.py` finds bench and kg

from bench.corpus import write as write_corpus  # noqa: E402
from kg.model import SourceArticle  # noqa: E402
from kg.rdf import article_quads  # noqa: E402
from kg.resolve.apply import resolve_store  # noqa: E402
from kg.resolve.iris import Minter  # noqa: E402
from kg.sources import read_paths  # noqa: E402
from kg.store import KGStore  # noqa: E402

RATIO_TARGET = 0.8
ROOT = Path(__file__).resolve().parent.parent
BIG_STORE = ROOT / "bench" / ".cache" / "pages-5000-1" / "store"
Article = tuple[ox.NamedNode, list[ox.Quad]]


@dataclass
class Row:
    name: str
    seconds: float
    quads: int | None = None  # quads the throughput is counted in; None: no throughput column
    ratio: float | None = None  # bulk_load seconds / these seconds

    def line(self) -> str:
        rate = f"{self.quads / self.seconds:12,.0f}" if self.quads and self.seconds > 0 else f"{'':12}"
        ratio = f"{self.ratio:8.2f}" if self.ratio is not None else ""
        return f"{self.name:<74}{self.seconds:9.2f}{rate}{ratio}"


# -- input --------------------------------------------------------------------------------------
def extract(count: int, seed: int, extractor: object | None = None) -> list[Article]:
    """The article graphs ``kg build`` would write for the generated corpus."""
    from kg.extract import Extractor

    extractor = extractor or Extractor()
    minter = Minter()
    with tempfile.TemporaryDirectory(prefix="loading-articles-") as folder:
        write_corpus(count, seed, Path(folder))
        articles = [item for item in read_paths([Path(folder)]) if isinstance(item, SourceArticle)]
    out = []
    for article in articles:
        graph, quads = article_quads(extractor.extract(article), minter)  # type: ignore[attr-defined]
        out.append((graph, list(quads)))
    return out


Batching = tuple[int, int | None]  # at most this many articles, or (if given) until this many quads


def batches(articles: Sequence[Article], batching: Batching) -> list[list[Article]]:
    """Cut as kg build cuts its writes: an article joins the batch, which is written when full."""
    size, most = batching
    out: list[list[Article]] = [[]]
    quads = 0
    for article in articles:
        out[-1].append(article)
        quads += len(article[1])
        if len(out[-1]) >= size or (most is not None and quads >= most):
            out.append([])
            quads = 0
    return [batch for batch in out if batch]


def kg_build_batching() -> Batching:
    import kg.build

    return getattr(kg.build, "WRITE_BATCH", 32), getattr(kg.build, "WRITE_BATCH_QUADS", None)


def describe(batching: Batching) -> str:
    size, most = batching
    return f"<= {size} articles" + (f" or {most:,} quads" if most is not None else "")


# -- the timed steps ----------------------------------------------------------------------------
Runner = Callable[[Path], float]  # given the path of a new, empty store folder, returns the seconds timed


def fastest(runners: dict[str, Runner], repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs of each, in rounds (every runner once per round), so that all
    of them see the same changes of load on a shared machine; each run writes a fresh store."""
    best = {name: float("inf") for name in runners}
    for _ in range(repeat):
        for name, run in runners.items():
            with tempfile.TemporaryDirectory(prefix="loading-store-") as folder:
                best[name] = min(best[name], run(Path(folder) / "store"))
    return best


def bulk_load(document: bytes) -> Callable[[Path], float]:
    def run(path: Path) -> float:
        store = ox.Store(str(path))
        started = time.perf_counter()
        store.bulk_load(document, format=ox.RdfFormat.N_QUADS)
        store.flush()
        return time.perf_counter() - started
    return run


def kg_write(articles: Sequence[Article], batching: Batching) -> Callable[[Path], float]:
    cut = batches(articles, batching)

    def run(path: Path) -> float:
        store = KGStore(path)
        started = time.perf_counter()
        for batch in cut:
            store.replace_graphs(batch)
        store.flush()
        return time.perf_counter() - started
    return run


def previous_write(articles: Sequence[Article]) -> Callable[[Path], float]:
    """The write path before issue 8: one SPARQL update string per article, parsed by Oxigraph."""
    def run(path: Path) -> float:
        store = ox.Store(str(path))
        started = time.perf_counter()
        for graph, quads in articles:
            body = "\n".join(sorted({f"{t.subject} {t.predicate} {t.object} ." for t in quads}))
            store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        store.flush()
        return time.perf_counter() - started
    return run


def resolutions(articles: Sequence[Article], batching: Batching) -> tuple[float, float, int]:
    """Seconds of the first resolution after writing the articles, of a second one, and the
    resolution graph's quads."""
    def run(path: Path) -> tuple[float, float, int]:
        store = KGStore(path)
        for batch in batches(articles, batching):
            store.replace_graphs(batch)
        first, quads = timed_resolve(store)
        again, _ = timed_resolve(store)
        return first, again, quads

    with tempfile.TemporaryDirectory(prefix="loading-resolve-") as folder:
        return run(Path(folder) / "store")  # the store is closed when run returns, before the folder goes


def timed_resolve(store: KGStore) -> tuple[float, int]:
    started = time.perf_counter()
    summary = resolve_store(store, Minter())
    store.flush()
    return time.perf_counter() - started, summary.quads


def big_store_resolution(source: Path) -> tuple[int, float, float]:
    """Articles in the store at ``source``, and seconds of two re-resolutions on a copy of it."""
    def run(copy: Path) -> tuple[int, float, float]:
        shutil.copytree(source, copy)
        store = KGStore(copy)
        articles = int(store.stats()["articles"])
        first, _ = timed_resolve(store)
        again, _ = timed_resolve(store)
        return articles, first, again

    with tempfile.TemporaryDirectory(prefix="loading-big-") as folder:
        return run(Path(folder) / "store")


# -- the report ---------------------------------------------------------------------------------
def report(args: argparse.Namespace, extractor: object | None = None) -> list[str]:
    started = time.perf_counter()
    articles = extract(args.count, args.seed, extractor)
    extracted = time.perf_counter() - started
    started = time.perf_counter()
    document = ox.serialize([q for _, quads in articles for q in quads], format=ox.RdfFormat.N_QUADS)
    serialized = time.perf_counter() - started
    quads = sum(len(set(q)) for _, q in articles)
    lines = [f"loading {len(articles)} articles (seed {args.seed}): {quads:,} distinct quads; "
             f"extraction {extracted:.1f} s, not timed below",
             f"{'step':<74}{'seconds':>9}{'quads/s':>12}{'ratio':>8}"]
    build = kg_build_batching()
    runners: dict[str, Runner] = {"floor": bulk_load(document), "kg build": kg_write(articles, build)}
    runners |= {f"batch {size}": kg_write(articles, (size, None)) for size in args.batch}
    if args.previous:
        runners["previous"] = previous_write(articles)
    best = fastest(runners, args.repeat)
    floor, write = best["floor"], best["kg build"]
    rows = [Row("bulk_load of the N-Quads + flush (the floor)", floor, quads, 1.0),
            Row("  serializing them to N-Quads (not part of the floor)", serialized),
            Row(f"kg build write: replace_graphs, {describe(build)} + flush", write, quads, floor / write)]
    rows += [Row(f"  replace_graphs, {size} articles/batch + flush", best[f"batch {size}"], quads,
                 floor / best[f"batch {size}"]) for size in args.batch]
    if args.previous:
        rows.append(Row("  previous write: SPARQL DROP+INSERT per article + flush", best["previous"], quads,
                        floor / best["previous"]))
    first, again, resolved = resolutions(articles, build)
    rows += [Row(f"resolution, first (renames; {resolved:,} quads in its graph)", first),
             Row("kg build write + first resolution", write + first, quads, floor / (write + first)),
             Row("re-resolution (store unchanged)", again)]
    big = None
    if args.big_store is not None:
        if args.big_store.exists():
            big = big_store_resolution(args.big_store)
            rows += [Row(f"re-resolution, {big[0]:,}-article store (copy), first run", big[1]),
                     Row(f"re-resolution, {big[0]:,}-article store (copy), second run", big[2])]
        else:
            lines.append(f"(no store at {args.big_store}: run bench/pages.py once to build it; skipped)")
    lines += [row.line() for row in rows]
    lines.append(summary(len(articles), quads, floor, write, first, again, big))
    return lines


def summary(count: int, quads: int, floor: float, write: float, first: float, again: float,
            big: tuple[int, float, float] | None) -> str:
    ratio = floor / write
    met = "met" if ratio >= RATIO_TARGET else f"missed by {RATIO_TARGET - ratio:.2f}"
    text = (f"SUMMARY loading {count} articles: write {quads / write:,.0f} quads/s = {ratio:.2f} x bulk_load "
            f"{quads / floor:,.0f} quads/s (target >= {RATIO_TARGET}: {met}); with resolution "
            f"{floor / (write + first):.2f} x; resolution {first:.2f} s first, {again:.2f} s again "
            f"({again / count * 1000:.2f} ms/article)")
    if big is not None:
        seconds = min(big[1], big[2])
        text += f"; {big[0]} articles: re-resolution {seconds:.2f} s ({seconds / big[0] * 1000:.2f} ms/article)"
    return text


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="kg build's store writes and resolution against bulk_load.")
    parser.add_argument("--count", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--batch", type=int, nargs="*", default=[1],
                        help="also time replace_graphs with this many articles per call, one row each "
                             "(default 1; none: --batch with no number)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="rounds of store writes (each write once per round); the fastest of each counts")
    parser.add_argument("--no-previous", dest="previous", action="store_false",
                        help="skip the previous write path (SPARQL per article)")
    parser.add_argument("--big-store", type=Path, default=BIG_STORE,
                        help=f"a larger store to time re-resolution on, copied first (default {BIG_STORE})")
    parser.add_argument("--no-big-store", dest="big_store", action="store_const", const=None,
                        help="skip re-resolution on the larger store")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1 or min(args.batch, default=1) < 1:
        parser.error("--count, --repeat and --batch must be at least 1")
    return args


def main(argv: Sequence[str] | None = None, extractor: object | None = None) -> None:
    for line in report(parse_args(argv), extractor):
        print(line, flush=True)


if __name__ == "__main__":
    main()
