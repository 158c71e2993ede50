"""ontology/newskg.ttl declares exactly the terms of kg.vocab.NKG, and
describes what kg/rdf.py actually writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.build import store_extractions
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.resolve.iris import Minter
from kg.store import KGStore
from kg.vocab import NKG, NKG_IRI

TTL = Path(__file__).resolve().parent.parent / "ontology" / "newskg.ttl"
ONTOLOGY = URIRef("https://w3id.org/newskg/ns")
TERMS = [name for name in NKG.__annotations__ if not name.startswith("_")]
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)
# Not rdflib's XSD: pytest probes module globals, and XSD warns on unknown names.
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(TTL, format="turtle")


def declared_nkg_terms(g: Graph) -> set[str]:
    return {str(s)[len(NKG_IRI):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NKG_IRI)}


def properties(g: Graph) -> list[URIRef]:
    return sorted(p for kind in PROPERTY_KINDS for p in g.subjects(RDF.type, kind) if str(p).startswith(NKG_IRI))


def superclasses(g: Graph, classes: set[URIRef]) -> set[URIRef]:
    found = set(classes)
    for c in classes:
        found |= set(g.transitive_objects(c, RDFS.subClassOf))
    return found


def datatypes_of(g: Graph, rng: URIRef | BNode) -> set[URIRef]:
    union = g.value(rng, OWL.unionOf)
    return set(Collection(g, union)) if union is not None else {rng}  # type: ignore[arg-type]


# -- the file itself -------------------------------------------------------------


def test_ontology_parses_with_header(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY, OWL.versionIRI) == URIRef("https://w3id.org/newskg/ns/0.1.0")
    assert onto.value(ONTOLOGY, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(ONTOLOGY, DCTERMS.created) is not None
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {o.language for o in onto.objects(ONTOLOGY, prop)} == {"de", "en"}


@pytest.mark.parametrize("name", TERMS)
def test_ontology_declares_vocab_term_with_labels_and_comments(onto: Graph, name: str) -> None:
    term = NKG[name]
    assert set(onto.objects(term, RDF.type)), f"nkg:{name} is not declared"
    for prop in (RDFS.label, RDFS.comment):
        languages = [o.language for o in onto.objects(term, prop) if isinstance(o, Literal)]
        assert sorted(languages) == ["de", "en"], f"nkg:{name} {prop}: {languages}"


def test_ontology_declares_nothing_outside_vocab(onto: Graph) -> None:
    assert declared_nkg_terms(onto) == set(TERMS)


def test_ontology_term_kinds_match_vocab_sections(onto: Graph) -> None:
    classes = {str(c)[len(NKG_IRI):] for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(NKG_IRI)}
    individuals = {str(i)[len(NKG_IRI):] for i in onto.subjects(RDF.type, OWL.NamedIndividual)}
    props = {str(p)[len(NKG_IRI):] for p in properties(onto)}
    assert individuals == {"Happened", "Planned"}
    assert all((NKG[i], RDF.type, NKG.EventStatus) in onto for i in individuals)
    assert classes | individuals | props == set(TERMS)
    assert not (classes & props) and not (individuals & (classes | props))
    assert all(name[0].isupper() for name in classes) and all(name[0].islower() for name in props)


def test_ontology_every_property_has_domain_and_range(onto: Graph) -> None:
    for prop in properties(onto):
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop


def test_ontology_conversation_links_are_symmetric(onto: Graph) -> None:
    for prop in (NKG.calledWith, NKG.metWith):
        assert (prop, RDF.type, OWL.SymmetricProperty) in onto
    assert onto.value(NKG.said, OWL.inverseOf) is None
    assert onto.value(None, OWL.inverseOf, NKG.said) is None


def test_ontology_class_hierarchy(onto: Graph) -> None:
    def sup(c: URIRef) -> set[URIRef]:
        return superclasses(onto, {c})

    assert {NKG.Agent, URIRef("http://www.w3.org/ns/prov#Agent")} <= sup(NKG.Person) & sup(NKG.Organization)
    assert {NKG.Call, NKG.Event} <= sup(NKG.PhoneCall) & sup(NKG.VideoCall)
    assert NKG.Event in sup(NKG.Meeting)
    assert URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context") in sup(NKG.Article)


def test_vocab_rejects_unknown_term() -> None:
    with pytest.raises(AttributeError):
        NKG.notATerm  # noqa: B018


# -- the ontology describes what rdf.py writes -----------------------------------

TEXT = (
    "Moskau – Kremlsprecher Pjotr Lebedew sagte am Montag, Präsident Arkadi Wolkow sei zu Gesprächen "
    "bereit. Wolkow hatte zuvor per Video mit Kanzlerin Marie Sander gesprochen. Ein Treffen in Wien "
    "ist geplant. Das Außenministerium nannte die Lage ernst. „Wir warten ab“, sagte ein Diplomat. "
    "Die Lage bleibe ernst.\nFoto: Tom Berg"
)


def _span(words: str) -> Span:
    begin = TEXT.index(words)
    return Span(begin, begin + len(words), words)


def _mention(words: str, kind: str = "name") -> Mention:
    s = _span(words)
    return Mention(s.begin, s.end, s.text, kind=kind)  # type: ignore[arg-type]


def every_branch() -> Extraction:
    """One article that makes rdf.py write every term it knows."""
    persons = {
        "Pjotr Lebedew": Entity("Pjotr Lebedew", roles={"Kremlsprecher"}, mentions=[_mention("Pjotr Lebedew")]),
        "Arkadi Wolkow": Entity("Arkadi Wolkow", aliases={"Wolkow"}, mentions=[_mention("Arkadi Wolkow")]),
        "Marie Sander": Entity("Marie Sander", mentions=[_mention("Marie Sander")]),
        "Tom Berg": Entity("Tom Berg", credit_only=True, mentions=[_mention("Tom Berg", "credit")]),
        "Außenministerium": Entity("Außenministerium", type="org", mentions=[_mention("Außenministerium", "org")]),
        "agent:Diplomat": Entity("agent:Diplomat", type="agent", label="Diplomat",
                                 mentions=[_mention("ein Diplomat", "description")]),
    }
    return Extraction(
        article=SourceArticle(id="kreml-1", text=TEXT, origin="test", title="Kreml gesprächsbereit",
                              source="Testpresse", url="https://example.org/kreml-1", language="de"),
        published=date(2022, 2, 8),
        published_from="dateline",
        entities=persons,
        claims=[
            Claim(_span("sei zu Gesprächen bereit"), direct=False, speaker="Arkadi Wolkow",
                  speaker_mention=_mention("Präsident Arkadi Wolkow", "role"), cue="sagen",
                  sentence=_span(TEXT[TEXT.index("Kremlsprecher"):TEXT.index("bereit.") + 7]),
                  said_on="2022-02-07", said_on_stated=True, relayed_by="Pjotr Lebedew", event=0),
            Claim(_span("Das Außenministerium nannte die Lage ernst"), direct=False, mode="reported",
                  speaker="Außenministerium", said_on="2022-02"),
            Claim(_span("Wir warten ab"), direct=True, speaker="agent:Diplomat",
                  speaker_mention=_mention("ein Diplomat", "description"), cue="sagen", cue_span=_span("sagte")),
            Claim(_span("Die Lage bleibe ernst"), direct=False, mode="free", speaker="agent:Diplomat",
                  speaker_mention=_mention("ein Diplomat", "description")),
        ],
        events=[
            Event("call", "video", ["Arkadi Wolkow", "Marie Sander"], _span("per Video"), date="2022"),
            Event("call", "phone", ["Arkadi Wolkow", "Marie Sander"], _span("gesprochen"), date="2022-02-06"),
            Event("meeting", "meeting", ["Arkadi Wolkow", "Marie Sander"], _span("Treffen"), status="planned"),
        ],
    )


@pytest.fixture(scope="module")
def written() -> Graph:
    # Everything a build writes: the article's graph and the resolution graph.
    store = KGStore()
    store_extractions(store, [every_branch()], Minter())
    g = Graph()
    for q in store.ox:
        g.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))  # type: ignore[arg-type]
    return g


def _rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def test_rdf_writes_every_vocab_term(written: Graph) -> None:
    # Agent and EventStatus are only ever inferred.
    used = {str(t)[len(NKG_IRI):] for triple in written for t in triple[1:] if str(t).startswith(NKG_IRI)}
    assert used >= set(TERMS) - {"Agent", "EventStatus"}
    assert used <= set(TERMS)


def test_rdf_output_fits_declared_domains_and_ranges(onto: Graph, written: Graph) -> None:
    def types(node: URIRef | BNode) -> set[URIRef]:
        return superclasses(onto, set(written.objects(node, RDF.type)))  # type: ignore[arg-type]

    for s, p, o in written:
        if not str(p).startswith(NKG_IRI):
            continue
        domain, rng = onto.value(p, RDFS.domain), onto.value(p, RDFS.range)
        subject_types = types(s)
        assert not subject_types or domain in subject_types, f"{s} {p}: not a {domain}"
        if (p, RDF.type, OWL.ObjectProperty) in onto:
            assert isinstance(o, URIRef), f"{p} needs an IRI, got {o!r}"
            object_types = types(o)
            assert not object_types or rng in object_types, f"{p} {o}: not a {rng}"
            continue
        assert isinstance(o, Literal), f"{p} needs a literal, got {o!r}"
        if rng == RDF.langString:
            assert o.language, f"{p} {o!r}: needs a language tag"
        else:
            assert o.language is None and (o.datatype or XSD_STRING) in datatypes_of(onto, rng), f"{p} {o!r}"


def test_rdf_types_only_declared_classes(onto: Graph, written: Graph) -> None:
    for cls in set(written.objects(None, RDF.type)):
        if str(cls).startswith(NKG_IRI):
            assert (cls, RDF.type, OWL.Class) in onto or (cls, RDF.type, OWL.NamedIndividual) in onto, cls


def test_rdf_writes_no_term_the_ontology_lacks(onto: Graph, written: Graph) -> None:
    # Other vocabularies included: a tool that reads only the ontology must know every term.
    builtin = (str(RDF), str(RDFS), str(OWL))
    declared = set(onto.subjects(RDF.type, None))
    predicates = {p for p in written.predicates() if not str(p).startswith(builtin)}
    classes = set(written.objects(None, RDF.type))
    assert len(predicates) > 20 and len(classes) > 10
    assert predicates - declared == set()
    assert classes - declared == set()
