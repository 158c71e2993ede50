"""Home and person pages: one data function, several representations."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date

import pytest
import rdflib
from conftest import article, mention, span
from flask.testing import FlaskClient
from rdflib.namespace import DCTERMS

from kg.build import store_extractions
from kg.model import Claim, Entity, Extraction
from kg.store import KGStore
from kg.vocab import DEFAULT_BASE, NIF, NKG
from kg.web import create_app, data

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


# -- the person page: snippets, links, timeline, co-mentions, candidates, bounds ----------------

FONTAINE = DEFAULT_BASE + "person/claire-fontaine"


def test_person_html_shows_snippet_with_claim_and_speaker_marked(client: FlaskClient) -> None:
    html = client.get("/person/annette-kroll", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<blockquote class="snippet" lang="de"' in html
    assert '„<mark class="claim" title="the claim">Wir dürfen keine Zeit mehr verlieren</mark>“, sagte ' \
           '<mark class="speaker" title="the speaker (Annette Kroll)">Kroll</mark> am Montag in Berlin.' in html


def test_person_html_links_claim_and_article_pages(client: FlaskClient) -> None:
    html = client.get("/person/annette-kroll", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<a href="/claim/2024-03-12-netzausbau-105-141">claim page</a>' in html
    title = '<cite lang="de">Kroll drängt auf schnelleren Netzausbau</cite>'
    assert f'<a href="/article/2024-03-12-netzausbau">{title}</a>' in html


def test_person_html_says_when_the_date_is_the_publication_date(client: FlaskClient) -> None:
    html = client.get("/person/annette-kroll", headers={"Accept": "text/html"}).get_data(as_text=True)
    stated, published = html.index('<time datetime="2024-03-11">'), html.index('<time datetime="2024-03-12">')
    assert html.count("(publication date)") == 1
    assert published < html.index("(publication date)") < stated  # the reported claim is the newer one
    assert "indirect speech" in html and "direct quote" in html


def test_person_json_snippet_offsets_point_at_claim_and_speaker(client: FlaskClient) -> None:
    quote = client.get("/person/annette-kroll.json").json["claims"][1]
    snippet = quote["snippet"]
    claim, speaker = snippet["marks"]
    assert snippet["text"][claim["begin"]:claim["end"]] == quote["text"]
    assert snippet["text"][speaker["begin"]:speaker["end"]] == "Kroll"
    assert (claim["css"], speaker["css"]) == ("claim", "speaker")
    assert snippet["cut_before"] is False and snippet["cut_after"] is False


def test_person_json_equals_the_view(client: FlaskClient, store: KGStore) -> None:
    view = data.person_view(store, DEFAULT_BASE, ALBRECHT)
    assert client.get("/person/jonas-albrecht.json").json == json.loads(json.dumps(asdict(view)))


def test_person_json_counts_and_lists_co_mentioned(client: FlaskClient) -> None:
    body = client.get("/person/jonas-albrecht.json").json
    assert [(r["person"]["label"], r["articles"]) for r in body["co_mentioned"]] == [("Claire Fontaine", 2)]
    assert (body["claims_total"], body["events_total"], body["articles_total"]) == (1, 2, 2)
    assert body["close_matches"] == []


def test_person_html_links_co_mentioned_persons(client: FlaskClient) -> None:
    html = client.get("/person/jonas-albrecht", headers={"Accept": "text/html"}).get_data(as_text=True)
    section = html[html.index('id="with"'):]
    assert '<a href="/person/claire-fontaine">Claire Fontaine</a> <span class="meta">2 articles</span>' in section


def test_person_timeline_links_event_pages_with_dates(client: FlaskClient) -> None:
    html = client.get("/person/claire-fontaine", headers={"Accept": "text/html"}).get_data(as_text=True)
    timeline = html[html.index('<ol class="timeline">'):html.index('id="with"')]
    assert '<time datetime="2024-03-12">2024-03-12</time>' in timeline
    assert '<a href="/event/2024-03-12-call-claire-fontaine-jonas-albrecht">Phone call</a>' in timeline
    assert '<li class="status-planned">' in timeline and "took place" in timeline
    assert timeline.index("2024-04") < timeline.index("2024-03-12")  # newest first


def test_person_claims_truncated_with_note(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "SAID", data.SAID.replace(f"LIMIT {data.CLAIMS_LIMIT}", "LIMIT 1"))
    body = client.get("/person/annette-kroll.json").json
    assert (len(body["claims"]), body["claims_total"]) == (1, 2)
    assert body["claims"][0]["date"] == "2024-03-11"  # the limit keeps the newest by date said
    html = client.get("/person/annette-kroll", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "The newest 1 of 2 claims" in html


def test_person_ttl_holds_claims_events_and_articles_but_no_offsets(client: FlaskClient) -> None:
    graph = rdflib.Graph().parse(data=client.get("/person/claire-fontaine.ttl").data, format="turtle")
    fontaine = rdflib.URIRef(FONTAINE)
    claim = graph.value(fontaine, NKG.said)
    assert claim is not None and graph.value(claim, NKG.direct) == rdflib.Literal(False)
    events = set(graph.subjects(NKG.participant, fontaine))
    assert len(events) == 2
    article = rdflib.URIRef(DEFAULT_BASE + "article/2024-03-14-paris")
    assert (article, DCTERMS.title, rdflib.Literal("Fontaine lobt Gespräch mit Albrecht", lang="de")) in graph
    assert not list(graph.triples((None, NIF.beginIndex, None)))


def close_match_store() -> KGStore:
    def bridge(article_id: str, name: str, day: date) -> Extraction:
        text = (f"Bürgermeister {name} hat am Montag die neue Brücke eröffnet. "
                f"„Das ist ein guter Tag für die Stadt“, sagte {name.split()[-1]}.")
        person = Entity(name, mentions=[mention(text, name)])
        return Extraction(article=article(article_id, text, day, f"Neue Brücke ({article_id})"), published=day,
                          published_from="metadata", entities={person.key: person},
                          claims=[Claim(span(text, "Das ist ein guter Tag für die Stadt"), direct=True, speaker=name,
                                        cue="sagen")])

    kg_store = KGStore()
    store_extractions(kg_store, [bridge("a1", "Gerhard Vogt", date(2024, 1, 8)),
                                 bridge("a2", "Gerhardt Vogt", date(2024, 1, 9))])
    return kg_store


def test_person_page_offers_close_matches() -> None:
    client = create_app({"STORE": close_match_store(), "TESTING": True}).test_client()
    body = client.get("/person/gerhard-vogt.json").json
    assert [p["label"] for p in body["close_matches"]] == ["Gerhardt Vogt"]
    html = client.get("/person/gerhard-vogt", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Possibly the same as" in html and '<a href="/person/gerhardt-vogt">Gerhardt Vogt</a>' in html


def test_person_example_page_has_snippets_and_working_links(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    html = client.get("/person/sabine-hartmann", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<mark class="claim"' in html and '<mark class="speaker"' in html
    claim_links = re.findall(r'<a href="(/claim/[^"]+)">claim page</a>', html)
    article_links = re.findall(r'<a href="(/article/[^"#]+)"><cite', html)
    assert len(claim_links) >= 5 and article_links
    for url in (claim_links[0], article_links[0]):
        assert client.get(url, headers={"Accept": "text/html"}).status_code == 200


# -- snippets ---------------------------------------------------------------------------------

def test_snippet_is_the_sentence_with_a_nearby_speaker() -> None:
    doc = "Vorher. „Wir bleiben“, sagte Kroll. Danach."
    claim, speaker = (9, 20), (doc.index("Kroll"), doc.index("Kroll") + 5)
    s = data.snippet(doc, claim, (8, 35), speaker, "Annette Kroll")
    assert s.text == "„Wir bleiben“, sagte Kroll."
    assert [s.text[m.begin:m.end] for m in s.marks] == ["Wir bleiben", "Kroll"]
    assert not s.cut_before and not s.cut_after


def test_snippet_cuts_a_long_sentence_at_the_claim() -> None:
    doc = "Er sagte, " + "sehr " * 200 + "lange Rede."
    s = data.snippet(doc, (10, len(doc) - 1), (0, len(doc)), (0, 2))
    assert len(s.text) <= data.SNIPPET_MAX
    assert s.text.startswith("Er sagte, sehr") and s.cut_after
    assert s.marks[0].begin == 10 and s.marks[0].end == len(s.text)


def test_snippet_leaves_out_a_speaker_in_another_paragraph() -> None:
    doc = "Kroll trat ans Pult.\n\n„Wir bleiben“, hieß es.\n\nTeilen"
    claim = (doc.index("Wir"), doc.index("“"))
    s = data.snippet(doc, claim, (claim[0] - 1, len(doc)), (0, 5))
    assert s.text == "„Wir bleiben“, hieß es."
    assert [m.css for m in s.marks] == ["claim"]
