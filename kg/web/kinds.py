"""The kinds of resource the server has pages for, in one list (see ``kg.web.resources``)."""

from __future__ import annotations

from kg.web import data
from kg.web.resources import Kind, register


def register_all() -> None:
    register(Kind("person", "person", "person.html", data.person_view, data.PERSON_GRAPH))
