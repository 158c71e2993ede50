"""The organization page (``/org/<slug>``) and the unnamed-speaker page (``/agent/<article>/<slug>``).

An organization is one node across all articles (``org/kreml``); an unnamed speaker ("ein Sprecher
der Polizei") is a node of one article only. Both show what they said as the person page does
(``kg.web.data.said_by``); the organization page adds the articles that name it and who passed its
words on (``nkg:relayedBy``), which is as far as the graph speaks of spokespersons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store import KGStore
from kg.web.data import (
    ARTICLE,
    ARTICLE_FACTS,
    CLAIM_FACTS,
    CLAIMS_LIMIT,
    GRAPH_LIMIT,
    ArticleRef,
    ClaimView,
    Ref,
    count,
    newest_claims,
    said_by,
)

ARTICLES_LIMIT = 100
RELAYS_LIMIT = 20

# Label and names; the type and labels repeat once per article graph, so DISTINCT before LIMIT.
NODE = """SELECT DISTINCT ?x ?what ?v WHERE {
  { ?x a ?v BIND("type" AS ?what) } UNION { ?x rdfs:label ?v BIND("label" AS ?what) }
  UNION { ?x skos:altLabel ?v BIND("alt" AS ?what) }
} LIMIT 500"""
COUNTS = """SELECT ?x (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  { ?x nkg:said ?c } UNION { ?x nkg:mentionedIn ?a }
} GROUP BY ?x"""
ARTICLES = f"""SELECT ?x ?a ?aid ?title ?issued WHERE {{
  {{ SELECT ?x ?a ?date WHERE {{ ?x nkg:mentionedIn ?a OPTIONAL {{ ?a dcterms:issued ?i }}
                                BIND(STR(COALESCE(?i, "")) AS ?date) }}
     ORDER BY DESC(?date) ?a LIMIT {ARTICLES_LIMIT} }}
  {ARTICLE}
}}"""
# Who passed on the organization's words (its spokespersons, as far as the graph says) ...
RELAYED_BY = f"""SELECT ?x ?o (MIN(?l) AS ?label) (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  ?x nkg:said ?c . ?c nkg:relayedBy ?o . OPTIONAL {{ ?o rdfs:label ?l }}
}} GROUP BY ?x ?o ORDER BY DESC(?n) ?label ?o LIMIT {RELAYS_LIMIT}"""
# ... and whose words it passed on.
RELAYED_FOR = f"""SELECT ?x ?o (MIN(?l) AS ?label) (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  ?c nkg:relayedBy ?x . ?o nkg:said ?c . OPTIONAL {{ ?o rdfs:label ?l }}
}} GROUP BY ?x ?o ORDER BY DESC(?n) ?label ?o LIMIT {RELAYS_LIMIT}"""
AGENT_ARTICLE = f"""SELECT DISTINCT ?x ?a ?aid ?title ?issued WHERE {{ ?x nkg:mentionedIn ?a . {ARTICLE} }} LIMIT 10"""
# The organization's own triples without its long lists, its newest articles, its newest claims
# with their main facts and the identifying facts of their articles (never the article text), and
# the claims it relayed; each list bounded, so a ministry named in thousands of articles stays a
# small document (the default DESCRIBE would return every mention of it).
ORG_GRAPH = f"""CONSTRUCT {{ ?x ?pp ?po . ?x nkg:said ?c . ?c ?cp ?co . ?a ?ap ?ao . ?r nkg:relayedBy ?x }} WHERE {{
  {{ ?x ?pp ?po FILTER(?pp NOT IN (nkg:said, nkg:mentionedIn)) }}
  UNION {{ SELECT ?x ?pp ?po WHERE {{ ?x nkg:mentionedIn ?po BIND(nkg:mentionedIn AS ?pp)
                                      OPTIONAL {{ ?po dcterms:issued ?i }} }}
          ORDER BY DESC(STR(COALESCE(?i, ""))) LIMIT {GRAPH_LIMIT} }}
  UNION {{ {newest_claims(GRAPH_LIMIT)} LATERAL {{ ?c ?cp ?co FILTER(?cp IN ({CLAIM_FACTS})) }} }}
  UNION {{ {{ SELECT DISTINCT ?x ?a WHERE {{ {newest_claims(GRAPH_LIMIT)} ?c prov:wasDerivedFrom ?a }} }}
          ?a ?ap ?ao FILTER(?ap IN ({ARTICLE_FACTS})) }}
  UNION {{ SELECT ?x ?r WHERE {{ ?r nkg:relayedBy ?x }} LIMIT {GRAPH_LIMIT} }}
}}"""

ORGANIZATION = "https://w3id.org/newskg/ns#Organization"
UNNAMED_AGENT = "https://w3id.org/newskg/ns#UnnamedAgent"


@dataclass
class Relay:
    agent: Ref
    claims: int


@dataclass
class OrgView:
    iri: str
    slug: str
    label: str
    alt_labels: list[str]
    claims: list[ClaimView]  # the newest CLAIMS_LIMIT, newest first
    articles: list[ArticleRef]  # the newest ARTICLES_LIMIT that name it, newest first
    relayed_by: list[Relay] = field(default_factory=list)  # who passed its words on
    relayed_for: list[Relay] = field(default_factory=list)  # whose words it passed on
    claims_total: int = 0
    articles_total: int = 0


@dataclass
class AgentView:
    iri: str
    label: str  # the description from the text ("Sprecher der Polizei")
    alt_labels: list[str]
    article: ArticleRef | None  # the one article it belongs to
    claims: list[ClaimView]
    claims_total: int = 0


def _value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    return term.value if term is not None else None


def _node(store: KGStore, x: ox.NamedNode, cls: str) -> tuple[str, list[str]] | None:
    """The label and the other names of ``x``, or None when it is not of class ``cls``."""
    rows = store.select(NODE, x=x)
    if not any(_value(r["what"]) == "type" and _value(r["v"]) == cls for r in rows):
        return None
    names = {str(_value(r["what"])): set[str]() for r in rows}
    for row in rows:
        names[str(_value(row["what"]))].add(str(_value(row["v"])))
    labels = sorted(names.get("label", set()))
    label = labels[0] if labels else x.value.rsplit("/", 1)[-1]
    return label, sorted(names.get("alt", set()) - {label})


def _article(row: dict) -> ArticleRef:
    return ArticleRef(str(_value(row["a"])), _value(row["aid"]), _value(row["title"]), _value(row["issued"]))


def _relays(store: KGStore, query: str, x: ox.NamedNode) -> list[Relay]:
    return [Relay(Ref(str(_value(r["o"])), _value(r["label"]) or str(_value(r["o"])).rsplit("/", 1)[-1]),
                  int(str(_value(r["n"])))) for r in store.select(query, x=x)]


def _newest_articles(store: KGStore, x: ox.NamedNode) -> list[ArticleRef]:
    articles = {a.iri: a for a in map(_article, store.select(ARTICLES, x=x))}
    return sorted(articles.values(), key=lambda a: (a.issued or "", a.iri), reverse=True)


def org_view(store: KGStore, base: str, iri: str) -> OrgView | None:
    """Everything the organization page shows; None if no organization has this IRI."""
    x = ox.NamedNode(iri)
    node = _node(store, x, ORGANIZATION)
    if node is None:
        return None
    label, alt_labels = node
    totals = count(store, COUNTS, x)
    return OrgView(
        iri=iri, slug=iri.rsplit("/", 1)[-1], label=label, alt_labels=alt_labels,
        claims=said_by(store, x, label), articles=_newest_articles(store, x),
        relayed_by=_relays(store, RELAYED_BY, x), relayed_for=_relays(store, RELAYED_FOR, x),
        claims_total=totals.get("claims", 0), articles_total=totals.get("articles", 0))


def agent_view(store: KGStore, base: str, iri: str) -> AgentView | None:
    """Everything the page of an unnamed speaker shows; None if no such speaker has this IRI."""
    x = ox.NamedNode(iri)
    node = _node(store, x, UNNAMED_AGENT)
    if node is None:
        return None
    label, alt_labels = node
    articles = sorted((_article(r) for r in store.select(AGENT_ARTICLE, x=x)), key=lambda a: a.iri)
    claims = said_by(store, x, label)
    total = len(claims) if len(claims) < CLAIMS_LIMIT else count(store, COUNTS, x).get("claims", 0)
    return AgentView(iri=iri, label=label, alt_labels=alt_labels, article=articles[0] if articles else None,
                     claims=claims, claims_total=total)
