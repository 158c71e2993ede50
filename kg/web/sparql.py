"""The SPARQL 1.1 Protocol endpoint ``/sparql`` (queries, updates when enabled), and its page for people.

Protocol clients get exactly the protocol; without a query, the service description (see
``service``). A browser gets the editor page: without a query, or with ``page=1`` and
``text/html`` named in its Accept header, in which case the query runs here and the page shows
its results as a table (see ``page``). A client sending ``Accept: */*`` is never given HTML
for a query.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from kg.query import GRAPH_FORMATS, RESULT_FORMATS, QueryLimit
from kg.store import StoreError
from kg.vocab import sparql_prefixes
from kg.web import service, sparql_page
from kg.web.context import current_store, queries_dir, run_query, stored_base_iri
from kg.web.errors import WebError
from kg.web.guard import uses_service
from kg.web.negotiation import GRAPH_MEDIA, RESULT_MEDIA, negotiate
from kg.web.update import (
    READ_ONLY,
    authorize,
    iri_parameters,
    read_update,
    run_update,
    updates_enabled,
    utf8_body,
)

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

DEFAULT_QUERY = sparql_prefixes() + """
SELECT ?person ?label (COUNT(?claim) AS ?claims) WHERE {
  ?person a nkg:Person ; rdfs:label ?label .
  OPTIONAL { ?person nkg:said ?claim }
}
GROUP BY ?person ?label
ORDER BY DESC(?claims)
LIMIT 20
"""


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    text: str


def _header(text: str) -> dict[str, str]:
    """The leading ``# key: value`` comment lines of a query file (title, description, param)."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key.strip().isalpha():
            fields.setdefault(key.strip().lower(), value.strip())
    return fields


def list_examples(folder: Path) -> list[Example]:
    """The ``*.rq`` files of ``folder``, sorted by name, with the title and description of their header."""
    examples = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            log.warning("skipping example query %s: %s", path, e)
            continue
        header = _header(text)
        examples.append(Example(path.stem, header.get("title") or path.stem, header.get("description", ""), text))
    return examples


def read_query() -> str | None:
    """The query of a GET or POST request per the SPARQL 1.1 Protocol; None if none was sent."""
    if request.mimetype == "application/sparql-update" or "update" in request.values:
        raise READ_ONLY if not updates_enabled() else WebError(
            400, "The SPARQL page runs queries only.", "POST updates to /sparql as application/sparql-update.")
    if request.method == "GET" or request.mimetype == "application/x-www-form-urlencoded":
        source = request.args if request.method == "GET" else request.form
        queries = source.getlist("query")
        if len(queries) > 1:
            raise WebError(400, "More than one query parameter was sent.", "Send exactly one query=.")
        return queries[0] if queries and queries[0].strip() else None
    if request.mimetype == "application/sparql-query":
        return utf8_body()
    raise WebError(415, f"Cannot read a query from a {request.mimetype or 'bodiless'} POST.",
                   "POST application/x-www-form-urlencoded with query=..., or application/sparql-query.")


def query_dataset() -> dict[str, list[ox.NamedNode]]:
    """``default-graph-uri``/``named-graph-uri``: the dataset the query runs on, if the client names one."""
    default, named = iri_parameters("default-graph-uri"), iri_parameters("named-graph-uri")
    return {"default_graphs": default, "named_graphs": named} if default or named else {}


def choose_formats() -> tuple[str | None, str | None]:
    """(result format, graph format): from ``format=`` if given, else from ``Accept``."""
    name = request.values.get("format")
    if name:
        if name in RESULT_FORMATS:
            return name, None
        if name in GRAPH_FORMATS:
            return None, name
        raise WebError(400, f"Unknown format {name!r}.",
                       f"Use one of {', '.join([*RESULT_FORMATS, *GRAPH_FORMATS])}.")
    accept = request.headers.get("Accept")
    chosen = _NEGOTIATED.get(accept)
    if chosen is None:
        chosen = negotiate(RESULT_MEDIA), negotiate(GRAPH_MEDIA)
        if len(_NEGOTIATED) >= _NEGOTIATED_MAX:
            _NEGOTIATED.clear()  # an endpoint sees a handful of distinct headers; a flood of made-up ones is dropped
        _NEGOTIATED[accept] = chosen
    return chosen


# Accept header -> (result format, graph format): negotiation depends on the header alone, and parsing
# it twice per query was a fair share of the endpoint's own time on small queries.
_NEGOTIATED: dict[str | None, tuple[str | None, str | None]] = {}
_NEGOTIATED_MAX = 256


def _unfit(kind: str | None, explicit: bool) -> WebError:
    if kind is None:
        media = ", ".join(t for ts in (*RESULT_MEDIA.values(), *GRAPH_MEDIA.values()) for t in ts)
        return WebError(406, "None of the accepted media types is one this endpoint serves.",
                        f"Accept one of {media}, or pass format=.")
    if kind == "graph":
        names, wanted = list(GRAPH_FORMATS), "CONSTRUCT and DESCRIBE results are RDF graphs"
    else:
        names, wanted = list(RESULT_FORMATS), "SELECT and ASK results are tables"
    if explicit:
        return WebError(400, f"format={request.values['format']} does not fit this query: {wanted}.",
                        f"Use format= one of {', '.join(names)}.")
    media = ", ".join(t for ts in (GRAPH_MEDIA if kind == "graph" else RESULT_MEDIA).values() for t in ts)
    return WebError(406, f"None of the accepted media types fits this query: {wanted}.", f"Accept one of {media}.")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response | str:
    if wants_page():
        return page()
    update = read_update()
    if update is not None:
        authorize()
        run_update(update)
        return Response(status=204)
    query = read_query()
    if query is None:
        return no_query()
    if uses_service(query):
        raise WebError(403, "Federated queries (SERVICE) are disabled on this endpoint.",
                       "Query this graph only; fetch other endpoints' data yourself.")
    result_format, graph_format = choose_formats()
    explicit = bool(request.values.get("format"))
    if result_format is None and graph_format is None:
        raise _unfit(None, explicit=False)
    dataset = query_dataset()
    current_store()  # outside the try: a store that cannot open is a 503, not the query's fault
    try:
        # Relative IRIs resolve against the endpoint's own URL (the protocol's suggestion for a base).
        result = run_query(query, requested_timeout(), result_format=result_format or "json",
                           graph_format=graph_format or "turtle", base_iri=request.base_url, **dataset)
    except QueryLimit as e:
        raise WebError(e.status, str(e), e.hint) from None
    except StoreError:
        raise  # a 503 from the error handler, which keeps the path to itself
    except RuntimeError as e:
        # Oxigraph raises this for queries that parse but cannot be evaluated.
        raise WebError(400, f"The query could not be evaluated: {e}", "Fix the query and send it again.") from None
    if (result.kind == "graph" and graph_format is None) or (result.kind != "graph" and result_format is None):
        raise _unfit(result.kind, explicit)
    response = Response(result.body, content_type=result.media_type)
    response.headers["Vary"] = "Accept"
    return response


def requested_timeout() -> float | None:
    """``timeout=`` seconds: a client may shorten the server's time limit, never lengthen it."""
    value = request.values.get("timeout")
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < float("inf"):
        raise WebError(400, f"timeout={value!r} is not a positive number of seconds.",
                       "Pass timeout=SECONDS, e.g. timeout=2.5; values above the server's limit are lowered to it.")
    return seconds


def no_query() -> Response | str:
    """GET without a query: the editor for a browser, the service description for other clients."""
    if request.method == "GET":
        if not request.accept_mimetypes.provided or names_html():
            return form()
        fmt = service.wanted_format()
        if fmt is not None:
            return service.describe(request.base_url, fmt, updates=updates_enabled(), base=stored_base_iri())
    raise WebError(400, "No query was sent.", "Pass the SPARQL query as query=..., or open /sparql in a browser.")


def names_html() -> bool:
    """Whether Accept names text/html itself, as browsers do (``*/*`` alone is not a browser)."""
    return any(media == "text/html" and quality > 0 for media, quality in request.accept_mimetypes)


def _pick(examples: list[Example]) -> Example | None:
    chosen = request.args.get("example")
    picked = next((e for e in examples if e.name == chosen), None)
    if chosen and picked is None:
        raise WebError(404, f"There is no example query named {chosen!r}.", "Pick one from the list on /sparql.")
    return picked if picked is not None or chosen else (examples[0] if examples else None)


def _example_of(query: str, examples: list[Example]) -> Example | None:
    """The example a submitted query still is word for word, so the picker keeps showing it."""
    text = query.replace("\r\n", "\n").strip()
    return next((e for e in examples if e.text.strip() == text), None)


def form() -> str:
    examples = list_examples(queries_dir())
    picked = _pick(examples)
    text = picked.text if picked else DEFAULT_QUERY
    return render_template("sparql.html", query=text, examples=examples, picked=picked, outcome=None)


def wants_page() -> bool:
    """``page=1`` from a client that names text/html: a browser submitting the editor."""
    return request.method == "GET" and request.args.get("page") == "1" and names_html()


def page() -> Response:
    """The editor with the query's results (or its error) below it."""
    examples = list_examples(queries_dir())
    picked: Example | None = None
    try:
        query = read_query()
        picked = _pick(examples) if query is None else _example_of(query, examples)
        outcome = sparql_page.run(query, requested_timeout()) if query is not None else None
    except WebError as e:
        query, outcome = request.args.get("query", ""), sparql_page.failure(e)
    text = query if query is not None else (picked.text if picked else DEFAULT_QUERY)
    html = render_template("sparql.html", query=text, examples=examples, picked=picked, outcome=outcome)
    status = outcome.error.status if outcome is not None and outcome.error is not None else 200
    return Response(html, status=status, mimetype="text/html")
