"""The home page and the person pages: HTML, JSON and RDF from one data function each."""

from __future__ import annotations

import re
from dataclasses import asdict

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, redirect, render_template, url_for

from kg.vocab import sparql_prefixes
from kg.web import data
from kg.web.context import base_iri, current_store
from kg.web.errors import WebError
from kg.web.negotiation import PAGE_MEDIA, negotiate

bp = Blueprint("entities", __name__)

# Minted slugs are lowercase ASCII words joined by '-'; anything else cannot name a person.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUFFIXES = {"json": "json", "ttl": "turtle", "jsonld": "jsonld"}
GRAPH_FORMAT_MEDIA = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


def _negotiated(name: str | None) -> str:
    if name is None:
        media = ", ".join(t for ts in PAGE_MEDIA.values() for t in ts)
        raise WebError(406, "None of the accepted media types is offered for this page.", f"Accept one of {media}.")
    return name


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


def _no_person(slug: str) -> WebError:
    return WebError(404, f"There is no person {slug!r} in the graph.", "The home page lists every person.")


@bp.route("/")
def home() -> Response:
    fmt = _negotiated(negotiate({"html": PAGE_MEDIA["html"], "json": PAGE_MEDIA["json"]}))
    view = data.home_view(current_store(), base_iri())
    if fmt == "json":
        return _vary(jsonify(asdict(view)))
    return _vary(Response(render_template("home.html", view=view), mimetype="text/html"))


@bp.route("/person/<slug>")
def person(slug: str) -> Response:
    return _person(slug, _negotiated(negotiate(PAGE_MEDIA)), vary=True)


@bp.route("/person/<slug>.<ext>")
def person_as(slug: str, ext: str) -> Response:
    if ext not in SUFFIXES:
        raise WebError(404, f"Person pages have no .{ext} form.", f"Use one of .{', .'.join(SUFFIXES)}.")
    return _person(slug, SUFFIXES[ext], vary=False)


def _person(slug: str, fmt: str, vary: bool) -> Response:
    if not SLUG.fullmatch(slug):
        raise _no_person(slug)
    store, base = current_store(), base_iri()
    moved = _moved_person(slug, fmt if not vary else None)
    if moved is not None:
        return moved
    if fmt in GRAPH_FORMAT_MEDIA:
        response = _person_graph(slug, fmt)
    else:
        view = data.person_view(store, base, slug)
        if view is None:
            raise _no_person(slug)
        if fmt == "json":
            response = jsonify(asdict(view))
        else:
            links = {name: url_for("entities.person_as", slug=slug, ext=ext) for ext, name in SUFFIXES.items()}
            response = Response(render_template("person.html", view=view, links=links), mimetype="text/html")
    return _vary(response) if vary else response


def _moved_person(slug: str, ext_format: str | None) -> Response | None:
    """An IRI that a later merge renamed keeps resolving: 301 to the node it became."""
    store, base = current_store(), base_iri()
    iri = base + "person/" + slug
    if data.person_exists(store, iri):
        return None
    new = data.moved_to(store, iri)
    if new is None or not new.startswith(base + "person/"):
        return None
    new_slug = new[len(base + "person/"):]
    ext = next((e for e, f in SUFFIXES.items() if f == ext_format), None)
    target = url_for("entities.person_as", slug=new_slug, ext=ext) if ext else url_for(
        "entities.person", slug=new_slug)
    return redirect(target, code=301)


def _person_graph(slug: str, fmt: str) -> Response:
    store = current_store()
    iri = base_iri() + "person/" + slug
    if not data.person_exists(store, iri):
        raise _no_person(slug)
    result = store.execute(sparql_prefixes() + data.PERSON_GRAPH, graph_format=fmt,
                           substitutions={ox.Variable("p"): ox.NamedNode(iri)})
    return Response(result.body, content_type=GRAPH_FORMAT_MEDIA[fmt])
