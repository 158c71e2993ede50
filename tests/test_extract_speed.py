"""The shortcuts that make extraction fast answer exactly what the slow way answers.

Caches of spaCy values (``kg.extract.docindex``), the one-array sentence starts, the quick
pre-tests of the date and boilerplate rules, and the cached quotation scan are each checked
against the plain computation they replace. Invented German news text.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from spacy.language import Language

from kg.extract import dates
from kg.extract.docindex import doc_lowers, doc_text, doc_texts, index_sentences
from kg.extract.pipeline import kg_sentences, sentence_starts
from kg.extract.quotes import find_quotes
from kg.sources.boilerplate import _is_crumb, _mostly_non_latin, is_timestamp

TEXT = (
    "Gipfel in Rom\n\n"
    "Rom (dpa) – „Wir bleiben hier.“ Dann verließ Außenministerin Anna Weber den Saal. "
    "„Das ist falsch“, sagte Kreml-Sprecher Dmitri Gromow am Dienstag, „und gefährlich.“\n"
    "Die Ministerin telefonierte gestern mit Gromow;   er habe zugesagt, dass man sich am 7. Dezember treffe.\n"
    "»Keine Frage«, so Weber. Foto: Hans Müller"
)


def test_speed_doc_caches_equal_spacy_values(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    assert doc_texts(doc) == [t.text for t in doc]
    assert doc_lowers(doc) == [t.lower_ for t in doc]


def test_speed_sentence_index_answers_like_spacy(nlp: Language) -> None:
    plain = nlp.make_doc(TEXT)
    kg_sentences(plain)  # sentence starts only: no index installed yet
    expected_tokens = [(t.sent.start, t.sent.end) for t in plain]
    expected_spans = [(plain[a:b].sent.start, plain[a:b].sent.end)
                      for a in range(len(plain)) for b in (a, a + 1, a + 7) if b <= len(plain)]
    expected_sents = [(s.start, s.end) for s in plain.sents]
    index_sentences(plain)
    assert "sent" in plain.user_token_hooks
    assert [(t.sent.start, t.sent.end) for t in plain] == expected_tokens
    assert [(plain[a:b].sent.start, plain[a:b].sent.end)
            for a in range(len(plain)) for b in (a, a + 1, a + 7) if b <= len(plain)] == expected_spans
    assert [(s.start, s.end) for s in plain.sents] == expected_sents


def test_speed_sentence_index_of_a_doc_made_from_a_span(nlp: Language) -> None:
    doc = kg_sentences(nlp.make_doc(TEXT))
    plain = doc[5:40].as_doc()
    expected = [(t.sent.start, t.sent.end) for t in plain], [(s.start, s.end) for s in plain.sents]
    index_sentences(doc)
    inherited = doc[5:40].as_doc()  # spaCy copies the hooks into it
    assert "sent" in inherited.user_token_hooks
    assert ([(t.sent.start, t.sent.end) for t in inherited], [(s.start, s.end) for s in inherited.sents]) == expected


def test_speed_sentence_starts_match_setting_each_token(nlp: Language) -> None:
    fast = kg_sentences(nlp.make_doc(TEXT))
    slow = nlp.make_doc(TEXT)
    for tok, start in zip(slow, sentence_starts(slow), strict=True):
        tok.is_sent_start = start == 1  # the per-token way the array call replaces
    assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow]
    assert kg_sentences(nlp.make_doc("")).text == ""


def _find_quotes_char_by_char(text: str) -> list[tuple[int, int]]:
    """The quotation scan as it read before: one character at a time."""
    from kg.extract.quotes import MAX_QUOTE, PAIRS, _may_open_straight

    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in PAIRS or (ch == '"' and not _may_open_straight(text, i)) or (
                ch == "‚" and not (i + 1 < n and text[i + 1].isalpha())):
            i += 1
            continue
        closers, j, limit = PAIRS[ch], i + 1, min(n, i + MAX_QUOTE)
        while j < limit:
            c = text[j]
            if c in closers and not (ch == "‚" and j + 1 < n and text[j + 1].isalpha()):
                break
            if c == "\n" and (j + 1 >= n or text[j + 1] in "\n\r" or text[j + 1] in PAIRS):
                break
            j += 1
        if j < limit and text[j] in closers and j > i + 1:
            out.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return out


@pytest.mark.parametrize("text", [
    TEXT,
    "Er sagte: \"Ja\" und ‚geht’s‘ noch? »Nein« «oui» ›x‹ „offen\n\n„zu“",
    "„" + "lang " * 700 + "“ „kurz“",
    "\"a\"b\" „“ „x\n„y“ ‚a‘",
])
def test_speed_find_quotes_matches_the_character_scan(text: str) -> None:
    assert [(q.begin, q.end) for q in find_quotes(text)] == _find_quotes_char_by_char(text)


def test_speed_date_cue_words_need_no_regex_outside_odd_characters() -> None:
    # Every character that re.IGNORECASE takes for a letter of a cue word, but str.lower() does not lower
    # to it, must be in CASE_ODD, or the word test would miss a date the regex finds.
    letters = {c: re.compile(re.escape(c), re.IGNORECASE) for word in dates.CUE_WORDS for c in word}
    chars = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    missed = [x for c, pattern in letters.items() for x in chars
              if pattern.fullmatch(x) and x.lower() != c and not dates.CASE_ODD.match(x)]
    assert missed == []


@pytest.mark.parametrize("sentence", [
    "Am Dienstag telefonierten die beiden.",
    "AM DIENSTAG TELEFONIERTEN SIE.",
    "Am Dİenstag telefonierten sie.",  # dotted capital I: lowers to two characters
    "Er kam im auguſt.",  # long s: "ſ" is "s" to the regex
])
def test_speed_date_cues_keep_every_date(sentence: str) -> None:
    region = sentence
    lower = None if dates.CASE_ODD.search(region) else region.lower()
    for pattern, _finder, cue in dates._FINDERS:
        if pattern.search(region):
            assert cue.found(region, lower), pattern.pattern


@pytest.mark.parametrize("line, foreign", [
    ("Die Ministerin sagte „Nein“ – und ging. 5 €", False),
    ("Москва заявила о переговорах", True),
    ("Kurz gesagt: Путин", False),
    ("Kurz: Путин", True),
    ("ªµº", True),  # letters whose names do not start with LATIN
])
def test_speed_non_latin_test_counts_only_foreign_letters(line: str, foreign: bool) -> None:
    assert _mostly_non_latin(line) is foreign


@pytest.mark.parametrize("line, expected", [
    ("Stand: 12.03.2024, 14:05 Uhr", True),
    ("vor einer Stunde", True),
    ("Die Ministerin sprach vor einer Stunde im Parlament", False),
    ("Montag", False),
])
def test_speed_timestamp_lines_without_digits(line: str, expected: bool) -> None:
    assert is_timestamp(line) is expected


def test_speed_crumbs_need_a_separator() -> None:
    assert _is_crumb("Startseite > Politik > Ausland")
    assert not _is_crumb("Startseite Politik Ausland")


def test_speed_empty_text_has_no_sentences(nlp: Language) -> None:
    # Regression (hypothesis): the sentence index of an empty Doc raised ValueError from zip(strict=True).
    doc = nlp("")
    assert list(doc.sents) == []


def test_speed_first_article_freezes_the_loaded_tables() -> None:
    # A fresh process: the session's extractor has long frozen the test run's objects.
    code = (
        "import gc\n"
        "from datetime import date\n"
        "from kg.extract import Extractor\n"
        "from kg.model import SourceArticle\n"
        "before = gc.get_freeze_count()\n"
        "Extractor().extract(SourceArticle(id='a', text='Weber sagte, die Lage sei ernst.', origin='t',"
        " published=date(2024, 3, 14)))\n"
        "print(before, gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 50_000  # the pipeline and word tables, out of the collector's way
