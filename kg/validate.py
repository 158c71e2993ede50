"""Check a store against the SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

The shapes describe the union of all graphs, what a SPARQL consumer sees. pyshacl
needs an rdflib graph, so the union is streamed (each triple once) into one: about
2 KB of Python memory per triple. The 700 WIKINEWS training articles (~95,000
triples) took 220 MB and 23 s. The ontology is mixed in so that ``sh:class``
follows ``rdfs:subClassOf``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDF, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.store import KGStore
from kg.vocab import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "newskg.ttl"
SEVERITIES = ("Violation", "Warning", "Info")


class ValidationError(RuntimeError):
    """The shapes or the ontology cannot be read; the message says which file and why."""


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result, as text ready to print."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str  # compact ("nkg:text", "^nkg:said"), or "" for a node constraint
    message: str
    value: str
    shape: str


@dataclass
class ValidationReport:
    findings: list[Finding]
    triples: int  # in the validated union graph
    graph: rdflib.Graph  # the SHACL report itself

    @property
    def violations(self) -> int:
        return self.count("Violation")

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def conforms(self) -> bool:
        return self.violations == 0


# -- the union graph, copied into rdflib -------------------------------------------------------

_PLAIN = {str(XSD.string), str(RDF.langString)}


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # A plain string without datatype, as rdflib's own parsers give it.
        return rdflib.Literal(term.value, datatype=None if datatype in _PLAIN else rdflib.URIRef(datatype))
    raise ValidationError(f"cannot validate an RDF-star triple term: {term}")


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class PreparedQueryGraph(rdflib.Graph):
    """An rdflib graph that parses each SPARQL text once.

    pyshacl runs a SHACL-SPARQL constraint once per focus node, as text; parsing it every
    time made validation twenty times slower than evaluating it.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def union_graph(store: KGStore) -> PreparedQueryGraph:
    """The union of all graphs, each triple once, streamed from the store into rdflib."""
    graph = PreparedQueryGraph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    add = graph.add
    for t in store.union_triples():
        add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))  # type: ignore[arg-type]
    return graph


# -- validation --------------------------------------------------------------------------------

def _load(path: Path, what: str) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(str(path), format="turtle")
    except FileNotFoundError:
        raise ValidationError(f"no {what} file at {path}; pass --shapes FILE or restore it") from None
    except SyntaxError as e:  # rdflib's Turtle parser raises BadSyntax, a SyntaxError
        raise ValidationError(f"the {what} file {path} is not valid Turtle: {e}") from None


def validate_graph(data: rdflib.Graph, shapes: Path = SHAPES, ontology: Path = ONTOLOGY) -> ValidationReport:
    """Validate ``data``; the ontology is added to it in place (copying a big graph would double the memory)."""
    shapes_graph = _load(shapes, "shapes")
    ont_graph = _load(ontology, "ontology")
    if not isinstance(data, PreparedQueryGraph):
        fast = PreparedQueryGraph()
        fast += data
        data = fast
    triples = len(data)
    _, report, _ = shacl_validate(data, shacl_graph=shapes_graph, ont_graph=ont_graph, inference="none",
                                  allow_warnings=True, inplace=True)
    return ValidationReport(read_findings(report), triples, report)


def validate_store(store: KGStore, shapes: Path = SHAPES, ontology: Path = ONTOLOGY) -> ValidationReport:
    return validate_graph(union_graph(store), shapes, ontology)


def read_findings(report: rdflib.Graph) -> list[Finding]:
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        findings.append(Finding(
            severity=_local(severity) if severity is not None else "Violation",
            focus=str(report.value(result, SH.focusNode)),
            path=_path_text(report, path) if path is not None else "",
            message=" ".join(str(m) for m in report.objects(result, SH.resultMessage)),
            value=_term_text(value) if value is not None else "",
            shape=_shape_name(report.value(result, SH.sourceShape)),
        ))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (rank.get(f.severity, 9), f.focus, f.path, f.message))


# -- text --------------------------------------------------------------------------------------

def _local(iri: rdflib.term.Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _term_text(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.URIRef):
        return _compact(str(term))
    if isinstance(term, rdflib.Literal):
        text = str(term)
        return repr(text[:80] + "…" if len(text) > 80 else text)
    return str(term)


def _path_text(report: rdflib.Graph, path: rdflib.term.Node) -> str:
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(report, inverse)
    return _compact(str(path)) if isinstance(path, rdflib.URIRef) else "(complex path)"


def _shape_name(shape: rdflib.term.Node | None) -> str:
    # Property shapes are blank nodes; the named node shapes say which rule fired.
    return _local(shape) if isinstance(shape, rdflib.URIRef) else ""


def summary_line(report: ValidationReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts.get(s, 0)} {s.lower()}{'s' if counts.get(s, 0) != 1 else ''}" for s in SEVERITIES]
    verdict = "conforms" if report.conforms else "does NOT conform"
    return f"{', '.join(parts)} in {report.triples} triples: the graph {verdict}"


def format_text(findings: Iterable[Finding]) -> str:
    """One block per result: severity, focus node, path and value, then the message."""
    blocks = []
    for f in findings:
        where = "  ".join(f"{label} {x}" for label, x in (("path", f.path), ("value", f.value), ("shape", f.shape))
                          if x)
        message = " ".join(f.message.split())  # a message may quote text with line breaks
        blocks.append(f"{f.severity.upper():9} {f.focus}\n          {where}\n          {message}")
    return "\n".join(blocks)
