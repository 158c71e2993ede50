"""Map one article's ``Extraction`` to quads in that article's named graph.

Every quad an article yields lives in the article's own graph, so building
the article again replaces exactly what it said. Person and event IRIs are
shared across articles, so the union of graphs has one node per person and
per event.

Terms are written as N-Triples text and an article's quads as one N-Quads document: building
pyoxigraph terms and quads one by one cost more than all the rules that found them, while
pyoxigraph parses the same text in native code (``article_quads``) when objects are needed.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Claim, Entity, Event, Extraction, Mention, Span
from kg.resolve.iris import Minter
from kg.resolve.names import local_name
from kg.vocab import NIF, NKG


def _n(term: object) -> str:
    """An IRI as N-Triples: ``<…>``."""
    return f"<{term}>"


# Predicates and classes as N-Triples terms, built once.
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


_DATE_TYPES = {10: XSD_DATE, 7: XSD_GYM, 4: XSD_GY}


def _lit(text: str) -> str:
    """A plain (xsd:string) literal.

    A quoted N-Triples string must escape backslash, quote, LF and CR; every other character may
    stand as it is. Most literals (names, dates, quotes without line breaks) hold none of them:
    four C-level scans answer that, and ``str.replace`` is several times faster than
    ``str.translate`` with a mapping (which looks every character up) when one is there. The
    backslash goes first, so the escapes added after it are not escaped again.
    """
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


def date_literal(value: str) -> str:
    """``2021-12-07`` -> xsd:date, ``2021-12`` -> xsd:gYearMonth, ``2021`` -> xsd:gYear."""
    datatype = _DATE_TYPES.get(len(value))
    if datatype is None:
        raise ValueError(f"not an ISO date, year-month or year: {value!r}")
    return f"{_lit(value)}^^{datatype}"


@lru_cache(maxsize=1 << 14)
def _int(value: int) -> str:
    return f'"{value}"^^{XSD_INT}'


def _de(text: str) -> str:
    return f"{_lit(text)}@de"


ENTITY_TYPES = {"person": NKG.Person, "org": NKG.Organization, "agent": NKG.UnnamedAgent}
CLAIM_TYPES = {"direct": NKG.DirectQuote, "indirect": NKG.IndirectSpeech, "free": NKG.FreeIndirectSpeech,
               "reported": NKG.ReportedSpeech}

# Every other term a graph uses, built once: an article yields hundreds of triples.
_ENTITY_TYPES = {k: _n(v) for k, v in ENTITY_TYPES.items()}
_CLAIM_TYPES = {k: _n(v) for k, v in CLAIM_TYPES.items()}
ARTICLE, CONTEXT, MENTION, CLAIM, SENTENCE = (_n(NKG.Article), _n(NIF.Context), _n(NKG.Mention), _n(NKG.Claim),
                                             _n(NIF.Sentence))
IDENTIFIER, IS_STRING, ISSUED, PUBLISHED_FROM = (_n(DCTERMS.identifier), _n(NIF.isString), _n(DCTERMS.issued),
                                                 _n(NKG.publishedFrom))
TITLE, PUBLISHER, SOURCE, LANGUAGE, XSD_URI = (_n(DCTERMS.title), _n(DCTERMS.publisher), _n(DCTERMS.source),
                                               _n(DCTERMS.language), _n(XSD.anyURI))
BEGIN, END, ANCHOR, REFERENCE = _n(NIF.beginIndex), _n(NIF.endIndex), _n(NIF.anchorOf), _n(NIF.referenceContext)
REFERS_TO, ROLE, CREDITED_IN, MENTIONED_IN = _n(NKG.refersTo), _n(NKG.role), _n(NKG.creditedIn), _n(NKG.mentionedIn)
TEXT, DIRECT, SAID, SPEAKER_MENTION, RELAYED_BY = (_n(NKG.text), _n(NKG.direct), _n(NKG.said),
                                                   _n(NKG.speakerMention), _n(NKG.relayedBy))
SAID_DURING, CUE, CUE_MENTION, SAID_ON, DATE_STATED, IN_SENTENCE = (
    _n(NKG.saidDuring), _n(NKG.cue), _n(NKG.cueMention), _n(NKG.saidOn), _n(NKG.dateStated), _n(NKG.sentence))
REPORTED_STATUS, ON_DATE, TRIGGER, PARTICIPANT = (_n(NKG.reportedStatus), _n(NKG.onDate), _n(NKG.trigger),
                                                  _n(NKG.participant))
LINKS = {"call": _n(NKG.calledWith), "meeting": _n(NKG.metWith)}
TRUE, FALSE = f'"true"^^{XSD_BOOL}', f'"false"^^{XSD_BOOL}'


class ArticleGraph:
    """Builds the quads of one article; ``graph`` is the article's named graph.

    Each part appends ``(s, p, o)`` to one list (an article has hundreds of triples, and nested
    generators cost more than the terms themselves); the order is the order of the parts.
    """

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.m = minter
        self.id = extraction.article.id
        self.graph = ox.NamedNode(minter.article(self.id))
        self.article = _n(self.graph.value)
        self._iris: dict[str, str] = {}  # an entity's IRI is asked for at each of its claims and events
        self._out: list[tuple[str, str, str]] = []
        self._mentions: dict[tuple[int, int], str] = {}

    def entity_iri(self, key: str) -> str:
        iri = self._iris.get(key)
        if iri is None:
            iri = self._iris[key] = self._entity_iri(key)
        return iri

    def _entity_iri(self, key: str) -> str:
        entity = self.x.entities[key]
        if entity.type == "agent":
            return _n(self.m.agent(self.id, entity.label or key))
        if entity.type == "person":
            # The IRI this article alone would give; resolution across the store may rename it.
            return _n(self.m.person(local_name(_names(entity))))
        return _n(self.m.organization(key))

    def nquads(self) -> bytes:
        """The article's quads as one N-Quads document, in the order the parts add them."""
        # Each line is "s p o graph .": joining the triples with the graph's line end between them
        # (map over str.join) builds the document without a Python-level step per quad.
        end = f" {self.article} .\n"
        triples = self.triples()
        return (end.join(map(" ".join, triples)) + end).encode() if triples else b""

    def triples(self) -> list[tuple[str, str, str]]:
        self._out = []
        self._article()
        for entity in self.x.entities.values():
            self._entity(entity)
        for claim in self.x.claims:
            self._claim(claim)
        for event in self.x.events:
            self._event(event)
        out, self._out = self._out, []
        return out

    def _article(self) -> None:
        src, a, add = self.x.article, self.article, self._out.append
        add((a, A, ARTICLE))
        add((a, A, CONTEXT))
        add((a, IDENTIFIER, _lit(src.id)))
        add((a, IS_STRING, _lit(src.text)))
        if self.x.published:
            add((a, ISSUED, date_literal(self.x.published.isoformat())))
            add((a, PUBLISHED_FROM, _lit(self.x.published_from)))
        if src.title:
            add((a, TITLE, _de(src.title)))
        if src.source:
            add((a, PUBLISHER, _lit(src.source)))
        if src.url:
            add((a, SOURCE, f"{_lit(src.url)}^^{XSD_URI}"))
        if src.language:
            add((a, LANGUAGE, _lit(src.language)))

    def _span_node(self, node: str, span: Span) -> None:
        self._out += ((node, BEGIN, _int(span.begin)), (node, END, _int(span.end)),
                      (node, ANCHOR, _lit(span.text)), (node, REFERENCE, self.article))

    def _mention_node(self, span: Span) -> str:
        # A sentence or a speaker's words are the node of several claims: each IRI is built once.
        key = (span.begin, span.end)
        node = self._mentions.get(key)
        if node is None:
            node = self._mentions[key] = _n(self.m.mention(self.id, span.begin, span.end))
        return node

    def _mention(self, mention: Mention, refers_to: str | None) -> None:
        node = self._mention_node(mention)
        self._out.append((node, A, MENTION))
        self._span_node(node, mention)
        if refers_to is not None:
            self._out.append((node, REFERS_TO, refers_to))

    def _entity(self, entity: Entity) -> None:
        iri, add = self.entity_iri(entity.key), self._out.append
        add((iri, A, _ENTITY_TYPES[entity.type]))
        if entity.type == "agent":
            # Only an unnamed agent is scoped to its article; a person's or an organization's one
            # label is chosen across all articles (kg.resolve), not repeated by each of them.
            add((iri, LABEL, _lit(entity.label or entity.key)))
        for alias in sorted(_names(entity)):
            add((iri, ALT, _lit(alias)))
        for role in sorted(entity.roles):
            add((iri, ROLE, _de(role)))
        add((iri, CREDITED_IN if entity.credit_only else MENTIONED_IN, self.article))
        for mention in entity.mentions:
            self._mention(mention, iri)

    def _claim(self, claim: Claim) -> None:
        add = self._out.append
        c = _n(self.m.claim(self.id, claim.span.begin, claim.span.end))
        add((c, A, CLAIM))
        add((c, A, _CLAIM_TYPES[claim.mode or "direct"]))
        add((c, TEXT, _de(claim.span.text)))
        add((c, BEGIN, _int(claim.span.begin)))
        add((c, END, _int(claim.span.end)))
        add((c, DERIVED, self.article))
        add((c, DIRECT, TRUE if claim.direct else FALSE))
        if claim.speaker is not None:
            add((self.entity_iri(claim.speaker), SAID, c))
        if claim.speaker_mention is not None:
            speaker = self.entity_iri(claim.speaker) if claim.speaker else None
            add((c, SPEAKER_MENTION, self._mention_node(claim.speaker_mention)))
            self._mention(claim.speaker_mention, speaker)
        if claim.relayed_by is not None:
            add((c, RELAYED_BY, self.entity_iri(claim.relayed_by)))
        if claim.event is not None:
            add((c, SAID_DURING, self._event_ref(self.x.events[claim.event])))
        if claim.cue:
            add((c, CUE, _lit(claim.cue)))
        if claim.cue_span is not None:
            cue = self._mention_node(claim.cue_span)
            add((c, CUE_MENTION, cue))
            add((cue, A, MENTION))
            self._span_node(cue, claim.cue_span)
        if claim.said_on:
            add((c, SAID_ON, date_literal(claim.said_on)))
            add((c, DATE_STATED, TRUE if claim.said_on_stated else FALSE))
        if claim.sentence is not None:
            s = self._mention_node(claim.sentence)
            add((c, IN_SENTENCE, s))
            add((s, A, SENTENCE))
            self._span_node(s, claim.sentence)

    def event_iri(self, event: Event) -> ox.NamedNode:
        return ox.NamedNode(self._event_ref(event)[1:-1])

    def _event_ref(self, event: Event) -> str:
        slugs = [self.entity_iri(p)[1:-1].rsplit("/", 1)[-1] for p in event.participants]
        return _n(self.m.event(event.kind, event.date, slugs, self.id))

    def _event(self, event: Event) -> None:
        add = self._out.append
        e = self._event_ref(event)
        for t in EVENT_TYPES[(event.kind, event.medium)]:
            add((e, A, t))
        # The label and the status over all reports are written by kg.resolve; here, what this article says.
        add((e, DERIVED, self.article))
        add((e, REPORTED_STATUS, STATUS[event.status]))
        if event.date:
            add((e, ON_DATE, date_literal(event.date)))
        trigger = self._mention_node(event.trigger)
        add((e, TRIGGER, trigger))
        self._span_node(trigger, event.trigger)
        iris = [self.entity_iri(p) for p in event.participants]
        link = LINKS["call" if event.kind == "call" else "meeting"]
        for p in iris:
            add((e, PARTICIPANT, p))
            for q in iris:
                if p != q:
                    add((p, link, q))


def _names(entity: Entity) -> set[str]:
    return entity.aliases | {entity.label or entity.key}


def article_nquads(extraction: Extraction, minter: Minter) -> tuple[ox.NamedNode, bytes]:
    """The article's graph name and every quad it contributes, as N-Quads (what the store loads)."""
    g = ArticleGraph(extraction, minter)
    return g.graph, g.nquads()


def article_quads(extraction: Extraction, minter: Minter) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The article's graph name and every quad it contributes, as pyoxigraph quads."""
    graph, body = article_nquads(extraction, minter)
    return graph, list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
