"""The newskg web app: SPARQL and Graph Store endpoints, search, a page per entity (Flask app factory).

``create_app`` opens nothing: with ``STORE_PATH`` the store is opened on the first request
that needs it, read-only unless ``ALLOW_UPDATE`` is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import waitress
from flask import Flask

from kg.web import context, entities, errors, kinds, ontology, resources, search, service, sparql, store_protocol

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Config: STORE (an open KGStore) or STORE_PATH, BASE_IRI, QUERIES_DIR,
    ALLOW_UPDATE (SPARQL updates and Graph Store writes; off by default), UPDATE_TOKEN (the bearer
    token writes must carry; without one, only clients on this machine may write)."""
    app = Flask(__name__)
    app.config.from_mapping(
        BASE_IRI=None,  # None: the base the store was built with
        QUERIES_DIR=QUERIES_DIR,
        STORE=None,
        STORE_PATH=None,
        ALLOW_UPDATE=False,
        UPDATE_TOKEN=None,
        # Queries are short; a large body is a mistake or an attack.
        MAX_CONTENT_LENGTH=1024 * 1024,
        # Client queries (see kg.web.context.run_query): seconds, rows or triples, bytes of the answer.
        QUERY_TIMEOUT=10.0,
        QUERY_MAX_ROWS=100_000,
        QUERY_MAX_BYTES=50 * 1024 * 1024,
        QUERY_WORKERS=2,  # processes for a read-only store on disk; 0 runs queries in this process
        QUERY_THREADS=8,  # threads for queries run in this process (writable or in-memory stores)
    )
    app.config.from_mapping(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    context.init_app(app)
    errors.register(app)
    app.register_blueprint(entities.bp)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(store_protocol.bp)
    app.after_request(service.add_cors)
    kinds.register_all()
    app.register_blueprint(ontology.bp)
    from kg.web import void  # VoID and dumps; the lead may move this import to the top
    app.register_blueprint(void.bp)
    app.register_blueprint(resources.bp)  # last: its /<kind>/<path> must not shadow the fixed routes
    app.jinja_env.globals["page_url"] = resources.page_url
    return app


def serve(app: Flask, host: str = "127.0.0.1", port: int = 8000, threads: int = 4, processes: int = 1) -> None:
    """Serve ``app`` with waitress (a production WSGI server) until interrupted.

    With ``processes`` > 1, that many forked web processes share the listening socket (see
    ``kg.web.processes``); ``app`` must not have opened its store yet (``create_app`` opens nothing),
    so that each process opens its own handle and query workers after the fork.
    """
    if processes > 1:
        from kg.web.processes import serve_processes

        serve_processes(lambda: app, host, port, threads, processes)
        return
    waitress.serve(app, host=host, port=port, threads=threads)


__all__ = ["create_app", "serve"]
