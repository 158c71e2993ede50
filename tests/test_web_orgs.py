"""Organization and unnamed-speaker pages: what they said, where they are named, who passed their words on.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, timedelta

import pytest
import rdflib
from conftest import article, mention, span
from flask.testing import FlaskClient

from kg.build import store_extractions
from kg.model import Claim, Entity, Extraction
from kg.store import KGStore
from kg.vocab import DEFAULT_BASE, NIF, NKG
from kg.web import create_app, orgs

WERKE = DEFAULT_BASE + "org/stadtwerke-neustadt"
POLIZEI = DEFAULT_BASE + "agent/2024-04-29-strompreise/sprecher-der-polizei"
HOSTILE_ORG = "Bau <b>&</b> Söhne"
HOSTILE_AGENT = "Sprecher <i>der</i> Firma"


def strompreise() -> Extraction:
    text = ("Neustadt – Die Stadtwerke Neustadt erhöhen zum 1. Mai die Strompreise. „Wir mussten die gestiegenen "
            "Einkaufskosten weitergeben“, sagte eine Sprecherin der Stadtwerke Neustadt am Montag. Pressesprecherin "
            "Petra Lange fügte hinzu, die Preise sollten im Herbst erneut geprüft werden. Ein Sprecher der Polizei "
            "sagte, in der Nacht sei es ruhig geblieben.")
    werke = Entity("Stadtwerke Neustadt", type="org", mentions=[mention(text, "Stadtwerke Neustadt", kind="org")])
    lange = Entity("Petra Lange", roles={"Pressesprecherin"}, mentions=[mention(text, "Petra Lange")])
    polizei = Entity("Sprecher der Polizei", type="agent", label="Sprecher der Polizei",
                     mentions=[mention(text, "Ein Sprecher der Polizei", kind="description")])
    sentence = span(text, "„Wir mussten die gestiegenen Einkaufskosten weitergeben“, sagte eine Sprecherin der "
                          "Stadtwerke Neustadt am Montag.")
    return Extraction(
        article=article("2024-04-29-strompreise", text, date(2024, 4, 29), "Stadtwerke erhöhen Strompreise"),
        published=date(2024, 4, 29), published_from="metadata",
        entities={e.key: e for e in (werke, lange, polizei)},
        claims=[
            Claim(span(text, "Wir mussten die gestiegenen Einkaufskosten weitergeben"), direct=True,
                  speaker="Stadtwerke Neustadt", cue="sagen", sentence=sentence, said_on="2024-04-29",
                  said_on_stated=True,
                  speaker_mention=mention(text, "eine Sprecherin der Stadtwerke Neustadt", kind="description")),
            Claim(span(text, "die Preise sollten im Herbst erneut geprüft werden"), direct=False,
                  speaker="Stadtwerke Neustadt", relayed_by="Petra Lange", cue="hinzufügen",
                  speaker_mention=mention(text, "Petra Lange"), said_on="2024-04-29"),
            Claim(span(text, "in der Nacht sei es ruhig geblieben"), direct=False, speaker="Sprecher der Polizei",
                  cue="sagen", speaker_mention=mention(text, "Ein Sprecher der Polizei", kind="description"),
                  said_on="2024-04-29"),
        ],
    )


def beschwerden() -> Extraction:
    text = ("Neustadt – Nach der Preiserhöhung der Stadtwerke Neustadt haben sich zahlreiche Kunden beschwert. "
            "Die Verbraucherzentrale riet, Tarife zu vergleichen.")
    werke = Entity("Stadtwerke Neustadt", type="org", mentions=[mention(text, "Stadtwerke Neustadt", kind="org")])
    return Extraction(
        article=article("2024-05-02-beschwerden", text, date(2024, 5, 2), "Kunden beschweren sich über Strompreise"),
        published=date(2024, 5, 2), published_from="metadata", entities={werke.key: werke})


def hostile() -> Extraction:
    """An organization, a speaker description, a quote and a title full of markup."""
    text = f"Die Firma {HOSTILE_ORG} teilte mit: „Wir bauen <i>weiter</i> & mehr“, so ein {HOSTILE_AGENT}."
    org = Entity(HOSTILE_ORG, type="org", mentions=[mention(text, HOSTILE_ORG, kind="org")])
    agent = Entity(HOSTILE_AGENT, type="agent", label=HOSTILE_AGENT,
                   mentions=[mention(text, HOSTILE_AGENT, kind="description")])
    return Extraction(
        article=article("2024-05-03-bau", text, date(2024, 5, 3), "Bau <script>alert(2)</script>"),
        published=date(2024, 5, 3), published_from="metadata", entities={e.key: e for e in (org, agent)},
        claims=[Claim(span(text, "Wir bauen <i>weiter</i> & mehr"), direct=True, speaker=HOSTILE_ORG,
                      cue="mitteilen", speaker_mention=mention(text, HOSTILE_ORG, kind="org")),
                Claim(span(text, "Wir bauen <i>weiter</i>"), direct=True, speaker=HOSTILE_AGENT, cue="mitteilen",
                      speaker_mention=mention(text, HOSTILE_AGENT, kind="description"))],
    )


@pytest.fixture
def org_store() -> KGStore:
    kg_store = KGStore()
    store_extractions(kg_store, [strompreise(), beschwerden(), hostile()])
    return kg_store


@pytest.fixture
def org_client(org_store: KGStore) -> FlaskClient:
    return create_app({"STORE": org_store, "TESTING": True}).test_client()


def html_of(client: FlaskClient, url: str) -> str:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


# -- organization ---------------------------------------------------------------------------

def test_org_html_shows_label_claims_and_articles(org_client: FlaskClient) -> None:
    html = html_of(org_client, "/org/stadtwerke-neustadt")
    assert '<h1 lang="de">Stadtwerke Neustadt</h1>' in html
    assert '„<mark class="claim" title="the claim">Wir mussten die gestiegenen Einkaufskosten weitergeben</mark>“' \
           in html
    assert '<mark class="speaker" title="the speaker (Stadtwerke Neustadt)">eine Sprecherin der Stadtwerke ' \
           'Neustadt</mark>' in html
    assert "2 claims" in html and "named in 2 articles" in html
    assert '<link rel="alternate" type="text/turtle" href="/org/stadtwerke-neustadt.ttl">' in html


def test_org_html_links_claim_article_and_spokesperson(org_client: FlaskClient) -> None:
    html = html_of(org_client, "/org/stadtwerke-neustadt")
    assert '<a href="/claim/2024-04-29-strompreise-72-126">claim page</a>' in html
    assert '<a href="/article/2024-04-29-strompreise"><cite lang="de">Stadtwerke erhöhen Strompreise</cite></a>' in html
    voices = html[html.index('id="voices"'):html.index('id="articles"')]
    assert '<a href="/person/petra-lange" lang="de">Petra Lange</a> <span class="meta">1 claim</span>' in voices
    assert 'relayed by <a href="/person/petra-lange" lang="de">Petra Lange</a>' in html


def test_org_json_equals_the_view(org_client: FlaskClient, org_store: KGStore) -> None:
    view = orgs.org_view(org_store, DEFAULT_BASE, WERKE)
    assert org_client.get("/org/stadtwerke-neustadt.json").json == json.loads(json.dumps(asdict(view)))


def test_org_json_lists_articles_newest_first_and_dates_claims(org_client: FlaskClient) -> None:
    body = org_client.get("/org/stadtwerke-neustadt.json").json
    assert [a["id"] for a in body["articles"]] == ["2024-05-02-beschwerden", "2024-04-29-strompreise"]
    assert [(c["mode"], c["date"], c["date_stated"]) for c in body["claims"]] == [
        ("direct", "2024-04-29", True), ("indirect", "2024-04-29", False)]  # same day: in article order
    assert [(r["agent"]["label"], r["claims"]) for r in body["relayed_by"]] == [("Petra Lange", 1)]
    assert body["relayed_for"] == []


def test_org_ttl_parses_and_holds_claims_and_articles(org_client: FlaskClient) -> None:
    response = org_client.get("/org/stadtwerke-neustadt.ttl")
    assert response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    werke = rdflib.URIRef(WERKE)
    assert (werke, rdflib.RDF.type, NKG.Organization) in graph
    assert (werke, rdflib.RDFS.label, rdflib.Literal("Stadtwerke Neustadt")) in graph
    texts = {str(graph.value(c, NKG.text)) for c in graph.objects(werke, NKG.said)}
    assert texts == {"Wir mussten die gestiegenen Einkaufskosten weitergeben",
                     "die Preise sollten im Herbst erneut geprüft werden"}
    assert len(set(graph.objects(werke, NKG.mentionedIn))) == 2
    assert not list(graph.triples((None, NIF.isString, None)))
    assert not list(graph.triples((None, NKG.refersTo, werke)))  # mentions stay on the article pages


def test_org_jsonld_by_accept_parses(org_client: FlaskClient) -> None:
    response = org_client.get("/org/stadtwerke-neustadt", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.data, format="json-ld")
    assert (rdflib.URIRef(WERKE), rdflib.RDFS.label, rdflib.Literal("Stadtwerke Neustadt")) in graph


def test_org_unknown_or_other_kind_is_404(org_client: FlaskClient) -> None:
    assert org_client.get("/org/wasserwerke-neustadt.json").status_code == 404
    # A person's slug under /org/ is not an organization.
    response = org_client.get("/org/petra-lange", headers={"Accept": "text/html"})
    assert response.status_code == 404 and "petra-lange" in response.get_data(as_text=True)


def test_org_page_escapes_markup(org_client: FlaskClient) -> None:
    html = html_of(org_client, "/org/bau-b-b-soehne")
    assert "<b>" not in html and "<i>" not in html and "<script>" not in html
    assert '<h1 lang="de">Bau &lt;b&gt;&amp;&lt;/b&gt; Söhne</h1>' in html
    assert "Wir bauen &lt;i&gt;weiter&lt;/i&gt; &amp; mehr" in html
    assert "Bau &lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert org_client.get("/org/bau-b-b-soehne.json").json["label"] == HOSTILE_ORG


def test_org_lists_and_rdf_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    def notice(n: int) -> Extraction:
        day = date(2024, 1, 1) + timedelta(days=n)
        text = f"Hafenstadt – Die Hafenbehörde meldete am Morgen {n} einlaufende Schiffe."
        org = Entity("Hafenbehörde", type="org", mentions=[mention(text, "Hafenbehörde", kind="org")])
        return Extraction(article=article(f"hafen-{n:03d}", text, day, f"Hafenbericht {n}"), published=day,
                          published_from="metadata", entities={org.key: org},
                          claims=[Claim(span(text, f"{n} einlaufende Schiffe"), direct=False, speaker="Hafenbehörde",
                                        mode="reported", cue="melden", said_on=day.isoformat())])

    count = orgs.GRAPH_LIMIT + 5
    kg_store = KGStore()
    store_extractions(kg_store, [notice(n) for n in range(count)])
    monkeypatch.setattr(orgs, "ARTICLES", orgs.ARTICLES.replace(f"LIMIT {orgs.ARTICLES_LIMIT}", "LIMIT 3"))
    client = create_app({"STORE": kg_store, "TESTING": True}).test_client()
    body = client.get("/org/hafenbehoerde.json").json
    assert (body["claims_total"], body["articles_total"], len(body["claims"])) == (count, count, count)
    assert [a["id"] for a in body["articles"]] == [f"hafen-{n:03d}" for n in (count - 1, count - 2, count - 3)]
    assert body["claims"][0]["date"] == (date(2024, 1, 1) + timedelta(days=count - 1)).isoformat()
    assert f"The newest 3 of {count} articles" in html_of(client, "/org/hafenbehoerde")
    graph = rdflib.Graph().parse(data=client.get("/org/hafenbehoerde.ttl").data, format="turtle")
    hafen = rdflib.URIRef(DEFAULT_BASE + "org/hafenbehoerde")
    assert len(set(graph.objects(hafen, NKG.said))) == orgs.GRAPH_LIMIT
    assert len(set(graph.objects(hafen, NKG.mentionedIn))) == orgs.GRAPH_LIMIT
    newest = rdflib.URIRef(DEFAULT_BASE + f"article/hafen-{count - 1:03d}")
    assert (hafen, NKG.mentionedIn, newest) in graph


# -- unnamed speaker ------------------------------------------------------------------------

def test_agent_html_shows_label_article_and_claims(org_client: FlaskClient) -> None:
    html = html_of(org_client, "/agent/2024-04-29-strompreise/sprecher-der-polizei")
    assert '<h1 lang="de">Sprecher der Polizei</h1>' in html
    assert '<span class="kind">Unnamed speaker</span>' in html
    assert '<a href="/article/2024-04-29-strompreise"><cite lang="de">Stadtwerke erhöhen Strompreise</cite></a>' in html
    assert '<mark class="speaker" title="the speaker (Sprecher der Polizei)">Ein Sprecher der Polizei</mark> sagte, ' \
           '<mark class="claim" title="the claim">in der Nacht sei es ruhig geblieben</mark>.' in html
    assert '<a href="/claim/2024-04-29-strompreise-312-347">claim page</a>' in html


def test_agent_json_equals_the_view(org_client: FlaskClient, org_store: KGStore) -> None:
    body = org_client.get("/agent/2024-04-29-strompreise/sprecher-der-polizei.json").json
    assert body == json.loads(json.dumps(asdict(orgs.agent_view(org_store, DEFAULT_BASE, POLIZEI))))
    assert body["article"]["id"] == "2024-04-29-strompreise"
    assert [c["text"] for c in body["claims"]] == ["in der Nacht sei es ruhig geblieben"]
    assert body["claims_total"] == 1


def test_agent_ntriples_parse_and_hold_claims(org_client: FlaskClient) -> None:
    response = org_client.get("/agent/2024-04-29-strompreise/sprecher-der-polizei.nt")
    graph = rdflib.Graph().parse(data=response.data, format="nt")
    agent = rdflib.URIRef(POLIZEI)
    assert (agent, rdflib.RDF.type, NKG.UnnamedAgent) in graph
    assert (agent, rdflib.RDFS.label, rdflib.Literal("Sprecher der Polizei")) in graph
    assert (agent, NKG.said, rdflib.URIRef(DEFAULT_BASE + "claim/2024-04-29-strompreise-312-347")) in graph


def test_agent_unknown_or_other_kind_is_404(org_client: FlaskClient) -> None:
    assert org_client.get("/agent/2024-04-29-strompreise/sprecher-der-feuerwehr.json").status_code == 404
    assert org_client.get("/agent/stadtwerke-neustadt.json").status_code == 404
    assert org_client.get("/person/stadtwerke-neustadt.json").status_code == 404


def test_agent_page_escapes_markup(org_client: FlaskClient) -> None:
    html = html_of(org_client, "/agent/2024-05-03-bau/sprecher-i-der-i-firma")
    assert "<i>" not in html and "<b>" not in html and "<script>" not in html
    assert '<h1 lang="de">Sprecher &lt;i&gt;der&lt;/i&gt; Firma</h1>' in html
    assert '<mark class="claim" title="the claim">Wir bauen &lt;i&gt;weiter&lt;/i&gt;</mark>' in html
