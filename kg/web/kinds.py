"""The kinds of resource the server has pages for, in one list (see ``kg.web.resources``)."""

from __future__ import annotations

from kg.web import articles, claims, data, events, orgs
from kg.web.resources import Kind, register

# What a page about an agent embeds: the node itself (names, roles, types, candidate matches); its
# claims and events are one link away in the Turtle/JSON-LD forms, and would cost more than the page.
EMBED_AGENT = """CONSTRUCT { ?x ?p ?o } WHERE {
  VALUES ?p { rdf:type rdfs:label skos:altLabel nkg:role skos:closeMatch owl:sameAs } ?x ?p ?o
}"""
EMBED_ARTICLE = """CONSTRUCT { ?x ?p ?o . ?s nkg:said ?c . ?c a ?t ; nkg:text ?text } WHERE {
  { ?x ?p ?o FILTER(?p != nif:isString) }
  UNION { ?c prov:wasDerivedFrom ?x ; a ?t ; nkg:text ?text . OPTIONAL { ?s nkg:said ?c } }
}"""


def register_all() -> None:
    register(Kind("person", "person", "person.html", data.person_view, data.PERSON_GRAPH, embed=EMBED_AGENT))
    register(Kind("org", "organization", "org.html", orgs.org_view, orgs.ORG_GRAPH, embed=EMBED_AGENT))
    # An unnamed speaker belongs to one article, so the default DESCRIBE stays small.
    register(Kind("agent", "unnamed speaker", "agent.html", orgs.agent_view))
    register(Kind("event", "event", "event.html", events.event_view, events.EVENT_GRAPH))
    register(Kind("claim", "claim", "claim.html", claims.claim_view, claims.CLAIM_GRAPH))
    # The page already shows the text; its embedded JSON-LD need not carry every mention again.
    register(Kind("article", "article", "article.html", articles.article_view, articles.ARTICLE_GRAPH,
                  embed=EMBED_ARTICLE))
