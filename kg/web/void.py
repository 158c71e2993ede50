"""The dataset described for machines (VoID at ``/.well-known/void``) and its dumps (``/dump.*``).

VoID (https://www.w3.org/TR/void/) says what the store holds: counts of triples, entities,
classes and properties, the vocabularies it uses, a few example resources, where the SPARQL
endpoint and the dumps are, the IRI space, and the data licence when one is configured
(``DATA_LICENSE``). Turtle by default; JSON-LD or N-Triples by ``Accept``.

Counting walks the whole store (about a second per 100,000 triples), so the figures are kept
per store object and recomputed only after ``VOID_MAX_AGE`` seconds (default an hour; the
store changes only through updates).

The dumps stream: the store is serialized in chunks while the response is sent, so the server
never holds the whole graph. N-Quads and TriG keep the article graphs; N-Triples and Turtle
are the union, each triple once.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, stream_with_context

from kg import query as q
from kg.store import KGStore
from kg.vocab import PREFIXES
from kg.web.context import base_iri, current_store
from kg.web.errors import WebError
from kg.web.negotiation import negotiate

bp = Blueprint("void", __name__)

VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
FORMATS = "http://www.w3.org/ns/formats/"
VOID_PREFIXES = {"void": VOID, "foaf": FOAF, **PREFIXES}

MEDIA: dict[str, list[str]] = {
    "turtle": ["text/turtle", "application/x-turtle"],
    "jsonld": ["application/ld+json", "application/json"],
    "ntriples": ["application/n-triples"],
}
# suffix -> (export format, W3C format name for void:feature)
DUMPS: dict[str, tuple[str, str]] = {
    "nq": ("nquads", "N-Quads"),
    "trig": ("trig", "TriG"),
    "nt": ("ntriples", "N-Triples"),
    "ttl": ("turtle", "Turtle"),
}
# The classes whose members are the dataset's example resources, in this order.
EXAMPLE_CLASSES = ["Person", "Event", "Claim", "Organization", "Article"]
# Namespaces only used for datatypes or as RDF's own machinery are not vocabularies of the data.
NOT_VOCABULARIES = {"rdf", "xsd"}


@dataclass(frozen=True)
class DatasetStats:
    triples: int  # distinct triples in the union of all graphs
    entities: int  # distinct subjects that have a type
    properties: dict[str, int]  # predicate IRI -> distinct triples
    classes: dict[str, int]  # class IRI -> distinct instances
    examples: list[str]
    computed: float = field(default_factory=time.time)


def dataset_stats(store: KGStore) -> DatasetStats:
    """Count the store: one pass over the distinct triples, plus one query for the entities."""
    properties: dict[str, int] = {}
    classes: dict[str, int] = {}
    for t in store.union_triples():
        p = t.predicate.value
        properties[p] = properties.get(p, 0) + 1
        if p == RDF_TYPE:
            # Distinct triples, so each (instance, class) pair counts once.
            classes[t.object.value] = classes.get(t.object.value, 0) + 1
    rows = store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type }")
    examples = []
    for name in EXAMPLE_CLASSES:
        found = store.select(f"SELECT ?x WHERE {{ ?x a nkg:{name} }} LIMIT 1")
        examples += [row["x"].value for row in found if isinstance(row["x"], ox.NamedNode)]
    return DatasetStats(sum(properties.values()), int(rows[0]["n"].value), properties, classes, examples)


class StatsCache:
    """Figures per store object, computed once under a lock (concurrent first requests wait)."""

    def __init__(self) -> None:
        self._stats: weakref.WeakKeyDictionary[KGStore, DatasetStats] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: KGStore, max_age: float) -> DatasetStats:
        with self._lock:
            stats = self._stats.get(store)
            if stats is None or time.time() - stats.computed > max_age:
                stats = self._stats[store] = dataset_stats(store)
            return stats


CACHE = StatsCache()


# -- the description -----------------------------------------------------------------------------

def _t(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.Triple:
    return ox.Triple(s, ox.NamedNode(p), o)


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)


def vocabularies(stats: DatasetStats) -> list[str]:
    """The vocabulary IRIs (namespace without a trailing '#') whose terms the data uses."""
    terms = [*stats.properties, *stats.classes]
    used = [ns for prefix, ns in PREFIXES.items()
            if prefix not in NOT_VOCABULARIES and any(term.startswith(ns) for term in terms)]
    return [ns.removesuffix("#") for ns in used]


def void_triples(stats: DatasetStats, root: str, uri_space: str, license_iri: str | None) -> list[ox.Triple]:
    """The VoID description; ``root`` is the server's absolute URL ending in '/'."""
    doc = ox.NamedNode(root + ".well-known/void")
    ds = ox.NamedNode(root + ".well-known/void#dataset")
    out = [
        _t(doc, RDF_TYPE, ox.NamedNode(VOID + "DatasetDescription")),
        _t(doc, FOAF + "primaryTopic", ds),
        _t(ds, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        _t(ds, DCTERMS + "title", ox.Literal("newskg", language="en")),
        _t(ds, DCTERMS + "description", ox.Literal(
            "Who said what, and who called or met whom, in German news articles: claims with their "
            "speakers and the passages they were read from, and conversations between persons.", language="en")),
        _t(ds, DCTERMS + "description", ox.Literal(
            "Wer hat in deutschsprachigen Nachrichtenartikeln was gesagt, wer hat mit wem telefoniert oder "
            "sich getroffen: Aussagen mit Sprechern und Textstellen, Gespräche zwischen Personen.", language="de")),
        _t(ds, VOID + "triples", _count(stats.triples)),
        _t(ds, VOID + "entities", _count(stats.entities)),
        _t(ds, VOID + "classes", _count(len(stats.classes))),
        _t(ds, VOID + "properties", _count(len(stats.properties))),
        _t(ds, VOID + "uriSpace", ox.Literal(uri_space)),
        _t(ds, VOID + "sparqlEndpoint", ox.NamedNode(root + "sparql")),
    ]
    for suffix, (_, name) in DUMPS.items():
        out += [_t(ds, VOID + "dataDump", ox.NamedNode(f"{root}dump.{suffix}")),
                _t(ds, VOID + "feature", ox.NamedNode(FORMATS + name))]
    out += [_t(ds, VOID + "vocabulary", ox.NamedNode(v)) for v in vocabularies(stats)]
    out += [_t(ds, VOID + "exampleResource", ox.NamedNode(x)) for x in stats.examples]
    if license_iri:
        out.append(_t(ds, DCTERMS + "license", ox.NamedNode(license_iri)))
    # The dataset's own triples first, then each partition's: Turtle groups consecutive subjects.
    partitions: list[ox.Triple] = []
    for cls, n in sorted(stats.classes.items()):
        part = _partition(doc, "class", cls)
        out.append(_t(ds, VOID + "classPartition", part))
        partitions += [_t(part, VOID + "class", ox.NamedNode(cls)), _t(part, VOID + "entities", _count(n))]
    for prop, n in sorted(stats.properties.items()):
        part = _partition(doc, "property", prop)
        out.append(_t(ds, VOID + "propertyPartition", part))
        partitions += [_t(part, VOID + "property", ox.NamedNode(prop)), _t(part, VOID + "triples", _count(n))]
    return out + partitions


def _partition(doc: ox.NamedNode, kind: str, iri: str) -> ox.NamedNode:
    """``…/void#class-nkg-Person``: readable, and stable for a client that links to it."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return ox.NamedNode(f"{doc.value}#{kind}-{prefix}-{quote(iri[len(ns):], safe='')}")
    return ox.NamedNode(f"{doc.value}#{kind}-{quote(iri, safe='')}")


def _public(response: Response) -> Response:
    # Open data, no cookies: any site's browser tools may read it.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    fmt = negotiate(MEDIA)
    if fmt is None:
        raise WebError(406, "The VoID description is available as Turtle, JSON-LD or N-Triples.",
                       "Send Accept: text/turtle, application/ld+json or application/n-triples.")
    stats = CACHE.get(current_store(), float(current_app.config.get("VOID_MAX_AGE", 3600)))
    triples = void_triples(stats, request.url_root, base_iri(), current_app.config.get("DATA_LICENSE"))
    rdf_format = q.GRAPH_FORMATS[fmt]
    response = Response(ox.serialize(triples, format=rdf_format, prefixes=VOID_PREFIXES),
                        content_type=rdf_format.media_type)
    response.headers["Vary"] = "Accept"
    return _public(response)


# -- the dumps -------------------------------------------------------------------------------------

@bp.route("/dump.<suffix>")
def dump(suffix: str) -> Response:
    if suffix not in DUMPS:
        raise WebError(404, f"There is no dump in the format {suffix!r}.",
                       f"Ask for one of {', '.join('/dump.' + s for s in DUMPS)}.")
    fmt = DUMPS[suffix][0]
    store = current_store()
    # A HEAD answer has no body, and the server may still drain the generator: do not serialize the store.
    chunks: Iterator[bytes] = iter(()) if request.method == "HEAD" else store.export_chunks(fmt)
    response = Response(stream_with_context(chunks), content_type=q.DATASET_FORMATS[fmt].media_type)
    response.headers["Content-Disposition"] = f'inline; filename="newskg.{suffix}"'
    return _public(response)
