"""The event page (``/event/<slug>``): a call or meeting, who took part, who reported it, what was said in it.

An event node joins every article that reports the same kind of event on the same day between the
same persons. ``nkg:status`` is the verdict over all of them; each article's own graph keeps what
that article reported (``nkg:reportedStatus``), so the page shows both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store import KGStore
from kg.vocab import NKG
from kg.web.claims import (
    ARTICLE,
    ClaimSummary,
    Ref,
    agent_ref,
    article_ref,
    claim_summaries,
    int_value,
    merge_ref,
    value,
)
from kg.web.data import ArticleRef

EVENT = """SELECT DISTINCT ?x ?type ?date ?status ?label WHERE {
  ?x a nkg:Event ; a ?type . FILTER(?type IN (nkg:Call, nkg:Meeting, nkg:PhoneCall, nkg:VideoCall))
  OPTIONAL { ?x nkg:onDate ?date } OPTIONAL { ?x nkg:status ?status } OPTIONAL { ?x rdfs:label ?label }
}"""
PARTICIPANTS = """SELECT DISTINCT ?x ?p ?label WHERE {
  ?x nkg:participant ?p . OPTIONAL { ?p rdfs:label ?label }
} LIMIT 200"""
# What each reporting article said: its status (from that article's own graph) and its trigger words.
REPORTS = f"""SELECT DISTINCT ?x ?a ?aid ?title ?issued ?status ?t ?tb ?te ?tw WHERE {{
  ?x prov:wasDerivedFrom ?a . {ARTICLE}
  OPTIONAL {{ GRAPH ?a {{ ?x nkg:reportedStatus ?status }} }}
  OPTIONAL {{ ?x nkg:trigger ?t . ?t nif:referenceContext ?a ; nif:beginIndex ?tb ; nif:endIndex ?te
             OPTIONAL {{ ?t nif:anchorOf ?tw }} }}
}} LIMIT 2000"""
SAID_DURING = "?c nkg:saidDuring ?x ."

# The event's own triples, who took part (labels, types), what identifies each reporting article,
# the trigger words in each, and the claims said during it with their speakers.
EVENT_GRAPH = """CONSTRUCT {
  ?x ?p ?o . ?pp rdfs:label ?pl . ?pp a ?pt . ?a ?ap ?ao . ?t ?tp ?to . ?c ?cp ?co . ?s nkg:said ?c . ?s rdfs:label ?sl
} WHERE {
  { ?x ?p ?o }
  UNION { ?x nkg:participant ?pp OPTIONAL { ?pp rdfs:label ?pl } OPTIONAL { ?pp a ?pt } }
  UNION { ?x prov:wasDerivedFrom ?a . ?a ?ap ?ao
          FILTER(?ap IN (rdf:type, dcterms:identifier, dcterms:title, dcterms:issued, dcterms:publisher)) }
  UNION { ?x nkg:trigger ?t . ?t ?tp ?to }
  UNION { ?c nkg:saidDuring ?x . ?c ?cp ?co
          FILTER(?cp IN (rdf:type, nkg:text, nkg:direct, nkg:saidOn, nkg:saidDuring, prov:wasDerivedFrom)) }
  UNION { ?c nkg:saidDuring ?x . ?s nkg:said ?c OPTIONAL { ?s rdfs:label ?sl } }
}"""

STATUS = {str(NKG.Happened): "happened", str(NKG.Planned): "planned"}
KIND_WORDS = {("call", "phone"): "phone call", ("call", "video"): "video call", ("call", None): "call"}


@dataclass
class Trigger:
    """The words an article used for the event; ``iri`` is the mention (article IRI + #char=B,E)."""

    iri: str
    begin: int
    end: int
    words: str | None


@dataclass
class EventReport:
    article: ArticleRef
    status: str | None  # what this article reported: "happened" or "planned"
    triggers: list[Trigger] = field(default_factory=list)


@dataclass
class EventPage:
    iri: str
    label: str
    kind: str  # "call" or "meeting"
    medium: str | None  # "phone", "video" or None
    kind_words: str  # "phone call", "meeting", …
    date: str | None
    status: str | None  # over all reports: "happened" or "planned"
    participants: list[Ref]
    reports: list[EventReport]
    claims: list[ClaimSummary]


def event_view(store: KGStore, base: str, iri: str) -> EventPage | None:
    """Everything the event page shows; None if no event has this IRI."""
    x = ox.NamedNode(iri)
    rows = store.select(EVENT, x=x)
    if not rows:
        return None
    types = {value(r["type"]) for r in rows}
    kind = "call" if str(NKG.Call) in types else "meeting"
    medium = "video" if str(NKG.VideoCall) in types else "phone" if str(NKG.PhoneCall) in types else None
    statuses = {STATUS.get(value(r["status"]) or "") for r in rows} - {None}
    participants = _participants(store, x)
    reports = _reports(store, x)
    if not statuses:  # not resolved yet: the reports decide, and one report of it held outweighs plans
        statuses = {r.status for r in reports} - {None}
    kind_words = KIND_WORDS.get((kind, medium), kind)
    labels = sorted(v for r in rows if (v := value(r["label"])))
    date = min((v for r in rows if (v := value(r["date"]))), default=None)
    fallback = f"{kind_words.capitalize()}: {' – '.join(p.label for p in participants)}"
    return EventPage(
        iri=iri, label=labels[0] if labels else fallback, kind=kind, medium=medium, kind_words=kind_words,
        date=date, status=next((s for s in ("happened", "planned") if s in statuses), None),
        participants=participants, reports=reports, claims=claim_summaries(store, SAID_DURING, x))


def _participants(store: KGStore, x: ox.NamedNode) -> list[Ref]:
    found: dict[str, Ref] = {}
    for row in store.select(PARTICIPANTS, x=x):
        ref = agent_ref(str(value(row["p"])), value(row["label"]))
        found[ref.iri] = merge_ref(found.get(ref.iri), ref)
    return sorted(found.values(), key=lambda r: (r.label, r.iri))


def _reports(store: KGStore, x: ox.NamedNode) -> list[EventReport]:
    reports: dict[str, EventReport] = {}
    for row in store.select(REPORTS, x=x):
        article = article_ref(row)
        if article is None:
            continue
        report = reports.setdefault(article.iri, EventReport(article, None))
        status = STATUS.get(value(row["status"]) or "")
        if status == "happened" or report.status is None:
            report.status = status
        begin, end = int_value(row["tb"]), int_value(row["te"])
        trigger = str(value(row["t"])) if row.get("t") is not None else None
        if trigger and begin is not None and end is not None and all(t.iri != trigger for t in report.triggers):
            report.triggers.append(Trigger(trigger, begin, end, value(row["tw"])))
    for report in reports.values():
        report.triggers.sort(key=lambda t: t.begin)
    return sorted(reports.values(), key=lambda r: (r.article.issued or "", r.article.iri))
