"""Property tests with hostile input: random Unicode to the extractor, random SPARQL to /sparql.

The German fragments are invented. Each test is bounded (max_examples) so the whole file
runs in well under a minute.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.model import SourceArticle, Span
from kg.store import KGStore
from kg.web import create_app

QUOTES = ["„", "“", "”", "\"", "»", "«", "‚", "‘", "’", "'", "‹", "›", "「", "」", "〝", "〞", "＂"]
WORDS = ["sagte", "Kanzlerin", "Anna Weber", "telefonierte", "mit", "Präsident", "Luc Moreau", "am Montag",
         "dass", "sei", "laut", "zufolge", "Sprecher", "der Polizei", "erklärte", ":", ",", ".", "–", "?", "!",
         "Москва", "北京", "القاهرة", "Ελλάδα", "ﬁ", "ß", "İstanbul", "e\u0301", "👩‍👩‍👧", "\u200b", "\u202e"]
# Random code points: no surrogates (a Python str from a UTF-8 file never holds one), controls allowed.
CHARS = st.characters(exclude_categories=("Cs",))
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), st.text(CHARS, max_size=12),
                  st.text(st.sampled_from("aeiouäöüßnrst"), min_size=60, max_size=400),  # very long words
                  st.sampled_from(["\n", "\n\n", "\t", "\r\n", "\x00", "\x0b", "\x1b", "\u2028", "\x85"]))
TEXTS = st.lists(TOKEN, min_size=1, max_size=40).map(" ".join)


def spans(value: object, depth: int = 0) -> Iterator[Span]:
    """Every Span (and Mention) anywhere in an extraction."""
    if depth > 8:
        return
    if isinstance(value, Span):
        yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "article":
                yield from spans(getattr(value, f.name), depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans(item, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from spans(item, depth + 1)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(TEXTS)
def test_properties_random_unicode_extracts_with_offsets_inside(extractor: Extractor, text: str) -> None:
    if not text.strip():
        return
    x = extractor.extract(SourceArticle(id="zufall", text=text, origin="test", published=date(2024, 3, 14)))
    found = list(spans(x))
    for s in found:
        assert 0 <= s.begin <= s.end <= len(text), (s, len(text))
        assert text[s.begin:s.end] == s.text
    for claim in x.claims:
        assert claim.speaker is None or claim.speaker in x.entities


# --- random SPARQL to the endpoint -------------------------------------------------------------

FRAGMENTS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "?s", "?p", "?o", "?x", "WHERE", "{", "}", "(", ")",
             "[", "]", ".", ";", ",", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "BIND", "AS", "VALUES",
             "LIMIT", "OFFSET", "10", "-1", "99999999999999999999", "ORDER BY", "GROUP BY", "HAVING", "COUNT",
             "DISTINCT", "REGEX", "STR", "LANG", "\"Kroll\"", "\"x\"@de", "'''", "\"\"\"", "<http://a>", "<>", "<",
             ">", "a", "nkg:said", "rdfs:label", "PREFIX", "nkg:", "<https://w3id.org/newskg/ns#>", "BASE",
             "SERVICE", "FROM", "NAMED", "^^", "xsd:integer", "@de", "#", "\n", "_:b", "!", "&&", "||", "=", "/",
             "|", "+", "^", "$v", "\\u0020", "INSERT DATA", "DELETE", "LOAD", "CLEAR", "STRLEN", "SUBSTR",
             "NOW()", "RAND()", "UUID()", "IRI(\"x\")", "EXISTS", "NOT", "IN", "BOUND", "COALESCE", "IF"]
NOISE = st.text(CHARS, max_size=6)
PIECES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), NOISE), max_size=30)
SPARQL = st.one_of(PIECES.map(" ".join), PIECES.map("".join),
                   PIECES.map(lambda p: "SELECT * WHERE { " + " ".join(p) + " } LIMIT 5"))


@pytest.fixture(scope="module")
def sparql_app(example_store: KGStore) -> Flask:
    return create_app({"STORE": example_store, "TESTING": True})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SPARQL, st.sampled_from(["GET", "POST"]))
def test_properties_random_sparql_never_500(sparql_app: Flask, query: str, method: str) -> None:
    client = sparql_app.test_client()
    headers = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
    if method == "GET":
        response = client.get("/sparql", query_string={"query": query}, headers=headers)
    else:
        response = client.post("/sparql", data={"query": query}, headers=headers)
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (query, body[:300])
    assert "Traceback" not in body
    if response.status_code >= 400:
        assert response.is_json and response.get_json()["error"]["message"]
