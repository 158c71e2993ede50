"""The kinds of resource the server has pages for, in one list (see ``kg.web.resources``)."""

from __future__ import annotations

from kg.web import articles, claims, data, events, orgs
from kg.web.resources import Kind, register


def register_all() -> None:
    register(Kind("person", "person", "person.html", data.person_view, data.PERSON_GRAPH))
    register(Kind("org", "organization", "org.html", orgs.org_view, orgs.ORG_GRAPH))
    # An unnamed speaker belongs to one article, so the default DESCRIBE stays small.
    register(Kind("agent", "unnamed speaker", "agent.html", orgs.agent_view))
    register(Kind("event", "event", "event.html", events.event_view, events.EVENT_GRAPH))
    register(Kind("claim", "claim", "claim.html", claims.claim_view, claims.CLAIM_GRAPH))
    register(Kind("article", "article", "article.html", articles.article_view, articles.ARTICLE_GRAPH))
