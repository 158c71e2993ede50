"""The ontology as documentation: read ``ontology/newskg.ttl`` (an rdflib graph) into plain data
that ``templates/ontology.html`` renders, one entry per nkg: term.

Everything shown is read from the graph, so the page cannot drift from the file. Links to other
nkg: terms are in-page anchors (``#Person``), which is also where ``https://w3id.org/newskg/ns#Person``
lands; links to other vocabularies go to their IRIs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.vocab import NKG_IRI

ONTOLOGY_IRI = NKG_IRI.rstrip("#")
VANN_PREFIX = URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")
LANGUAGES = ("en", "de")
CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.SymmetricProperty: "symmetric",
    OWL.IrreflexiveProperty: "irreflexive",
    OWL.TransitiveProperty: "transitive",
}
PROPERTY_KINDS = {OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property"}


@dataclass(frozen=True)
class Ref:
    """A link to a term: ``#Name`` for nkg: terms, the IRI for others, none for anonymous ones."""

    label: str  # a CURIE such as nkg:Agent or schema:Person
    href: str | None
    note: str = ""  # e.g. "inverse of", said before the label


@dataclass(frozen=True)
class Row:
    heading: str
    refs: list[Ref]


@dataclass(frozen=True)
class Term:
    name: str  # local name: the HTML id and the IRI fragment
    iri: str
    kind: str  # "class", "object property", "datatype property", "individual"
    labels: dict[str, str]  # language -> label
    comments: dict[str, str]
    characteristics: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # only rows with at least one link


@dataclass(frozen=True)
class Group:
    heading: str
    anchor: str  # section id; prefixed so it never equals a term name
    terms: list[Term]


@dataclass(frozen=True)
class OntologyDoc:
    iri: str
    namespace: str
    prefix: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    version: str
    version_iri: str
    license: str | None
    created: str | None
    see_also: list[str]  # the vocabularies it aligns to
    prefixes: list[tuple[str, str]]
    groups: list[Group]

    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g.terms]


class Reader:
    """Reads one ontology graph; CURIEs use the prefixes the file declares."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.prefixes = sorted(((p, str(ns)) for p, ns in graph.namespaces() if p), key=lambda pn: pn[0])

    # -- small readers ------------------------------------------------------------

    def texts(self, subject: URIRef, prop: URIRef) -> dict[str, str]:
        found = {o.language: str(o) for o in self.g.objects(subject, prop) if isinstance(o, Literal) and o.language}
        return {lang: found[lang] for lang in LANGUAGES if lang in found}

    def curie(self, iri: URIRef) -> str:
        text = str(iri)
        best = max((p for p in self.prefixes if text.startswith(p[1])), key=lambda p: len(p[1]), default=None)
        return f"{best[0]}:{text[len(best[1]):]}" if best else text

    def ref(self, node: URIRef | BNode) -> list[Ref]:
        """One link, or several for an anonymous union or inverse (the only anonymous nodes used)."""
        if isinstance(node, URIRef):
            text = str(node)
            if text.startswith(NKG_IRI):
                return [Ref(self.curie(node), "#" + text[len(NKG_IRI):])]
            return [Ref(self.curie(node), text if text.startswith(("https://", "http://")) else None)]
        union = self.g.value(node, OWL.unionOf)
        if union is not None:
            return [r for member in Collection(self.g, union) for r in self.ref(member)]  # type: ignore[arg-type]
        inverse = self.g.value(node, OWL.inverseOf)
        if inverse is not None:
            return [Ref(r.label, r.href, "inverse of") for r in self.ref(inverse)]  # type: ignore[arg-type]
        return [Ref("(anonymous)", None)]

    def refs(self, nodes: Iterable[URIRef | BNode]) -> list[Ref]:
        out = [r for n in nodes for r in self.ref(n)]
        return sorted(set(out), key=lambda r: (r.note, r.label))

    def nkg(self, nodes: Iterable[object]) -> list[URIRef]:
        return [n for n in nodes if isinstance(n, URIRef) and str(n).startswith(NKG_IRI)]

    def others(self, nodes: Iterable[object]) -> list[URIRef | BNode]:
        return [n for n in nodes if isinstance(n, BNode) or not str(n).startswith(NKG_IRI)]  # type: ignore[misc]

    def term(self, iri: URIRef, kind: str, rows: list[Row], characteristics: list[str] | None = None) -> Term:
        return Term(str(iri)[len(NKG_IRI):], str(iri), kind, self.texts(iri, RDFS.label),
                    self.texts(iri, RDFS.comment), characteristics or [], [r for r in rows if r.refs])

    def declared(self, kind: URIRef) -> list[URIRef]:
        return sorted(self.nkg(self.g.subjects(RDF.type, kind)), key=lambda t: str(t).lower())

    # -- entries ------------------------------------------------------------------

    def disjoint(self, cls: URIRef) -> list[URIRef]:
        found = set(self.g.objects(cls, OWL.disjointWith)) | set(self.g.subjects(OWL.disjointWith, cls))
        for axiom in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.g, self.g.value(axiom, OWL.members)))  # type: ignore[arg-type]
            if cls in members:
                found |= {m for m in members if m != cls}
        return sorted(found, key=str)  # type: ignore[arg-type]

    def class_term(self, cls: URIRef) -> Term:
        supers = list(self.g.objects(cls, RDFS.subClassOf))
        return self.term(cls, "class", [
            Row("Subclass of", self.refs(self.nkg(supers))),
            Row("Aligned with (subclass of)", self.refs(self.others(supers))),
            Row("Equivalent to", self.refs(self.g.objects(cls, OWL.equivalentClass))),  # type: ignore[arg-type]
            Row("Subclasses", self.refs(self.nkg(self.g.subjects(RDFS.subClassOf, cls)))),
            Row("Disjoint with", self.refs(self.disjoint(cls))),
            Row("Instances", self.refs(self.nkg(self.g.subjects(RDF.type, cls)))),
            Row("Domain of", self.refs(self.nkg(self.g.subjects(RDFS.domain, cls)))),
            Row("Range of", self.refs(self.nkg(self.g.subjects(RDFS.range, cls)))),
        ])

    def property_term(self, prop: URIRef, kind: str) -> Term:
        supers = list(self.g.objects(prop, RDFS.subPropertyOf))
        characteristics = sorted(name for t, name in CHARACTERISTICS.items() if (prop, RDF.type, t) in self.g)
        return self.term(prop, kind, [
            Row("Domain", self.refs(self.g.objects(prop, RDFS.domain))),  # type: ignore[arg-type]
            Row("Range", self.refs(self.g.objects(prop, RDFS.range))),  # type: ignore[arg-type]
            Row("Subproperty of", self.refs(self.nkg(supers))),
            Row("Aligned with (subproperty of)", self.refs(self.others(supers))),
            Row("Equivalent to", self.refs(self.g.objects(prop, OWL.equivalentProperty))),  # type: ignore[arg-type]
            Row("Inverse of", self.refs(self.g.objects(prop, OWL.inverseOf))),  # type: ignore[arg-type]
            Row("Subproperties", self.refs(self.nkg(self.g.subjects(RDFS.subPropertyOf, prop)))),
        ], characteristics)

    def individual_term(self, ind: URIRef) -> Term:
        types = [t for t in self.g.objects(ind, RDF.type) if t != OWL.NamedIndividual]
        different = set(self.g.objects(ind, OWL.differentFrom)) | set(self.g.subjects(OWL.differentFrom, ind))
        return self.term(ind, "individual", [
            Row("Instance of", self.refs(types)),  # type: ignore[arg-type]
            Row("Different from", self.refs(self.nkg(different))),
        ])

    def property_groups(self) -> list[Group]:
        """Properties grouped by the class they describe (their domain), as a reader looks for them."""
        by_domain: dict[str, list[Term]] = {}
        for kind, kind_name in PROPERTY_KINDS.items():
            for prop in self.declared(kind):
                domain = self.g.value(prop, RDFS.domain)
                key = self.curie(domain) if isinstance(domain, URIRef) else "other"
                by_domain.setdefault(key, []).append(self.property_term(prop, kind_name))
        return [Group(f"Properties of {key}", f"properties-{key.split(':')[-1].lower()}",
                      sorted(terms, key=lambda t: t.name.lower()))
                for key, terms in sorted(by_domain.items())]


def read(graph: Graph) -> OntologyDoc:
    """The documentation of the ontology in ``graph``; fails with ValueError if it has no header."""
    r = Reader(graph)
    onto = URIRef(ONTOLOGY_IRI)
    if (onto, RDF.type, OWL.Ontology) not in graph:
        raise ValueError(f"the ontology file does not declare <{ONTOLOGY_IRI}> a owl:Ontology")
    version_iri = graph.value(onto, OWL.versionIRI)
    groups = [
        Group("Classes", "section-classes", [r.class_term(c) for c in r.declared(OWL.Class)]),
        *r.property_groups(),
        Group("Individuals", "section-individuals", [r.individual_term(i) for i in r.declared(OWL.NamedIndividual)]),
    ]
    license_ = graph.value(onto, DCTERMS.license)
    created = graph.value(onto, DCTERMS.created)
    return OntologyDoc(
        iri=ONTOLOGY_IRI,
        namespace=NKG_IRI,
        prefix=str(graph.value(onto, VANN_PREFIX) or "nkg"),
        titles=r.texts(onto, DCTERMS.title),
        descriptions=r.texts(onto, DCTERMS.description),
        version=str(graph.value(onto, OWL.versionInfo) or ""),
        version_iri=str(version_iri or ""),
        license=str(license_) if license_ is not None else None,
        created=str(created) if created is not None else None,
        see_also=sorted(str(o) for o in graph.objects(onto, RDFS.seeAlso) if isinstance(o, URIRef)),
        prefixes=r.prefixes,
        groups=[g for g in groups if g.terms],
    )
