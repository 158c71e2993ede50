"""Search: names, aliases, event labels and article titles; typos, case, accents, prefixes; hostile input.

The article is invented German news text written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.build import store_extractions
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.store import KGStore
from kg.vocab import DEFAULT_BASE
from kg.web import create_app
from kg.web.search import MAX_QUERY, build_index, clean_query, normalize, search, store_index

TEXT = ("Moskau – Kremlsprecher Dmitri Peskow hat Berichte über ein Treffen mit Angela Merkel zurückgewiesen. "
        "„Ein solches Gespräch hat nicht stattgefunden“, sagte Peskow am Donnerstag. Der Kreml äußerte sich "
        "nicht weiter. Ein Sprecher der Polizei sagte, die Lage in der Innenstadt sei ruhig. Peskow hatte am "
        "Mittwoch mit Étienne Dubois telefoniert.")
TITLE = "Peskow bestreitet Treffen mit Merkel"
PESKOW = DEFAULT_BASE + "person/dmitri-peskow"


def _span(part: str, after: int = 0) -> Span:
    begin = TEXT.index(part, after)
    return Span(begin, begin + len(part), part)


def _mention(part: str, kind: str = "name", after: int = 0) -> Mention:
    s = _span(part, after)
    return Mention(s.begin, s.end, s.text, kind=kind)  # type: ignore[arg-type]


def _extraction() -> Extraction:
    # The full name with patronymic is an alias only: it appears in no label.
    peskow = Entity("Dmitri Peskow", aliases={"Peskow", "Dmitri Sergejewitsch Peskow"}, roles={"Kremlsprecher"},
                    mentions=[_mention("Dmitri Peskow"), _mention("Peskow", after=120)])
    merkel = Entity("Angela Merkel", mentions=[_mention("Angela Merkel")])
    dubois = Entity("Étienne Dubois", mentions=[_mention("Étienne Dubois")])
    kreml = Entity("Kreml", type="org", mentions=[_mention("Kreml", kind="org", after=150)])
    police = Entity("Sprecher der Polizei", type="agent", mentions=[_mention("Sprecher der Polizei", kind="role")])
    article = SourceArticle(id="2024-06-07-peskow", text=TEXT, origin="peskow.txt", published=date(2024, 6, 7),
                            title=TITLE, source="Testpresse", language="de")
    return Extraction(
        article=article, published=date(2024, 6, 7), published_from="metadata",
        entities={e.key: e for e in (peskow, merkel, dubois, kreml, police)},
        claims=[
            Claim(_span("Ein solches Gespräch hat nicht stattgefunden"), direct=True, speaker="Dmitri Peskow",
                  speaker_mention=_mention("Peskow", after=120), cue="sagen"),
            Claim(_span("die Lage in der Innenstadt sei ruhig"), direct=False, speaker="Sprecher der Polizei",
                  cue="sagen"),
        ],
        events=[Event("call", "phone", ["Dmitri Peskow", "Étienne Dubois"], _span("telefoniert"),
                      date="2024-06-05")],
    )


@pytest.fixture
def search_store() -> KGStore:
    store = KGStore()
    store_extractions(store, [_extraction()])
    return store


@pytest.fixture
def search_client(search_store: KGStore) -> FlaskClient:
    app: Flask = create_app({"STORE": search_store, "TESTING": True})
    return app.test_client()


def _find(client: FlaskClient, q: str) -> list[dict]:
    response = client.get("/search.json", query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["results"]


def _labels(client: FlaskClient, q: str) -> list[str]:
    return [hit["label"] for hit in _find(client, q)]


@pytest.mark.parametrize(("q", "label"), [
    ("Peskov", "Dmitri Peskow"),  # transliteration typo
    ("Merkl", "Angela Merkel"),  # a letter missing
    ("merkel", "Angela Merkel"),  # case
    ("ANGELA MERKEL", "Angela Merkel"),
    ("etienne dubois", "Étienne Dubois"),  # accents
    ("Dmitri Peskov", "Dmitri Peskow"),
])
def test_search_forgives_typos_case_and_accents(search_client: FlaskClient, q: str, label: str) -> None:
    assert _labels(search_client, q)[0] == label


@pytest.mark.parametrize(("q", "label"), [
    ("Mer", "Angela Merkel"), ("pes", "Dmitri Peskow"), ("Dmitri P", "Dmitri Peskow"), ("Étien", "Étienne Dubois"),
])
def test_search_prefix_finds_names_as_you_type(search_client: FlaskClient, q: str, label: str) -> None:
    assert label in _labels(search_client, q)[:2]


@pytest.mark.parametrize("q", ["Sergejewitsch", "sergejewitch"])  # the alias, right and misspelt
def test_search_finds_a_person_by_an_alias_not_in_the_label(search_client: FlaskClient, q: str) -> None:
    hit = _find(search_client, q)[0]
    assert (hit["label"], hit["url"]) == ("Dmitri Peskow", "/person/dmitri-peskow")
    assert hit["matched"] == "Dmitri Sergejewitsch Peskow"


def test_search_finds_every_kind_and_links_to_pages(search_client: FlaskClient) -> None:
    kinds = {hit["kind"]: hit for hit in _find(search_client, "Peskow")}
    assert kinds["person"]["url"] == "/person/dmitri-peskow"
    assert kinds["article"]["label"] == TITLE
    assert kinds["article"]["url"] == "/article/2024-06-07-peskow"
    assert kinds["event"]["url"].startswith("/event/2024-06-05-call-")
    assert kinds["event"]["date"] == "2024-06-05"
    assert _find(search_client, "Kreml")[0]["kind"] == "organization"
    agent = _find(search_client, "Sprecher Polizei")[0]
    assert (agent["kind"], agent["label"]) == ("agent", "Sprecher der Polizei")


def test_search_ranks_the_person_above_titles_naming_them(search_client: FlaskClient) -> None:
    hits = _find(search_client, "Peskow")
    assert hits[0]["iri"] == PESKOW
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_requires_every_word(search_client: FlaskClient) -> None:
    assert _labels(search_client, "Merkel Dubois") == []
    assert _labels(search_client, "zzzzqx") == []


def test_search_html_labels_kinds_and_links(search_client: FlaskClient) -> None:
    response = search_client.get("/search", query_string={"q": "Peskow"}, headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Vary"] == "Accept"
    assert '<a href="/person/dmitri-peskow" lang="de">Dmitri Peskow</a>' in html
    assert ">Person</span>" in html and ">Article</span>" in html and ">Event</span>" in html
    assert 'value="Peskow"' in html  # the search box keeps the query
    assert '<a href="/search.json?q=Peskow' in html


def test_search_json_by_accept(search_client: FlaskClient) -> None:
    response = search_client.get("/search", query_string={"q": "Merkel"}, headers={"Accept": "application/json"})
    assert response.mimetype == "application/json"
    assert response.json["query"] == "Merkel"
    assert response.json["results"][0]["label"] == "Angela Merkel"


def test_search_limit_bounds_results(search_client: FlaskClient) -> None:
    assert len(search_client.get("/search.json", query_string={"q": "Peskow", "limit": "1"}).json["results"]) == 1
    for bad in ("0", "101", "ten", "-1"):
        response = search_client.get("/search.json", query_string={"q": "Peskow", "limit": bad})
        assert response.status_code == 400
        assert "limit" in response.json["error"]["message"]


def test_search_empty_query_is_a_friendly_page(search_client: FlaskClient) -> None:
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "\x00\x07"}):
        response = search_client.get("/search", query_string=params, headers={"Accept": "text/html"})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert 'id="search-q"' in html and "Spelling need not be exact" in html


def test_search_empty_query_json_is_400_in_error_shape(search_client: FlaskClient) -> None:
    response = search_client.get("/search.json", query_string={"q": " "})
    assert response.status_code == 400
    assert set(response.json["error"]) == {"status", "message", "hint"}
    assert "q=" in response.json["error"]["hint"]


def test_search_too_long_query_is_400(search_client: FlaskClient) -> None:
    q = "Merkel " * 40
    assert len(q) > MAX_QUERY
    response = search_client.get("/search.json", query_string={"q": q})
    assert response.status_code == 400
    assert response.json["error"]["status"] == 400
    page = search_client.get("/search", query_string={"q": q}, headers={"Accept": "text/html"})
    assert page.status_code == 400 and "too long" in page.get_data(as_text=True)


HOSTILE = [
    '"', "'", '"; DROP GRAPH <x> ; "', "<script>alert(1)</script>", "Merkel\" } UNION { ?s ?p ?o",
    "SELECT * WHERE { ?s ?p ?o }", "\\u0022 \\", "%00", "\x00Merkel\x1b[31m", "a" * MAX_QUERY,
    "🙂" * 10, "\u202eMerkel", "ﬁ ß ẞ İ", "?q=1&q=2", "*", "-", "_", "\t\n\r",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_search_hostile_queries_never_fail(search_client: FlaskClient, q: str) -> None:
    page = search_client.get("/search", query_string={"q": q}, headers={"Accept": "text/html"})
    assert page.status_code in (200, 400)
    assert "<script>alert" not in page.get_data(as_text=True)
    data = search_client.get("/search.json", query_string={"q": q})
    assert data.status_code in (200, 400)
    assert data.is_json


def test_search_control_characters_do_not_hide_a_name(search_client: FlaskClient) -> None:
    assert _labels(search_client, "\x00Merkel\x1b")[0] == "Angela Merkel"


def test_search_escapes_labels(client: FlaskClient) -> None:
    # The shared fixture store holds a person named with markup.
    html = client.get("/search", query_string={"q": "Kai"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>" not in html
    assert "Kai &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert client.get("/search.json", query_string={"q": "Kai"}).json["results"][0]["label"].startswith("Kai <script>")


def test_search_index_is_built_once_per_store(search_store: KGStore, store: KGStore) -> None:
    first = store_index(search_store)
    assert store_index(search_store) is first
    other = store_index(store)
    assert other is not first
    assert {e.label for e in other.entries} >= {"Annette Kroll", "Jonas Albrecht"}


def test_search_normalize_folds_case_accents_and_letters() -> None:
    assert normalize("Étienne DUBOIS") == "etienne dubois"
    assert normalize("Łukasz Straße") == "lukasz strasse"
    assert clean_query(" a\x00b\n\tc ") == "a b c"


def test_search_on_example_store(example_store: KGStore) -> None:
    hits = search(build_index(example_store), "hartman", 5)
    assert hits[0].label == "Sabine Hartmann" and hits[0].kind == "person"
    assert hits[0].matched is None  # the alias "Hartmann" is part of the label
