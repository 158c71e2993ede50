"""Every entity IRI under the base is a page: one route per kind of resource, many representations.

``/person/wladimir-putin`` answers HTML, JSON, Turtle, JSON-LD and N-Triples, by ``Accept`` or by
suffix (``.json``, ``.ttl``, ``.jsonld``, ``.nt``). HTML and JSON are rendered from the kind's ONE
view function, so they never drift; the RDF forms are the kind's describe query (a CONSTRUCT over
the same store), which the HTML also embeds as JSON-LD. A new kind of page is one ``Kind`` entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from kg.store import KGStore
from kg.vocab import sparql_prefixes
from kg.web.context import base_iri, current_store
from kg.web.errors import WebError
from kg.web.negotiation import negotiate

bp = Blueprint("resources", __name__)

# Representation name -> media types, preferred first; HTML is the default for */*.
MEDIA: dict[str, list[str]] = {
    "html": ["text/html", "application/xhtml+xml"],
    "json": ["application/json"],
    "turtle": ["text/turtle", "application/x-turtle"],
    "jsonld": ["application/ld+json"],
    "ntriples": ["application/n-triples"],
}
SUFFIXES = {"json": "json", "ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples"}
GRAPH_CONTENT_TYPES = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
                       "ntriples": "application/n-triples"}

# The node's own triples, the labels of what it points to, and what points at it (with labels),
# so a machine following the IRI learns what a person reading the page learns.
DESCRIBE = """CONSTRUCT { ?x ?p ?o . ?o rdfs:label ?ol . ?s ?q ?x . ?s rdfs:label ?sl . ?s a ?st } WHERE {
  { ?x ?p ?o OPTIONAL { ?o rdfs:label ?ol } }
  UNION { ?s ?q ?x FILTER(?q != nif:referenceContext) OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?s a ?st } }
}"""

View = Any  # a dataclass instance; each kind defines its own


@dataclass(frozen=True)
class Kind:
    """One kind of resource: the IRI segment after the base, its page and its data."""

    segment: str  # "person" for …/person/<rest>
    noun: str  # for messages: "person", "event", …
    template: str
    view: Callable[[KGStore, str, str], View | None]  # (store, base, iri) -> the page's data, None if unknown
    describe: str = DESCRIBE  # CONSTRUCT with ?x bound to the IRI
    embed: str | None = None  # a smaller CONSTRUCT for the JSON-LD inside the HTML; default: describe


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.segment] = kind


def page_url(iri: str | None) -> str | None:
    """The path on this server that answers ``iri``, or None for an IRI from elsewhere."""
    if not iri:
        return None
    base = base_iri()
    if not iri.startswith(base):
        return None
    rest = iri[len(base):]
    return "/" + rest if rest.split("/", 1)[0] in KINDS else None


def _split_suffix(rest: str) -> tuple[str, str | None]:
    head, dot, ext = rest.rpartition(".")
    if dot and ext in SUFFIXES and "/" not in ext:
        return head, SUFFIXES[ext]
    return rest, None


def _iri(segment: str, rest: str) -> str:
    # The router hands over the decoded path; minted IRIs percent-encode what is not plain.
    return f"{base_iri()}{segment}/{quote(rest, safe='/-_.~!$&()*+,;=:@')}"


@bp.route("/<segment>/<path:rest>")
def resource(segment: str, rest: str) -> Response:
    kind = KINDS.get(segment)
    if kind is None:
        raise WebError(404, f"There is no page at /{segment}/….", "The home page links to everything the graph holds.")
    name, fmt = _split_suffix(rest)
    chosen = fmt or negotiate(MEDIA)
    if chosen is None:
        media = ", ".join(t for ts in MEDIA.values() for t in ts)
        raise WebError(406, "None of the accepted media types is offered for this page.", f"Accept one of {media}.")
    response = represent(kind, _iri(segment, name), chosen, f"/{segment}/{name}")
    if fmt is None:
        response.headers["Vary"] = "Accept"
    return response


def represent(kind: Kind, iri: str, fmt: str, path: str) -> Response:
    store, base = current_store(), base_iri()
    view = kind.view(store, base, iri)
    if view is None:
        moved = _moved(store, iri, fmt)
        if moved is not None:
            return moved
        raise WebError(404, f"There is no {kind.noun} {path.rsplit('/', 1)[-1]!r} in the graph.",
                       "The home page and the search link to everything the graph holds.")
    if fmt == "json":
        return jsonify(asdict(view))
    if fmt in GRAPH_CONTENT_TYPES:
        return Response(describe(store, kind, iri, fmt), content_type=GRAPH_CONTENT_TYPES[fmt])
    links = {ext: f"{path}.{ext}" for ext in SUFFIXES}
    embedded = describe(store, kind, iri, "jsonld", kind.embed).decode("utf-8")
    html = render_template(kind.template, view=view, links=links, jsonld=_script_safe(embedded))
    return Response(html, mimetype="text/html")


def describe(store: KGStore, kind: Kind, iri: str, fmt: str, query: str | None = None) -> bytes:
    result = store.execute(sparql_prefixes() + (query or kind.describe), graph_format=fmt,
                           substitutions={ox.Variable("x"): ox.NamedNode(iri)})
    return result.body


def _script_safe(text: str) -> str:
    """JSON inside <script> must not close the element or open a comment, whatever the article said."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


MOVED = "SELECT ?old ?new WHERE { ?old owl:sameAs ?new } ORDER BY ?new LIMIT 1"


def _moved(store: KGStore, iri: str, fmt: str) -> Response | None:
    """An IRI that a later merge renamed keeps resolving: 301 to the node it became."""
    rows = store.select(MOVED, old=ox.NamedNode(iri))
    target = page_url(rows[0]["new"].value) if rows else None
    if target is None:
        return None
    ext = next((e for e, f in SUFFIXES.items() if f == fmt), None)
    if ext and request.path.endswith(f".{ext}"):
        target = f"{target}.{ext}"
    return redirect(target, code=301)  # type: ignore[return-value]


def link(segment: str, rest: str) -> str:
    return url_for("resources.resource", segment=segment, rest=rest)
