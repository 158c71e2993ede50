"""The benchmark corpus generator (bench/corpus.py): reproducible, and food for the real extractor."""

from __future__ import annotations

import importlib
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.build import build
from kg.extract import Extractor
from kg.store import KGStore

ROOT = Path(__file__).resolve().parent.parent
# bench/ is a folder of scripts, not an installed package: make it importable from the project root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
corpus = importlib.import_module("bench.corpus")
words = importlib.import_module("bench.corpus_words")

QUOTE = re.compile(r"[„“\"»«‚][^„“”\"»«‚‘\n]{8,}[“”\"«»‘]")


def test_corpus_generate_is_reproducible_for_the_same_seed() -> None:
    assert list(corpus.generate(40, 7)) == list(corpus.generate(40, 7))


def test_corpus_generate_differs_for_another_seed() -> None:
    first = [text for _, text, _ in corpus.generate(20, 1)]
    second = [text for _, text, _ in corpus.generate(20, 2)]
    assert first != second


def test_corpus_write_gives_byte_identical_files(tmp_path: Path) -> None:
    corpus.main(["--count", "12", "--seed", "5", "--out", str(tmp_path / "a")])
    corpus.main(["--count", "12", "--seed", "5", "--out", str(tmp_path / "b")])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 24
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_corpus_articles_have_a_published_date_a_title_and_a_quote() -> None:
    for article_id, text, meta in corpus.generate(200, 3):
        assert date.fromisoformat(meta["published"]), article_id
        assert text.startswith(meta["title"] + "\n\n") and meta["source"]
        assert QUOTE.search(text), f"{article_id} has no direct quote:\n{text}"
        assert 3 <= len(re.findall(r"[.?!][“”\"«»‘]?(?:\s|$)", text.split("\n\n", 1)[1])) <= 16, text


def test_corpus_spells_slavic_names_more_than_one_way() -> None:
    text = "\n".join(t for _, t, _ in corpus.generate(400, 1))
    both = [s for _, s, _ in words.SLAVIC if all(re.search(rf"\b{v}\b", text) for v in s[:2])]
    assert both, "no Slavic surname appears in its German and its English spelling"


def test_corpus_mentions_people_by_surname_alone_after_the_full_name() -> None:
    surname_only = 0
    for _, text, _ in corpus.generate(50, 4):
        body = text.split("\n\n", 1)[1]
        match = re.search(r"\b([A-ZÄÖÜ][a-zäöüß]+) ([A-ZÄÖÜ][a-zäöüß]+) (?:hat|und|telefonierte|wird)", body)
        if match and re.search(rf"[.“”\"«»‘] {match.group(2)} \w+", body[match.end():]):
            surname_only += 1
    assert surname_only >= 5


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> KGStore:
    folder = tmp_path_factory.mktemp("bench-corpus")
    corpus.write(20, 1, folder)
    store = KGStore()
    summary = build([folder], store, extractor=extractor)
    assert summary.articles == 20 and not summary.failed, summary.lines()
    return store


def test_corpus_build_yields_persons_and_claims(generated_store: KGStore) -> None:
    stats = generated_store.stats()
    assert stats["articles"] == 20
    assert stats["persons"] >= 10
    assert stats["claims"] >= 40


def test_corpus_build_yields_a_call_with_two_named_participants(generated_store: KGStore) -> None:
    rows = generated_store.select("""SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?e a nkg:Call ; nkg:participant ?p . ?p a nkg:Person } GROUP BY ?e""")
    assert any(int(r["n"].value) >= 2 for r in rows)
