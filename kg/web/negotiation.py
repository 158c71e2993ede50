"""Pick a representation from the client's ``Accept`` header (q-values via werkzeug)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

# name -> media types that select it, preferred first. The first name is the
# default for ``*/*`` and for a request without ``Accept``.
RESULT_MEDIA: dict[str, list[str]] = {
    "json": ["application/sparql-results+json", "application/json"],
    "xml": ["application/sparql-results+xml", "application/xml", "text/xml"],
    "csv": ["text/csv"],
    "tsv": ["text/tab-separated-values"],
}
GRAPH_MEDIA: dict[str, list[str]] = {
    "turtle": ["text/turtle", "application/x-turtle"],
    "ntriples": ["application/n-triples"],
    "jsonld": ["application/ld+json", "application/json"],
    "rdfxml": ["application/rdf+xml", "application/xml"],
}
PAGE_MEDIA: dict[str, list[str]] = {
    "html": ["text/html", "application/xhtml+xml"],
    "json": ["application/json"],
    "turtle": ["text/turtle", "application/x-turtle"],
    "jsonld": ["application/ld+json"],
}


def _accept() -> MIMEAccept:
    """The Accept header with media-type parameters other than q dropped: a client asking for
    ``text/turtle; charset=utf-8`` wants Turtle, which werkzeug would not match to ``text/turtle``."""
    raw = request.headers.get("Accept")
    if raw is None:
        return request.accept_mimetypes
    parts = []
    for item in raw.split(","):
        media, *params = (p.strip() for p in item.split(";"))
        q = next((p for p in params if p.replace(" ", "").startswith("q=")), None)
        parts.append(f"{media};{q}" if q else media)
    return parse_accept_header(",".join(parts), MIMEAccept)


def negotiate(offers: Mapping[str, Sequence[str]]) -> str | None:
    """The offer the client likes best, or None if it accepts none of them."""
    accept = _accept()
    if not accept.provided:
        # No Accept header means "anything" (RFC 9110), so the default.
        return next(iter(offers))
    by_media: dict[str, str] = {}
    for name, media_types in offers.items():
        for media_type in media_types:
            by_media.setdefault(media_type, name)
    best = accept.best_match(list(by_media))
    return by_media[best] if best is not None else None


def accepts_html() -> bool:
    accept = request.accept_mimetypes
    return not accept.provided or accept["text/html"] > 0


def prefers_json() -> bool:
    """True for a client that ranks JSON above HTML (or does not take HTML at all)."""
    accept = request.accept_mimetypes
    if not accept.provided:
        return False
    html = accept["text/html"]
    return html == 0 or accept["application/json"] > html
