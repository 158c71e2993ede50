"""Every kind of entity IRI is dereferenceable: each format by Accept and by suffix, and they agree."""

from __future__ import annotations

import itertools
import json
import re

import pytest
import rdflib
from flask.testing import FlaskClient
from rdflib.compare import isomorphic

from kg.store import KGStore
from kg.web import create_app
from kg.web.resources import KINDS

# Class of the nodes each page kind shows; one example IRI of each is taken from the example store.
CLASSES = {"person": "nkg:Person", "org": "nkg:Organization", "agent": "nkg:UnnamedAgent", "event": "nkg:Event",
           "claim": "nkg:Claim", "article": "nkg:Article"}
# format name -> (suffix, Accept media type, rdflib parser or None for JSON/HTML)
FORMATS = {
    "html": (None, "text/html", None),
    "json": ("json", "application/json", None),
    "turtle": ("ttl", "text/turtle", "turtle"),
    "jsonld": ("jsonld", "application/ld+json", "json-ld"),
    "ntriples": ("nt", "application/n-triples", "nt"),
}


@pytest.fixture(scope="module")
def web(example_store: KGStore) -> FlaskClient:
    return create_app({"STORE": example_store, "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def samples(example_store: KGStore) -> dict[str, str]:
    """kind -> the local path of one entity of that kind in the example store."""
    out = {}
    for kind, cls in CLASSES.items():
        rows = example_store.select(f"SELECT ?x WHERE {{ ?x a {cls} }} ORDER BY ?x LIMIT 1")
        if rows:
            out[kind] = "/" + rows[0]["x"].value.split("/id/", 1)[1]
    return out


def test_conneg_every_kind_has_pages(web: FlaskClient, samples: dict[str, str]) -> None:
    assert set(samples) == set(CLASSES), "the example articles should hold every kind of entity"
    assert set(CLASSES) <= set(KINDS), f"kinds without pages: {sorted(set(CLASSES) - set(KINDS))}"


@pytest.mark.parametrize("kind", list(CLASSES))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_conneg_format_by_accept_and_by_suffix_agree(web: FlaskClient, samples: dict[str, str], kind: str,
                                                     fmt: str) -> None:
    path = samples[kind]
    suffix, media, parser = FORMATS[fmt]
    by_accept = web.get(path, headers={"Accept": media})
    assert by_accept.status_code == 200, (path, by_accept.get_data(as_text=True)[:300])
    assert by_accept.mimetype == media
    assert "Accept" in by_accept.headers.get("Vary", "")
    if suffix is None:
        html = by_accept.get_data(as_text=True)
        assert html.lstrip().lower().startswith("<!doctype html>")
        for ext in ("json", "ttl", "jsonld", "nt"):
            assert 'rel="alternate"' in html and f'href="{path}.{ext}"' in html
        embedded = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert len(rdflib.Graph().parse(data=embedded, format="json-ld")) > 0
        return
    by_suffix = web.get(f"{path}.{suffix}")
    assert by_suffix.status_code == 200 and by_suffix.mimetype == media
    if parser is None:
        assert json.loads(by_suffix.data) == json.loads(by_accept.data)
        return
    graphs = [rdflib.Graph().parse(data=r.get_data(as_text=True), format=parser) for r in (by_accept, by_suffix)]
    iri = rdflib.URIRef("https://w3id.org/newskg/id" + path)
    assert (iri, None, None) in graphs[0] or (None, None, iri) in graphs[0]
    assert isomorphic(graphs[0], graphs[1])


@pytest.mark.parametrize("kind", list(CLASSES))
def test_conneg_unknown_entity_is_404_and_unacceptable_is_406(web: FlaskClient, samples: dict[str, str],
                                                              kind: str) -> None:
    head = samples[kind].rsplit("/", 1)[0]
    assert web.get(f"{head}/no-such-thing-here", headers={"Accept": "text/html"}).status_code == 404
    missing = web.get(f"{head}/no-such-thing-here.json")
    assert missing.status_code == 404 and missing.json["error"]["status"] == 404
    assert web.get(samples[kind], headers={"Accept": "image/png"}).status_code == 406


def test_conneg_unknown_kind_is_404(web: FlaskClient) -> None:
    assert web.get("/widget/x").status_code == 404


def test_conneg_accept_with_parameters_still_matches(web: FlaskClient, samples: dict[str, str]) -> None:
    # regression: "text/turtle; charset=utf-8" fell through to 406
    response = web.get(samples["person"], headers={"Accept": "text/turtle; charset=utf-8, text/html;q=0.5"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"


@pytest.mark.parametrize("kind", [*CLASSES, "home", "search", "sparql"])
def test_conneg_html_pages_have_landmarks_and_an_unbroken_heading_outline(web: FlaskClient, samples: dict[str, str],
                                                                          kind: str) -> None:
    """Semantic HTML on every page: one main and one h1, headings that never skip a level, German text marked."""
    path = {"home": "/", "search": "/search?q=Hartmann", "sparql": "/sparql?example=who-called-whom"}.get(kind)
    html = web.get(path or samples[kind], headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<html lang="en">' in html and html.count("<main") == 1 and "<nav" in html and "<footer" in html
    levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), f"{kind}: heading levels {levels}"
    if kind in CLASSES:
        assert 'lang="de"' in html  # names, titles and article text are German
