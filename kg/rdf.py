"""Map one article's ``Extraction`` to quads in that article's named graph.

Every quad an article yields lives in the article's own graph, so building
the article again replaces exactly what it said. Person and event IRIs are
shared across articles, so the union of graphs has one node per person and
per event.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Claim, Entity, Event, Extraction, Mention, Span
from kg.resolve.iris import Minter
from kg.resolve.names import local_name
from kg.vocab import NIF, NKG


def _n(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


# Predicates and classes as pyoxigraph terms, built once.
A = _n(RDF.type)
LABEL, ALT = _n(RDFS.label), _n(SKOS.altLabel)
XSD_DATE, XSD_INT, XSD_BOOL = _n(XSD.date), _n(XSD.integer), _n(XSD.boolean)
XSD_GYM, XSD_GY = _n(XSD.gYearMonth), _n(XSD.gYear)
DERIVED = _n(PROV.wasDerivedFrom)
STATUS = {"happened": _n(NKG.Happened), "planned": _n(NKG.Planned)}
EVENT_TYPES = {
    ("call", "phone"): (_n(NKG.Event), _n(NKG.Call), _n(NKG.PhoneCall)),
    ("call", "video"): (_n(NKG.Event), _n(NKG.Call), _n(NKG.VideoCall)),
    ("call", "meeting"): (_n(NKG.Event), _n(NKG.Call)),
    ("meeting", "meeting"): (_n(NKG.Event), _n(NKG.Meeting)),
    ("meeting", "phone"): (_n(NKG.Event), _n(NKG.Meeting)),
    ("meeting", "video"): (_n(NKG.Event), _n(NKG.Meeting)),
}


def date_literal(value: str) -> ox.Literal:
    """``2021-12-07`` -> xsd:date, ``2021-12`` -> xsd:gYearMonth, ``2021`` -> xsd:gYear."""
    datatype = {10: XSD_DATE, 7: XSD_GYM, 4: XSD_GY}.get(len(value))
    if datatype is None:
        raise ValueError(f"not an ISO date, year-month or year: {value!r}")
    return ox.Literal(value, datatype=datatype)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INT)


def _de(text: str) -> ox.Literal:
    return ox.Literal(text, language="de")


ENTITY_TYPES = {"person": NKG.Person, "org": NKG.Organization, "agent": NKG.UnnamedAgent}
CLAIM_TYPES = {"direct": NKG.DirectQuote, "indirect": NKG.IndirectSpeech, "free": NKG.FreeIndirectSpeech,
               "reported": NKG.ReportedSpeech}


class ArticleGraph:
    """Builds the quads of one article; ``graph`` is the article's named graph."""

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.m = minter
        self.id = extraction.article.id
        self.article = ox.NamedNode(minter.article(self.id))
        self.graph = self.article

    def entity_iri(self, key: str) -> ox.NamedNode:
        entity = self.x.entities[key]
        if entity.type == "agent":
            return ox.NamedNode(self.m.agent(self.id, entity.label or key))
        if entity.type == "person":
            # The IRI this article alone would give; resolution across the store may rename it.
            return ox.NamedNode(self.m.person(local_name(_names(entity))))
        return ox.NamedNode(self.m.organization(key))

    def quads(self) -> Iterator[ox.Quad]:
        for s, p, o in self.triples():
            yield ox.Quad(s, p, o, self.graph)

    def triples(self) -> Iterator[tuple]:
        yield from self._article()
        for entity in self.x.entities.values():
            yield from self._entity(entity)
        for claim in self.x.claims:
            yield from self._claim(claim)
        for event in self.x.events:
            yield from self._event(event)

    def _article(self) -> Iterator[tuple]:
        src, a = self.x.article, self.article
        yield a, A, _n(NKG.Article)
        yield a, A, _n(NIF.Context)
        yield a, _n(DCTERMS.identifier), ox.Literal(src.id)
        yield a, _n(NIF.isString), ox.Literal(src.text)
        if self.x.published:
            yield a, _n(DCTERMS.issued), date_literal(self.x.published.isoformat())
            yield a, _n(NKG.publishedFrom), ox.Literal(self.x.published_from)
        if src.title:
            yield a, _n(DCTERMS.title), _de(src.title)
        if src.source:
            yield a, _n(DCTERMS.publisher), ox.Literal(src.source)
        if src.url:
            yield a, _n(DCTERMS.source), ox.Literal(src.url, datatype=_n(XSD.anyURI))
        if src.language:
            yield a, _n(DCTERMS.language), ox.Literal(src.language)

    def _span_node(self, node: ox.NamedNode, span: Span) -> Iterator[tuple]:
        yield node, _n(NIF.beginIndex), _int(span.begin)
        yield node, _n(NIF.endIndex), _int(span.end)
        yield node, _n(NIF.anchorOf), ox.Literal(span.text)
        yield node, _n(NIF.referenceContext), self.article

    def _mention(self, mention: Mention, refers_to: ox.NamedNode | None) -> Iterator[tuple]:
        node = ox.NamedNode(self.m.mention(self.id, mention.begin, mention.end))
        yield node, A, _n(NKG.Mention)
        yield from self._span_node(node, mention)
        if refers_to is not None:
            yield node, _n(NKG.refersTo), refers_to

    def _entity(self, entity: Entity) -> Iterator[tuple]:
        iri = self.entity_iri(entity.key)
        yield iri, A, _n(ENTITY_TYPES[entity.type])
        if entity.type != "person":
            # A person's one label is chosen across all articles (kg.resolve), not by each article.
            yield iri, LABEL, ox.Literal(entity.label or entity.key)
        for alias in sorted(_names(entity)):
            yield iri, ALT, ox.Literal(alias)
        for role in sorted(entity.roles):
            yield iri, _n(NKG.role), _de(role)
        yield iri, _n(NKG.creditedIn if entity.credit_only else NKG.mentionedIn), self.article
        for mention in entity.mentions:
            yield from self._mention(mention, iri)

    def _claim(self, claim: Claim) -> Iterator[tuple]:
        c = ox.NamedNode(self.m.claim(self.id, claim.span.begin, claim.span.end))
        yield c, A, _n(NKG.Claim)
        yield c, A, _n(CLAIM_TYPES[claim.mode or "direct"])
        yield c, _n(NKG.text), _de(claim.span.text)
        yield c, _n(NIF.beginIndex), _int(claim.span.begin)
        yield c, _n(NIF.endIndex), _int(claim.span.end)
        yield c, DERIVED, self.article
        yield c, _n(NKG.direct), ox.Literal("true" if claim.direct else "false", datatype=XSD_BOOL)
        if claim.speaker is not None:
            yield self.entity_iri(claim.speaker), _n(NKG.said), c
        if claim.speaker_mention is not None:
            speaker = self.entity_iri(claim.speaker) if claim.speaker else None
            yield c, _n(NKG.speakerMention), ox.NamedNode(
                self.m.mention(self.id, claim.speaker_mention.begin, claim.speaker_mention.end)
            )
            yield from self._mention(claim.speaker_mention, speaker)
        if claim.relayed_by is not None:
            yield c, _n(NKG.relayedBy), self.entity_iri(claim.relayed_by)
        if claim.event is not None:
            yield c, _n(NKG.saidDuring), self.event_iri(self.x.events[claim.event])
        if claim.cue:
            yield c, _n(NKG.cue), ox.Literal(claim.cue)
        if claim.cue_span is not None:
            cue = ox.NamedNode(self.m.mention(self.id, claim.cue_span.begin, claim.cue_span.end))
            yield c, _n(NKG.cueMention), cue
            yield cue, A, _n(NKG.Mention)
            yield from self._span_node(cue, claim.cue_span)
        if claim.said_on:
            yield c, _n(NKG.saidOn), date_literal(claim.said_on)
            yield c, _n(NKG.dateStated), ox.Literal("true" if claim.said_on_stated else "false", datatype=XSD_BOOL)
        if claim.sentence is not None:
            s = ox.NamedNode(self.m.mention(self.id, claim.sentence.begin, claim.sentence.end))
            yield c, _n(NKG.sentence), s
            yield s, A, _n(NIF.Sentence)
            yield from self._span_node(s, claim.sentence)

    def event_iri(self, event: Event) -> ox.NamedNode:
        slugs = [self.entity_iri(p).value.rsplit("/", 1)[-1] for p in event.participants]
        return ox.NamedNode(self.m.event(event.kind, event.date, slugs, self.id))

    def _event(self, event: Event) -> Iterator[tuple]:
        e = self.event_iri(event)
        for t in EVENT_TYPES[(event.kind, event.medium)]:
            yield e, A, t
        # The label and the status over all reports are written by kg.resolve; here, what this article says.
        yield e, DERIVED, self.article
        yield e, _n(NKG.reportedStatus), STATUS[event.status]
        if event.date:
            yield e, _n(NKG.onDate), date_literal(event.date)
        trigger = ox.NamedNode(self.m.mention(self.id, event.trigger.begin, event.trigger.end))
        yield e, _n(NKG.trigger), trigger
        yield from self._span_node(trigger, event.trigger)
        iris = [self.entity_iri(p) for p in event.participants]
        link = _n(NKG.calledWith if event.kind == "call" else NKG.metWith)
        for p in iris:
            yield e, _n(NKG.participant), p
            for q in iris:
                if p != q:
                    yield p, link, q


def _names(entity: Entity) -> set[str]:
    return entity.aliases | {entity.label or entity.key}


def article_quads(extraction: Extraction, minter: Minter) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The article's graph name and every quad it contributes."""
    g = ArticleGraph(extraction, minter)
    return g.graph, list(g.quads())
