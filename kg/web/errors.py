"""One error type and one error shape for everything the web app refuses.

Machine clients get ``{"error": {"status", "message", "hint"}}``; browsers get
the same three fields as a page. Messages are written here or come from the
SPARQL parser: never a stack trace or a file path.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from kg.query import QueryError
from kg.store import StoreError
from kg.web.negotiation import prefers_json

log = logging.getLogger(__name__)

MACHINE_SUFFIXES = (".json", ".jsonld", ".ttl")

HINTS: dict[int, str] = {
    404: "Check the address; the home page lists every person.",
    405: "Use one of the methods in the Allow header.",
    406: "Ask for a media type this resource offers (see the Accept header in the documentation).",
    413: "Send a shorter request body.",
    415: "Send the query as application/x-www-form-urlencoded (query=...) or as application/sparql-query.",
}


class WebError(Exception):
    """A refusal with an HTTP status, a message saying what went wrong and a hint saying what to do."""

    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint

    def as_dict(self) -> dict[str, dict[str, int | str]]:
        return {"error": {"status": self.status, "message": self.message, "hint": self.hint}}


def wants_machine() -> bool:
    path = request.path
    return path.startswith(("/sparql", "/store")) or path.endswith(MACHINE_SUFFIXES) or prefers_json()


def render_error(error: WebError) -> Response:
    if wants_machine():
        response = jsonify(error.as_dict())
    else:
        response = Response(render_template("error.html", error=error), mimetype="text/html")
    response.status_code = error.status
    response.headers["Vary"] = "Accept"
    return response


def _from_http(e: HTTPException) -> Response:
    status = e.code or 500
    if status >= 500:
        # The original exception may name files or internals: log it, say little.
        log.error("internal error on %s %s", request.method, request.path, exc_info=e)
        error = WebError(status, "The server failed to answer this request.", "Try again; if it persists, "
                         "tell the operator, who will find the details in the server log.")
    else:
        error = WebError(status, e.description or e.name, HINTS.get(status, ""))
    response = render_error(error)
    if isinstance(e, MethodNotAllowed) and e.valid_methods:
        response.headers["Allow"] = ", ".join(e.valid_methods)
    return response


def _from_query(e: QueryError) -> Response:
    return render_error(WebError(400, str(e), "Fix the query; this endpoint answers SELECT, ASK, "
                                 "CONSTRUCT and DESCRIBE only."))


def _from_store(e: StoreError) -> Response:
    # StoreError names the store's path, which the client must not see.
    log.error("store unavailable: %s", e)
    return render_error(WebError(503, "The knowledge graph store is not available.",
                                 "The operator should build it with 'kg build' and check the server log."))


def register(app: Flask) -> None:
    app.register_error_handler(WebError, render_error)
    app.register_error_handler(HTTPException, _from_http)
    app.register_error_handler(QueryError, _from_query)
    app.register_error_handler(StoreError, _from_store)
