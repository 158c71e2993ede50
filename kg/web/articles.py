"""The article page (``/article/<id>``): the text as read, with everything extracted from it marked.

Claims, speaker and person mentions, cue words and event triggers are marks on the one text
(``kg.web.highlight`` escapes every piece). Each claim gets the id ``claim-B-E`` and each mention
or trigger ``char=B,E`` (the fragment of its mention IRI), so other pages can link to the spot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from markupsafe import Markup

from kg.store import KGStore
from kg.vocab import NKG
from kg.web.claims import (
    AGENT_TYPES,
    ClaimSummary,
    Ref,
    agent_ref,
    claim_summaries,
    int_value,
    local_path,
    merge_ref,
    value,
)
from kg.web.events import KIND_WORDS, STATUS
from kg.web.highlight import Mark, highlight

ARTICLE = """SELECT ?x ?aid ?title ?issued ?from ?publisher ?source ?language ?body WHERE {
  ?x a nkg:Article . OPTIONAL { ?x dcterms:identifier ?aid } OPTIONAL { ?x dcterms:title ?title }
  OPTIONAL { ?x dcterms:issued ?issued } OPTIONAL { ?x nkg:publishedFrom ?from }
  OPTIONAL { ?x dcterms:publisher ?publisher } OPTIONAL { ?x dcterms:source ?source }
  OPTIONAL { ?x dcterms:language ?language } OPTIONAL { ?x nif:isString ?body }
} LIMIT 1"""
# Mention nodes name the article only by nif:referenceContext; a mention can be a speaker or cue too.
# Everything an article said lives in its own named graph (named by the article IRI): reading that
# graph is a scan of one article, where the same pattern over the union scanned every mention stored.
# Labels are looked up inside the group that binds ?r: an OPTIONAL after it would join every label
# in the store to each mention that refers to nobody.
MENTIONS = """SELECT DISTINCT ?x ?m ?b ?e ?r ?rlabel ?rel ?cue WHERE {
  GRAPH ?x {
    ?m a nkg:Mention ; nif:beginIndex ?b ; nif:endIndex ?e .
    OPTIONAL { VALUES ?rel { nkg:speakerMention nkg:cueMention } ?c ?rel ?m OPTIONAL { ?c nkg:cue ?cue } }
  }
  OPTIONAL { GRAPH ?x { ?m nkg:refersTo ?r } OPTIONAL { ?r rdfs:label ?rlabel } }
} LIMIT 5000"""
EVENTS = """SELECT DISTINCT ?x ?ev ?type ?label ?date ?status ?t ?b ?e WHERE {
  GRAPH ?x {
    ?ev prov:wasDerivedFrom ?x ; a ?type . FILTER(?type IN (nkg:Call, nkg:Meeting, nkg:PhoneCall, nkg:VideoCall))
    OPTIONAL { ?ev nkg:onDate ?date } OPTIONAL { ?ev nkg:reportedStatus ?status }
    OPTIONAL { ?ev nkg:trigger ?t . ?t nif:beginIndex ?b ; nif:endIndex ?e }
  }
  OPTIONAL { ?ev rdfs:label ?label }
} LIMIT 2000"""
NAMED = f"""SELECT DISTINCT ?x ?p ?label ?type WHERE {{
  GRAPH ?x {{ ?p nkg:mentionedIn ?x ; a ?type . FILTER(?type IN ({AGENT_TYPES})) }} OPTIONAL {{ ?p rdfs:label ?label }}
}} LIMIT 2000"""
FROM_CLAIMS = "GRAPH ?x { ?c a nkg:Claim }"

# The article's own triples (its text once) and what was read from it. Mention and trigger IRIs
# are fragments of the article IRI (#char=B,E), so this document is where they resolve: each with
# its offsets, words and whom it means. Claims come by type and offsets only (their words are in
# nif:isString and on their own pages); sentence nodes, which would repeat the whole text, not at all.
ARTICLE_GRAPH = """CONSTRUCT {
  ?x ?p ?o . ?c ?cp ?co . ?s nkg:said ?c . ?m ?mp ?mo . ?n ?np ?no . ?n rdfs:label ?nl . ?ev ?ep ?eo
} WHERE {
  { ?x ?p ?o }
  UNION { ?c prov:wasDerivedFrom ?x ; a nkg:Claim ; ?cp ?co
          FILTER(?cp IN (rdf:type, nif:beginIndex, nif:endIndex, prov:wasDerivedFrom)) }
  UNION { ?c prov:wasDerivedFrom ?x ; a nkg:Claim . ?s nkg:said ?c }
  UNION { ?m nif:referenceContext ?x ; a nkg:Mention ; ?mp ?mo }
  UNION { ?ev prov:wasDerivedFrom ?x ; nkg:trigger ?m . ?m nif:referenceContext ?x ; ?mp ?mo }
  UNION { ?n nkg:mentionedIn ?x ; ?np ?no FILTER(?np IN (rdf:type, nkg:mentionedIn)) OPTIONAL { ?n rdfs:label ?nl } }
  UNION { ?ev prov:wasDerivedFrom ?x ; a nkg:Event ; ?ep ?eo
          FILTER(?ep IN (rdf:type, rdfs:label, nkg:onDate, nkg:status, prov:wasDerivedFrom, nkg:participant,
                         nkg:trigger)) }
}"""

FROM_WORDS = {"metadata": "from the article's metadata", "dateline": "from the dateline in the text"}
# Earlier marks win the link of a piece they share: a name inside a claim links to the person.
ORDER = {"speaker": 0, "mention": 1, "trigger": 2, "cue": 3, "claim": 4}


@dataclass
class Anchor:
    offset: int
    id: str


@dataclass
class ReportedEvent:
    iri: str
    label: str
    kind_words: str
    date: str | None
    status: str | None  # what this article reported: "happened" or "planned"
    trigger: str | None  # the mention IRI of the first trigger words in this article


@dataclass
class ArticlePage:
    iri: str
    id: str
    title: str | None
    issued: str | None
    published_from: str | None  # "metadata", "dateline" or "unknown"
    published_from_words: str | None
    publisher: str | None
    source: str | None  # the URL it was read from
    source_is_link: bool  # only http(s) URLs become links: a javascript: URL must not
    language: str
    text: str
    paragraphs: list[tuple[int, int]]
    marks: list[Mark]
    anchors: list[Anchor]
    persons: list[Ref]
    others: list[Ref]  # organizations and unnamed agents
    claims: list[ClaimSummary]
    events: list[ReportedEvent]

    def paragraphs_html(self) -> list[Markup]:
        return [self._paragraph(b, e) for b, e in self.paragraphs]

    def _paragraph(self, begin: int, end: int) -> Markup:
        ids: dict[int, list[str]] = {}
        for a in self.anchors:
            if begin <= a.offset < end:
                ids.setdefault(a.offset, []).append(a.id)
        cuts = sorted({begin, end, *ids})
        out: list[Markup] = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            out += [_anchor(i) for i in ids.get(a, [])]
            out.append(highlight(self.text, self.marks, a, b))
        return Markup("").join(out)


def _anchor(anchor_id: str) -> Markup:
    # An empty element at the spot: marks may nest and overlap, an id must not split them further.
    return Markup('<span id="{}"></span>').format(anchor_id)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The blocks between blank lines, without their surrounding whitespace."""
    cuts = [0] + [x for m in re.finditer(r"\n\s*\n", text) for x in (m.start(), m.end())] + [len(text)]
    out = []
    for b, e in zip(cuts[::2], cuts[1::2], strict=False):
        block = text[b:e]
        stripped = block.strip()
        if stripped:
            start = b + block.index(stripped)
            out.append((start, start + len(stripped)))
    return out


def article_view(store: KGStore, base: str, iri: str) -> ArticlePage | None:
    """Everything the article page shows; None if no article has this IRI."""
    x = ox.NamedNode(iri)
    rows = store.select(ARTICLE, x=x)
    if not rows:
        return None
    row = rows[0]
    text = value(row["body"]) or ""
    source = value(row["source"])
    published_from = value(row["from"])
    claims = claim_summaries(store, FROM_CLAIMS, x)
    events, trigger_marks = _events(store, x, base)
    persons, others = _named(store, x)
    marks = _mention_marks(store, x, base) + trigger_marks + [_claim_mark(c, base) for c in claims]
    marks.sort(key=lambda m: (ORDER.get(m.css.split()[0], 9), m.begin, m.end))
    anchors = [Anchor(c.begin, c.anchor) for c in claims]
    anchors += [Anchor(m.begin, f"char={m.begin},{m.end}") for m in marks if m.css.split()[0] != "claim"]
    unique = {a.id: a for a in sorted(anchors, key=lambda a: (a.offset, a.id))}
    return ArticlePage(
        iri=iri, id=value(row["aid"]) or iri.rsplit("/", 1)[-1], title=value(row["title"]),
        issued=value(row["issued"]), published_from=published_from,
        published_from_words=FROM_WORDS.get(published_from or ""), publisher=value(row["publisher"]),
        source=source, source_is_link=bool(source and re.match(r"https?://", source, re.IGNORECASE)),
        language=value(row["language"]) or "de", text=text, paragraphs=paragraphs(text), marks=marks,
        anchors=list(unique.values()), persons=persons, others=others, claims=claims, events=events)


def _claim_mark(claim: ClaimSummary, base: str) -> Mark:
    by = f"claim by {claim.speaker.label}" if claim.speaker else "claim, speaker unknown"
    return Mark(claim.begin, claim.end, "claim", by, local_path(claim.iri, base))


def _mention_marks(store: KGStore, x: ox.NamedNode, base: str) -> list[Mark]:
    found: dict[str, tuple[int, int, Ref | None, set[str], str | None]] = {}
    for row in store.select(MENTIONS, x=x):
        b, e = int_value(row["b"]), int_value(row["e"])
        if b is None or e is None:
            continue
        m = str(value(row["m"]))
        _, _, ref, roles, cue = found.setdefault(m, (b, e, None, set(), None))
        if row.get("r") is not None:
            ref = merge_ref(ref, agent_ref(str(value(row["r"])), value(row["rlabel"])))
        rel = value(row["rel"])
        if rel is not None:
            roles.add("speaker" if rel == str(NKG.speakerMention) else "cue")
        found[m] = (b, e, ref, roles, cue or value(row["cue"]))
    marks = []
    for b, e, ref, roles, cue in found.values():
        if "cue" in roles:
            marks.append(Mark(b, e, "cue", f"cue: {cue}" if cue else "cue"))
        speaker = "speaker" in roles
        if ref is not None:
            role = "speaker" if speaker else ref.kind or "named"
            css = f"{'speaker' if speaker else 'mention'} {ref.kind or ''}".strip()
            marks.append(Mark(b, e, css, f"{role}: {ref.label}", local_path(ref.iri, base)))
        elif speaker:
            marks.append(Mark(b, e, "speaker", "speaker (not resolved)"))
    return marks


def _events(store: KGStore, x: ox.NamedNode, base: str) -> tuple[list[ReportedEvent], list[Mark]]:
    events: dict[str, ReportedEvent] = {}
    types: dict[str, set[str]] = {}
    marks: dict[str, Mark] = {}
    first: dict[str, int] = {}  # event -> offset of its first trigger here
    for row in store.select(EVENTS, x=x):
        iri = str(value(row["ev"]))
        event = events.setdefault(iri, ReportedEvent(iri, value(row["label"]) or iri.rsplit("/", 1)[-1], "",
                                                     value(row["date"]), None, None))
        types.setdefault(iri, set()).add(str(value(row["type"])))
        status = STATUS.get(value(row["status"]) or "")
        if status == "happened" or event.status is None:
            event.status = status
        b, e, t = int_value(row["b"]), int_value(row["e"]), value(row["t"])
        if b is not None and e is not None and t is not None:
            marks.setdefault(t, Mark(b, e, "trigger", f"event: {event.label}", local_path(iri, base)))
            if first.get(iri, b + 1) > b:
                first[iri], event.trigger = b, t
    for iri, event in events.items():
        kind = "call" if str(NKG.Call) in types[iri] else "meeting"
        medium = "video" if str(NKG.VideoCall) in types[iri] else "phone" if str(NKG.PhoneCall) in types[iri] else None
        event.kind_words = KIND_WORDS.get((kind, medium), kind)
    ordered = sorted(events.values(), key=lambda ev: (ev.date or "", ev.iri))
    return ordered, list(marks.values())


def _named(store: KGStore, x: ox.NamedNode) -> tuple[list[Ref], list[Ref]]:
    found: dict[str, Ref] = {}
    for row in store.select(NAMED, x=x):
        ref = agent_ref(str(value(row["p"])), value(row["label"]), value(row["type"]))
        found[ref.iri] = merge_ref(found.get(ref.iri), ref)
    refs = sorted(found.values(), key=lambda r: (r.label.casefold(), r.iri))
    return [r for r in refs if r.kind == "person"], [r for r in refs if r.kind != "person"]

