"""kg.rdf writes N-Quads text itself: every literal must come back exactly as the article had it."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest

from kg.extract import Extractor
from kg.model import SourceArticle
from kg.rdf import article_nquads, article_quads
from kg.resolve.iris import Minter
from kg.vocab import NIF, NKG

ODD = [
    'Er sagte: „Das ist \\ kein "Zufall".“',
    "Zeile eins\r\nZeile zwei\rZeile drei\n\tEingerückt",
    "Steuer\x01zeichen und \x7f und \u2028 Trenner",
    "Emoji 🗳️ und CJK 選挙 und Rechts-nach-links עברית",
]


@pytest.mark.parametrize("text", ODD)
def test_rdf_literal_round_trips_exactly(extractor: Extractor, text: str) -> None:
    article = SourceArticle(id="odd", text=f"Außenministerin Anna Weber sagte: „{text}“", origin="t",
                            published=date(2024, 3, 14))
    graph, quads = article_quads(extractor.extract(article), Minter())
    strings = [q.object for q in quads if q.predicate == ox.NamedNode(str(NIF.isString))]
    assert strings == [ox.Literal(article.text)]
    assert all(q.graph_name == graph for q in quads)


def test_rdf_article_id_with_reserved_characters_is_one_iri(extractor: Extractor) -> None:
    article = SourceArticle(id='a b/"c"<d>#e', text="Anna Weber sagte, die Lage sei ernst.", origin="t")
    graph, body = article_nquads(extractor.extract(article), Minter())
    quads = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))  # strict: every IRI must be valid
    assert graph.value == "https://w3id.org/newskg/id/article/a%20b%2F%22c%22%3Cd%3E%23e"
    assert any(q.predicate == ox.NamedNode(str(NKG.said)) for q in quads)
