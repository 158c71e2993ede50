"""The main job: read articles, extract, write each article's graph."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.model import Extraction, SourceArticle, SourceError
from kg.parallel import Extracted, ParallelExtraction, can_fork, extract_serial, worker_count
from kg.rdf import article_quads
from kg.resolve.apply import ResolveSummary, resolve_store, stored_base
from kg.resolve.iris import Minter
from kg.sources import read_paths
from kg.store import KGStore, StoreError, bump_generation

if TYPE_CHECKING:
    from kg.extract import Extractor

# A store write takes whole articles (a kill never leaves part of one) until either limit is
# reached: on disk a batch of new graphs is ingested as sorted files, whose fixed cost per
# write favours big batches (bench/loading.py: batches of ~30,000 quads wrote at 0.8x bulk_load's
# speed, of ~100,000 at 1.1x); a kill costs at most one batch of extraction (~2 s).
WRITE_BATCH = 512
WRITE_BATCH_QUADS = 100_000
# With worker processes the writer writes while they extract; a batch is written only once it is
# complete, so a batch as big as a 400-article build would leave every write until extraction is
# over. Batches of ~30,000 quads cost the bulk loader about as much per quad (bench/parallel.py).
PARALLEL_WRITE_BATCH = 128
Progress = Callable[[Sequence[SourceArticle]], Iterable[SourceArticle]]


@dataclass
class BuildSummary:
    articles: int = 0
    quads: int = 0
    persons: int = 0
    claims: int = 0
    events: int = 0
    errors: list[SourceError] = field(default_factory=list)
    # A file could not be built at all (as opposed to a warning about metadata).
    failed: int = 0
    resolved: ResolveSummary | None = None
    # Wall-clock seconds per phase ("read", "extract+write", "resolve", ...), for benchmarks and logs.
    seconds: dict[str, float] = field(default_factory=dict)
    _since: float = field(default_factory=time.perf_counter, repr=False)

    def lap(self, phase: str) -> None:
        """Count the time since the previous lap (or the start) towards ``phase``."""
        now = time.perf_counter()
        self.seconds[phase] = self.seconds.get(phase, 0.0) + now - self._since
        self._since = now

    def lines(self) -> list[str]:
        out = [
            f"built {self.articles} articles: {self.quads} triples, {self.persons} person mentions, "
            f"{self.claims} claims, {self.events} events; {len(self.errors)} problems"
        ]
        if self.resolved is not None:
            r = self.resolved
            out.append(f"store now holds {r.persons} persons and {r.events} events; {r.merged} article persons "
                       f"joined a node named elsewhere, {r.candidates} possible matches kept apart")
        out += [f"  problem: {e}" for e in self.errors]
        return out


def build(
    paths: Sequence[Path],
    store: KGStore,
    *,
    model: str | None = None,
    base: str | None = None,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    workers: int = 1,
    batch: int = WRITE_BATCH,
) -> BuildSummary:
    """Build every article under ``paths`` into ``store``; each article's graph is replaced whole.

    ``workers`` > 1 extracts in that many processes (0: one per core) while this process alone
    writes, in input order, so the store ends up the same whatever the number.
    """
    from kg.extract import Extractor  # spaCy loads only when a build runs

    extractor = extractor or Extractor(model=model)
    minter = minter_for(store, base)
    summary = BuildSummary()
    articles = read_articles(paths, summary)
    summary.lap("read")
    ticks = progress(articles) if progress else articles
    if worker_count(workers) > 1 and len(articles) > 1 and can_fork():
        with ParallelExtraction(extractor, minter, worker_count(workers)) as parallel:
            write_results(store, parallel.run(articles), summary, ticks, min(batch, PARALLEL_WRITE_BATCH))
    else:
        # Closed even when a write fails, so that extraction stops with the build.
        with closing(extract_serial(articles, extractor, minter)) as results:
            write_results(store, results, summary, ticks, batch)
    summary.lap("extract+write")
    return finish_build(store, minter, summary)


def read_articles(paths: Sequence[Path], summary: BuildSummary) -> list[SourceArticle]:
    """Every readable article; each problem goes into ``summary`` (duplicate ids come back as problems too)."""
    articles: list[SourceArticle] = []
    for item in read_paths(paths):
        if isinstance(item, SourceError):
            summary.errors.append(item)
            if item.fatal:
                summary.failed += 1
        else:
            articles.append(item)
    return articles


def write_results(store: KGStore, results: Iterable[Extracted], summary: BuildSummary,
                  ticks: Iterable[object], batch: int = WRITE_BATCH) -> None:
    """Write articles in batches of whole graphs, in the order given; ``ticks`` advances a progress bar."""
    pending: list[Extracted] = []
    size = 0
    for _, result in zip(ticks, results, strict=True):
        if result.error is not None:
            # A bug in a rule must not cost the user every other article, nor what this one stored before.
            summary.errors.append(result.error)
            summary.failed += 1
            continue
        pending.append(result)
        size += result.size
        if len(pending) >= batch or size >= WRITE_BATCH_QUADS:
            _write_batch(store, pending, summary)
            pending, size = [], 0
    _write_batch(store, pending, summary)


def _write_batch(store: KGStore, results: list[Extracted], summary: BuildSummary) -> None:
    if not results:
        return
    summary.quads += store.replace_graphs((ox.NamedNode(r.graph), r.quads) for r in results)
    for r in results:
        summary.articles += 1
        summary.persons += r.persons
        summary.claims += r.claims
        summary.events += r.events


def finish_build(store: KGStore, minter: Minter, summary: BuildSummary) -> BuildSummary:
    """Resolve across the whole store, make it durable, then count the build as complete."""
    summary.resolved = resolve_store(store, minter)
    summary.quads += summary.resolved.quads
    store.flush()
    if store.path is not None:
        # Only now is the store complete: readers reopen their handles when this number changes.
        bump_generation(store.path)
    summary.lap("resolve")
    return summary


def store_extractions(store: KGStore, extractions: Sequence[Extraction], minter: Minter | None = None) -> int:
    """Write already extracted articles and resolve the store; returns the quads written."""
    minter = minter or minter_for(store, None)
    quads = 0
    for extraction in extractions:
        graph, article = article_quads(extraction, minter)
        quads += store.replace_graph(graph, article)
    return quads + resolve_store(store, minter).quads


def minter_for(store: KGStore, base: str | None) -> Minter:
    """The store's own base unless a new store is given one; two bases in one store would split every node."""
    stored = stored_base(store)
    wanted = Minter(base).base if base else None
    if stored and wanted and stored != wanted:
        raise StoreError(f"this store was built with the base IRI {stored}, not {wanted}; "
                         f"build into a new store (--store) or leave out --base")
    return Minter(wanted or stored) if (wanted or stored) else Minter()


def tqdm_progress(articles: Sequence[SourceArticle]) -> Sequence[SourceArticle]:
    """A progress bar on a terminal; silent when output is piped (logs, CI)."""
    from tqdm import tqdm

    return tqdm(articles, unit="article", disable=not sys.stderr.isatty() or len(articles) < 20)  # type: ignore[return-value]
