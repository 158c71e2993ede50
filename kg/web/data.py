"""What the person page shows (and what the organization and agent pages share with it).

Each resource has ONE data function; the HTML page and the JSON are both rendered from its return
value, so they cannot drift apart. The RDF representations come from ``PERSON_GRAPH``, a CONSTRUCT
over the same store. Every list is bounded in its query (a person quoted in thousands of articles
still costs a handful of queries), and the page says when it shows only the newest part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph as ox

from kg.store import KGStore
from kg.vocab import NKG
from kg.web.highlight import Mark, Passage, window

# Oxigraph binds a substituted variable only if the SELECT projects it, hence ?x everywhere (also in
# subqueries, where it pins the LIMIT to this node); the union of article graphs repeats a triple
# once per article, hence DISTINCT.
T = TypeVar("T")
Term = ox.NamedNode | ox.Literal | ox.BlankNode | None
Row = dict[str, Term]

CLAIMS_LIMIT = 200
EVENTS_LIMIT = 200
EVENT_REPORTS_LIMIT = 10  # per event on the timeline; the event page lists them all
CO_MENTIONS_LIMIT = 10
GRAPH_LIMIT = 50  # claims, events and articles in the RDF forms (also embedded in every HTML page)
NAMES_LIMIT = 500  # alt labels, roles and candidate matches together
SNIPPET_MAX = 300  # characters of article text around a claim
NEAR = 80  # a speaker mention this close to the claim's sentence is shown with it
SENTENCE_BREAK = re.compile(r"[.!?…][\"“”»«]?(?:\s+|$)|\n")
SENTENCE_END = (".", "!", "?", "…", ".“", "!“", "?“", ".«", ".\"")

MODES = {str(NKG.DirectQuote): "direct", str(NKG.IndirectSpeech): "indirect",
         str(NKG.FreeIndirectSpeech): "free", str(NKG.ReportedSpeech): "reported"}
ARTICLE = """OPTIONAL { ?a dcterms:identifier ?aid } OPTIONAL { ?a dcterms:title ?title }
             OPTIONAL { ?a dcterms:issued ?issued }"""
# Query plans matter here: every pattern starts from a bound node (a two-pattern OPTIONAL on
# nif:beginIndex would scan every mention in the store), and triples that repeat once per article
# graph (types, alt labels, participants) are never joined with each other before DISTINCT.


def newest_claims(limit: int) -> str:
    """A subquery: the ``limit`` newest claims ?c of ?x, with their ?date.

    Chosen by nkg:saidOn alone: the extractor writes it whenever the article has a date (the
    publication date when the text states none), so a claim without it has no date at all, and
    looking up every article's date as well doubles the cost for a much-quoted person.
    """
    return f"""{{ SELECT ?x ?c ?date WHERE {{
    ?x nkg:said ?c . OPTIONAL {{ ?c nkg:saidOn ?on }} BIND(STR(COALESCE(?on, "")) AS ?date)
  }} ORDER BY DESC(?date) ?c LIMIT {limit} }}"""


def newest_events(limit: int) -> str:
    """A subquery: the ``limit`` newest events ?e that ?x took part in, with their ?date."""
    return f"""{{ SELECT ?x ?e (MIN(STR(?d)) AS ?date) WHERE {{ ?e nkg:participant ?x OPTIONAL {{ ?e nkg:onDate ?d }} }}
     GROUP BY ?x ?e ORDER BY DESC(COALESCE(?date, "")) ?e LIMIT {limit} }}"""


# The newest claims of ?x (said on, else published on), with what a snippet needs: the article
# text and the offsets of the claim, its sentence and its speaker mention.
SAID = f"""SELECT DISTINCT ?x ?c ?date ?text ?type ?b ?e ?direct ?said ?stated ?a ?aid ?title ?issued ?doc
                  ?sb ?se ?mb ?me ?r ?rl ?ev ?el WHERE {{
  {newest_claims(CLAIMS_LIMIT)}
  ?c nkg:text ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?c a ?type FILTER(?type IN ({", ".join(f"<{t}>" for t in MODES)})) }}
  OPTIONAL {{ ?c nkg:direct ?direct }} OPTIONAL {{ ?c nkg:saidOn ?said }} OPTIONAL {{ ?c nkg:dateStated ?stated }}
  OPTIONAL {{ ?c nkg:sentence ?s OPTIONAL {{ ?s nif:beginIndex ?sb }} OPTIONAL {{ ?s nif:endIndex ?se }} }}
  OPTIONAL {{ ?c nkg:speakerMention ?m OPTIONAL {{ ?m nif:beginIndex ?mb }} OPTIONAL {{ ?m nif:endIndex ?me }} }}
  OPTIONAL {{ ?c nkg:relayedBy ?r OPTIONAL {{ ?r rdfs:label ?rl }} }}
  OPTIONAL {{ ?c nkg:saidDuring ?ev OPTIONAL {{ ?ev rdfs:label ?el }} }}
  {ARTICLE} OPTIONAL {{ ?a nif:isString ?doc }}
}}"""

PERSON = f"""SELECT DISTINCT ?x ?what ?v ?l WHERE {{
  {{ ?x a nkg:Person BIND("type" AS ?what) }} UNION {{ ?x rdfs:label ?v BIND("label" AS ?what) }}
  UNION {{ ?x skos:altLabel ?v BIND("alt" AS ?what) }} UNION {{ ?x nkg:role ?v BIND("role" AS ?what) }}
  UNION {{ ?x skos:closeMatch ?v BIND("close" AS ?what) OPTIONAL {{ ?v rdfs:label ?l }} }}
}} LIMIT {NAMES_LIMIT}"""
COUNTS = """SELECT ?x (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?e) AS ?events)
                   (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  { ?x nkg:said ?c } UNION { ?e nkg:participant ?x } UNION { ?x nkg:mentionedIn ?a }
} GROUP BY ?x"""
# The newest events of ?x, then one row per fact the timeline shows about each.
EVENTS = f"""SELECT DISTINCT ?x ?e ?date ?what ?v ?l ?aid ?title ?issued WHERE {{
  {newest_events(EVENTS_LIMIT)}
  # LATERAL (an Oxigraph extension, SEP-0006): the union is run per event, not over the whole store.
  LATERAL {{ {{ ?e a ?v BIND("type" AS ?what) }} UNION {{ ?e nkg:status ?v BIND("status" AS ?what) }}
  UNION {{ ?e nkg:reportedStatus ?v BIND("reported" AS ?what) }}
  UNION {{ ?e rdfs:label ?v BIND("label" AS ?what) }}
  UNION {{ ?e nkg:participant ?v FILTER(?v != ?x) BIND("with" AS ?what) OPTIONAL {{ ?v rdfs:label ?l }} }}
  UNION {{ ?e prov:wasDerivedFrom ?v BIND("report" AS ?what) OPTIONAL {{ ?v dcterms:identifier ?aid }}
           OPTIONAL {{ ?v dcterms:title ?title }} OPTIONAL {{ ?v dcterms:issued ?issued }} }} }}
}}"""
# Counted before the type check: a person's type repeats in every article graph that names them.
CO_MENTIONED = f"""SELECT ?x ?o ?n (MIN(?l) AS ?label) WHERE {{
  {{ SELECT ?x ?o (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?x nkg:mentionedIn ?a . ?o nkg:mentionedIn ?a FILTER(?o != ?x) }}
     GROUP BY ?x ?o }}
  FILTER EXISTS {{ ?o a nkg:Person }}
  OPTIONAL {{ ?o rdfs:label ?l }}
}} GROUP BY ?x ?o ?n ORDER BY DESC(?n) ?label ?o LIMIT {CO_MENTIONS_LIMIT}"""
# What the page shows, as triples: the person's own triples (the newest articles only), the newest
# claims and events with their main facts (each claim's and event's own IRI has the rest: offsets,
# mentions, cue), and identifying facts about the articles behind those (never the article text).
# Bounded (GRAPH_LIMIT), so a much-quoted person stays a small document.
CLAIM_FACTS = ("rdf:type, nkg:text, nkg:direct, nkg:saidOn, nkg:dateStated, prov:wasDerivedFrom, nkg:relayedBy, "
               "nkg:saidDuring")
ARTICLE_FACTS = "rdf:type, dcterms:identifier, dcterms:title, dcterms:issued"
PERSON_GRAPH = f"""CONSTRUCT {{ ?x ?pp ?po . ?x nkg:said ?c . ?c ?cp ?co . ?e ?ep ?eo . ?a ?ap ?ao }} WHERE {{
  {{ ?x ?pp ?po FILTER(?pp NOT IN (nkg:said, nkg:mentionedIn)) }}
  UNION {{ SELECT ?x ?pp ?po WHERE {{ ?x nkg:mentionedIn ?po BIND(nkg:mentionedIn AS ?pp)
                                      OPTIONAL {{ ?po dcterms:issued ?i }} }}
          ORDER BY DESC(STR(COALESCE(?i, ""))) LIMIT {GRAPH_LIMIT} }}
  UNION {{ {newest_claims(GRAPH_LIMIT)}
          LATERAL {{ ?c ?cp ?co FILTER(?cp IN ({CLAIM_FACTS})) }} }}
  UNION {{ {newest_events(GRAPH_LIMIT)}
          LATERAL {{ ?e ?ep ?eo FILTER(?ep IN (rdf:type, rdfs:label, nkg:onDate, nkg:status, nkg:participant,
                                              prov:wasDerivedFrom)) }} }}
  UNION {{ {{ SELECT DISTINCT ?x ?a WHERE {{ {{ {newest_claims(GRAPH_LIMIT)} ?c prov:wasDerivedFrom ?a }}
                                          UNION {{ {newest_events(GRAPH_LIMIT)} ?e prov:wasDerivedFrom ?a }} }} }}
          ?a ?ap ?ao FILTER(?ap IN ({ARTICLE_FACTS})) }}
}}"""


@dataclass
class ArticleRef:
    iri: str
    id: str | None
    title: str | None
    issued: str | None


@dataclass
class PersonRef:
    iri: str
    label: str
    slug: str | None  # None when the IRI is not under this server's person/ base


@dataclass
class Ref:
    """A link to any node with a page: an organization, an unnamed speaker, an event."""

    iri: str
    label: str


@dataclass
class ClaimView:
    iri: str
    text: str
    mode: str  # "direct", "indirect", "free" or "reported"
    direct: bool
    date: str | None  # when it was said, else the article's publication date
    date_stated: bool  # True only when the article states the date of the utterance
    article: ArticleRef | None
    snippet: Passage | None = None
    relayed_by: Ref | None = None  # who passed the words on
    said_during: Ref | None = None  # the call or meeting it was said in


@dataclass
class EventView:
    iri: str
    kind: str  # "call" or "meeting"
    medium: str | None  # "phone", "video" or None
    date: str | None
    status: str  # "happened" or "planned"
    label: str | None = None
    participants: list[PersonRef] = field(default_factory=list)  # the others, not this person
    articles: list[ArticleRef] = field(default_factory=list)  # the first reports, oldest first
    articles_total: int = 0


@dataclass
class CoMention:
    person: PersonRef
    articles: int  # articles that mention both


@dataclass
class PersonView:
    iri: str
    slug: str
    label: str
    alt_labels: list[str]
    roles: list[str]
    claims: list[ClaimView]  # the newest CLAIMS_LIMIT
    events: list[EventView]  # the newest EVENTS_LIMIT
    co_mentioned: list[CoMention] = field(default_factory=list)
    close_matches: list[PersonRef] = field(default_factory=list)  # "possibly the same as"
    claims_total: int = 0
    events_total: int = 0
    articles_total: int = 0


def _value(term: Term) -> str | None:
    return term.value if term is not None else None


def _int(term: Term) -> int | None:
    text = _value(term)
    return int(text) if text is not None and text.lstrip("-").isdigit() else None


def person_slug(iri: str, base: str) -> str | None:
    prefix = base + "person/"
    return iri[len(prefix):] if iri.startswith(prefix) else None


def person_ref(iri: str, label: str | None, base: str) -> PersonRef:
    return PersonRef(iri, label or iri.rsplit("/", 1)[-1], person_slug(iri, base))


def _article(row: Row) -> ArticleRef | None:
    if row.get("a") is None:
        return None
    return ArticleRef(str(_value(row["a"])), _value(row["aid"]), _value(row["title"]), _value(row["issued"]))


def _ref(row: Row, node: str, label: str) -> Ref | None:
    iri = _value(row.get(node))
    return Ref(iri, _value(row.get(label)) or iri.rsplit("/", 1)[-1]) if iri else None


def snippet(doc: str, claim: tuple[int, int], sentence: tuple[int, int] | None,
            speaker: tuple[int, int] | None, speaker_label: str = "") -> Passage:
    """The claim's sentence (or a window around the claim) with the claim and speaker marked, kept short.

    The speaker mention joins the snippet when it stands close by in the same paragraph; a long
    sentence is cut to the start of the claim (and a speaker just before it).
    """
    cb, ce = claim
    covers = sentence is not None and sentence[0] <= cb and ce <= sentence[1]
    bounds = sentence if sentence is not None and covers else (0, len(doc))
    lo, hi = bounds if covers else _sentence_guess(doc, cb, ce)
    near = speaker is not None and lo - NEAR <= speaker[0] and speaker[1] <= hi + NEAR and \
        "\n\n" not in doc[min(speaker[0], cb):max(speaker[1], ce)]
    if speaker and near:
        lo, hi = min(lo, speaker[0]), max(hi, speaker[1])
    if hi - lo > SNIPPET_MAX:
        context = NEAR // 2
        lo, hi = window(doc, cb, min(ce, cb + SNIPPET_MAX - 2 * context), context)
        if speaker and near and lo - NEAR <= speaker[0] < lo:
            lo = speaker[0]
    shown = [(cb, ce)] + ([speaker] if speaker and near else [])
    keep = min(b for b, _ in shown), max(e for _, e in shown)
    lo, hi = _trim(doc, lo, hi, *keep)
    first, last = _trim(doc, *bounds, *keep) if bounds[0] <= keep[0] and keep[1] <= bounds[1] else bounds
    marks = [Mark(cb - lo, min(ce, hi) - lo, "claim", "the claim")]
    if speaker and near and lo <= speaker[0] and speaker[1] <= hi:
        marks.append(Mark(speaker[0] - lo, speaker[1] - lo, "speaker", f"the speaker ({speaker_label})"))
    # Cut: the snippet starts or ends inside a sentence (not at its bounds, a full stop or a line break).
    cut_before = lo not in (0, first) and not doc[:lo].rstrip(" \t").endswith(("\n", *SENTENCE_END))
    cut_after = hi not in (len(doc), last) and not doc[lo:hi].endswith(SENTENCE_END) and doc[hi] != "\n"
    return Passage(lo, doc[lo:hi], marks, cut_before=cut_before, cut_after=cut_after)


def _sentence_guess(doc: str, begin: int, end: int) -> tuple[int, int]:
    """Where the sentence around ``[begin, end)`` probably starts and ends, within a window (no sentence node)."""
    lo, hi = window(doc, begin, end, NEAR)
    starts = [m.end() for m in SENTENCE_BREAK.finditer(doc, lo, begin)]
    stop = SENTENCE_BREAK.search(doc, end, hi)
    return (starts[-1] if starts else lo), (stop.start() + len(stop.group().rstrip()) if stop else hi)


def _trim(doc: str, lo: int, hi: int, keep_lo: int, keep_hi: int) -> tuple[int, int]:
    """``[lo, hi)`` without other paragraphs (site chrome like "Teilen" often follows) or outer blanks."""
    if (para := doc.rfind("\n\n", lo, keep_lo)) != -1:
        lo = para + 2
    if (para := doc.find("\n\n", keep_hi, hi)) != -1:
        hi = para
    while lo < keep_lo and doc[lo].isspace():
        lo += 1
    while hi > keep_hi and doc[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _claim(row: Row, speaker_label: str) -> ClaimView:
    said, issued = _value(row["said"]), _value(row["issued"])
    doc, b, e = _value(row["doc"]), _int(row["b"]), _int(row["e"])
    sb, se, mb, me = _int(row["sb"]), _int(row["se"]), _int(row["mb"]), _int(row["me"])
    text_snippet = None
    if doc is not None and b is not None and e is not None and 0 <= b <= e <= len(doc):
        sentence = (sb, se) if sb is not None and se is not None and 0 <= sb <= se <= len(doc) else None
        speaker = (mb, me) if mb is not None and me is not None and 0 <= mb <= me <= len(doc) else None
        text_snippet = snippet(doc, (b, e), sentence, speaker, speaker_label)
    mode = MODES.get(_value(row["type"]) or "", "direct" if _value(row["direct"]) == "true" else "indirect")
    return ClaimView(
        iri=str(_value(row["c"])), text=str(_value(row["text"])), mode=mode,
        direct=_value(row["direct"]) == "true", date=said or issued,
        date_stated=said is not None and _value(row["stated"]) == "true", article=_article(row),
        snippet=text_snippet, relayed_by=_ref(row, "r", "rl"), said_during=_ref(row, "ev", "el"))


def said_by(store: KGStore, x: ox.NamedNode, speaker_label: str) -> list[ClaimView]:
    """The newest CLAIMS_LIMIT claims ``x`` said, newest first, each with a marked snippet."""
    claims: dict[str, tuple[str, int, ClaimView]] = {}
    for row in store.select(SAID, x=x):
        iri = str(_value(row["c"]))
        if iri not in claims:
            claims[iri] = (str(_value(row["a"])), _int(row["b"]) or 0, _claim(row, speaker_label))
    # Claims of one day in the order they stand in their article.
    in_text = [c for _, _, c in sorted(claims.values(), key=lambda t: (t[0], t[1], t[2].iri))]
    return newest_first(in_text, lambda c: c.date)


def newest_first(items: list[T], date: Callable[[T], str | None]) -> list[T]:
    """``items`` by date, newest first, undated last, else in the given order.

    ISO dates, year-months and years compare as strings ("2024-03" after "2024-03-12").
    """
    dated = sorted((i for i in items if date(i)), key=lambda i: date(i) or "", reverse=True)  # stable
    return dated + [i for i in items if not date(i)]


def count(store: KGStore, query: str, x: ox.NamedNode) -> dict[str, int]:
    """The first row of a COUNT query as ints (zeros when the group is empty)."""
    rows = store.select(query, x=x)
    if not rows:
        return {}
    return {k: _int(v) or 0 for k, v in rows[0].items() if k != "x"}


def _events(store: KGStore, x: ox.NamedNode, base: str) -> list[EventView]:
    events: dict[str, EventView] = {}
    reported: dict[str, set[str]] = {}
    for row in store.select(EVENTS, x=x):
        iri, what, v = str(_value(row["e"])), _value(row["what"]), _value(row["v"]) or ""
        event = events.setdefault(iri, EventView(iri, "meeting", None, _value(row["date"]) or None, ""))
        if what == "type" and v == str(NKG.Call):
            event.kind = "call"
        elif what == "type" and v in (str(NKG.PhoneCall), str(NKG.VideoCall)):
            event.medium = "phone" if v == str(NKG.PhoneCall) else "video"
        elif what == "status":
            # One source of the merged status: if it says happened, an announcement elsewhere does not undo it.
            event.status = "happened" if v == str(NKG.Happened) or event.status == "happened" else "planned"
        elif what == "reported":
            reported.setdefault(iri, set()).add(v)
        elif what == "label":
            event.label = min(filter(None, [event.label, v]))
        elif what == "with" and all(p.iri != v for p in event.participants):
            event.participants.append(person_ref(v, _value(row["l"]), base))
        elif what == "report" and (article := _article({**row, "a": row["v"]})):
            event.articles.append(article)
    for iri, event in events.items():
        if not event.status:  # not resolved across articles yet: the reports decide
            event.status = "happened" if str(NKG.Happened) in reported.get(iri, set()) else "planned"
        event.participants.sort(key=lambda r: (r.label, r.iri))
        unique = {a.iri: a for a in event.articles}
        event.articles_total = len(unique)
        event.articles = sorted(unique.values(), key=lambda a: (a.issued or "", a.iri))[:EVENT_REPORTS_LIMIT]
    return newest_first(sorted(events.values(), key=lambda e: e.iri), lambda e: e.date)


def _co_mentioned(store: KGStore, x: ox.NamedNode, base: str) -> list[CoMention]:
    return [CoMention(person_ref(str(_value(r["o"])), _value(r["label"]), base), _int(r["n"]) or 0)
            for r in store.select(CO_MENTIONED, x=x)]


def person_view(store: KGStore, base: str, iri: str) -> PersonView | None:
    """Everything the person page shows; None if no person has this IRI."""
    x = ox.NamedNode(iri)
    rows = store.select(PERSON, x=x)
    if not rows:
        return None
    names: dict[str, set[str]] = {"label": set(), "alt": set(), "role": set()}
    close: dict[str, PersonRef] = {}
    for row in rows:
        what, v = str(_value(row["what"])), _value(row["v"])
        if what == "close" and v:
            ref = person_ref(v, _value(row["l"]), base)
            close[v] = min(close.get(v, ref), ref, key=lambda r: r.label)
        elif what in names and v:
            names[what].add(v)
    label = min(names["label"], default=iri.rsplit("/", 1)[-1])
    totals = count(store, COUNTS, x)
    return PersonView(
        iri=iri, slug=iri.rsplit("/", 1)[-1], label=label, alt_labels=sorted(names["alt"]),
        roles=sorted(names["role"]), claims=said_by(store, x, label), events=_events(store, x, base),
        co_mentioned=_co_mentioned(store, x, base),
        close_matches=sorted(close.values(), key=lambda r: (r.label, r.iri)),
        claims_total=totals.get("claims", 0), events_total=totals.get("events", 0),
        articles_total=totals.get("articles", 0))
