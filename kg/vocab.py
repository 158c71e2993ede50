"""The terms newskg writes.

``NKG`` is a ``DefinedNamespace`` with ``_fail = True``: a misspelt term
raises at import or first use instead of silently minting a new IRI. A test
checks that every term here is declared in ``ontology/newskg.ttl`` and vice
versa.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

NKG_IRI = "https://w3id.org/newskg/ns#"
NIF_IRI = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DEFAULT_BASE = "https://w3id.org/newskg/id/"


class NKG(DefinedNamespace):
    """newskg ontology terms (``ontology/newskg.ttl``)."""

    _fail = True
    _NS = Namespace(NKG_IRI)

    # classes
    Article: URIRef
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    UnnamedAgent: URIRef
    Claim: URIRef
    DirectQuote: URIRef
    IndirectSpeech: URIRef
    FreeIndirectSpeech: URIRef
    ReportedSpeech: URIRef
    Mention: URIRef
    Event: URIRef
    Call: URIRef
    PhoneCall: URIRef
    VideoCall: URIRef
    Meeting: URIRef
    EventStatus: URIRef
    # individuals
    Happened: URIRef
    Planned: URIRef
    # properties
    said: URIRef
    text: URIRef
    direct: URIRef
    cue: URIRef
    speakerMention: URIRef
    cueMention: URIRef
    relayedBy: URIRef
    saidOn: URIRef
    dateStated: URIRef
    sentence: URIRef
    saidDuring: URIRef
    mentionedIn: URIRef
    creditedIn: URIRef
    refersTo: URIRef
    role: URIRef
    participant: URIRef
    onDate: URIRef
    status: URIRef
    reportedStatus: URIRef
    calledWith: URIRef
    metWith: URIRef
    trigger: URIRef
    publishedFrom: URIRef


class NIF(DefinedNamespace):
    """The NIF 2.0 core terms newskg uses for offsets."""

    _fail = True
    _NS = Namespace(NIF_IRI)

    Context: URIRef
    Sentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    isString: URIRef
    referenceContext: URIRef


PREFIXES: dict[str, str] = {
    "nkg": NKG_IRI,
    "nif": NIF_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}


def sparql_prefixes() -> str:
    """The PREFIX lines every built-in query may rely on."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
