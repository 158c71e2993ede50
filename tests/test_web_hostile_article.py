"""An article full of markup, built through the real extractor: every page it leads to stays intact.

The browser test (tests/test_browser.py) shows no script runs; these tests need no browser and show
the HTML is well formed and escaped, and that JSON, Turtle and JSON-LD keep the words exactly.
The article is invented German news written for this test.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from flask.testing import FlaskClient

from kg.build import build
from kg.extract import Extractor
from kg.store import KGStore
from kg.web import create_app

ARTICLE_ID = "2025-04-01-koeln-streit"
TEXT = (
    "Köln (dpa) – Die Bürgerinitiative „<script>alert('xss')</script>“ hat am Dienstag die Firma "
    "Müller & Söhne scharf kritisiert.\n\n"
    "Stadträtin Jana O'Connor sagte am Dienstag: „Wir lassen uns von <img src=x onerror=alert(1)> & Co. "
    "nicht einschüchtern.“\n\n"
    'Der Geschäftsführer Paul <Meier> erklärte, man prüfe "alle Schritte" gegen die Initiative.\n\n'
    "Oberbürgermeister Karl Brenner sagte: „Das ist </textarea><b>kein</b> Grund zur Sorge & Ärger.“ "
    "Brenner telefonierte am Mittwoch mit Paul Meier.\n\n"
    "Mehrere Anwohner erklärten, die Lage sei <i>angespannt</i> & laut.\n"
)
QUOTE = "Wir lassen uns von <img src=x onerror=alert(1)> & Co. nicht einschüchtern"
RAW = ("<script>alert", "<img src=x", "</textarea><b>", "<Meier>", "<i>angespannt")  # must never reach a page unescaped
VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "col", "embed", "base", "track"}


class Structure(HTMLParser):
    """Records what a browser would build from a page: elements, their nesting, event attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.scripts: list[str | None] = []
        self.handlers: list[str] = []
        self.mismatched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs).get("type"))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.mismatched.append(f"</{tag}> closes <{self.open[-1] if self.open else '-'}>")
            return
        self.open.pop()


def literals(graph: rdflib.Graph) -> set[str]:
    return {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> FlaskClient:
    folder: Path = tmp_path_factory.mktemp("hostile-article")
    (folder / f"{ARTICLE_ID}.txt").write_text(TEXT, encoding="utf-8")
    store = KGStore()
    assert build([folder], store, extractor=extractor).articles == 1
    return create_app({"STORE": store, "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def pages(web: FlaskClient) -> list[str]:
    """The article page and every entity page it links to."""
    html = web.get(f"/article/{ARTICLE_ID}").get_data(as_text=True)
    linked = re.findall(r'href="(/(?:person|org|agent|event|claim|article)/[^"#]*)"', html)
    pages = {p for p in linked if not p.endswith((".json", ".ttl", ".jsonld", ".nt"))}
    return sorted(pages | {f"/article/{ARTICLE_ID}"})


def test_hostile_article_extraction_reaches_every_kind_of_page(pages: list[str]) -> None:
    kinds = {p.split("/")[1] for p in pages}
    assert {"article", "person", "claim", "event", "agent"} <= kinds, pages


def test_hostile_article_pages_are_well_formed_and_escaped(web: FlaskClient, pages: list[str]) -> None:
    for path in pages:
        response = web.get(path, headers={"Accept": "text/html"})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, path
        for raw in RAW:
            assert raw not in html, f"{path}: {raw!r} unescaped"
        page = Structure()
        page.feed(html)
        page.close()
        assert not page.mismatched and page.open == [], (path, page.mismatched, page.open)
        assert page.scripts == ["application/ld+json"], (path, page.scripts)  # only the embedded data
        assert not page.handlers, (path, page.handlers)
        assert "img" not in page.tags and "textarea" not in page.tags and "b" not in page.tags, path
        assert page.tags.count("main") == 1 and page.tags.count("h1") == 1, path


def test_hostile_article_page_shows_the_text_escaped_word_for_word(web: FlaskClient) -> None:
    html = web.get(f"/article/{ARTICLE_ID}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "Müller &amp; Söhne" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co." in html
    assert "&#34;alle Schritte&#34;" in html or "&quot;alle Schritte&quot;" in html
    assert "Jana O&#39;Connor" in html


def test_hostile_article_embedded_jsonld_keeps_the_words(web: FlaskClient, pages: list[str]) -> None:
    for path in pages:
        html = web.get(path).get_data(as_text=True)
        embedded = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in embedded, path  # nothing that could end the script element
        words = literals(rdflib.Graph().parse(data=embedded, format="json-ld"))
        if path.startswith("/claim/") and web.get(f"{path}.json").json["text"] == QUOTE:
            assert QUOTE in words, path
        if path.startswith("/article/"):
            assert QUOTE in words, path  # the article's page embeds its claims' words


def test_hostile_article_json_and_rdf_keep_the_words_exactly(web: FlaskClient) -> None:
    article = web.get(f"/article/{ARTICLE_ID}.json").json
    assert json.dumps(article, ensure_ascii=False).count(QUOTE) >= 1
    claim = next(p for p in re.findall(r'"(/claim/[^"#]+)"', web.get(f"/article/{ARTICLE_ID}").get_data(as_text=True))
                 if web.get(f"{p}.json").json["text"] == QUOTE)
    for suffix, parser in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
        graph = rdflib.Graph().parse(data=web.get(f"{claim}.{suffix}").get_data(as_text=True), format=parser)
        assert QUOTE in literals(graph), suffix
    graph = rdflib.Graph().parse(data=web.get(f"/article/{ARTICLE_ID}.ttl").get_data(as_text=True), format="turtle")
    assert TEXT in literals(graph)


def test_hostile_article_search_finds_names_with_quotes(web: FlaskClient) -> None:
    response = web.get("/search?q=Brenner", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'href="/person/karl-brenner"' in html
    hostile = web.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", headers={"Accept": "text/html"})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.get_data(as_text=True)
