"""The SPARQL 1.1 Graph Store Protocol at ``/store``: whole graphs over plain HTTP.

``/store?default`` is the store's own default graph (where untargeted curation goes; queries
see the union of all graphs instead), ``/store?graph=IRI`` a named graph, ``/store/<path>``
the graph named by that URL itself (direct identification). GET and HEAD always work; PUT,
POST and DELETE only with updates enabled, authorized like SPARQL updates, and never on the
graphs ``kg build`` writes.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, request, url_for
from werkzeug.datastructures import MIMEAccept

from kg import query as q
from kg.web.context import current_store
from kg.web.errors import WebError
from kg.web.negotiation import GRAPH_MEDIA
from kg.web.update import authorize, refuse_build_owned, writing

bp = Blueprint("store", __name__)
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]
READ_ONLY = WebError(403, "Graph Store updates are disabled: this endpoint is read-only.",
                     "Read graphs with GET; the operator can enable writes with 'kg serve --allow-update'.")
NO_GRAPH = WebError(400, "No graph was named.", "Add ?default for the default graph or ?graph=<IRI> (URL-encoded).")
CHARSET_TYPES = ("text/turtle", "application/n-triples")
UPLOAD_LIMIT = 64 * 1024 * 1024  # graphs are bigger than queries


@bp.before_request
def _allow_uploads() -> None:
    # Whole graphs may exceed the app's limit for query bodies (MAX_CONTENT_LENGTH).
    if request.method in ("PUT", "POST"):
        request.max_content_length = UPLOAD_LIMIT


@bp.route("/store", methods=METHODS)
def indirect() -> Response:
    return handle(named_by_parameters())


@bp.route("/store/<path:rest>", methods=METHODS)
def direct(rest: str) -> Response:
    return handle(ox.NamedNode(request.base_url))


def named_by_parameters() -> q.Graph | None:
    graphs = request.args.getlist("graph")
    if len(graphs) > 1 or (graphs and "default" in request.args):
        raise WebError(400, "More than one graph was named.", "Send either ?default or one ?graph=<IRI>.")
    if "default" in request.args:
        return ox.DefaultGraph()
    if not graphs:
        return None
    try:
        return ox.NamedNode(graphs[0])
    except ValueError as e:
        raise WebError(400, f"The graph parameter is not an absolute IRI: {e}.",
                       "Pass ?graph=https://... with the IRI URL-encoded.") from None


def handle(graph: q.Graph | None) -> Response:
    if request.method in ("GET", "HEAD"):
        if graph is None:
            raise NO_GRAPH
        return read(graph)
    authorize(READ_ONLY)
    if request.method == "POST" and graph is None:
        return create()
    if graph is None:
        raise NO_GRAPH
    if isinstance(graph, ox.NamedNode):
        refuse_build_owned([graph.value])
    if request.method == "DELETE":
        return delete(graph)
    triples = read_body(graph)
    with writing() as store:
        existed = q.has_graph(store, graph)
        q.write_graph(store, graph, triples, replace=request.method == "PUT")
    return Response(status=204 if existed else 201)


def graph_format() -> str | None:
    """The RDF format the client accepts best. Unlike ``negotiate``, media type parameters are
    ignored: GSP clients send ``Accept: text/turtle; charset=utf-8``, and werkzeug would match
    that only against an offer with the very same parameter."""
    if not request.accept_mimetypes.provided:
        return next(iter(GRAPH_MEDIA))
    accept = MIMEAccept([(media.split(";")[0].strip(), quality) for media, quality in request.accept_mimetypes])
    offers: dict[str, str] = {}
    for name, types in GRAPH_MEDIA.items():  # preferred first, for */* and ties
        for media in types:
            offers.setdefault(media, name)
    best = accept.best_match(list(offers))
    return offers[best] if best is not None else None


def read(graph: q.Graph) -> Response:
    fmt = graph_format()
    if fmt is None:
        media = ", ".join(t for types in GRAPH_MEDIA.values() for t in types)
        raise WebError(406, "None of the accepted media types is an RDF format this store serves.",
                       f"Accept one of {media}.")
    store = current_store().ox
    if not q.has_graph(store, graph):
        raise WebError(404, "There is no such graph in the store.", "Check the IRI; PUT creates a graph.")
    result = q.dump_graph(store, graph, fmt)
    charset = "; charset=utf-8" if result.media_type in CHARSET_TYPES else ""
    response = Response(result.body, content_type=result.media_type + charset)
    response.headers["Vary"] = "Accept"
    return response


def create() -> Response:
    """POST to the store itself: a new graph under a fresh IRI, which the Location header names."""
    graph = ox.NamedNode(url_for("store.direct", rest=uuid.uuid4().hex, _external=True))
    triples = read_body(graph)
    with writing() as store:
        q.write_graph(store, graph, triples, replace=True)
    response = Response(status=201)
    response.headers["Location"] = graph.value
    return response


def delete(graph: q.Graph) -> Response:
    with writing() as store:
        if not q.has_graph(store, graph):
            raise WebError(404, "There is no such graph in the store.", "Nothing was deleted.")
        q.drop_graph(store, graph)
    return Response(status=204)


def read_body(graph: q.Graph) -> list[ox.Triple]:
    """The RDF the request carries (a body, or the files of a multipart form) as triples."""
    base = graph.value if isinstance(graph, ox.NamedNode) else request.base_url
    if request.mimetype == "multipart/form-data":
        parts = [part for key in request.files for part in request.files.getlist(key)]
        if not parts:
            raise WebError(400, "The form carries no files.", "Send each RDF document as a file part "
                           "with its own Content-Type (e.g. text/turtle).")
        return [t for part in parts for t in _parse(part.read(), part.mimetype, base)]
    data = request.get_data()
    if not data and not request.mimetype:
        return []  # an empty PUT makes an empty graph
    return _parse(data, request.mimetype, base)


def _parse(data: bytes, media: str, base: str) -> list[ox.Triple]:
    try:
        return q.parse_graph(data, media, base)
    except q.UnsupportedFormat as e:
        raise WebError(415, f"Cannot read this upload: {e}.", "Send Turtle, N-Triples, RDF/XML or JSON-LD "
                       "with its media type in Content-Type.") from None
    except q.QueryError as e:
        raise WebError(400, f"The uploaded RDF is not valid: {e}.", "Nothing was written; fix the data.") from None
