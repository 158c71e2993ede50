"""The newskg web app: a SPARQL endpoint, search, and a page per entity (Flask app factory).

``create_app`` opens nothing: with ``STORE_PATH`` the store is opened
read-only on the first request that needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import waitress
from flask import Flask

from kg.web import context, entities, errors, kinds, resources, search, sparql

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Config: STORE (an open KGStore) or STORE_PATH, BASE_IRI, QUERIES_DIR."""
    app = Flask(__name__)
    app.config.from_mapping(
        BASE_IRI=None,  # None: the base the store was built with
        QUERIES_DIR=QUERIES_DIR,
        STORE=None,
        STORE_PATH=None,
        # Queries are short; a large body is a mistake or an attack.
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.from_mapping(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    context.init_app(app)
    errors.register(app)
    app.register_blueprint(entities.bp)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(search.bp)
    kinds.register_all()
    app.register_blueprint(resources.bp)  # last: its /<kind>/<path> must not shadow the fixed routes
    app.jinja_env.globals["page_url"] = resources.page_url
    return app


def serve(app: Flask, host: str = "127.0.0.1", port: int = 8000, threads: int = 4) -> None:
    """Serve ``app`` with waitress (a production WSGI server) until interrupted."""
    waitress.serve(app, host=host, port=port, threads=threads)


__all__ = ["create_app", "serve"]
