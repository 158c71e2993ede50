"""Article pages: metadata, the text with every extraction marked, and the lists of what was read.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from datetime import date
from html.parser import HTMLParser

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
from kg.web.articles import article_view, paragraphs

TOM = "Tom <script>alert(1)</script> Reiter"
SAID = 'Das Gespräch sei "offen" & konstruktiv gewesen'
QUOTE = "Wir brauchen mehr Geld für <Radwege>"
ARTICLE_ID = "2024-07-03-radwege"
TEXT = ("Radwege: Stadtrat streitet\n\n"
        f"Köln – Bürgermeisterin Eva Lindner hat sich am Dienstag mit Verkehrsminister {TOM} getroffen.\n"
        f"{SAID}, sagte Lindner.\n\n"
        f"„{QUOTE}“, erklärte der Verkehrsclub ADFC.")
TITLE = 'Streit um „Radwege“ & <script>alert(1)</script> "Geld"'
MINT = Minter()
IRI = MINT.article(ARTICLE_ID)
PATH = f"/article/{ARTICLE_ID}"
SOURCE = "https://example.org/koeln/radwege?a=1&b=2"


def _span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def _mention(text: str, part: str, after: int = 0, kind: str = "name") -> Mention:
    s = _span(text, part, after)
    return Mention(s.begin, s.end, s.text, kind=kind)  # type: ignore[arg-type]


def radwege(url: str = SOURCE) -> Extraction:
    said = TEXT.index(SAID)
    lindner = Entity("Eva Lindner", aliases={"Lindner"}, roles={"Bürgermeisterin"},
                     mentions=[_mention(TEXT, "Eva Lindner"), _mention(TEXT, "Lindner", after=said)])
    reiter = Entity(TOM, mentions=[_mention(TEXT, TOM)])
    adfc = Entity("ADFC", type="org", mentions=[_mention(TEXT, "ADFC", kind="org")])
    article = SourceArticle(id=ARTICLE_ID, text=TEXT, origin="radwege.txt", published=date(2024, 7, 3),
                            title=TITLE, source="Kölner <Tagblatt>", url=url, language="de")
    return Extraction(
        article=article, published=date(2024, 7, 3), published_from="dateline",
        entities={e.key: e for e in (lindner, reiter, adfc)},
        claims=[
            Claim(_span(TEXT, SAID), direct=False, speaker="Eva Lindner",
                  speaker_mention=_mention(TEXT, "Lindner", after=said), cue="sagen",
                  cue_span=_span(TEXT, "sagte"), event=0),
            Claim(_span(TEXT, QUOTE), direct=True, speaker="ADFC",
                  speaker_mention=_mention(TEXT, "der Verkehrsclub ADFC", kind="org"), cue="erklären",
                  cue_span=_span(TEXT, "erklärte")),
        ],
        events=[Event("meeting", "meeting", ["Eva Lindner", TOM], _span(TEXT, "getroffen"), date="2024-07-02")])


def _client(*extractions: Extraction) -> FlaskClient:
    kg_store = KGStore()
    store_extractions(kg_store, list(extractions))
    return create_app({"STORE": kg_store, "TESTING": True}).test_client()


@pytest.fixture
def rad() -> FlaskClient:
    return _client(radwege())


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _text_html(html: str) -> str:
    return html.split('<div class="article-text" lang="de">', 1)[1].split("</div>", 1)[0]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


class Tags(HTMLParser):
    """Start and end tags of a fragment, to prove the text cannot change the page's structure."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.starts: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        self.ends[tag] += 1


def test_article_html_shows_title_date_publisher_and_source(rad: FlaskClient) -> None:
    html = _html(rad, PATH)
    assert f'<h1 lang="de">{_esc(TITLE)}</h1>' in html
    assert 'Published <time datetime="2024-07-03">2024-07-03</time>' in html
    assert "(from the dateline in the text)" in html
    assert "Kölner &lt;Tagblatt&gt;" in html
    assert '<a href="https://example.org/koeln/radwege?a=1&amp;b=2" rel="nofollow noopener">source</a>' in html
    assert f'href="{PATH}.ttl"' in html


def test_article_source_that_is_not_http_is_no_link() -> None:
    html = _html(_client(radwege(url="javascript:alert(1)")), PATH)
    assert 'href="javascript:' not in html
    assert "source: <code>javascript:alert(1)</code>" in html


def test_article_text_keeps_paragraphs_and_line_breaks(rad: FlaskClient) -> None:
    text = _text_html(_html(rad, PATH))
    assert Tags(text).starts["p"] == 3
    assert "getroffen</a></mark>.\n" in text  # the line break inside the second paragraph is kept
    assert paragraphs("\n Eins\nzwei \n \n\nDrei ") == [(2, 11), (16, 20)]


def test_article_text_marks_claims_with_anchor_and_link(rad: FlaskClient) -> None:
    text = _text_html(_html(rad, PATH))
    said = TEXT.index(SAID)
    claim = MINT.claim(ARTICLE_ID, said, said + len(SAID))
    anchor = f"claim-{said}-{said + len(SAID)}"
    assert f'<span id="{anchor}"></span><mark class="claim" title="claim by Eva Lindner">' \
           f'<a href="/claim/{ARTICLE_ID}-{said}-{said + len(SAID)}">' in text
    assert claim.endswith(f"-{said}-{said + len(SAID)}")
    quote = TEXT.index(QUOTE)
    assert f'id="claim-{quote}-{quote + len(QUOTE)}"' in text


def test_article_text_marks_persons_speakers_cues_and_triggers(rad: FlaskClient) -> None:
    text = _text_html(_html(rad, PATH))
    b = TEXT.index("Eva Lindner")
    assert f'<span id="char={b},{b + 11}"></span><mark class="mention person" title="person: Eva Lindner">' \
           '<a href="/person/eva-lindner">Eva Lindner</a></mark>' in text
    assert f'<mark class="mention person" title="person: {_esc(TOM)}"><a href="/person/{slug(TOM)}">{_esc(TOM)}</a>' \
        in text
    assert '<mark class="speaker person" title="speaker: Eva Lindner"><a href="/person/eva-lindner">Lindner</a>' \
        in text
    assert '<mark class="cue" title="cue: sagen">sagte</mark>' in text
    assert 'title="speaker: ADFC"' in text and '<mark class="cue" title="cue: erklären">erklärte</mark>' in text
    event = f"/event/2024-07-02-meeting-eva-lindner-{slug(TOM)}"
    assert '<mark class="trigger" title="event: Treffen: ' in text and f'<a href="{event}">getroffen</a>' in text


def test_article_text_nested_marks_carry_both_and_link_the_inner(client: FlaskClient) -> None:
    text = _text_html(_html(client, "/article/2024-03-14-paris"))
    # A name inside a claim: both classes and titles, the link goes to the person.
    assert '<mark class="mention person claim" title="person: Jonas Albrecht; claim by Claire Fontaine">' \
           '<a href="/person/jonas-albrecht">Jonas Albrecht</a></mark>' in text
    assert '<mark class="trigger claim" title="event: Telefonat: Claire Fontaine – Jonas Albrecht (2024-03-12); ' \
           'claim by Claire Fontaine"><a href="/event/2024-03-12-call-claire-fontaine-jonas-albrecht">Telefonat</a>' \
        in text


def test_article_lists_persons_claims_and_events(rad: FlaskClient) -> None:
    body = rad.get(PATH + ".json").json
    assert [p["label"] for p in body["persons"]] == ["Eva Lindner", TOM]
    assert [(o["label"], o["kind"]) for o in body["others"]] == [("ADFC", "organization")]
    assert [c["text"] for c in body["claims"]] == [SAID, QUOTE]  # in the order of the text
    assert [c["speaker"]["label"] for c in body["claims"]] == ["Eva Lindner", "ADFC"]
    [event] = body["events"]
    assert (event["kind_words"], event["date"], event["status"]) == ("meeting", "2024-07-02", "happened")
    assert event["trigger"] == IRI + "#char={},{}".format(TEXT.index("getroffen"), TEXT.index("getroffen") + 9)
    html = _html(rad, PATH)
    assert '<a href="#claim-' in html and 'href="/claim/' in html
    assert f'href="{PATH}#char=' in html  # the event's words in the text


def test_article_json_equals_view(app: Flask, client: FlaskClient, store: KGStore) -> None:
    iri = MINT.article("2024-03-13-telefonat")
    view = article_view(store, DEFAULT_BASE, iri)
    assert view is not None
    body = client.get("/article/2024-03-13-telefonat.json").json
    assert body == json.loads(json.dumps(asdict(view)))
    assert body["title"] == "Albrecht telefoniert mit Fontaine"
    assert body["published_from"] == "metadata"
    assert [o["label"] for o in body["others"]] == ["Auswärtiges Amt"]


def test_article_turtle_holds_text_once_and_mentions_by_offset(rad: FlaskClient) -> None:
    response = rad.get(PATH, headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    article = rdflib.URIRef(IRI)
    assert str(graph.value(article, NIF.isString)) == TEXT
    b = TEXT.index(TOM)
    mention = rdflib.URIRef(f"{IRI}#char={b},{b + len(TOM)}")
    assert graph.value(mention, NKG.refersTo) == rdflib.URIRef(DEFAULT_BASE + "person/" + slug(TOM))
    assert str(graph.value(mention, NIF.anchorOf)) == TOM
    claims = set(graph.subjects(rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), article))
    assert {rdflib.URIRef(MINT.claim(ARTICLE_ID, TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE)))} < claims
    # The text once: claims come by offset, sentences not at all.
    assert not list(graph.triples((None, NKG.text, None)))
    assert (rdflib.URIRef(DEFAULT_BASE + "person/eva-lindner"), NKG.mentionedIn, article) in graph
    assert response.data.count(b"Radwege: Stadtrat") == 1


def test_article_jsonld_and_ntriples_parse(rad: FlaskClient) -> None:
    for suffix, fmt in ((".jsonld", "json-ld"), (".nt", "nt")):
        graph = rdflib.Graph().parse(data=rad.get(PATH + suffix).data, format=fmt)
        assert (rdflib.URIRef(IRI), rdflib.RDF.type, NKG.Article) in graph


def test_article_unknown_is_404(client: FlaskClient) -> None:
    for path in ("/article/1999-01-01-nichts", "/article/1999-01-01-nichts.json", "/article/x.nt"):
        assert client.get(path).status_code == 404


def test_article_page_escapes_markup_and_keeps_structure(rad: FlaskClient) -> None:
    html = _html(rad, PATH)
    assert "<script>" not in html and "<Radwege>" not in html and "<Tagblatt>" not in html
    assert _esc(QUOTE) in html and _esc(SAID) in html
    tags = Tags(_text_html(html))
    assert set(tags.starts) <= {"p", "mark", "a", "span"}
    assert tags.starts == tags.ends
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and "alert(1)" in ld


def test_article_example_store_links_resolve(example_store: KGStore) -> None:
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    [row] = example_store.select("""SELECT ?a (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c prov:wasDerivedFrom ?a ;
                                    a nkg:Claim } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1""")
    path = "/" + row["a"].value[len(DEFAULT_BASE):]
    html = _html(client, path)
    ids = set(re.findall(r' id="([^"]+)"', html))
    links = set(re.findall(r'href="(/(?:person|org|agent|event|claim|article)/[^"]+)"', html))
    assert any(link.startswith("/claim/") for link in links) and any(link.startswith("/person/") for link in links)
    for link in links:
        target, _, fragment = link.partition("#")
        if target == path:
            assert fragment in ids, link
        else:
            assert client.get(target, headers={"Accept": "text/html"}).status_code == 200, link
    assert len([i for i in ids if i.startswith("claim-")]) == int(row["n"].value)
