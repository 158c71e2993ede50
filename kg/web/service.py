"""How the endpoint presents itself to machines: its SPARQL Service Description, and CORS.

``GET /sparql`` without a query gives a browser the SPARQL page and any other client the
service description (Turtle, RDF/XML, JSON-LD or N-Triples by Accept): the endpoint, the
languages (Update only when enabled), the result formats, the features and the default
dataset. CORS lets browser tools on other sites (YASGUI and the like) query the endpoint;
with ``*`` as origin, browsers send no cookies, and the endpoint uses none.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Response, request

from kg import query as q
from kg.resolve.iris import Minter
from kg.web.context import current_store
from kg.web.negotiation import negotiate

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
SD_PREFIXES = {"sd": SD, "formats": FORMATS, "rdfs": RDFS, "dcterms": DCTERMS}
SD_MEDIA: dict[str, list[str]] = {
    "turtle": ["text/turtle", "application/x-turtle"],
    "rdfxml": ["application/rdf+xml"],
    "jsonld": ["application/ld+json"],
    "ntriples": ["application/n-triples"],
}
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]
MAX_NAMED_GRAPHS = 100  # article graphs are not listed one by one; the rest is resolution and curation
CORS_ROOTS = ("/sparql", "/store")
CORS_HEADERS = "Accept, Authorization, Content-Type"


def wanted_format() -> str | None:
    """The description format the client asks for; None if it accepts none of them."""
    return negotiate(SD_MEDIA)


def describe(endpoint: str, fmt: str, *, updates: bool, base: str) -> Response:
    """The sd:Service description of ``endpoint``. Named graphs are listed, except the article
    graphs (one per article, under ``base``), which the default graph's comment summarises."""
    articles = Minter(base).article("")
    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    triples = [
        _t(service, RDF_TYPE, _sd("Service")),
        _t(service, SD + "endpoint", ox.NamedNode(endpoint)),
        _t(service, RDFS + "label", ox.Literal("newskg SPARQL endpoint", language="en")),
        _t(service, SD + "supportedLanguage", _sd("SPARQL11Query")),
        _t(service, SD + "feature", _sd("UnionDefaultGraph")),
        _t(service, SD + "defaultEntailmentRegime", ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        _t(service, SD + "defaultDataset", dataset),
        _t(dataset, RDF_TYPE, _sd("Dataset")),
        _t(dataset, SD + "defaultGraph", default),
        _t(default, RDF_TYPE, _sd("Graph")),
        _t(default, RDFS + "comment", ox.Literal(
            f"The union of all graphs: one per article ({articles}…) and the resolution graph, both written "
            "by kg build, plus curation graphs and the store's own default graph. GRAPH ?g reaches each "
            "named graph.", language="en")),
    ]
    triples += [_t(service, SD + "resultFormat", ox.NamedNode(FORMATS + name)) for name in RESULT_FORMATS]
    if updates:
        triples += [_t(service, SD + "supportedLanguage", _sd("SPARQL11Update")),
                    _t(service, SD + "feature", _sd("EmptyGraphs"))]
    for graph in q.named_graphs(current_store().ox, MAX_NAMED_GRAPHS, skip_prefixes=[articles]):
        node = ox.BlankNode()
        triples += [_t(dataset, SD + "namedGraph", node), _t(node, RDF_TYPE, _sd("NamedGraph")),
                    _t(node, SD + "name", graph)]
    rdf_format = q.GRAPH_FORMATS[fmt]
    body = ox.serialize(triples, format=rdf_format, prefixes=SD_PREFIXES)
    response = Response(body, content_type=rdf_format.media_type)
    response.headers["Vary"] = "Accept"
    return response


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def _t(subject: ox.NamedNode | ox.BlankNode, predicate: str,
       obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.Triple:
    return ox.Triple(subject, ox.NamedNode(predicate), obj)


def add_cors(response: Response) -> Response:
    """CORS headers on the protocol endpoints, and the preflight answer (OPTIONS)."""
    path = request.path
    if not any(path == root or path.startswith(root + "/") for root in CORS_ROOTS):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "Location, WWW-Authenticate"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, POST, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = "86400"
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="newskg"'
    return response
