"""Home and person pages: one data function, several representations."""

from __future__ import annotations

import json

import rdflib
from flask.testing import FlaskClient

from kg.vocab import DEFAULT_BASE, NIF, NKG

KROLL = DEFAULT_BASE + "person/annette-kroll"
ALBRECHT = DEFAULT_BASE + "person/jonas-albrecht"
HOSTILE_SLUG = "kai-script-alert-1-script-co"


def test_home_lists_counts_and_persons(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<a href="/person/annette-kroll">Annette Kroll</a>' in html
    assert 'href="/sparql"' in html
    assert "articles" in html and "claims" in html


def test_home_json_has_stats_and_claim_counts(client: FlaskClient) -> None:
    body = client.get("/", headers={"Accept": "application/json"}).json
    assert body["stats"]["articles"] == 4
    assert body["stats"]["persons"] == 4
    counts = {row["person"]["label"]: row["claims"] for row in body["persons"]}
    assert counts["Annette Kroll"] == 2
    assert counts["Claire Fontaine"] == 1
    assert body["persons"][0]["person"]["label"] == "Annette Kroll"  # most claims first


def test_person_html_shows_claims_and_calls(client: FlaskClient) -> None:
    response = client.get("/person/jonas-albrecht", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1>Jonas Albrecht</h1>" in html
    assert "Wir stehen eng beieinander" in html
    assert '<a href="/person/claire-fontaine">Claire Fontaine</a>' in html
    assert "Albrecht telefoniert mit Fontaine" in html and "Fontaine lobt Gespräch mit Albrecht" in html
    assert 'href="/person/jonas-albrecht.ttl"' in html


def test_person_json_matches_data(client: FlaskClient) -> None:
    response = client.get("/person/annette-kroll.json")
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body["label"] == "Annette Kroll"
    assert body["iri"] == KROLL
    assert body["alt_labels"] == ["Annette Kroll", "Kroll"]
    assert body["roles"] == ["Bundeskanzlerin"]
    # Newest first: the reported claim falls back to the publication date (12 March).
    assert [c["date"] for c in body["claims"]] == ["2024-03-12", "2024-03-11"]
    assert [c["date_stated"] for c in body["claims"]] == [False, True]
    quote = body["claims"][1]
    assert quote["text"] == "Wir dürfen keine Zeit mehr verlieren"
    assert quote["direct"] is True
    assert quote["article"]["id"] == "2024-03-12-netzausbau"
    assert quote["article"]["title"] == "Kroll drängt auf schnelleren Netzausbau"


def test_person_json_lists_events_with_reporting_articles(client: FlaskClient) -> None:
    body = client.get("/person/claire-fontaine.json").json
    events = body["events"]
    assert [(e["kind"], e["date"], e["status"]) for e in events] == [
        ("meeting", "2024-04", "planned"), ("call", "2024-03-12", "happened")]
    call = events[1]
    assert call["medium"] == "phone"
    assert [p["label"] for p in call["participants"]] == ["Jonas Albrecht"]
    assert call["participants"][0]["slug"] == "jonas-albrecht"
    assert [a["id"] for a in call["articles"]] == ["2024-03-13-telefonat", "2024-03-14-paris"]


def test_person_accept_json_gives_same_data_as_suffix(client: FlaskClient) -> None:
    by_accept = client.get("/person/annette-kroll", headers={"Accept": "application/json"})
    assert by_accept.mimetype == "application/json"
    assert by_accept.headers["Vary"] == "Accept"
    assert by_accept.json == client.get("/person/annette-kroll.json").json


def test_person_ttl_parses_and_holds_claims(client: FlaskClient) -> None:
    response = client.get("/person/annette-kroll.ttl")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    kroll = rdflib.URIRef(KROLL)
    assert (kroll, rdflib.RDFS.label, rdflib.Literal("Annette Kroll")) in graph
    claims = set(graph.objects(kroll, NKG.said))
    assert len(claims) == 2
    texts = {str(graph.value(c, NKG.text)) for c in claims}
    assert "Wir dürfen keine Zeit mehr verlieren" in texts
    # The article text itself stays out; only identifying facts about it come along.
    assert not list(graph.triples((None, NIF.isString, None)))


def test_person_turtle_by_accept(client: FlaskClient) -> None:
    response = client.get("/person/jonas-albrecht", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    assert (rdflib.URIRef(ALBRECHT), NKG.calledWith, rdflib.URIRef(DEFAULT_BASE + "person/claire-fontaine")) in graph


def test_person_jsonld_by_accept(client: FlaskClient) -> None:
    response = client.get("/person/jonas-albrecht", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.data, format="json-ld")
    assert (rdflib.URIRef(ALBRECHT), rdflib.RDFS.label, rdflib.Literal("Jonas Albrecht")) in graph


def test_person_unknown_is_404_in_error_shape(client: FlaskClient) -> None:
    for url in ("/person/max-mustermann.json", "/person/max-mustermann.ttl"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json["error"]["status"] == 404
        assert "max-mustermann" in response.json["error"]["message"]


def test_person_unknown_html_is_404_page(client: FlaskClient) -> None:
    response = client.get("/person/max-mustermann", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "max-mustermann" in response.get_data(as_text=True)


def test_person_invalid_slug_is_404(client: FlaskClient) -> None:
    response = client.get("/person/Annette%20Kroll%3E.json")
    assert response.status_code == 404


def test_person_unknown_suffix_is_404(client: FlaskClient) -> None:
    assert client.get("/person/annette-kroll.xml").status_code == 404


def test_person_unacceptable_accept_is_406(client: FlaskClient) -> None:
    response = client.get("/person/annette-kroll", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json["error"]["status"] == 406


def test_person_page_escapes_markup(client: FlaskClient) -> None:
    html = client.get(f"/person/{HOSTILE_SLUG}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>" not in html
    assert "<b>" not in html and "<i>" not in html
    assert "Kai &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "Das ist &lt;b&gt;Unsinn&lt;/b&gt; &amp; Quatsch" in html


def test_home_escapes_markup(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>" not in html
    assert f'<a href="/person/{HOSTILE_SLUG}">Kai &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</a>' in html


def test_person_json_keeps_markup_as_data(client: FlaskClient) -> None:
    body = client.get(f"/person/{HOSTILE_SLUG}.json").json
    assert body["label"] == "Kai <script>alert(1)</script> & Co"
