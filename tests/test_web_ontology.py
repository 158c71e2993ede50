"""The ontology served at its namespace (/ns): every RDF form, by Accept and by suffix, is the graph
of ontology/newskg.ttl; the HTML has an entry for every term; what is not offered is refused."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.store import KGStore
from kg.vocab import NKG
from kg.web import create_app

TTL = Path(__file__).resolve().parent.parent / "ontology" / "newskg.ttl"
TERMS = [name for name in NKG.__annotations__ if not name.startswith("_")]
# media type -> (rdflib parser, suffix)
RDF_FORMS = {
    "text/turtle": ("turtle", "ttl"),
    "application/ld+json": ("json-ld", "jsonld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("xml", "rdf"),
}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOSTILE_TTL = """\
@prefix nkg: <https://w3id.org/newskg/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/newskg/ns> a owl:Ontology ;
    owl:versionIRI <https://w3id.org/newskg/ns/0.1.0> ;
    dcterms:title "Titel <script>alert(1)</script>"@en ;
    dcterms:license <javascript:alert(2)> ;
    rdfs:seeAlso <javascript:alert(3)> .
nkg:Person a owl:Class ;
    rdfs:subClassOf <javascript:alert(4)> ;
    rdfs:label "<b>Person</b> & Co"@en ;
    rdfs:comment "Ein \\"Mensch\\" <img src=x onerror=alert(5)>"@de .
"""


class Ids(HTMLParser):
    """Collects every id attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]


def page_ids(html: str) -> list[str]:
    parser = Ids()
    parser.feed(html)
    return parser.ids


@pytest.fixture(scope="module")
def source() -> Graph:
    return Graph().parse(TTL, format="turtle")


@pytest.fixture(scope="module")
def onto_app() -> Flask:
    # The ontology needs no data: an empty store keeps these tests fast.
    return create_app({"STORE": KGStore(), "TESTING": True})


@pytest.fixture
def web(onto_app: Flask) -> FlaskClient:
    return onto_app.test_client()


@pytest.fixture
def served_file(tmp_path: Path) -> tuple[Path, FlaskClient]:
    path = tmp_path / "onto.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    app = create_app({"STORE": KGStore(), "TESTING": True, "ONTOLOGY_PATH": path})
    return path, app.test_client()


@pytest.mark.parametrize("media_type", list(RDF_FORMS))
def test_web_ontology_serves_graph_by_accept(web: FlaskClient, source: Graph, media_type: str) -> None:
    response = web.get("/ns", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Vary"] == "Accept"
    assert response.headers["Content-Location"] == f"/ns.{RDF_FORMS[media_type][1]}"
    assert isomorphic(Graph().parse(data=response.data, format=RDF_FORMS[media_type][0]), source)


@pytest.mark.parametrize("media_type", list(RDF_FORMS))
def test_web_ontology_serves_graph_by_suffix(web: FlaskClient, source: Graph, media_type: str) -> None:
    parser, suffix = RDF_FORMS[media_type]
    response = web.get(f"/ns.{suffix}", headers={"Accept": "text/html"})  # the suffix wins over Accept
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Vary" not in response.headers
    assert isomorphic(Graph().parse(data=response.data, format=parser), source)


def test_web_ontology_turtle_is_the_file_with_its_comments(web: FlaskClient) -> None:
    # The comments say why each alignment holds; a reader of the Turtle should see them.
    assert web.get("/ns.ttl").data == TTL.read_bytes()


def test_web_ontology_prefers_rdf_the_client_ranks_higher(web: FlaskClient) -> None:
    response = web.get("/ns", headers={"Accept": "text/html;q=0.5, text/turtle"})
    assert response.mimetype == "text/turtle"
    assert web.get("/ns", headers={"Accept": "application/json"}).mimetype == "application/ld+json"


@pytest.mark.parametrize("accept", [None, BROWSER_ACCEPT, "*/*"])
def test_web_ontology_html_by_default_and_for_browsers(web: FlaskClient, accept: str | None) -> None:
    response = web.get("/ns", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert 'id="Person"' in response.get_data(as_text=True)


def test_web_ontology_html_has_an_entry_for_every_term(web: FlaskClient) -> None:
    html = web.get("/ns.html").get_data(as_text=True)
    ids = page_ids(html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert set(TERMS) <= set(ids)
    assert all(f'href="#{name}"' in html for name in TERMS), "the contents must link every term"


def test_web_ontology_html_shows_labels_comments_and_alignments(web: FlaskClient, source: Graph) -> None:
    html = web.get("/ns.html").get_data(as_text=True)
    entry = html[html.index('id="Person"'):html.index('id="PhoneCall"')]
    assert 'lang="de">Person</span>' in entry and 'lang="en">person</span>' in entry
    assert 'lang="de"' in entry and "Ein Mensch" in entry and "A human being" in entry
    assert 'href="#Agent"' in entry  # subclass of nkg:Agent, in the page
    assert 'href="https://schema.org/Person"' in entry and 'href="http://www.w3.org/ns/prov#Person"' in entry
    said = html[html.index('id="said"'):]
    assert "inverse of" in said[:3000] and "prov:wasAttributedTo" in said[:3000]
    header = html[:html.index('id="Agent"')]
    assert "0.1.0" in header and 'href="https://creativecommons.org/licenses/by/4.0/"' in header
    assert "ontology of statements and conversations" in header and 'lang="de"' in header


def test_web_ontology_html_links_machine_forms(web: FlaskClient) -> None:
    response = web.get("/ns.html")
    html = response.get_data(as_text=True)
    for media_type, (_, suffix) in RDF_FORMS.items():
        assert f'<link rel="alternate" type="{media_type}" href="/ns.{suffix}">' in html
    assert '</ns.ttl>; rel="alternate"; type="text/turtle"' in response.headers["Link"]


@pytest.mark.parametrize("accept", ["image/png", "application/sparql-results+json", "text/csv"])
def test_web_ontology_refuses_unacceptable_media_type(web: FlaskClient, accept: str) -> None:
    response = web.get("/ns", headers={"Accept": accept})
    assert response.status_code == 406
    assert "text/turtle" in response.get_json()["error"]["hint"]


def test_web_ontology_unknown_suffix_is_404(web: FlaskClient) -> None:
    assert web.get("/ns.owx").status_code == 404


def test_web_ontology_version_iri_answers_current_version(web: FlaskClient, source: Graph) -> None:
    response = web.get("/ns/0.1.0", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert isomorphic(Graph().parse(data=response.data, format="turtle"), source)
    assert web.get("/ns/0.1.0.nt").mimetype == "application/n-triples"
    assert web.get("/ns/0.0.1").status_code == 404


def test_web_ontology_head_has_no_body(web: FlaskClient) -> None:
    response = web.head("/ns", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.data == b""


def test_web_ontology_html_escapes_the_file(served_file: tuple[Path, FlaskClient]) -> None:
    _, client = served_file
    html = client.get("/ns.html").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>Person</b>" not in html and "&lt;b&gt;Person&lt;/b&gt; &amp; Co" in html
    assert "<img" not in html
    assert 'href="javascript:' not in html


def test_web_ontology_serves_the_edited_file_without_restart(served_file: tuple[Path, FlaskClient]) -> None:
    path, client = served_file
    assert "Titel" in client.get("/ns.html").get_data(as_text=True)
    path.write_text(HOSTILE_TTL.replace("Titel", "Neuer Titel"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "Neuer Titel" in client.get("/ns.html").get_data(as_text=True)


def test_web_ontology_broken_file_is_503(served_file: tuple[Path, FlaskClient]) -> None:
    path, client = served_file
    path.write_text("this is not turtle <", encoding="utf-8")
    response = client.get("/ns.ttl")
    assert response.status_code == 503
    assert str(path) not in response.get_data(as_text=True)
    path.unlink()
    assert client.get("/ns", headers={"Accept": "text/turtle"}).status_code == 503


def test_web_ontology_footer_links_namespace(web: FlaskClient) -> None:
    assert '<a href="/ns">/ns</a>' in web.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
