"""SHACL validation (``ontology/shapes.ttl``, ``kg validate``): real graphs conform, broken ones do not.

Each broken graph starts from the valid graph of the hand-built test articles and breaks
one thing a consumer relies on.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from click.testing import Result
from conftest import EXAMPLE_ARTICLES, hostile, kanzlerin, paris, telefonat
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS

from kg.build import build, store_extractions
from kg.extract import Extractor
from kg.store import KGStore
from kg.validate import Finding, ValidationReport, union_graph, validate_graph, validate_store
from kg.vocab import NIF, NKG

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles"  # read in place
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

Kg = Callable[..., Result]
Breakage = Callable[[rdflib.Graph], URIRef]


def violations(report: ValidationReport) -> list[Finding]:
    return [f for f in report.findings if f.severity == "Violation"]


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.focus} {f.path} {f.message}" for f in findings)


def node(graph: rdflib.Graph, sparql: str) -> URIRef:
    """The first ?x the query finds (the test graph is small and known)."""
    rows = list(graph.query("PREFIX nkg: <https://w3id.org/newskg/ns#>\n" + sparql))
    assert rows, f"the test graph has no match for {sparql}"
    return rows[0][0]  # type: ignore[index,return-value]


# -- real graphs --------------------------------------------------------------------------------

@pytest.fixture
def graph(store: KGStore) -> rdflib.Graph:
    return union_graph(store)


def test_validate_hand_built_store_conforms(store: KGStore) -> None:
    report = validate_store(store)
    assert report.conforms, describe(report.findings)
    assert report.triples > 100


def test_validate_examples_have_no_violation(extractor: Extractor) -> None:
    kg_store = KGStore()
    summary = build([EXAMPLE_ARTICLES], kg_store, extractor=extractor)
    assert summary.articles >= 10
    report = validate_store(kg_store)
    assert violations(report) == [], describe(violations(report))


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not here ({SEEDS})")
def test_validate_seeds_have_no_violation(extractor: Extractor) -> None:
    kg_store = KGStore()
    build([SEEDS], kg_store, extractor=extractor)
    report = validate_store(kg_store)
    assert violations(report) == [], describe(violations(report))


# -- broken graphs ------------------------------------------------------------------------------

def claim_without_text(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    g.remove((c, URIRef(NKG.text), None))
    return c


def claim_text_without_language(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    text = g.value(c, URIRef(NKG.text))
    g.set((c, URIRef(NKG.text), Literal(str(text))))
    return c


def claim_begin_not_before_end(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    g.set((c, URIRef(NIF.beginIndex), g.value(c, URIRef(NIF.endIndex))))
    return c


def claim_offsets_off_by_one(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    for p in (NIF.beginIndex, NIF.endIndex):
        g.set((c, URIRef(p), Literal(int(g.value(c, URIRef(p))) + 1, datatype=INTEGER)))  # type: ignore[arg-type]
    return c


def claim_offset_as_string(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    g.set((c, URIRef(NIF.endIndex), Literal(str(g.value(c, URIRef(NIF.endIndex))))))
    return c


def claim_with_two_modes(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:DirectQuote }")
    g.add((c, RDF.type, URIRef(NKG.IndirectSpeech)))
    return c


def claim_without_mode(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:DirectQuote }")
    g.remove((c, RDF.type, URIRef(NKG.DirectQuote)))
    return c


def claim_from_a_person(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")
    g.set((c, PROV.wasDerivedFrom, node(g, "SELECT ?p WHERE { ?p a nkg:Person }")))
    return c


def claim_with_two_speakers(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?s nkg:said ?c }")
    speaker = g.value(None, URIRef(NKG.said), c)
    other = next(p for p in g.subjects(RDF.type, URIRef(NKG.Person)) if p != speaker)
    g.add((other, URIRef(NKG.said), c))
    return c


def claim_with_speaker_mention_not_a_mention(g: rdflib.Graph) -> URIRef:
    c = node(g, "SELECT ?c WHERE { ?c nkg:speakerMention ?m }")
    g.set((c, URIRef(NKG.speakerMention), node(g, "SELECT ?p WHERE { ?p a nkg:Person }")))
    return c


def person_with_two_labels(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person }")
    g.add((p, RDFS.label, Literal("Noch ein Name")))
    return p


def person_without_label(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person }")
    g.remove((p, RDFS.label, None))
    return p


def person_also_organization(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person }")
    g.add((p, RDF.type, URIRef(NKG.Organization)))
    return p


def agent_in_no_article(g: rdflib.Graph) -> URIRef:
    o = node(g, "SELECT ?o WHERE { ?o a nkg:Organization }")
    g.remove((o, URIRef(NKG.mentionedIn), None))
    g.remove((o, URIRef(NKG.creditedIn), None))
    return o


def article_without_identifier(g: rdflib.Graph) -> URIRef:
    a = node(g, "SELECT ?a WHERE { ?a a nkg:Article }")
    g.remove((a, DCTERMS.identifier, None))
    return a


def article_with_duplicate_identifier(g: rdflib.Graph) -> URIRef:
    a = node(g, "SELECT ?a WHERE { ?a a nkg:Article } ORDER BY ?a")
    b = node(g, "SELECT ?b WHERE { ?b a nkg:Article } ORDER BY DESC(?b)")
    g.set((b, DCTERMS.identifier, g.value(a, DCTERMS.identifier)))
    return a


def article_issued_as_string(g: rdflib.Graph) -> URIRef:
    a = node(g, "SELECT ?a WHERE { ?a a nkg:Article }")
    g.set((a, DCTERMS.issued, Literal("12. März 2024")))
    return a


def event_with_one_participant(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e a nkg:Call }")
    g.remove((e, URIRef(NKG.participant), g.value(e, URIRef(NKG.participant))))
    return e


def event_with_organization_participants(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e a nkg:Meeting }")
    g.remove((e, URIRef(NKG.participant), None))
    for o in g.subjects(RDF.type, URIRef(NKG.Organization)):
        g.add((e, URIRef(NKG.participant), o))
    g.add((e, URIRef(NKG.participant), node(g, "SELECT ?p WHERE { ?p a nkg:Person }")))
    return e


def event_without_status(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e a nkg:Event }")
    g.remove((e, URIRef(NKG.status), None))
    return e


def event_with_two_dates(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e nkg:onDate ?d }")
    g.add((e, URIRef(NKG.onDate), Literal("2024-01-01", datatype=DATE)))
    return e


def event_dated_by_string(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e nkg:onDate ?d }")
    g.set((e, URIRef(NKG.onDate), Literal("am Dienstag")))
    return e


def event_both_call_and_meeting(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e a nkg:Call }")
    g.add((e, RDF.type, URIRef(NKG.Meeting)))
    return e


def event_from_no_article(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e a nkg:Event }")
    g.remove((e, PROV.wasDerivedFrom, None))
    return e


def event_status_against_reports(g: rdflib.Graph) -> URIRef:
    e = node(g, "SELECT ?e WHERE { ?e nkg:status nkg:Planned }")
    g.add((e, URIRef(NKG.reportedStatus), URIRef(NKG.Happened)))
    return e


def called_with_one_way(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p nkg:calledWith ?q }")
    q = g.value(p, URIRef(NKG.calledWith))
    g.remove((q, URIRef(NKG.calledWith), p))  # type: ignore[arg-type]
    return p  # p's link to q is still there, now without its mirror


def called_with_without_call(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person FILTER NOT EXISTS { ?p nkg:calledWith ?x } }")
    q = node(g, "SELECT ?q WHERE { ?q nkg:calledWith ?x }")
    g.add((p, URIRef(NKG.calledWith), q))
    g.add((q, URIRef(NKG.calledWith), p))
    return p


def mention_anchor_not_the_text(g: rdflib.Graph) -> URIRef:
    m = node(g, "SELECT ?m WHERE { ?m a nkg:Mention }")
    g.set((m, URIRef(NIF.anchorOf), Literal("jemand anderes")))
    return m


def mention_begin_not_before_end(g: rdflib.Graph) -> URIRef:
    m = node(g, "SELECT ?m WHERE { ?m a nkg:Mention }")
    g.set((m, URIRef(NIF.endIndex), g.value(m, URIRef(NIF.beginIndex))))
    return m


def trigger_without_context(g: rdflib.Graph) -> URIRef:
    t = node(g, "SELECT ?t WHERE { ?e nkg:trigger ?t }")
    g.remove((t, URIRef(NIF.referenceContext), None))
    return t


def redirect_still_typed(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person }")
    old = URIRef(str(p) + "-alt")
    g.add((old, OWL.sameAs, p))
    g.add((old, RDF.type, URIRef(NKG.Person)))
    return old


def close_match_to_a_claim(g: rdflib.Graph) -> URIRef:
    p = node(g, "SELECT ?p WHERE { ?p a nkg:Person }")
    g.add((p, SKOS.closeMatch, node(g, "SELECT ?c WHERE { ?c a nkg:Claim }")))
    return p


BREAKAGES: list[tuple[Breakage, str]] = [
    (claim_without_text, "exactly one non-empty nkg:text"),
    (claim_text_without_language, "with a language tag"),
    (claim_begin_not_before_end, "nif:beginIndex must be less than its nif:endIndex"),
    (claim_offsets_off_by_one, "nkg:text is not the article text"),
    (claim_offset_as_string, "nif:endIndex, an xsd:integer"),
    (claim_with_two_modes, "exactly one mode"),
    (claim_without_mode, "exactly one mode"),
    (claim_from_a_person, "prov:wasDerivedFrom exactly one nkg:Article"),
    (claim_with_two_speakers, "at most one speaker"),
    (claim_with_speaker_mention_not_a_mention, "nkg:speakerMention must be one nkg:Mention"),
    (person_with_two_labels, "exactly one rdfs:label"),
    (person_without_label, "exactly one rdfs:label"),
    (person_also_organization, "cannot also be an organization"),
    (agent_in_no_article, "nkg:mentionedIn or nkg:creditedIn"),
    (article_without_identifier, "exactly one dcterms:identifier"),
    (article_with_duplicate_identifier, "same dcterms:identifier"),
    (article_issued_as_string, "dcterms:issued must be one xsd:date"),
    (event_with_one_participant, "at least two participants"),
    (event_with_organization_participants, "at least two nkg:Person participants"),
    (event_without_status, "exactly one nkg:status"),
    (event_with_two_dates, "nkg:onDate must be one"),
    (event_dated_by_string, "nkg:onDate must be one"),
    (event_both_call_and_meeting, "exactly one of nkg:Call and nkg:Meeting"),
    (event_from_no_article, "prov:wasDerivedFrom at least one nkg:Article"),
    (event_status_against_reports, "disagrees with the reports"),
    (called_with_one_way, "not stated both ways"),
    (called_with_without_call, "not backed by an nkg:Call"),
    (mention_anchor_not_the_text, "nif:anchorOf is not the article text"),
    (mention_begin_not_before_end, "nif:beginIndex must be less than its nif:endIndex"),
    (trigger_without_context, "exactly one nif:referenceContext"),
    (redirect_still_typed, "must carry no data of its own"),
    (close_match_to_a_claim, "skos:closeMatch links two persons"),
]


@pytest.mark.parametrize(("breakage", "message"), BREAKAGES, ids=[b.__name__ for b, _ in BREAKAGES])
def test_validate_catches_broken_graph(graph: rdflib.Graph, breakage: Breakage, message: str) -> None:
    focus = breakage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    found = [f for f in violations(report) if f.focus == str(focus) and message in f.message]
    assert found, f"expected {message!r} on {focus}; got:\n{describe(report.findings)}"


def test_validate_claim_without_speaker_is_only_a_warning(graph: rdflib.Graph) -> None:
    c = node(graph, "SELECT ?c WHERE { ?s nkg:said ?c }")
    graph.remove((None, URIRef(NKG.said), c))
    report = validate_graph(graph)
    assert report.conforms, describe(report.findings)
    assert [(f.focus, f.path) for f in report.findings] == [(str(c), "^nkg:said")]
    assert report.findings[0].severity == "Warning"


def test_validate_undated_event_is_only_a_warning(graph: rdflib.Graph) -> None:
    e = node(graph, "SELECT ?e WHERE { ?e nkg:onDate ?d }")
    graph.remove((e, URIRef(NKG.onDate), None))
    report = validate_graph(graph)
    assert report.conforms
    assert [(f.severity, f.focus, f.path) for f in report.findings] == [("Warning", str(e), "nkg:onDate")]


# -- the command ---------------------------------------------------------------------------------

def disk_store(path: Path, break_it: bool = False) -> Path:
    kg_store = KGStore(path)
    store_extractions(kg_store, [kanzlerin(), telefonat(), paris(), hostile()])
    if break_it:
        # A claim that lost its words: a consumer would show an empty quote.
        kg_store.ox.update("DELETE WHERE { GRAPH ?g { ?c <https://w3id.org/newskg/ns#text> ?t } }")
    kg_store.flush()
    del kg_store
    gc.collect()  # the CLI opens the store again; this process must not hold it open
    return path


def test_validate_command_valid_store_exits_zero(kg: Kg, tmp_path: Path) -> None:
    result = kg("validate", "--store", disk_store(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.stdout
    assert "the graph conforms" in result.stdout


def test_validate_command_broken_store_exits_one_with_message(kg: Kg, tmp_path: Path) -> None:
    result = kg("validate", "--store", disk_store(tmp_path / "store", break_it=True))
    assert result.exit_code == 1
    assert "VIOLATION https://w3id.org/newskg/id/claim/2024-03-12-netzausbau-" in result.stdout
    assert "path nkg:text" in result.stdout
    assert "a claim needs exactly one non-empty nkg:text" in result.stdout
    assert "5 violations, 0 warnings, 0 infos" in result.stdout  # one per claim
    assert "does NOT conform" in result.stdout


def test_validate_command_turtle_is_the_shacl_report(kg: Kg, tmp_path: Path) -> None:
    result = kg("validate", "--store", disk_store(tmp_path / "store", break_it=True), "--format", "turtle")
    assert result.exit_code == 1
    report = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert list(report.objects(None, SH.conforms)) == [Literal(False)]
    assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == 5
    assert "does NOT conform" in result.stderr


def test_validate_command_uses_given_shapes(kg: Kg, tmp_path: Path) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix nkg: <https://w3id.org/newskg/ns#> .\n"
        "[] a sh:NodeShape ; sh:targetClass nkg:Claim ;\n"
        "   sh:property [ sh:path nkg:relayedBy ; sh:minCount 1 ; sh:message \"Überbringer fehlt\" ] .\n",
        encoding="utf-8")
    result = kg("validate", "--store", disk_store(tmp_path / "store"), "--shapes", shapes)
    assert result.exit_code == 1
    assert "Überbringer fehlt" in result.stdout


def test_validate_command_bad_shapes_file_says_so(kg: Kg, tmp_path: Path) -> None:
    shapes = tmp_path / "kaputt.ttl"
    shapes.write_text("das ist kein Turtle", encoding="utf-8")
    result = kg("validate", "--store", disk_store(tmp_path / "store"), "--shapes", shapes)
    assert result.exit_code == 1
    assert "is not valid Turtle" in result.stderr


def test_validate_command_missing_store_says_to_build_first(kg: Kg, tmp_path: Path) -> None:
    result = kg("validate", "--store", tmp_path / "nichts")
    assert result.exit_code == 1
    assert "kg build" in result.stderr
