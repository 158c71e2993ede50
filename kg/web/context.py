"""Per-app state the views share: the store (opened lazily), the IRI base, the queries folder.

The store is opened on first use, not at import or app creation, so a WSGI
server can import ``server.py`` before the store exists and the app starts
answering as soon as ``kg build`` has made one.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from kg.store import KGStore, StoreError
from kg.vocab import DEFAULT_BASE

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

    def get(self) -> KGStore:
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                # A StoreError here is not cached: the next request tries again,
                # so a store built after the server started is picked up.
                if self._writable and self._path is not None and not self._path.exists():
                    # A writable open would create an empty store; serving one is never what was meant.
                    raise StoreError(f"no store at {self._path}; build one first with 'kg build' (or create "
                                     "an empty folder for a scratch store)")
                self._store = KGStore(self._path, read_only=not self._writable)
            return self._store

    def base(self) -> str:
        if self._base is None:
            from kg.resolve.apply import stored_base

            self._base = stored_base(self.get()) or DEFAULT_BASE
        return self._base


def init_app(app: Flask) -> None:
    store = app.config.get("STORE")
    path = app.config.get("STORE_PATH")
    if store is None and path is None:
        raise ValueError("create_app needs STORE (an open KGStore) or STORE_PATH (a store folder)")
    writable = bool(app.config.get("ALLOW_UPDATE"))
    app.extensions[EXTENSION] = StoreHolder(store, Path(path) if path is not None else None, writable)


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
