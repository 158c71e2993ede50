"""The home page: what the graph holds, from one data function as HTML or JSON."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, jsonify, render_template

from kg.web import home as home_data
from kg.web.context import current_store
from kg.web.errors import WebError
from kg.web.negotiation import PAGE_MEDIA, negotiate

bp = Blueprint("entities", __name__)


@bp.route("/")
def home() -> Response:
    fmt = negotiate({"html": PAGE_MEDIA["html"], "json": PAGE_MEDIA["json"]})
    if fmt is None:
        raise WebError(406, "None of the accepted media types is offered for this page.",
                       "Accept text/html or application/json.")
    view = home_data.home_view(current_store())
    response = jsonify(asdict(view)) if fmt == "json" else Response(
        render_template("home.html", view=view), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response
