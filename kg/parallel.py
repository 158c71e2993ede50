"""Extraction in worker processes for ``kg build --workers N``; the calling process stays the one writer.

Extraction is independent per article and deterministic, and IRIs depend only on names, dates and
article ids, so the quads do not depend on which process read an article. Results come back in
input order, so the store is written in the same order whatever N is.

Workers are forked once the articles are read and the pipeline is warm, so they inherit both; each
sends back, per article, its graph name and its quads as N-Quads bytes, which the writer hands to
``KGStore.replace_graphs`` as they are: it keeps them as lines until one parse per batch, cheaper than
unpickling an ``Extraction`` and building its quads (~1.3 ms an article on the benchmark corpus), and
the writer is the one process that cannot be multiplied.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.queues
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.model import SourceArticle, SourceError
from kg.rdf import article_nquads, article_quads
from kg.resolve.iris import Minter

if TYPE_CHECKING:
    from kg.extract import Extractor

# Programming errors a rule can raise on text it did not foresee (an index past a list, a missing key).
# Caught per article so that one odd article never aborts a build; anything else still stops it.
RULE_BUGS = (IndexError, KeyError, ValueError, TypeError, AttributeError)
# Chunks queued per worker, plus enough articles to fill a store write (kg.build.PARALLEL_WRITE_BATCH
# is 128 articles): no worker waits while the writer writes, and the results waiting to be
# written stay small (N-Quads are ~50 KB an article).
IN_FLIGHT_PER_WORKER = 4
IN_FLIGHT_ARTICLES = 160
CHUNK = 8  # articles per task: ~25 ms of work, next to ~1 ms of sending


class WorkerError(RuntimeError):
    """A worker process died (killed, out of memory); the message says what to do."""


@dataclass
class Extracted:
    """One article as the writer needs it; ``quads`` are ox.Quad values, or N-Quads bytes from a worker."""

    origin: str
    graph: str
    quads: Sequence[ox.Quad] | bytes = b""
    persons: int = 0
    claims: int = 0
    events: int = 0
    error: SourceError | None = None  # a rule failed on this article: skip it, keep its earlier graph

    @property
    def size(self) -> int:
        """Quads (N-Quads lines), repeats included."""
        return self.quads.count(b"\n") if isinstance(self.quads, bytes) else len(self.quads)


def extract_one(extractor: Extractor, minter: Minter, article: SourceArticle, *, nquads: bool = False) -> Extracted:
    """Extract one article and build its quads; a rule bug becomes a reported error, not a crash.

    ``nquads``: the quads as N-Quads bytes (for the writer process), parsed once here so that a bad
    term fails in the worker as it would in one process, but not turned into quads and back.
    """
    try:
        extraction = extractor.extract(article)
        quads: list[ox.Quad] | bytes
        if nquads:
            graph, quads = article_nquads(extraction, minter)
            for _ in ox.parse(quads, format=ox.RdfFormat.N_QUADS):
                pass
        else:
            graph, quads = article_quads(extraction, minter)
    except RULE_BUGS as exc:
        problem = SourceError(
            article.origin, f"extraction failed ({type(exc).__name__}: {exc})",
            "the article was skipped and its earlier graph kept; please report it with this file", fatal=True)
        return Extracted(article.origin, minter.article(article.id), error=problem)
    return Extracted(article.origin, graph.value, quads, len(extraction.persons), len(extraction.claims),
                     len(extraction.events))


def extract_serial(articles: Iterable[SourceArticle], extractor: Extractor, minter: Minter) -> Iterator[Extracted]:
    for article in articles:
        yield extract_one(extractor, minter, article)


def worker_count(requested: int) -> int:
    """``--workers 0`` means one per core."""
    return requested if requested > 0 else (os.cpu_count() or 1)


def can_fork() -> bool:
    """Worker processes need ``fork`` (Linux, macOS): they inherit the loaded pipeline and the articles."""
    return "fork" in multiprocessing.get_all_start_methods()


class ParallelExtraction:
    """Extraction in ``workers`` forked processes; ``run`` yields one result per article, in input order.

    Nothing a worker needs goes through the writer's threads: the workers inherit the articles and
    the loaded pipeline when they are forked, claim chunks from a shared counter and queue their
    results from their own threads. That matters because pyoxigraph holds the GIL while it writes
    (a batch takes ~0.3 s): a pool fed by a thread of the writer (``ProcessPoolExecutor``) starves
    its workers for as long. A semaphore keeps the workers at most ``window`` chunks ahead of the
    writer, which bounds the memory results wait in. Use it as a context manager: leaving it stops
    the workers, also when the writer fails.
    """

    def __init__(self, extractor: Extractor, minter: Minter, workers: int, chunk: int = CHUNK) -> None:
        self.extractor, self.minter, self.workers, self.chunk = extractor, minter, workers, chunk
        self.window = workers * IN_FLIGHT_PER_WORKER + IN_FLIGHT_ARTICLES // chunk
        self._context = multiprocessing.get_context("fork")
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._frozen = False

    def __enter__(self) -> ParallelExtraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()  # the writer stopped early: nobody will write what they extract
        for process in self._processes:
            process.join()
        self._processes = []
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def run(self, articles: Sequence[SourceArticle]) -> Iterator[Extracted]:
        if not articles:
            return
        # The first article here: it loads and warms the pipeline (lazy tables, caches), so the
        # forked workers inherit it warm instead of each paying ~0.3 s for it.
        yield extract_one(self.extractor, self.minter, articles[0])
        spans = [(i, min(i + self.chunk, len(articles))) for i in range(1, len(articles), self.chunk)]
        if not spans:
            return
        claim, budget, done = self._context.Value("l", 0), self._context.Semaphore(self.window), self._context.Queue()
        global _JOB
        _JOB = _Job(articles, spans, self.extractor, self.minter, claim, budget, done, os.getpid())
        # Frozen objects are left alone by the collector, in the workers and in this process until
        # close(): a full collection here would write to every object of the heap the workers share
        # and so copy it page by page (~50,000 page faults, a third of the writer's CPU on 400 articles).
        gc.freeze()
        self._frozen = True
        try:
            for _ in range(min(self.workers, len(spans))):
                process = self._context.Process(target=_work, daemon=True)
                process.start()
                self._processes.append(process)
        finally:
            _JOB = None
        finished: dict[int, list[Extracted]] = {}
        for index in range(len(spans)):
            while index not in finished:
                self._receive(done, finished)
            budget.release()
            yield from finished.pop(index)
        for _ in self._processes:
            budget.release()  # lets every worker wake, find no chunk left, and exit

    def _receive(self, done: multiprocessing.queues.Queue, finished: dict[int, list[Extracted]]) -> None:
        try:
            index, results = done.get(timeout=1.0)
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in self._processes):
                raise WorkerError("a worker process died (out of memory, or killed); the articles written so "
                                  "far are kept: rerun the build, with fewer --workers if memory is short") from None
            return
        if isinstance(results, BaseException):
            raise results  # what the extraction raised, as the one-process build would have
        finished[index] = results


# -- inside a worker process ----------------------------------------------------------------------
@dataclass
class _Job:
    articles: Sequence[SourceArticle]
    spans: list[tuple[int, int]]
    extractor: Extractor
    minter: Minter
    claim: Any  # multiprocessing.Value: the next chunk to take
    budget: Any  # multiprocessing.Semaphore: chunks the workers may run ahead of the writer
    done: Any  # multiprocessing.Queue of (chunk, results or the exception)
    parent: int


_JOB: _Job | None = None  # set in the writer just before forking, so that each worker inherits it


def _work() -> None:
    job = _JOB
    if job is None:
        raise RuntimeError("a worker needs its job inherited through fork")
    # Ctrl-C reaches the whole process group: the writer handles it, the workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(job.parent,), daemon=True).start()
    while True:
        job.budget.acquire()
        with job.claim.get_lock():
            index = job.claim.value
            job.claim.value += 1
        if index >= len(job.spans):
            return
        begin, end = job.spans[index]
        try:
            job.done.put((index, [extract_one(job.extractor, job.minter, a, nquads=True)
                                  for a in job.articles[begin:end]]))
        except BaseException as exc:
            job.done.put((index, _sendable(exc)))
            raise


def _sendable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
    except (pickle.PicklingError, TypeError, AttributeError):
        return RuntimeError(f"a worker failed: {type(exc).__name__}: {exc}")
    return exc


def _exit_with_parent(parent: int) -> None:
    # A writer killed with SIGKILL cannot stop its workers; without this they would wait forever.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
