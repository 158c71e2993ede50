"""Per-app state the views share: the store (opened lazily), the IRI base, the queries folder.

The store is opened on first use, not at import or app creation, so a WSGI
server can import ``server.py`` before the store exists and the app starts
answering as soon as ``kg build`` has made one.

A read-only store on disk is reopened when ``kg build``/``kg remove`` mark a new complete
state (see ``kg.workers``), and queries from clients run in worker processes that can be
killed at the time limit. A writable store (``--allow-update``) or one handed over open
(tests) runs queries in a thread of this process instead: the client gets its error at the
time limit, but the query itself runs on until it ends (pyoxigraph cannot stop it).
"""

from __future__ import annotations

import logging
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from flask import Flask, current_app

from kg import query as q
from kg.store import KGStore, StoreError
from kg.vocab import DEFAULT_BASE
from kg.workers import Job, Pool, StatFreshness, read_generation

log = logging.getLogger(__name__)

EXTENSION = "newskg"


class StoreHolder:
    """Holds an open store, or opens the one at ``path`` once, under a lock."""

    def __init__(self, store: KGStore | None, path: Path | None, writable: bool = False) -> None:
        self._store = store
        self._path = path
        # Writable only when updates are on: a read-only store leaves 'kg build' free to write.
        self._writable = writable
        self._lock = threading.Lock()
        self._base: str | None = None
        # Only a read-only store on disk can change under us (a build in another process).
        self._freshness = StatFreshness(path) if path is not None and store is None and not writable else None
        self._pool: Pool | None = None
        self._threads: ThreadPoolExecutor | None = None

    def get(self) -> KGStore:
        if self._store is not None and not (self._freshness is not None and self._freshness.changed()):
            return self._store
        with self._lock:
            if self._store is None:
                # A StoreError here is not cached: the next request tries again,
                # so a store built after the server started is picked up.
                if self._writable and self._path is not None and not self._path.exists():
                    # A writable open would create an empty store; serving one is never what was meant.
                    raise StoreError(f"no store at {self._path}; build one first with 'kg build' (or create "
                                     "an empty folder for a scratch store)")
                self._store = self._open()
            elif self._freshness is not None and self._path is not None:
                self._reopen(self._path)
            return self._store

    def _open(self) -> KGStore:
        if self._writable or self._path is None:
            return KGStore(self._path, read_only=False)
        generation = read_generation(self._path)
        store = KGStore(self._path, read_only=True)  # retries while a writer compacts
        if self._freshness is not None:
            self._freshness.mark(generation)
        return store

    def _reopen(self, path: Path) -> None:
        """Swap in a handle on the newest complete state; requests running keep the old one until they end."""
        if read_generation(path) == (self._freshness.seen if self._freshness else None):
            return
        try:
            self._store = self._open()
        except StoreError as e:
            log.warning("still serving the previous state of the store: %s", e)

    def run_query(self, job: Job, timeout: float) -> q.QueryResult:
        """Run ``job`` in a worker process when the store allows one, else in a thread of this process."""
        pool = self._worker_pool()
        if pool is not None:
            return pool.run(job, timeout)
        store = self.get()
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=self._thread_count, thread_name_prefix="kg-query")
        # The whole query, serialization included, runs on one thread: pyoxigraph's rule for iterators.
        future = self._threads.submit(_execute, store, job)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()  # stops it only if it has not started; a running one ends on its own
            raise q.QueryTimeout(f"The query ran longer than the time limit of {timeout:g} s.") from None

    def _worker_pool(self) -> Pool | None:
        if self._freshness is None or self._path is None or self._pool_size < 1:
            return None
        if self._pool is None:
            self.get()  # a missing store is a StoreError here, not a worker that cannot start
            with self._lock:
                if self._pool is None:
                    self._pool = Pool(self._path, self._pool_size)
        return self._pool

    _pool_size = 2
    _thread_count = 8

    def configure(self, workers: int, threads: int) -> None:
        self._pool_size, self._thread_count = workers, max(threads, 1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    def base(self) -> str:
        if self._base is None:
            from kg.resolve.apply import stored_base

            self._base = stored_base(self.get()) or DEFAULT_BASE
        return self._base


def _execute(store: KGStore, job: Job) -> q.QueryResult:
    try:
        return store.execute(job.sparql, **job.options())
    except (q.QueryError, q.QueryLimit, RuntimeError, OSError, ValueError) as e:
        # The traceback's frames hold pyoxigraph's result iterator; freed on the request's thread
        # (whenever the garbage collector gets to it), the iterator would crash the process.
        traceback.clear_frames(e.__traceback__)
        raise


def init_app(app: Flask) -> None:
    store = app.config.get("STORE")
    path = app.config.get("STORE_PATH")
    if store is None and path is None:
        raise ValueError("create_app needs STORE (an open KGStore) or STORE_PATH (a store folder)")
    writable = bool(app.config.get("ALLOW_UPDATE"))
    holder = StoreHolder(store, Path(path) if path is not None else None, writable)
    holder.configure(int(app.config.get("QUERY_WORKERS", 2)), int(app.config.get("QUERY_THREADS", 8)))
    app.extensions[EXTENSION] = holder


def run_query(sparql: str, timeout: float | None = None, **options: object) -> q.QueryResult:
    """Run a client's query under the app's limits (QUERY_TIMEOUT, QUERY_MAX_ROWS, QUERY_MAX_BYTES).

    ``timeout`` may only lower the configured one. Options are those of ``kg.query.execute``.
    """
    config = current_app.config
    limit = float(config["QUERY_TIMEOUT"])
    job = Job.make(sparql, max_rows=config.get("QUERY_MAX_ROWS"), max_bytes=config.get("QUERY_MAX_BYTES"),
                   **options)
    holder: StoreHolder = current_app.extensions[EXTENSION]
    return holder.run_query(job, min(timeout, limit) if timeout is not None else limit)


def current_store() -> KGStore:
    holder: StoreHolder = current_app.extensions[EXTENSION]
    return holder.get()


def base_iri() -> str:
    """The configured base IRI, else the one the store was built with."""
    base: str | None = current_app.config["BASE_IRI"]
    if not base:
        holder: StoreHolder = current_app.extensions[EXTENSION]
        base = holder.base()
    return base if base.endswith(("/", "#")) else base + "/"


def stored_base_iri() -> str:
    """The base the store was built with (the default base for a store never built)."""
    holder: StoreHolder = current_app.extensions[EXTENSION]
    return holder.base()


def queries_dir() -> Path:
    return Path(current_app.config["QUERIES_DIR"])
