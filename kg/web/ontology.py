"""The ontology at its namespace: ``/ns`` answers documentation for people and RDF for machines.

The namespace is ``https://w3id.org/newskg/ns#``, so every term IRI dereferences to ``/ns`` (the
fragment never reaches the server) and the HTML has an entry ``id="Person"`` for each term. The
form is chosen by ``Accept`` (HTML, Turtle, JSON-LD, N-Triples, RDF/XML; 406 if none fits) or by
suffix (``/ns.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``). The version IRI ``/ns/<version>``
answers the same while it names the current version.

Everything is read from ``ontology/newskg.ttl`` (config ``ONTOLOGY_PATH`` to serve another file),
parsed once and kept until the file changes, so an edited ontology is served without a restart.
Turtle is the file itself, comments and all: they explain why each alignment holds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, url_for
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.web.errors import WebError
from kg.web.negotiation import negotiate
from kg.web.ontology_doc import OntologyDoc, read

bp = Blueprint("ontology", __name__)

ONTOLOGY_FILE = Path(__file__).resolve().parents[2] / "ontology" / "newskg.ttl"

# Representation -> media types that select it, preferred first; HTML is the default for */*.
MEDIA: dict[str, list[str]] = {
    "html": ["text/html", "application/xhtml+xml"],
    "turtle": ["text/turtle", "application/x-turtle"],
    "jsonld": ["application/ld+json", "application/json"],
    "ntriples": ["application/n-triples"],
    "rdfxml": ["application/rdf+xml", "application/xml", "text/xml"],
}
SUFFIXES = {"html": "html", "ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples", "rdf": "rdfxml"}
EXTENSION = {fmt: ext for ext, fmt in SUFFIXES.items()}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
RDFLIB_FORMATS = {"jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}  # pretty-xml warns on OWL lists


@dataclass(frozen=True)
class Published:
    """One version of the ontology file in every form the server sends."""

    doc: OntologyDoc
    bodies: dict[str, bytes]  # representation -> bytes, for every form but HTML


def ontology_path() -> Path:
    return Path(current_app.config.get("ONTOLOGY_PATH") or ONTOLOGY_FILE)


def published() -> Published:
    path = ontology_path()
    try:
        # The modification time is part of the key, so an edited file is parsed again.
        return _load(path, path.stat().st_mtime_ns)
    except OSError as e:
        current_app.logger.error("cannot read the ontology file %s: %s", path, e)
        raise WebError(503, "The ontology file is not available.",
                       "The operator should check that ontology/newskg.ttl exists (or set ONTOLOGY_PATH).") from e
    except (BadSyntax, ValueError) as e:
        current_app.logger.error("cannot parse the ontology file %s: %s", path, e)
        raise WebError(503, "The ontology file cannot be read.",
                       "The operator should fix its Turtle syntax; tests/test_ontology.py shows where.") from e


@functools.lru_cache(maxsize=2)
def _load(path: Path, mtime_ns: int) -> Published:
    source = path.read_bytes()
    graph = Graph(bind_namespaces="none").parse(data=source, format="turtle")
    bodies = {"turtle": source}
    for fmt, rdflib_format in RDFLIB_FORMATS.items():
        options = {"context": dict(graph.namespaces()), "auto_compact": True} if fmt == "jsonld" else {}
        bodies[fmt] = graph.serialize(format=rdflib_format, encoding="utf-8", **options)
    return Published(read(graph), bodies)


def _split(name: str) -> tuple[str, str | None]:
    """``0.1.0.ttl`` -> (``0.1.0``, turtle); a dot that starts no known suffix stays in the name."""
    head, dot, ext = name.rpartition(".")
    return (head, SUFFIXES[ext]) if dot and ext in SUFFIXES else (name, None)


@bp.route("/ns")
def namespace() -> Response:
    return _answer(None)


@bp.route("/ns.<ext>")
def namespace_as(ext: str) -> Response:
    fmt = SUFFIXES.get(ext)
    if fmt is None:
        raise WebError(404, f"The ontology is not offered as .{ext}.",
                       "Use /ns.html, /ns.ttl, /ns.jsonld, /ns.nt or /ns.rdf, or ask /ns with an Accept header.")
    return _answer(fmt)


@bp.route("/ns/<version>")
def version(version: str) -> Response:
    name, fmt = _split(version)
    current = published().doc
    if not current.version_iri.endswith("/" + name):
        raise WebError(404, f"There is no version {name!r} of the ontology here.",
                       f"This server has version {current.version}: see {url_for('ontology.namespace')}.")
    return _answer(fmt)


def _answer(fmt: str | None) -> Response:
    chosen = fmt or negotiate(MEDIA)
    if chosen is None:
        media = ", ".join(t for ts in MEDIA.values() for t in ts)
        raise WebError(406, "None of the accepted media types is offered for the ontology.", f"Accept one of {media}.")
    onto = published()
    if chosen == "html":
        body: str | bytes = render_template("ontology.html", doc=onto.doc, links=_links())
    else:
        body = onto.bodies[chosen]
    response = Response(body, content_type=CONTENT_TYPES[chosen])
    response.headers["Link"] = ", ".join(
        f'<{url}>; rel="alternate"; type="{MEDIA[f][0]}"' for f, url in _links().items() if f != chosen)
    if fmt is None:
        response.headers["Vary"] = "Accept"
        response.headers["Content-Location"] = _links()[chosen]
    return response


def _links() -> dict[str, str]:
    base = url_for("ontology.namespace")
    return {fmt: f"{base}.{EXTENSION[fmt]}" for fmt in MEDIA}
