"""What the home page shows: how much the graph holds, who is quoted most, what happened last.

Counting and ranking read every claim and article, which grows with the store (about 1 s at
100,000 articles), so the view is computed once per store object and kept (``PerStore``): a
served store is opened read-only, a snapshot that cannot change under the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store import KGStore
from kg.web.search import PerStore

QUOTED_LIMIT = 15
EVENTS_LIMIT = 10
ARTICLES_LIMIT = 10

# name -> class; the keys are the JSON's "stats" keys, kept from the first home page.
COUNTED = {"articles": "Article", "persons": "Person", "organizations": "Organization",
           "claims": "Claim", "events": "Event"}
# The union of article graphs repeats a node's type once per article that mentions it: DISTINCT.
COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a nkg:{cls} }}"
# Ranking first and typing after is ~100x faster than joining the type (it repeats per article
# graph); the inner queries fetch a few times more than shown, for the rows the outer ones drop.
# Tie-breaking by IRI inside SPARQL costs a full sort, so ties are broken in Python.
QUOTED = f"""SELECT ?p ?claims (MIN(STR(?l)) AS ?label) WHERE {{
  {{ SELECT ?p (COUNT(DISTINCT ?c) AS ?claims) WHERE {{ ?p nkg:said ?c }}
    GROUP BY ?p ORDER BY DESC(?claims) LIMIT {4 * QUOTED_LIMIT} }}
  FILTER EXISTS {{ ?p a nkg:Person }}
  OPTIONAL {{ ?p rdfs:label ?l }}
}} GROUP BY ?p ?claims"""
# Dates are xsd:date, gYearMonth or gYear: as strings they sort by time.
EVENTS = f"""SELECT DISTINCT ?e ?date ?label ?type ?status ?p ?plabel WHERE {{
  {{ SELECT DISTINCT ?e ?date WHERE {{ ?e nkg:onDate ?d BIND(STR(?d) AS ?date) }}
    ORDER BY DESC(?date) LIMIT {4 * EVENTS_LIMIT} }}
  FILTER EXISTS {{ ?e a nkg:Event }}
  OPTIONAL {{ ?e rdfs:label ?label }}
  OPTIONAL {{ ?e a ?type FILTER(?type IN (nkg:PhoneCall, nkg:VideoCall, nkg:Meeting)) }}
  OPTIONAL {{ ?e nkg:status ?status }}
  OPTIONAL {{ ?e nkg:participant ?p OPTIONAL {{ ?p rdfs:label ?plabel }} }}
}}"""
ARTICLES = f"""SELECT ?a ?issued (MIN(STR(?i)) AS ?id) (MIN(STR(?t)) AS ?title) (MIN(STR(?pub)) AS ?publisher) WHERE {{
  {{ SELECT DISTINCT ?a ?issued WHERE {{ ?a dcterms:issued ?issued }}
    ORDER BY DESC(?issued) LIMIT {3 * ARTICLES_LIMIT} }}
  FILTER EXISTS {{ ?a a nkg:Article }}
  OPTIONAL {{ ?a dcterms:identifier ?i }} OPTIONAL {{ ?a dcterms:title ?t }} OPTIONAL {{ ?a dcterms:publisher ?pub }}
}} GROUP BY ?a ?issued"""

KIND_NAMES = {"PhoneCall": "phone call", "VideoCall": "video call", "Meeting": "meeting"}


@dataclass
class Ref:
    """Anything with a page: ``person_link`` in _macros.html renders it."""

    iri: str
    label: str


@dataclass
class QuotedPerson:
    person: Ref
    claims: int


@dataclass
class RecentEvent:
    iri: str
    label: str
    date: str
    kind: str  # "phone call", "video call", "meeting" or "call"
    status: str | None  # "happened", "planned" or None
    participants: list[Ref] = field(default_factory=list)


@dataclass
class RecentArticle:
    iri: str
    id: str | None
    title: str | None
    issued: str | None
    publisher: str | None


@dataclass
class HomeView:
    stats: dict[str, int]
    latest_article: str | None  # the newest publication date
    latest_event: str | None  # the date of the latest call or meeting (may be a planned one)
    persons: list[QuotedPerson]
    events: list[RecentEvent]
    articles: list[RecentArticle]


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    return term.value if term is not None else None


def _counts(store: KGStore) -> dict[str, int]:
    return {name: int(store.select(COUNT.format(cls=cls))[0]["n"].value) for name, cls in COUNTED.items()}


def _quoted(store: KGStore) -> list[QuotedPerson]:
    people = []
    for row in store.select(QUOTED):
        iri = str(_text(row["p"]))
        people.append(QuotedPerson(Ref(iri, _text(row["label"]) or iri.rsplit("/", 1)[-1]),
                                   int(str(_text(row["claims"])))))
    people.sort(key=lambda q: (-q.claims, q.person.label, q.person.iri))
    return people[:QUOTED_LIMIT]


def _events(store: KGStore) -> list[RecentEvent]:
    events: dict[str, RecentEvent] = {}
    labels: dict[tuple[str, str], str] = {}
    dates: dict[str, set[str]] = {}
    for row in store.select(EVENTS):
        iri = str(_text(row["e"]))
        dates.setdefault(iri, set()).add(str(_text(row["date"])))
        event = events.setdefault(iri, RecentEvent(iri, iri.rsplit("/", 1)[-1], str(_text(row["date"])), "call", None))
        if (label := _text(row["label"])) and (event.label == iri.rsplit("/", 1)[-1] or label < event.label):
            event.label = label
        if (kind := _text(row["type"])) is not None:
            event.kind = KIND_NAMES.get(kind.rsplit("#", 1)[-1], event.kind)
        if (status := _text(row["status"])) is not None:
            event.status = status.rsplit("#", 1)[-1].lower()
        if (p := _text(row["p"])) is not None:
            # Several labels for one participant: show the smallest, as everywhere else.
            plabel = _text(row["plabel"]) or p.rsplit("/", 1)[-1]
            labels[(iri, p)] = min(labels.get((iri, p), plabel), plabel)
    for (iri, p), label in sorted(labels.items(), key=lambda item: item[1]):
        events[iri].participants.append(Ref(p, label))
    # An event with two dates (reports disagreeing) was fetched under each: the later one counts.
    for event in events.values():
        event.date = max(dates[event.iri])
    return sorted(events.values(), key=lambda e: (e.date, e.iri), reverse=True)[:EVENTS_LIMIT]


def _articles(store: KGStore) -> list[RecentArticle]:
    articles = [RecentArticle(str(_text(r["a"])), _text(r["id"]), _text(r["title"]), _text(r["issued"]),
                              _text(r["publisher"])) for r in store.select(ARTICLES)]
    articles.sort(key=lambda a: (a.issued or "", a.iri), reverse=True)
    return articles[:ARTICLES_LIMIT]


def build_home_view(store: KGStore) -> HomeView:
    """Read everything the home page shows from ``store`` (uncached; see ``home_view``)."""
    events = _events(store)
    articles = _articles(store)
    return HomeView(
        stats=_counts(store),
        latest_article=articles[0].issued if articles else None,
        latest_event=events[0].date if events else None,
        persons=_quoted(store),
        events=events,
        articles=articles,
    )


_CACHE: PerStore[HomeView] = PerStore(build_home_view)


def home_view(store: KGStore) -> HomeView:
    """The home page's ONE data function: HTML and JSON both render its value."""
    return _CACHE.get(store)
