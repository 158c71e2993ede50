"""Worker processes that run SPARQL queries on a read-only store, so that a runaway query can be stopped.

Pyoxigraph cannot cancel a query, and no signal interrupts one: the only hard stop is to
kill the process running it. Each worker opens the store read-only once, runs one query
at a time and sends back the fully serialized answer, so nothing partial ever reaches a
client. A worker that overruns its timeout is killed and replaced; the other workers keep
answering meanwhile.

A read-only handle sees the store as of when it was opened. ``kg build`` and ``kg remove``
write ``<store>.generation`` beside the store folder when they have finished and flushed;
a worker (and the web app's own handle, see ``kg.web.context``) reopens when that number
changes, so it moves from one complete state to the next and never sees a half-built one.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import select
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pyoxigraph as ox

from kg import query as q
from kg.store import KGStore, StoreError, generation, generation_file

log = logging.getLogger(__name__)

# Seconds between looks at the generation file. Zero: every query looks (a read of ~25 µs). With
# one second, two query workers could answer the new state and then the old one within that second.
CHECK_INTERVAL = 0.0
DEFAULT_GRAPH = "DEFAULT"  # how a Job names the default graph among its graphs


def read_generation(store_path: Path) -> int | None:
    """The number of completed builds and removals (``kg.store.generation``); None if unreadable."""
    try:
        return generation(store_path)
    except StoreError:
        return None  # any change of this value makes readers reopen, so "unknown" is safe


class Freshness:
    """Says, at most every ``interval`` seconds, whether the store has a newer generation than the one seen."""

    def __init__(self, store_path: Path, interval: float = CHECK_INTERVAL) -> None:
        self.path = store_path
        self.interval = interval
        self.seen = read_generation(store_path)
        self._checked = time.monotonic()

    def changed(self) -> bool:
        now = time.monotonic()
        if now - self._checked < self.interval:
            return False
        self._checked = now
        return read_generation(self.path) != self.seen

    def mark(self, generation: int | None) -> None:
        self.seen = generation


class StatFreshness(Freshness):
    """Freshness that reads the generation file only when its stat says it may have changed.

    Every request asks (``current_store``), and reading the number costs a path resolution and a
    file read (~30 µs and a dozen syscalls); one ``stat`` of the resolved file costs ~2 µs.
    ``bump_generation`` replaces the file, so a new number always comes with a new inode and
    mtime. The stat is remembered only once the number read after it matched the one seen: a
    reopen that failed is retried on the next request, as with a plain Freshness.
    """

    def __init__(self, store_path: Path) -> None:
        super().__init__(store_path, interval=0.0)
        # Resolved once: the store's folder does not move while a server runs.
        self._file = generation_file(store_path)
        self._quiet: tuple[int, int, int] | None = None  # the stat of a file that said nothing new

    def changed(self) -> bool:
        stat = self._stat()
        if stat is not None and stat == self._quiet:
            return False
        changed = read_generation(self.path) != self.seen
        if not changed:
            self._quiet = stat
        return changed

    def mark(self, generation: int | None) -> None:
        super().mark(generation)
        self._quiet = None

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            found = os.stat(self._file)
        except FileNotFoundError:
            return _MISSING  # generation 0 until a build writes the file
        except OSError:
            return None  # unreadable: read_generation decides every time
        return found.st_ino, found.st_mtime_ns, found.st_size


_MISSING = (-1, -1, -1)


def open_read_only(store_path: Path) -> ox.Store:
    """The read-only pyoxigraph store a worker queries (KGStore retries while a writer compacts)."""
    return KGStore(store_path, read_only=True).ox


@dataclass(frozen=True)
class Job:
    """One query, in plain picklable values: terms as N-Triples, graphs as IRIs (or DEFAULT_GRAPH)."""

    sparql: str
    result_format: str = "json"
    graph_format: str = "turtle"
    substitutions: dict[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    max_rows: int | None = None
    max_bytes: int | None = None

    @classmethod
    def make(cls, sparql: str, *, substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
             default_graphs: list[q.Graph] | None = None, named_graphs: list[ox.NamedNode] | None = None,
             **options: object) -> Job:
        """A Job from the arguments ``kg.query.execute`` takes."""
        return cls(
            sparql,
            substitutions={v.value: str(t) for v, t in (substitutions or {}).items()},
            default_graphs=None if default_graphs is None else tuple(
                g.value if isinstance(g, ox.NamedNode) else DEFAULT_GRAPH for g in default_graphs),
            named_graphs=None if named_graphs is None else tuple(g.value for g in named_graphs),
            **options,  # type: ignore[arg-type]
        )

    def options(self) -> dict[str, object]:
        """The keyword arguments of ``kg.query.execute`` (and ``KGStore.execute``) besides the query."""
        options: dict[str, object] = {
            "result_format": self.result_format, "graph_format": self.graph_format, "base_iri": self.base_iri,
            "max_rows": self.max_rows, "max_bytes": self.max_bytes,
            "substitutions": {ox.Variable(k): _term(v) for k, v in self.substitutions.items()}}
        if self.default_graphs is not None or self.named_graphs is not None:
            options["default_graphs"] = [ox.DefaultGraph() if g == DEFAULT_GRAPH else ox.NamedNode(g)
                                         for g in self.default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in self.named_graphs or ()]
        return options

    def run(self, store: ox.Store) -> q.QueryResult:
        return q.execute(store, self.sparql, **self.options())  # type: ignore[arg-type]


def _term(ntriples: str) -> ox.NamedNode | ox.Literal:
    quad = next(iter(ox.parse(f"<urn:s> <urn:p> {ntriples} .", format=ox.RdfFormat.N_TRIPLES)))
    return quad.object  # type: ignore[return-value]


# -- the worker process ------------------------------------------------------------------------

Reply = tuple[str, object]  # ("ok", QueryResult) or (error kind, message)


def answer(store: ox.Store, job: Job) -> Reply:
    """Run ``job``; every failure becomes an error kind the parent turns back into an exception."""
    try:
        return "ok", job.run(store)
    except q.ResultTooLarge as e:
        return "too-large", str(e)
    except q.QueryError as e:
        return "query", str(e)
    except RuntimeError as e:
        # Oxigraph raises this for queries that parse but cannot be evaluated.
        return "evaluation", str(e)
    except OSError as e:
        return "store", str(e)


def _worker_main(conn: Connection, store_path: str) -> None:
    try:
        _serve(conn, Path(store_path))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the server went away or is shutting down (Ctrl-C reaches its workers too)


def _serve(conn: Connection, path: Path) -> None:
    freshness = StatFreshness(path)
    store: ox.Store | None = None
    try:
        store = open_read_only(path)
    except (OSError, RuntimeError):
        pass  # each job retries, and answers the error if the store still cannot open
    conn.send(("ready", None))  # from here on, a query's time is the query's own
    while True:
        job = conn.recv()
        if store is None or freshness.changed():
            generation = read_generation(path)
            try:
                store = open_read_only(path)
                freshness.mark(generation)
            except (OSError, RuntimeError) as e:
                if store is None:  # else keep answering from the last state that opened
                    _send(conn, ("store", f"cannot open the store: {e}"))
                    continue
                log.warning("keeping the previous store state; reopening failed: %s", e)
        _send(conn, answer(store, job))


def _send(conn: Connection, value: object) -> None:
    # Plain pickle: Connection.send's ForkingPickler copies its reducer table on every call, a cost
    # paid twice per query that buys nothing for jobs and answers of plain values.
    conn.send_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# -- the pool, in the server process -----------------------------------------------------------

@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    # Registered once: Connection.poll builds and tears down a selector on every call.
    poller: select.poll = field(default_factory=select.poll)

    def __post_init__(self) -> None:
        self.poller.register(self.conn.fileno(), select.POLLIN)

    def answered(self, timeout: float) -> bool:
        """Whether the worker has written (an answer, or EOF once it died) within ``timeout`` seconds."""
        return bool(self.poller.poll(max(timeout, 0.0) * 1000))


class Pool:
    """``size`` worker processes over the store at ``store_path``; ``run`` is safe from many threads."""

    def __init__(self, store_path: Path, size: int = 2, wait: float = 30.0) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.path = store_path
        self.size = size
        self.wait = wait  # how long a query may wait for a free worker, beside its own time limit
        # Not 'fork': a forked copy of a threaded server (with its own store handle) is not safe to use.
        # A fork server is a clean single-threaded process that has imported this module once, so a
        # replacement worker starts in milliseconds rather than the seconds a fresh interpreter takes.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([__name__])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []  # busy, idle and starting: close() stops them all
        for _ in range(size):
            self._spawn()

    def _spawn(self) -> None:
        """Start a worker; it joins the idle ones once it has started (imports take a second or two)."""
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, str(self.path)), daemon=True,
                                        name="kg-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.append(worker)

        def await_ready() -> None:
            try:
                ready = worker.conn.poll(60) and worker.conn.recv()[0] == "ready"
            except (EOFError, OSError):
                ready = False
            if self._closed:
                self._stop(worker)
                return
            if ready:
                self._idle.put(worker)
                return
            log.error("a query worker did not start; starting another")
            self._stop(worker)
            if not self._closed:
                time.sleep(1)  # do not spin if workers cannot start at all
                self._spawn()

        threading.Thread(target=await_ready, daemon=True, name="kg-query-start").start()

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in its place; the others keep answering meanwhile."""
        self._stop(worker)
        if not self._closed:
            self._spawn()

    def run(self, job: Job, timeout: float) -> q.QueryResult:
        """Run ``job``; QueryTimeout (and a fresh worker) after ``timeout`` seconds in a worker.

        Waiting for a free worker (at most ``wait`` seconds) does not count against ``timeout``.
        """
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise q.QueryUnavailable(f"Every query worker stayed busy for {self.wait:g} s.") from None
        try:
            _send(worker.conn, job)
            reply: Reply = worker.conn.recv() if worker.answered(timeout) else ("timeout", "")
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise q.QueryUnavailable("The query worker stopped unexpectedly.") from None
        if reply[0] == "timeout":
            self._replace(worker)
            raise q.QueryTimeout(f"The query ran longer than the time limit of {timeout:g} s and was stopped.")
        self._idle.put(worker)
        return _result(reply)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._stop(worker)


def _result(reply: Reply) -> q.QueryResult:
    kind, value = reply
    if kind == "ok":
        return value  # type: ignore[return-value]
    message = str(value)
    if kind == "too-large":
        raise q.ResultTooLarge(message)
    if kind == "query":
        raise q.QueryError(message)
    if kind == "evaluation":
        raise RuntimeError(message)
    raise StoreError(message)  # the web app answers it with 503 without showing the message
