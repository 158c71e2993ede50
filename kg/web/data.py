"""What the entity pages show, read from the store by SPARQL with substitutions.

Each resource has ONE data function; the HTML page and the JSON are both
rendered from its return value, so they cannot drift apart. The RDF
representations come from ``PERSON_GRAPH``, a CONSTRUCT over the same store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph as ox

from kg.store import KGStore
from kg.vocab import NKG

T = TypeVar("T")
# Oxigraph binds a substituted variable only if the SELECT projects it, hence ?p everywhere;
# the union of article graphs repeats a triple once per article, hence DISTINCT.
Term = ox.NamedNode | ox.Literal | ox.BlankNode | None

PERSON = "SELECT DISTINCT ?p ?label WHERE { ?p a nkg:Person . OPTIONAL { ?p rdfs:label ?label } }"
ALT_LABELS = "SELECT DISTINCT ?p ?v WHERE { ?p skos:altLabel ?v }"
ROLES = "SELECT DISTINCT ?p ?v WHERE { ?p nkg:role ?v }"
ARTICLE = """OPTIONAL { ?a dcterms:identifier ?aid } OPTIONAL { ?a dcterms:title ?title }
             OPTIONAL { ?a dcterms:issued ?issued }"""
CLAIMS = f"""SELECT DISTINCT ?p ?c ?text ?direct ?said ?stated ?a ?aid ?title ?issued WHERE {{
  ?p nkg:said ?c . ?c nkg:text ?text .
  OPTIONAL {{ ?c nkg:direct ?direct }} OPTIONAL {{ ?c nkg:saidOn ?said }} OPTIONAL {{ ?c nkg:dateStated ?stated }}
  OPTIONAL {{ ?c prov:wasDerivedFrom ?a . {ARTICLE} }}
}}"""
EVENTS = """SELECT DISTINCT ?p ?e ?type ?date ?status WHERE {
  ?e nkg:participant ?p ; a ?type .
  FILTER(?type IN (nkg:Call, nkg:Meeting, nkg:PhoneCall, nkg:VideoCall))
  OPTIONAL { ?e nkg:onDate ?date } OPTIONAL { ?e nkg:status ?status }
}"""
PARTNERS = """SELECT ?p ?e ?o (MIN(?l) AS ?label) WHERE {
  ?e nkg:participant ?p , ?o . FILTER(?o != ?p) OPTIONAL { ?o rdfs:label ?l }
} GROUP BY ?p ?e ?o"""
REPORTS = f"""SELECT DISTINCT ?p ?e ?a ?aid ?title ?issued WHERE {{
  ?e nkg:participant ?p ; prov:wasDerivedFrom ?a . {ARTICLE}
}}"""
PERSONS_LIMIT = 1000
PERSONS = f"""SELECT ?p (MIN(?l) AS ?label) (COUNT(DISTINCT ?c) AS ?claims) WHERE {{
  ?p a nkg:Person . OPTIONAL {{ ?p rdfs:label ?l }} OPTIONAL {{ ?p nkg:said ?c }}
}} GROUP BY ?p ORDER BY DESC(?claims) ?label LIMIT {PERSONS_LIMIT}"""
# The person's own triples, the claims they said, the events they took part
# in, and a few facts about the articles behind those (not the article text).
PERSON_GRAPH = """CONSTRUCT { ?x ?pp ?po . ?c ?cp ?co . ?e ?ep ?eo . ?a ?ap ?ao } WHERE {
  { ?x ?pp ?po }
  UNION { ?x nkg:said ?c . ?c ?cp ?co }
  UNION { ?e nkg:participant ?x . ?e ?ep ?eo }
  UNION { { ?x nkg:said/prov:wasDerivedFrom ?a } UNION { ?y nkg:participant ?x ; prov:wasDerivedFrom ?a }
          ?a ?ap ?ao . FILTER(?ap IN (rdf:type, dcterms:identifier, dcterms:title, dcterms:issued)) }
}"""


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
class ClaimView:
    iri: str
    text: str
    direct: bool
    date: str | None  # when it was said, else the article's publication date
    date_stated: bool  # True only when the article states the date of the utterance
    article: ArticleRef | None


@dataclass
class EventView:
    iri: str
    kind: str  # "call" or "meeting"
    medium: str | None  # "phone", "video" or None
    date: str | None
    status: str  # "happened" or "planned"
    participants: list[PersonRef] = field(default_factory=list)  # the others, not this person
    articles: list[ArticleRef] = field(default_factory=list)


@dataclass
class PersonView:
    iri: str
    slug: str
    label: str
    alt_labels: list[str]
    roles: list[str]
    claims: list[ClaimView]
    events: list[EventView]


@dataclass
class PersonSummary:
    person: PersonRef
    claims: int


@dataclass
class HomeView:
    stats: dict[str, int]
    persons: list[PersonSummary]
    truncated: bool


def _value(term: Term) -> str | None:
    return term.value if term is not None else None


def person_slug(iri: str, base: str) -> str | None:
    prefix = base + "person/"
    return iri[len(prefix):] if iri.startswith(prefix) else None


def _newest_first(items: list[T], date: Callable[[T], str | None], iri: Callable[[T], str]) -> list[T]:
    """Newest first, undated last; ISO dates, year-months and years compare as strings."""
    ordered = sorted(items, key=iri)  # a stable order for equal dates
    dated = sorted((i for i in ordered if date(i)), key=lambda i: date(i) or "", reverse=True)
    return dated + [i for i in ordered if not date(i)]


def _article(row: dict[str, Term]) -> ArticleRef | None:
    if row.get("a") is None:
        return None
    return ArticleRef(str(_value(row["a"])), _value(row["aid"]), _value(row["title"]), _value(row["issued"]))


def _claims(store: KGStore, p: ox.NamedNode) -> list[ClaimView]:
    claims: dict[str, ClaimView] = {}
    for row in store.select(CLAIMS, p=p):
        iri = str(_value(row["c"]))
        if iri in claims:
            continue
        said, issued = _value(row["said"]), _value(row["issued"])
        claims[iri] = ClaimView(
            iri=iri,
            text=str(_value(row["text"])),
            direct=_value(row["direct"]) == "true",
            date=said or issued,
            date_stated=said is not None and _value(row["stated"]) == "true",
            article=_article(row),
        )
    return _newest_first(list(claims.values()), lambda c: c.date, lambda c: c.iri)


def _events(store: KGStore, p: ox.NamedNode, base: str) -> list[EventView]:
    events: dict[str, EventView] = {}
    for row in store.select(EVENTS, p=p):
        iri = str(_value(row["e"]))
        event = events.setdefault(iri, EventView(iri, "meeting", None, None, "planned"))
        kind = _value(row["type"])
        if kind == str(NKG.Call):
            event.kind = "call"
        elif kind in (str(NKG.PhoneCall), str(NKG.VideoCall)):
            event.medium = "phone" if kind == str(NKG.PhoneCall) else "video"
        event.date = min(filter(None, [event.date, _value(row["date"])]), default=None)
        # One article reporting it as done outweighs another announcing it.
        if _value(row["status"]) == str(NKG.Happened):
            event.status = "happened"
    for row in store.select(PARTNERS, p=p):
        if (event := events.get(str(_value(row["e"])))) is not None:
            iri = str(_value(row["o"]))
            event.participants.append(PersonRef(iri, _value(row["label"]) or iri, person_slug(iri, base)))
    for row in store.select(REPORTS, p=p):
        if (event := events.get(str(_value(row["e"])))) is not None and (article := _article(row)):
            event.articles.append(article)
    for event in events.values():
        event.participants.sort(key=lambda r: r.label)
        event.articles.sort(key=lambda a: (a.issued or "", a.iri))
    return _newest_first(list(events.values()), lambda e: e.date, lambda e: e.iri)


def person_exists(store: KGStore, iri: str) -> bool:
    return bool(store.select(PERSON, p=ox.NamedNode(iri)))


def person_view(store: KGStore, base: str, iri: str) -> PersonView | None:
    """Everything the person page shows; None if no person has this IRI."""
    slug = iri.rsplit("/", 1)[-1]
    p = ox.NamedNode(iri)
    rows = store.select(PERSON, p=p)
    if not rows:
        return None
    labels = sorted(v for row in rows if (v := _value(row["label"])))
    return PersonView(
        iri=iri,
        slug=slug,
        label=labels[0] if labels else slug,
        alt_labels=sorted(str(_value(r["v"])) for r in store.select(ALT_LABELS, p=p)),
        roles=sorted(str(_value(r["v"])) for r in store.select(ROLES, p=p)),
        claims=_claims(store, p),
        events=_events(store, p, base),
    )


def home_view(store: KGStore, base: str) -> HomeView:
    persons = []
    for row in store.select(PERSONS):
        iri = str(_value(row["p"]))
        ref = PersonRef(iri, _value(row["label"]) or iri, person_slug(iri, base))
        persons.append(PersonSummary(ref, int(str(_value(row["claims"])))))
    return HomeView(store.stats(), persons, truncated=len(persons) >= PERSONS_LIMIT)
