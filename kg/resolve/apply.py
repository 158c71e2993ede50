"""Resolution over the whole store: read every article's persons and events, decide one node
for each, rename IRIs inside the article graphs, and write the resolution graph.

Runs after every ``kg build`` and ``kg remove``. Each step is idempotent and reads only what
the article graphs say, so an interrupted run is completed by the next one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.resolve.events import EventResolution, LocalEvent, resolve_events
from kg.resolve.iris import Minter
from kg.resolve.persons import LocalPerson, PersonResolution, resolve_persons
from kg.store import KGStore
from kg.vocab import NKG

# Only article graphs (each names itself as an nkg:Article) are read and renamed: graphs that
# curators wrote through SPARQL Update or the Graph Store are theirs, whatever they hold.
_PERSONS = """
SELECT ?g ?p ?name WHERE { GRAPH ?g { ?g a nkg:Article . ?p a nkg:Person ; skos:altLabel ?name } }
"""
_EVENTS = """
SELECT ?g ?e ?type ?date ?status ?p WHERE {
  GRAPH ?g { ?g a nkg:Article . ?e a nkg:Event ; a ?type ; nkg:participant ?p .
             OPTIONAL { ?e nkg:onDate ?date } OPTIONAL { ?e nkg:reportedStatus ?status } }
  FILTER(?type IN (nkg:Call, nkg:Meeting, nkg:PhoneCall, nkg:VideoCall))
}
"""
_ORGANIZATIONS = """
SELECT ?o ?name (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { ?g a nkg:Article . ?o a nkg:Organization ; skos:altLabel ?name }
} GROUP BY ?o ?name
"""
_MEDIUM = {str(NKG.PhoneCall): "phone", str(NKG.VideoCall): "video", str(NKG.Meeting): "meeting"}
_STATUS = {str(NKG.Happened): "happened", str(NKG.Planned): "planned"}


@dataclass
class ResolveSummary:
    persons: int
    merged: int  # local persons that joined a node named elsewhere
    events: int
    rewritten: int  # article graphs whose IRIs changed
    candidates: int  # skos:closeMatch pairs
    quads: int  # in the resolution graph


def _n(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def read_persons(store: KGStore) -> list[LocalPerson]:
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.select(_PERSONS):
        names[(row["g"].value, row["p"].value)].add(row["name"].value)
    return [LocalPerson(g, p, frozenset(n)) for (g, p), n in names.items()]


def read_events(store: KGStore) -> list[LocalEvent]:
    found: dict[tuple[str, str], dict] = {}
    for row in store.select(_EVENTS):
        key = (row["g"].value, row["e"].value)
        ev = found.setdefault(key, {"types": set(), "people": set(), "date": None, "status": "happened"})
        ev["types"].add(row["type"].value)
        ev["people"].add(row["p"].value)
        if row.get("date") is not None:
            ev["date"] = row["date"].value
        if row.get("status") is not None:
            ev["status"] = _STATUS.get(row["status"].value, "happened")
    out = []
    for (g, e), ev in found.items():
        kind = "call" if str(NKG.Call) in ev["types"] else "meeting"
        medium = next((_MEDIUM[t] for t in sorted(ev["types"]) if t in _MEDIUM), None)
        out.append(LocalEvent(g, e, kind, ev["date"], frozenset(ev["people"]), ev["status"], medium))
    return out


def organization_labels(store: KGStore, minter: Minter) -> dict[str, str]:
    """One label per organization: the name its IRI was minted from, else the name most articles use."""
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in store.select(_ORGANIZATIONS):
        names[row["o"].value].append((int(row["articles"].value), row["name"].value))
    labels = {}
    for iri, counted in names.items():
        minted = sorted(name for _, name in counted if minter.organization(name) == iri)
        labels[iri] = minted[0] if minted else min(counted, key=lambda c: (-c[0], c[1]))[1]
    return labels


def resolve_store(store: KGStore, minter: Minter) -> ResolveSummary:
    persons = resolve_persons(read_persons(store), minter)
    events = resolve_events(read_events(store), persons.iri_of, minter, persons.alone_of)
    rewritten = _rename_in_articles(store, persons, events)
    graph = ox.NamedNode(minter.resolution_graph())
    triples = _resolution_triples(persons, events) + _organization_triples(organization_labels(store, minter))
    quads = store.replace_graph(graph, [ox.Quad(s, p, o, graph) for s, p, o in triples])
    merged = sum(1 for (_, local), iri in persons.iri_of.items() if local != iri)
    return ResolveSummary(len(persons.clusters), merged, len(events.events), rewritten, len(persons.close), quads)


def _rename_in_articles(store: KGStore, persons: PersonResolution, events: EventResolution) -> int:
    renames: dict[str, dict[str, str]] = defaultdict(dict)
    for table in (persons.iri_of, events.iri_of):
        for (g, local), iri in table.items():
            if local != iri:
                renames[g][local] = iri
    for g, table in sorted(renames.items()):
        graph = ox.NamedNode(g)
        terms = {ox.NamedNode(a): ox.NamedNode(b) for a, b in table.items()}
        quads = store.ox.quads_for_pattern(None, None, None, graph)
        store.replace_graph(graph, [_renamed(q, terms, graph) for q in quads])
    return len(renames)


def _renamed(quad: ox.Quad, terms: dict[ox.NamedNode, ox.NamedNode], graph: ox.NamedNode) -> ox.Quad:
    # Most quads name nobody renamed: those are kept as read (a new quad with a literal costs ~2 µs).
    subject, obj = quad.subject, quad.object
    if subject in terms or obj in terms:
        return ox.Quad(terms.get(subject, subject), quad.predicate, terms.get(obj, obj), graph)  # type: ignore[arg-type]
    return quad


def _resolution_triples(persons: PersonResolution, events: EventResolution) -> list[tuple]:
    a, label = _n(RDF.type), _n(RDFS.label)
    out: list[tuple] = []
    names = {}
    for cluster in persons.clusters:
        iri = ox.NamedNode(cluster.iri)
        names[cluster.iri] = cluster.label
        out += [(iri, a, _n(NKG.Person)), (iri, label, ox.Literal(cluster.label))]
    for old, new in sorted(persons.aliases.items() | events.aliases.items()):
        out.append((ox.NamedNode(old), _n(OWL.sameAs), ox.NamedNode(new)))
    for x, y in sorted(persons.close):
        out += [(ox.NamedNode(x), _n(SKOS.closeMatch), ox.NamedNode(y)),
                (ox.NamedNode(y), _n(SKOS.closeMatch), ox.NamedNode(x))]
    for iri, ev in sorted(events.events.items()):
        node = ox.NamedNode(iri)
        status = NKG.Happened if ev.status == "happened" else NKG.Planned
        out += [(node, label, ox.Literal(ev.label(names), language="de")), (node, _n(NKG.status), _n(status))]
    return out


def _organization_triples(labels: dict[str, str]) -> list[tuple]:
    a, label, organization = _n(RDF.type), _n(RDFS.label), _n(NKG.Organization)
    out: list[tuple] = []
    for iri, name in sorted(labels.items()):
        out += [(ox.NamedNode(iri), a, organization), (ox.NamedNode(iri), label, ox.Literal(name))]
    return out


def stored_base(store: KGStore) -> str | None:
    """The base IRI a store was built with, from the name of its resolution graph."""
    suffix = Minter("x").resolution_graph()[len("x/"):]
    if store.ox.contains_named_graph(ox.NamedNode(Minter().resolution_graph())):
        return Minter().base  # the usual case, without walking every article graph
    for graph in store.ox.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.endswith(suffix):
            return graph.value[: -len(suffix)]
    return None
