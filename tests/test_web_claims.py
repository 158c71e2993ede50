"""Claim pages: the words, their type in plain words, speaker, relay, cue, date, event and context.

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
from kg.resolve.iris import Minter, slug
from kg.store import KGStore
from kg.vocab import DEFAULT_BASE, NIF, NKG
from kg.web import create_app
from kg.web.claims import claim_view

KAI = 'Kai <script>alert(1)</script> & "Co"'
HOSTILE_WORDS = 'die Lage sei <b>ernst</b> & "kritisch"'
ARTICLE_ID = "2024-06-04-warnung"
TEXT = (f"Hamburg – {KAI} hat am Montag mit Lea Brandt telefoniert.\n\n"
        f"Brandt sagte danach, {KAI} habe versichert, {HOSTILE_WORDS}. Man werde handeln.\n\n"
        "Die Opposition kritisierte den Plan scharf.")
MINT = Minter()
# The conftest store: Kroll's quote (date stated) and her announcement (publication date only).
NETZ = "2024-03-12-netzausbau"
NETZ_TEXT = ("Berlin (dpa) – Bundeskanzlerin Annette Kroll hat die Länder zu mehr Tempo beim Netzausbau "
             "aufgefordert. „Wir dürfen keine Zeit mehr verlieren“, sagte Kroll am Montag in Berlin. "
             "Die Kanzlerin kündigte an, den Ausbau im Herbst zu überprüfen.")


def _span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def _mention(text: str, part: str, after: int = 0) -> Mention:
    s = _span(text, part, after)
    return Mention(s.begin, s.end, s.text)


def _claim_iri(article_id: str, text: str, words: str) -> str:
    s = _span(text, words)
    return MINT.claim(article_id, s.begin, s.end)


def _path(iri: str) -> str:
    return "/" + iri[len(DEFAULT_BASE):]


QUOTE = _claim_iri(NETZ, NETZ_TEXT, "Wir dürfen keine Zeit mehr verlieren")
ANNOUNCED = _claim_iri(NETZ, NETZ_TEXT, "den Ausbau im Herbst zu überprüfen")
WARNING = _claim_iri(ARTICLE_ID, TEXT, HOSTILE_WORDS)
FREE = _claim_iri(ARTICLE_ID, TEXT, "Man werde handeln")
REPORTED = _claim_iri(ARTICLE_ID, TEXT, "Die Opposition kritisierte den Plan scharf.")


def warning() -> Extraction:
    """Relayed, free indirect and reported speech, an event, and markup in names and words."""
    second = TEXT.index("Brandt sagte")
    kai = Entity(KAI, mentions=[_mention(TEXT, KAI), _mention(TEXT, KAI, after=second)])
    brandt = Entity("Lea Brandt", aliases={"Brandt"}, mentions=[_mention(TEXT, "Lea Brandt"),
                                                                _mention(TEXT, "Brandt", after=second)])
    article = SourceArticle(id=ARTICLE_ID, text=TEXT, origin="warnung.txt", published=date(2024, 6, 4),
                            title="Warnung & <em>Widerspruch</em>", source="Testpresse", language="de")
    return Extraction(
        article=article, published=date(2024, 6, 4), published_from="dateline",
        entities={kai.key: kai, brandt.key: brandt},
        claims=[
            Claim(_span(TEXT, HOSTILE_WORDS), direct=False, speaker=KAI,
                  speaker_mention=_mention(TEXT, KAI, after=second), cue="versichern",
                  cue_span=_span(TEXT, "versichert"), said_on="2024-06-03", said_on_stated=True,
                  relayed_by="Lea Brandt", event=0, sentence=_span(TEXT, f"Brandt sagte danach, {KAI}")),
            Claim(_span(TEXT, "Man werde handeln"), direct=False, mode="free", speaker=KAI),
            Claim(_span(TEXT, "Die Opposition kritisierte den Plan scharf."), direct=False, mode="reported",
                  cue="kritisieren", cue_span=_span(TEXT, "kritisierte")),
        ],
        events=[Event("call", "phone", [KAI, "Lea Brandt"], _span(TEXT, "telefoniert"), date="2024-06-03")])


@pytest.fixture
def warn_store() -> KGStore:
    kg_store = KGStore()
    store_extractions(kg_store, [warning()])
    return kg_store


@pytest.fixture
def warn(warn_store: KGStore) -> FlaskClient:
    return create_app({"STORE": warn_store, "TESTING": True}).test_client()


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_claim_html_shows_quote_speaker_cue_and_stated_date(client: FlaskClient) -> None:
    html = _html(client, _path(QUOTE))
    assert "<h1>Claim by Annette Kroll</h1>" in html
    assert '<blockquote class="claim-text" lang="de">Wir dürfen keine Zeit mehr verlieren</blockquote>' in html
    assert "Direct quote" in html
    assert '<a href="/person/annette-kroll">Annette Kroll</a>' in html
    assert '<span lang="de">sagen</span>' in html
    assert '<time datetime="2024-03-11">2024-03-11</time>' in html and "(stated in the text)" in html
    assert '<a href="/article/2024-03-12-netzausbau"><cite lang="de">Kroll drängt auf schnelleren Netzausbau</cite>' \
        '</a>' in html


def test_claim_date_falls_back_to_publication_and_says_so(client: FlaskClient) -> None:
    body = client.get(_path(ANNOUNCED) + ".json").json
    assert (body["date"], body["date_source"]) == ("2024-03-12", "publication")
    assert (body["mode"], body["direct"]) == ("indirect", False)
    html = _html(client, _path(ANNOUNCED))
    assert "publication date" in html
    assert '<p class="claim-text reported" lang="de">den Ausbau im Herbst zu überprüfen</p>' in html


def test_claim_context_marks_claim_speaker_and_cue(warn: FlaskClient) -> None:
    body = warn.get(_path(WARNING) + ".json").json
    context = body["context"]
    # The passage stays in the claim's paragraph: not the call before it, not the opposition after.
    assert context["text"].startswith("Brandt sagte danach") and "Opposition" not in context["text"]
    assert context["cut_before"] is False
    marks = {m["css"]: context["text"][m["begin"]:m["end"]] for m in context["marks"]}
    assert marks == {"claim": HOSTILE_WORDS, "speaker": KAI, "cue": "versichert"}
    html = _html(warn, _path(WARNING))
    passage = html.split('<p class="passage" lang="de">', 1)[1].split("</p>", 1)[0]
    assert f'<mark class="speaker" title="speaker: {_esc(KAI)}"><a href="/person/{slug(KAI)}">{_esc(KAI)}</a></mark>' \
        in passage
    assert '<mark class="cue" title="cue: versichern">versichert</mark>' in passage
    assert f'<mark class="claim" title="the claim">{_esc(HOSTILE_WORDS)}</mark>' in passage


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def test_claim_shows_relay_event_and_cue_words(warn: FlaskClient) -> None:
    body = warn.get(_path(WARNING) + ".json").json
    assert body["relayed_by"]["iri"] == DEFAULT_BASE + "person/lea-brandt"
    assert (body["cue"], body["cue_words"]) == ("versichern", "versichert")
    assert (body["date"], body["date_source"]) == ("2024-06-03", "stated")
    event = DEFAULT_BASE + f"event/2024-06-03-call-{slug(KAI)}-lea-brandt"
    assert body["event"]["iri"] == event
    html = _html(warn, _path(WARNING))
    assert "Relayed by" in html and '<a href="/person/lea-brandt">Lea Brandt</a>' in html
    assert f'<a href="{_path(event)}" lang="de">' in html
    assert "(in the text: „<span lang=\"de\">versichert</span>“)" in html


def test_claim_types_in_plain_words(warn: FlaskClient) -> None:
    expected = {WARNING: ("indirect", "Indirect speech"), FREE: ("free", "Free indirect speech"),
                REPORTED: ("reported", "Reported speech act")}
    for iri, (mode, words) in expected.items():
        assert warn.get(_path(iri) + ".json").json["mode"] == mode
        assert words in _html(warn, _path(iri))


def test_claim_without_speaker_says_so(warn: FlaskClient) -> None:
    body = warn.get(_path(REPORTED) + ".json").json
    assert body["speaker"] is None and body["relayed_by"] is None
    html = _html(warn, _path(REPORTED))
    assert "<h1>Claim</h1>" in html and "not stated" in html


def test_claim_links_article_at_its_anchor(warn: FlaskClient) -> None:
    html = _html(warn, _path(WARNING))
    [link] = re.findall(r'href="(/article/[^"]+#claim-[^"]+)"', html)
    path, anchor = link.split("#")
    assert path == f"/article/{ARTICLE_ID}"
    assert f'id="{anchor}"' in _html(warn, path)


def test_claim_json_equals_view(app: Flask, client: FlaskClient, store: KGStore) -> None:
    view = claim_view(store, DEFAULT_BASE, QUOTE)
    assert view is not None
    assert client.get(_path(QUOTE) + ".json").json == json.loads(json.dumps(asdict(view)))


def test_claim_turtle_holds_speaker_spans_and_article(warn: FlaskClient) -> None:
    response = warn.get(_path(WARNING), headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    claim = rdflib.URIRef(WARNING)
    assert (claim, rdflib.RDF.type, NKG.IndirectSpeech) in graph
    assert str(graph.value(claim, NKG.text)) == HOSTILE_WORDS
    assert (rdflib.URIRef(DEFAULT_BASE + "person/" + slug(KAI)), NKG.said, claim) in graph
    cue = graph.value(claim, NKG.cueMention)
    assert str(graph.value(cue, NIF.anchorOf)) == "versichert"
    article = rdflib.URIRef(MINT.article(ARTICLE_ID))
    assert (article, rdflib.URIRef("http://purl.org/dc/terms/identifier"), rdflib.Literal(ARTICLE_ID)) in graph
    assert not list(graph.triples((None, NIF.isString, None)))  # the article text stays on the article


def test_claim_jsonld_and_ntriples_parse(warn: FlaskClient) -> None:
    for suffix, fmt in ((".jsonld", "json-ld"), (".nt", "nt")):
        graph = rdflib.Graph().parse(data=warn.get(_path(FREE) + suffix).data, format=fmt)
        assert (rdflib.URIRef(FREE), rdflib.RDF.type, NKG.FreeIndirectSpeech) in graph


def test_claim_unknown_is_404(client: FlaskClient) -> None:
    for path in ("/claim/2024-03-12-netzausbau-0-1.json", "/claim/nichts", "/claim/x.ttl"):
        assert client.get(path).status_code == 404


def test_claim_page_escapes_markup(warn: FlaskClient) -> None:
    html = _html(warn, _path(WARNING))
    assert "<script>" not in html and "<b>" not in html and "<em>" not in html
    assert _esc(KAI) in html and _esc(HOSTILE_WORDS) in html
    assert "Warnung &amp; &lt;em&gt;Widerspruch&lt;/em&gt;" in html


def test_claim_example_store_article_links_open_at_the_claim(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    rows = example_store.select("SELECT DISTINCT ?c WHERE { ?c a nkg:Claim } ORDER BY ?c LIMIT 12")
    assert len(rows) == 12
    for row in rows:
        html = _html(client, _path(row["c"].value))
        [link] = re.findall(r'href="(/article/[^"]+#claim-\d+-\d+)">Read it in the full article', html)
        path, anchor = link.split("#")
        article = _html(client, path)
        assert f'id="{anchor}"' in article
        assert f'href="{_path(row["c"].value)}"' in article  # and the article links back
