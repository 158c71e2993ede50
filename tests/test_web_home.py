"""The home page (counts, most quoted, recent events, latest articles) and the layout every page shares.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from flask.testing import FlaskClient

from kg.build import store_extractions
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.store import KGStore
from kg.web import create_app
from kg.web.home import ARTICLES_LIMIT, EVENTS_LIMIT, QUOTED_LIMIT, build_home_view, home_view

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
GIVEN = ["Anna", "Bernd", "Carla", "Dirk", "Elke", "Frank", "Gesa", "Horst", "Ilka", "Jan", "Karin", "Lars",
         "Maren", "Nils", "Olga", "Paul", "Rita", "Sven"]
SURNAMES = ["Abel", "Brandt", "Conrad", "Dietz", "Ebert", "Fuchs", "Gerber", "Hahn", "Iser", "Jahn", "Kolb",
            "Lenz", "Mohr", "Nagel", "Ott", "Pohl", "Roth", "Sauer"]


def _span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def _round(i: int) -> Extraction:
    """Article i: person i phoned person i+1 on 2024-05-(i+1) and said (i % 3) + 1 things."""
    speaker, partner = f"{GIVEN[i]} {SURNAMES[i]}", f"{GIVEN[(i + 1) % 18]} {SURNAMES[(i + 1) % 18]}"
    quotes = [f"Wir prüfen den Vorschlag Nummer {k + 1}" for k in range(i % 3 + 1)]
    text = (f"Berlin – {speaker} hat am Montag mit {partner} telefoniert. "
            + " ".join(f"„{q}“, sagte {SURNAMES[i]}." for q in quotes))
    people = [Entity(speaker, aliases={SURNAMES[i]}, mentions=[Mention(*_astuple(_span(text, speaker)))]),
              Entity(partner, mentions=[Mention(*_astuple(_span(text, partner)))])]
    day = date(2024, 5, i + 1)
    return Extraction(
        article=SourceArticle(id=f"{day.isoformat()}-runde", text=text, origin=f"runde-{i}.txt", published=day,
                              title=f"{SURNAMES[i]} telefoniert mit {partner}", source="Testpresse", language="de"),
        published=day, published_from="metadata",
        entities={p.key: p for p in people},
        claims=[Claim(_span(text, q), direct=True, speaker=speaker, cue="sagen") for q in quotes],
        events=[Event("call", "phone", [speaker, partner], _span(text, "telefoniert"), date=day.isoformat())],
    )


def _astuple(s: Span) -> tuple[int, int, str]:
    return s.begin, s.end, s.text


@pytest.fixture
def busy_client() -> FlaskClient:
    store = KGStore()
    store_extractions(store, [_round(i) for i in range(18)])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def test_home_html_shows_counts_dates_and_search_box(client: FlaskClient) -> None:
    response = client.get("/", headers=HTML)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Vary"] == "Accept"
    for name, count in [("articles", 4), ("persons", 4), ("organizations", 1), ("claims", 5), ("events", 2)]:
        assert f"<dt>{name}</dt><dd>{count}</dd>" in html
    assert 'Latest article: <time datetime="2024-03-15">' in html
    assert 'latest call or meeting: <time datetime="2024-04">' in html
    assert '<input id="home-q" type="search" name="q"' in html


def test_home_html_links_persons_events_and_articles(client: FlaskClient) -> None:
    html = client.get("/", headers=HTML).get_data(as_text=True)
    assert '<a href="/person/annette-kroll">Annette Kroll</a>' in html
    assert ('<a href="/event/2024-03-12-call-claire-fontaine-jonas-albrecht" lang="de">'
            "Telefonat: Claire Fontaine – Jonas Albrecht (2024-03-12)</a>") in html
    assert '<a href="/article/2024-03-14-paris"><cite lang="de">Fontaine lobt Gespräch mit Albrecht</cite>' in html
    assert "phone call, happened" in html and "meeting, planned" in html


def test_home_json_has_the_same_data(client: FlaskClient) -> None:
    body = client.get("/", headers=JSON).json
    assert body["stats"] == {"articles": 4, "persons": 4, "organizations": 1, "claims": 5, "events": 2}
    assert (body["latest_article"], body["latest_event"]) == ("2024-03-15", "2024-04")
    assert body["persons"][0] == {"person": {"iri": "https://w3id.org/newskg/id/person/annette-kroll",
                                             "label": "Annette Kroll"}, "claims": 2}
    assert [e["date"] for e in body["events"]] == ["2024-04", "2024-03-12"]
    assert {p["label"] for p in body["events"][1]["participants"]} == {"Claire Fontaine", "Jonas Albrecht"}
    assert [a["id"] for a in body["articles"]][:2] == ["2024-03-15-blog", "2024-03-14-paris"]


def test_home_lists_are_bounded_and_newest_first(busy_client: FlaskClient) -> None:
    body = busy_client.get("/", headers=JSON).json
    assert body["stats"]["articles"] == 18 and body["stats"]["events"] == 18
    assert [e["date"] for e in body["events"]] == [f"2024-05-{d:02d}" for d in range(18, 18 - EVENTS_LIMIT, -1)]
    assert [a["issued"] for a in body["articles"]] == [f"2024-05-{d:02d}" for d in range(18, 18 - ARTICLES_LIMIT, -1)]
    assert body["latest_article"] == body["latest_event"] == "2024-05-18"


def test_home_ranks_the_most_quoted(busy_client: FlaskClient) -> None:
    persons = busy_client.get("/", headers=JSON).json["persons"]
    assert len(persons) == QUOTED_LIMIT
    counts = [p["claims"] for p in persons]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    top = [p["person"]["label"] for p in persons if p["claims"] == 3]
    assert top == sorted(top) and "Carla Conrad" in top  # ties by name


def test_home_escapes_article_titles(client: FlaskClient) -> None:
    html = client.get("/", headers=HTML).get_data(as_text=True)
    assert "<i>Kritik</i>" not in html
    assert "Blog &amp; &lt;i&gt;Kritik&lt;/i&gt;" in html


def test_home_empty_store_says_how_to_build() -> None:
    client = create_app({"STORE": KGStore(), "TESTING": True}).test_client()
    html = client.get("/", headers=HTML).get_data(as_text=True)
    assert "The graph is empty" in html and "kg build" in html
    assert client.get("/", headers=JSON).json["latest_article"] is None


def test_home_unacceptable_accept_is_406(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json["error"]["status"] == 406


def test_home_view_is_built_once_per_store(store: KGStore) -> None:
    first = home_view(store)
    assert home_view(store) is first
    assert home_view(KGStore()) is not first


def test_home_counts_match_store_stats_on_example_store(example_store: KGStore) -> None:
    view = build_home_view(example_store)
    stats = example_store.stats()
    assert view.stats == {k: stats[k] for k in view.stats}
    assert view.persons and view.events and view.articles
    client = create_app({"STORE": example_store, "TESTING": True}).test_client()
    assert client.get("/", headers=HTML).status_code == 200


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/person/annette-kroll", 200), ("/search?q=Kroll", 200), ("/sparql", 200), ("/no/such/page", 404),
])
def test_layout_every_page_has_skip_link_nav_search_and_landmarks(client: FlaskClient, path: str, status: int) -> None:
    response = client.get(path, headers=HTML)
    html = response.get_data(as_text=True)
    assert response.status_code == status and response.mimetype == "text/html"
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<footer" in html and '<nav class="site-nav" aria-label="Site">' in html
    assert '<form class="site-search" role="search" method="get" action="/search">' in html
    assert '<label class="visually-hidden" for="site-q">' in html
    assert 'href="/sparql"' in html and 'href="/"' in html


def test_layout_css_has_focus_styles_and_nothing_remote(client: FlaskClient) -> None:
    css = client.get("/static/style.css").get_data(as_text=True)
    assert ":focus-visible" in css and ".skip-link:focus" in css
    assert "http" not in css and "@import" not in css and "@font-face" not in css
