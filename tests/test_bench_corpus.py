"""The benchmark corpus generator (bench/corpus.py): reproducible, and food for the real extractor."""

from __future__ import annotations

import hashlib
import os
import random
import re
import statistics
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench import cast, corpus
from bench import corpus_words as words
from kg.build import build
from kg.extract import Extractor
from kg.resolve.names import fold
from kg.store import KGStore

ROOT = Path(__file__).resolve().parent.parent

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


def test_corpus_generate_is_byte_identical_in_another_process() -> None:
    # Another hash seed: nothing may depend on set or dict order of strings.
    script = ("import hashlib, sys; sys.path.insert(0, sys.argv[1]); from bench.corpus import generate; "
              "print(hashlib.sha256(''.join(t + repr(m) for _, t, m in generate(300, 3)).encode()).hexdigest())")
    here = hashlib.sha256("".join(t + repr(m) for _, t, m in corpus.generate(300, 3)).encode()).hexdigest()
    for hash_seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert done.stdout.strip() == here


def story_counts(count: int, seed: int = 1) -> tuple[list, Counter]:
    """The cast of a corpus of ``count`` articles and how many stories each person is in."""
    people = cast.Cast(count, seed)
    stories = cast.stories(random.Random(seed), people, count)
    return people.people, Counter(p for s in stories for p in s.people)


def test_cast_distinct_persons_grow_with_the_corpus() -> None:
    small, in_small = story_counts(1000)
    large, in_large = story_counts(10_000)
    assert len(large) >= 6 * len(small)
    assert len(in_large) >= 6 * len(in_small)
    assert len(in_small) >= 100


def test_cast_of_a_smaller_corpus_is_the_start_of_a_larger_ones() -> None:
    small, large = cast.Cast(500, 4).people, cast.Cast(5000, 4).people
    assert large[:len(small)] == small


def test_cast_keeps_a_head_while_the_others_stay_bounded() -> None:
    small, in_small = story_counts(1000)
    _, in_large = story_counts(10_000)
    head = small[0]
    assert in_large[head] >= 5 * in_small[head]  # the most prominent person is in the news whatever its size
    tail = [p for p in small[cast.HEAD:] if in_small[p]]
    assert 0.5 <= statistics.median(in_large[p] for p in tail) / statistics.median(in_small[p] for p in tail) <= 2
    assert statistics.median(in_large.values()) <= 2 * statistics.median(in_small.values())


def test_cast_persons_stay_distinct_after_name_folding() -> None:
    keys: dict[tuple[str, str], object] = {}
    for p in cast.Cast(100_000, 1).people:
        for key in {(fold(g), fold(s)) for g in p.given for s in p.surname}:
            assert keys.setdefault(key, p) is p, f"{p} folds together with {keys[key]}"


def test_cast_keeps_the_two_muellers_and_the_slavic_persons() -> None:
    people = cast.Cast(100, 2).people
    names = {(p.given[0], p.surname[0]) for p in people}
    assert {("Hans", "Müller"), ("Anna", "Müller")} <= names
    assert {(g[0], s[0]) for g, s, _ in words.SLAVIC} <= names
    assert all(len({fold(v) for v in p.surname}) == 1 for p in people if p.surname[0] != "Belizki")


def test_cast_stories_name_no_surname_twice() -> None:
    stories = cast.stories(random.Random(3), cast.Cast(3000, 3), 3000)
    assert all(len({p.surname[0] for p in s.people}) == len(s.people) for s in stories)


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
