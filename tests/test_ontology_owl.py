"""ontology/newskg.ttl under an OWL RL reasoner (owlrl): consistent on its own and together with
the graph of the example articles, and the alignments infer what they promise (every nkg:Person
is a schema:Person, every speaker link is a prov:wasAttributedTo the other way round, ...)."""

from __future__ import annotations

import io
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.store import KGStore
from kg.vocab import NIF_IRI, NKG, NKG_IRI

TTL = Path(__file__).resolve().parent.parent / "ontology" / "newskg.ttl"
# owlrl reports an inconsistency as a node of this type with the message as its err:error.
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace(NIF_IRI)
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
BUILTIN = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
X = Namespace("https://example.org/test/")


def closure(*graphs: Graph) -> Graph:
    g = Graph()
    for part in graphs:
        g += part
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def inconsistencies(g: Graph) -> list[str]:
    found = [str(m) for e in g.subjects(RDF.type, ERR.ErrorMessage) for m in g.objects(e, ERR.error)]
    return found + [f"{n} is a member of owl:Nothing" for n in g.subjects(RDF.type, OWL.Nothing)]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(TTL, format="turtle")


@pytest.fixture(scope="module")
def examples(example_store: KGStore) -> Graph:
    """The graph of ``kg build examples/articles``, as a user loads its dump into another tool."""
    dump = io.BytesIO()
    example_store.export("ntriples", dump)
    g = Graph().parse(data=dump.getvalue(), format="nt")
    assert len(set(g.subjects(RDF.type, NKG.Person))) > 5, "the example build is nearly empty"
    return g


@pytest.fixture(scope="module")
def closed_examples(onto: Graph, examples: Graph) -> Graph:
    return closure(onto, examples)


def _is_builtin(term: object) -> bool:
    return str(term).startswith(BUILTIN)


# -- the ontology alone ----------------------------------------------------------


def test_ontology_owl_closure_is_consistent(onto: Graph) -> None:
    assert inconsistencies(closure(onto)) == []


def test_ontology_owl_declares_every_external_term(onto: Graph) -> None:
    # Without owl:imports, an OWL tool knows a foreign term only if it is declared here.
    properties = {p for t in PROPERTY_TYPES for p in onto.subjects(RDF.type, t)}
    classes = set(onto.subjects(RDF.type, OWL.Class))
    used_properties = {p for _, p, _ in onto} | {o for o in onto.objects(None, RDFS.subPropertyOf)}
    used_properties |= set(onto.objects(None, OWL.inverseOf))
    used_classes = {o for p in (RDFS.subClassOf, RDFS.domain, OWL.disjointWith) for o in onto.objects(None, p)}
    used_classes |= {o for s, o in onto.subject_objects(RDF.type) if str(s).startswith(NKG_IRI)}
    for members in onto.objects(None, OWL.members):
        used_classes |= set(Collection(onto, members))  # type: ignore[arg-type]
    used_classes |= {o for p in onto.subjects(RDF.type, OWL.ObjectProperty) for o in onto.objects(p, RDFS.range)}
    undeclared_p = {p for p in used_properties if isinstance(p, URIRef) and not _is_builtin(p)} - properties
    undeclared_c = {c for c in used_classes if isinstance(c, URIRef) and not _is_builtin(c)} - classes
    assert not undeclared_p, f"declare these properties: {sorted(undeclared_p)}"
    assert not undeclared_c, f"declare these classes: {sorted(undeclared_c)}"


def test_ontology_owl_aligns_only_by_subsumption(onto: Graph) -> None:
    # Equivalence would force our domains and ranges onto every other user of schema.org, PROV, SEM, NIF.
    for prop in (OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs):
        assert list(onto.subject_objects(prop)) == [], prop


@pytest.mark.parametrize(("cls", "expected"), [
    (NKG.Person, {SCHEMA.Person, PROV.Person, PROV.Agent}),
    (NKG.Organization, {SCHEMA.Organization, PROV.Organization, PROV.Agent}),
    (NKG.Event, {SCHEMA.Event, SEM.Event}),
    (NKG.PhoneCall, {SCHEMA.Event, SEM.Event}),
    (NKG.DirectQuote, {SCHEMA.Quotation, PROV.Entity}),
    (NKG.Article, {SCHEMA.Article, PROV.Entity, NIF.Context}),
    (NKG.Mention, {NIF.String, NIF.RFC5147String}),
])
def test_ontology_owl_class_is_aligned(onto: Graph, cls: URIRef, expected: set[URIRef]) -> None:
    assert expected <= set(onto.transitive_objects(cls, RDFS.subClassOf))


def test_ontology_owl_unnamed_agent_is_no_person(onto: Graph) -> None:
    # "die Richter" or "Experten" are groups: schema:Person must not be inferred for them.
    supers = set(onto.transitive_objects(NKG.UnnamedAgent, RDFS.subClassOf))
    assert SCHEMA.Person not in supers and SCHEMA.Organization not in supers


@pytest.mark.parametrize(("name", "triples"), [
    ("a claim used as a speaker", [(X.c, RDF.type, NKG.Claim), (X.c, NKG.said, X.d)]),
    ("a person that is an organization", [(X.p, RDF.type, NKG.Person), (X.p, RDF.type, NKG.Organization)]),
    ("an event both held and planned", [(X.e, NKG.status, NKG.Happened), (X.e, NKG.status, NKG.Planned)]),
    ("a call with oneself", [(X.p, NKG.calledWith, X.p)]),
])
def test_ontology_owl_closure_reports_inconsistent_data(onto: Graph, name: str, triples: list) -> None:
    bad = Graph()
    for triple in triples:
        bad.add(triple)
    assert inconsistencies(closure(onto, bad)), f"{name} went unnoticed"


# -- the ontology with the graph kg writes ----------------------------------------


def test_ontology_owl_declares_every_predicate_the_examples_use(onto: Graph, examples: Graph) -> None:
    declared = {p for t in PROPERTY_TYPES for p in onto.subjects(RDF.type, t)}
    used = {p for p in examples.predicates() if not _is_builtin(p)}
    assert used - declared == set()


def test_ontology_owl_examples_stay_consistent(closed_examples: Graph) -> None:
    assert inconsistencies(closed_examples) == []


@pytest.mark.parametrize(("cls", "aligned"), [
    (NKG.Person, SCHEMA.Person), (NKG.Person, PROV.Person), (NKG.Person, PROV.Agent),
    (NKG.Event, SCHEMA.Event), (NKG.Event, SEM.Event),
    (NKG.DirectQuote, SCHEMA.Quotation), (NKG.Claim, PROV.Entity), (NKG.Claim, NIF.String),
    (NKG.Article, SCHEMA.Article), (NKG.Article, NIF.Context), (NKG.Mention, NIF.String),
])
def test_ontology_owl_examples_infer_aligned_type(closed_examples: Graph, cls: URIRef, aligned: URIRef) -> None:
    members = set(closed_examples.subjects(RDF.type, cls))
    assert members, f"the examples have no {cls}"
    missing = members - set(closed_examples.subjects(RDF.type, aligned))
    assert not missing, f"{len(missing)} {cls} are not {aligned}, e.g. {sorted(missing)[0]}"


def test_ontology_owl_examples_infer_agents_from_links(closed_examples: Graph) -> None:
    # Speakers and participants are typed by the domain and range of the links alone.
    speakers = set(closed_examples.subjects(NKG.said, None))
    assert speakers and speakers <= set(closed_examples.subjects(RDF.type, PROV.Agent))


@pytest.mark.parametrize(("prop", "aligned", "inverse"), [
    (NKG.said, PROV.wasAttributedTo, True),
    (NKG.mentionedIn, SCHEMA.mentions, True),
    (NKG.participant, SEM.hasActor, False),
    (NKG.participant, SCHEMA.attendee, False),
    (NKG.refersTo, ITSRDF.taIdentRef, False),
    (NKG.onDate, SEM.hasTimeStamp, False),
])
def test_ontology_owl_examples_infer_aligned_property(closed_examples: Graph, prop: URIRef, aligned: URIRef,
                                                      inverse: bool) -> None:
    pairs = set(closed_examples.subject_objects(prop))
    assert pairs, f"the examples never use {prop}"
    inferred = {(o, s) if inverse else (s, o) for s, o in closed_examples.subject_objects(aligned)}
    assert pairs <= inferred
