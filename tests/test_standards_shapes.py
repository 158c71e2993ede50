"""ontology/shapes.ttl covers everything a build writes: each predicate is constrained by some
shape's path, each node is the focus of some shape, and each class is named by the shapes.

tests/test_validate.py checks what the shapes say; this checks that nothing written escapes them.
The graph is that of the example articles plus the one article that makes kg/rdf.py write every
term it knows (tests/test_ontology.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, BNode, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from test_ontology import every_branch

from kg.build import store_extractions
from kg.resolve.iris import Minter
from kg.store import KGStore
from kg.validate import union_graph, validate_graph
from kg.vocab import NKG

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def written(example_store: KGStore) -> rdflib.Graph:
    branches = KGStore()
    store_extractions(branches, [every_branch()], Minter())
    graph = union_graph(example_store)
    graph += union_graph(branches)
    return graph


def path_predicates(shapes: rdflib.Graph) -> set[URIRef]:
    """Every predicate some sh:path walks: plain, inverse, or a step of a sequence."""
    found: set[URIRef] = set()
    for path in shapes.objects(None, SH.path):
        if isinstance(path, URIRef):
            found.add(path)
        elif isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
            steps = list(Collection(shapes, path))
            found |= {s for s in steps if isinstance(s, URIRef)}
            found |= {i for s in steps for i in shapes.objects(s, SH.inversePath) if isinstance(i, URIRef)}
        else:
            found |= {i for i in shapes.objects(path, SH.inversePath) if isinstance(i, URIRef)}
    return found


def focus_nodes(shapes: rdflib.Graph, data: rdflib.Graph) -> set[rdflib.term.Node]:
    """The nodes the shapes' targets select (SHACL 2.1.3; the data holds no rdfs:subClassOf)."""
    found: set[rdflib.term.Node] = set(shapes.objects(None, SH.targetNode))
    for cls in shapes.objects(None, SH.targetClass):
        found |= set(data.subjects(RDF.type, cls))
    for p in shapes.objects(None, SH.targetSubjectsOf):
        found |= set(data.subjects(p, None))
    for p in shapes.objects(None, SH.targetObjectsOf):
        found |= set(data.objects(None, p))
    return found


def test_shapes_constrain_every_predicate_written(shapes: rdflib.Graph, written: rdflib.Graph) -> None:
    loose = set(written.predicates()) - path_predicates(shapes)
    assert not loose, f"no shape has a sh:path for {sorted(loose)}"


def test_shapes_target_every_node_written(shapes: rdflib.Graph, written: rdflib.Graph) -> None:
    subjects = set(written.subjects())
    assert len(subjects) > 100
    loose = subjects - focus_nodes(shapes, written)
    assert not loose, f"{len(loose)} nodes are checked by no shape, e.g. {sorted(map(str, loose))[:5]}"


def test_shapes_name_every_class_written(shapes: rdflib.Graph, written: rdflib.Graph) -> None:
    named = {o for o in shapes.objects() if isinstance(o, URIRef)}
    for lst in shapes.objects(None, SH["in"]):
        named |= set(Collection(shapes, lst))  # type: ignore[arg-type]
    loose = set(written.objects(None, RDF.type)) - named
    assert not loose, f"the shapes never mention {sorted(loose)}"


def test_shapes_coverage_notices_an_unconstrained_predicate(shapes: rdflib.Graph) -> None:
    # The check itself can fail: a predicate no shape mentions is reported.
    stray = rdflib.Graph()
    stray.add((URIRef("https://example.org/a"), URIRef("https://example.org/ungeprueft"), rdflib.Literal("x")))
    assert set(stray.predicates()) - path_predicates(shapes) == {URIRef("https://example.org/ungeprueft")}
    assert set(stray.subjects()) - focus_nodes(shapes, stray) == {URIRef("https://example.org/a")}


# -- the medium of a call --------------------------------------------------------------------------

def a_phone_call(graph: rdflib.Graph) -> URIRef:
    calls = sorted(graph.subjects(RDF.type, URIRef(NKG.PhoneCall)))
    assert calls, "the test articles report no phone call"
    return calls[0]  # type: ignore[return-value]


def test_shapes_phone_call_must_be_typed_call(store: KGStore) -> None:
    graph = union_graph(store)
    call = a_phone_call(graph)
    graph.remove((call, RDF.type, URIRef(NKG.Call)))
    report = validate_graph(graph)
    assert not report.conforms
    assert [f.message for f in report.findings if f.focus == str(call) and f.severity == "Violation"] == [
        "a phone or video call must also be typed nkg:Call (only calls have a medium)"]


def test_shapes_call_with_two_media_is_only_a_warning(store: KGStore) -> None:
    graph = union_graph(store)
    call = a_phone_call(graph)
    graph.add((call, RDF.type, URIRef(NKG.VideoCall)))
    report = validate_graph(graph)
    assert report.conforms
    assert [(f.severity, f.focus) for f in report.findings] == [("Warning", str(call))]
    assert "both nkg:PhoneCall and nkg:VideoCall" in report.findings[0].message
