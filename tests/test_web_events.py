"""Event pages: kind, date, status over all reports and per article, participants, claims said in it.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from kg.build import store_extractions
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.resolve.iris import slug
from kg.store import KGStore
from kg.vocab import DEFAULT_BASE, NKG
from kg.web import create_app
from kg.web.events import event_view

# From the conftest store: reported by two articles, one of which also plans a meeting.
CALL = DEFAULT_BASE + "event/2024-03-12-call-claire-fontaine-jonas-albrecht"
MEETING = DEFAULT_BASE + "event/2024-04-meeting-claire-fontaine-jonas-albrecht"
HOSTILE = 'Rui <script>alert(1)</script> "Costa" & Co'
QUOTE = 'Wir sind uns <script>alert(2)</script> & "einig"'
COSTA = DEFAULT_BASE + "person/" + slug(HOSTILE)
TALK = DEFAULT_BASE + f"event/2024-05-03-call-annette-kroll-{slug(HOSTILE)}"


def _span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def _mention(text: str, part: str, after: int = 0) -> Mention:
    s = _span(text, part, after)
    return Mention(s.begin, s.end, s.text)


def _article(article_id: str, text: str, published: date, title: str) -> SourceArticle:
    return SourceArticle(id=article_id, text=text, origin=f"{article_id}.txt", published=published, title=title,
                         source="Testpresse", language="de")


def announcement() -> Extraction:
    """A call announced for Friday (planned)."""
    text = f"Berlin – Kanzlerin Annette Kroll will am Freitag mit {HOSTILE} telefonieren."
    people = {"Annette Kroll": Entity("Annette Kroll", mentions=[_mention(text, "Annette Kroll")]),
              HOSTILE: Entity(HOSTILE, mentions=[_mention(text, HOSTILE)])}
    return Extraction(
        article=_article("2024-05-02-ankuendigung", text, date(2024, 5, 2), "Kroll will mit Costa telefonieren"),
        published=date(2024, 5, 2), published_from="metadata", entities=people,
        events=[Event("call", "phone", list(people), _span(text, "telefonieren"), date="2024-05-03",
                      status="planned")])


def report() -> Extraction:
    """The same call reported as held, with words said during it, and a title full of markup."""
    text = (f"Berlin – Annette Kroll hat am Freitag mit {HOSTILE} telefoniert.\n\n"
            f"„{QUOTE}“, sagte Kroll nach dem Telefonat.")
    kroll = Entity("Annette Kroll", aliases={"Kroll"}, mentions=[_mention(text, "Annette Kroll")])
    costa = Entity(HOSTILE, mentions=[_mention(text, HOSTILE)])
    return Extraction(
        article=_article("2024-05-04-telefonat", text, date(2024, 5, 4),
                         'Kroll & Costa: "Einig" <i>nach</i> Telefonat'),
        published=date(2024, 5, 4), published_from="metadata", entities={kroll.key: kroll, costa.key: costa},
        claims=[Claim(_span(text, QUOTE), direct=True, speaker="Annette Kroll",
                      speaker_mention=_mention(text, "Kroll", after=text.index("sagte")), cue="sagen",
                      cue_span=_span(text, "sagte"), event=0)],
        events=[Event("call", "phone", ["Annette Kroll", HOSTILE], _span(text, "telefoniert"), date="2024-05-03")])


@pytest.fixture
def talk_store() -> KGStore:
    kg_store = KGStore()
    store_extractions(kg_store, [announcement(), report()])
    return kg_store


@pytest.fixture
def talk_app(talk_store: KGStore) -> Flask:
    return create_app({"STORE": talk_store, "TESTING": True})


@pytest.fixture
def talk(talk_app: Flask) -> FlaskClient:
    return talk_app.test_client()


def _path(iri: str) -> str:
    return "/" + iri[len(DEFAULT_BASE):]


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_event_html_shows_kind_date_status_participants(client: FlaskClient) -> None:
    html = _html(client, _path(CALL))
    assert '<h1 lang="de">Telefonat: Claire Fontaine – Jonas Albrecht (2024-03-12)</h1>' in html
    assert "Phone call" in html
    assert '<time datetime="2024-03-12">2024-03-12</time>' in html
    assert "took place" in html
    assert '<a href="/person/claire-fontaine">Claire Fontaine</a>' in html
    assert '<a href="/person/jonas-albrecht">Jonas Albrecht</a>' in html
    assert f'href="{_path(CALL)}.ttl"' in html and 'rel="alternate"' in html


def test_event_html_links_every_reporting_article_and_its_words(client: FlaskClient) -> None:
    html = _html(client, _path(CALL))
    for path, title in (("/article/2024-03-13-telefonat", "Albrecht telefoniert mit Fontaine"),
                        ("/article/2024-03-14-paris", "Fontaine lobt Gespräch mit Albrecht")):
        assert f'<a href="{path}"><cite lang="de">{title}</cite></a>' in html
    # Each article's trigger words link to their place in that article.
    assert 'href="/article/2024-03-13-telefonat#char=' in html and ">telefoniert</span>" in html


def test_event_planned_meeting_says_planned(client: FlaskClient) -> None:
    body = client.get(_path(MEETING) + ".json").json
    assert (body["kind"], body["medium"], body["kind_words"], body["date"]) == ("meeting", None, "meeting", "2024-04")
    assert body["status"] == "planned"
    assert [r["status"] for r in body["reports"]] == ["planned"]
    assert "planned" in _html(client, _path(MEETING))


def test_event_json_equals_view(app: Flask, client: FlaskClient, store: KGStore) -> None:
    view = event_view(store, DEFAULT_BASE, CALL)
    assert view is not None
    assert client.get(_path(CALL) + ".json").json == json.loads(json.dumps(asdict(view)))
    assert client.get(_path(CALL), headers={"Accept": "application/json"}).json == asdict(view)


def test_event_json_lists_reports_in_date_order(client: FlaskClient) -> None:
    body = client.get(_path(CALL) + ".json").json
    assert [r["article"]["id"] for r in body["reports"]] == ["2024-03-13-telefonat", "2024-03-14-paris"]
    assert [t["words"] for r in body["reports"] for t in r["triggers"]] == ["telefoniert", "Telefonat"]
    assert [p["label"] for p in body["participants"]] == ["Claire Fontaine", "Jonas Albrecht"]
    assert body["claims"] == []


def test_event_status_merged_and_per_article(talk: FlaskClient) -> None:
    body = talk.get(_path(TALK) + ".json").json
    assert body["status"] == "happened"  # held, although one article had only announced it
    assert [(r["article"]["id"], r["status"]) for r in body["reports"]] == [
        ("2024-05-02-ankuendigung", "planned"), ("2024-05-04-telefonat", "happened")]
    html = _html(talk, _path(TALK))
    assert "reported as planned" in html and "reported as held" in html


def test_event_lists_claims_said_during_it(talk: FlaskClient) -> None:
    body = talk.get(_path(TALK) + ".json").json
    [claim] = body["claims"]
    assert claim["text"] == QUOTE
    assert claim["speaker"]["label"] == "Annette Kroll"
    assert claim["mode"] == "direct"
    html = _html(talk, _path(TALK))
    assert f'href="{_path(claim["iri"])}"' in html
    assert f'href="/article/2024-05-04-telefonat#{claim["anchor"]}"' in html
    assert '<a href="/person/annette-kroll">Annette Kroll</a>' in html


def test_event_turtle_holds_participants_reports_and_claims(talk: FlaskClient) -> None:
    response = talk.get(_path(TALK) + ".ttl")
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    event = rdflib.URIRef(TALK)
    assert (event, NKG.participant, rdflib.URIRef(COSTA)) in graph
    assert (rdflib.URIRef(COSTA), rdflib.RDFS.label, rdflib.Literal(HOSTILE)) in graph
    assert (event, NKG.status, NKG.Happened) in graph
    assert len(set(graph.objects(event, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))) == 2
    [claim] = graph.subjects(NKG.saidDuring, event)
    assert str(graph.value(claim, NKG.text)) == QUOTE
    assert graph.value(predicate=NKG.said, object=claim) == rdflib.URIRef(DEFAULT_BASE + "person/annette-kroll")


def test_event_jsonld_and_ntriples_parse(talk: FlaskClient) -> None:
    jsonld = talk.get(_path(TALK), headers={"Accept": "application/ld+json"})
    assert jsonld.mimetype == "application/ld+json"
    nt = talk.get(_path(TALK) + ".nt")
    assert nt.mimetype == "application/n-triples"
    for data, fmt in ((jsonld.data, "json-ld"), (nt.data, "nt")):
        graph = rdflib.Graph().parse(data=data, format=fmt)
        assert (rdflib.URIRef(TALK), rdflib.RDF.type, NKG.PhoneCall) in graph


def test_event_unknown_is_404(client: FlaskClient) -> None:
    for suffix in (".json", ".ttl", ""):
        response = client.get("/event/2024-01-01-call-max-mustermann-erika-muster" + suffix)
        assert response.status_code == 404
    # A person is not an event, even under the event segment.
    assert client.get("/event/annette-kroll.json").status_code == 404


def test_event_page_escapes_markup(talk: FlaskClient) -> None:
    html = _html(talk, _path(TALK))
    assert "<script>" not in html and "<i>" not in html
    assert "Rui &lt;script&gt;alert(1)&lt;/script&gt; &#34;Costa&#34; &amp; Co" in html
    assert "Wir sind uns &lt;script&gt;alert(2)&lt;/script&gt; &amp; &#34;einig&#34;" in html
    assert "Kroll &amp; Costa: &#34;Einig&#34; &lt;i&gt;nach&lt;/i&gt; Telefonat" in html
    # The embedded JSON-LD cannot close its script element either.
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and "alert(1)" in ld


def test_event_example_store_lists_reporting_articles_that_open(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    rows = example_store.select("""SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a nkg:Event ;
                                   prov:wasDerivedFrom ?a } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1""")
    event, reports = rows[0]["e"].value, int(rows[0]["n"].value)
    assert reports >= 2  # the examples report some call in more than one article
    html = _html(client, _path(event))
    articles = sorted(set(re.findall(r'<a href="(/article/[^"#]+)"><cite', html)))
    assert len(articles) == reports
    for path in articles:
        page = _html(client, path)
        assert f'href="{_path(event)}"' in page  # the article lists the event it reports
    for trigger in set(re.findall(r'href="(/article/[^"#]+#char=\d+,\d+)"', html)):
        path, fragment = trigger.split("#")
        assert f'id="{fragment}"' in _html(client, path)
