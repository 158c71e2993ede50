"""The second round of extraction shortcuts answers exactly what the plain computation answers.

Each shortcut (token arrays instead of Tokens, sentence starts found at the few tokens that can end
a sentence, the literal escaping, the shared sentence Spans) is checked against the plain way it
replaces, and an extracted article's Doc must be freed as soon as extraction drops it. Invented
German news text.
"""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import Extractor, docindex
from kg.extract.docindex import doc_lowers, doc_offsets, doc_spaces, doc_texts
from kg.extract.pipeline import sentence_starts
from kg.extract.verbs import first_speech_verb, speech_lemma
from kg.model import SourceArticle
from kg.rdf import _lit

TEXTS = [
    "Gipfel in Rom\n\n"
    "Rom (dpa) – „Wir bleiben hier.“ Dann verließ Außenministerin Anna Weber den Saal. "
    "„Das ist falsch“, sagte Kreml-Sprecher Dmitri Gromow am Dienstag, „und gefährlich.“\n"
    "Die Ministerin telefonierte gestern mit Gromow;   er habe zugesagt, dass man sich am 7. Dezember treffe.\n"
    "»Keine Frage«, so Weber. Foto: Hans Müller",
    "  \n\nEr sagte: „Gut.“, dann ging er.  \n(Ende.) »Nein!« sie lachte. … und weiter?\n",
    "Was nun?! „Ja.“ „Nein.“ ‚Vielleicht.‘ Zeile ohne Punkt\nNächste Zeile",
    ".",
    "\n",
]
_SENT_END = {".", "!", "?", "…"}
_CLOSERS = {"“", "”", "\"", "«", "»", "‘", "’", "'", "‹", "›", ")"}


def _sentence_starts_token_by_token(doc: Doc) -> list[int]:
    """The sentence rule as it read before: every token visited in turn."""
    texts = [t.text for t in doc]
    out: list[int] = []
    start = True
    for i, tok in enumerate(doc):
        if tok.is_space:
            out.append(1 if i == 0 else -1)
            start = start or "\n" in tok.text
            continue
        out.append(1 if start or i == 0 else -1)
        start = False
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if tok.text in _SENT_END or (tok.text in _CLOSERS and i > 0 and texts[i - 1] in _SENT_END):
            start = nxt not in _CLOSERS and nxt not in {",", ";", ":"} and not nxt[:1].islower()
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_speed_sentence_starts_equal_the_token_by_token_rule(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    assert sentence_starts(doc) == _sentence_starts_token_by_token(doc)


@pytest.mark.parametrize("text", TEXTS)
def test_speed_token_arrays_equal_token_attributes(nlp: Language, text: str) -> None:
    docindex._STRINGS.clear()  # the first Doc reads every word from the vocabulary, the next from the table
    for doc in (nlp(text), nlp(text)):
        assert doc_texts(doc) == [t.text for t in doc]
        assert doc_lowers(doc) == [t.lower_ for t in doc]
        assert doc_spaces(doc) == [int(t.is_space) for t in doc]
        assert doc_offsets(doc) == [t.idx for t in doc]


def test_speed_shared_sentence_spans_equal_new_ones(nlp: Language) -> None:
    doc = nlp(TEXTS[0])
    fresh = [(s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sents]
    assert [(t.sent.start, t.sent.end) for t in doc] == [
        next((a, b) for a, b, *_ in fresh if a <= t.i < b) for t in doc]
    again = list(doc.sents)
    again.clear()  # a caller's list is its own: the kept Spans stay
    assert [(s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sents] == fresh


@pytest.mark.parametrize("text", TEXTS[:3])
def test_speed_first_speech_verb_equals_scanning_every_token(nlp: Language, text: str) -> None:
    doc = nlp(text)
    in_quote = [i % 3 == 0 for i in range(len(doc))]
    for sent in doc.sents:
        for quoted in (in_quote, [False] * len(doc)):
            expected = next((t for t in sent if speech_lemma(t) and not quoted[t.i]), None)
            found = first_speech_verb(doc, sent.start, sent.end, quoted)
            assert (found.i if found is not None else None) == (expected.i if expected is not None else None)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@pytest.mark.parametrize("text", [
    "", "Anna Weber", 'Er sagte: „Das ist \\ kein "Zufall".“', "a\\nb", '\\"', "Zeile\r\nZeile\rZeile\n",
    "\\\\\"\"\n\n\r\r", "Emoji 🗳️ und \u2028 Trenner",
])
def test_speed_literal_escaping_equals_the_translation_table(text: str) -> None:
    assert _lit(text) == f'"{text.translate(_ESCAPES)}"'


class _RecordingPipeline:
    """The extractor's pipeline, keeping a weak reference to each Doc it makes."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.docs: list[weakref.ref[Doc]] = []

    def __call__(self, text: str, **kwargs: object) -> Doc:
        doc = self.nlp(text, **kwargs)
        self.docs.append(weakref.ref(doc))
        return doc


def test_speed_extraction_frees_its_doc_without_the_cyclic_collector(nlp: Language) -> None:
    extractor = Extractor()
    recording = _RecordingPipeline(nlp)
    extractor._nlp = recording  # type: ignore[assignment]
    article = SourceArticle(id="a1", text=TEXTS[0], origin="t", published=date(2024, 3, 14))
    extractor.extract(article)  # the first article also freezes the loaded tables
    gc.disable()
    try:
        extraction = extractor.extract(article)
        assert extraction.claims
        # A reference cycle through the Doc would keep it (and every Token the rules cached) until a
        # collection: the frames, the sentence Spans and the rules must hold it only while they run.
        assert recording.docs[-1]() is None
    finally:
        gc.enable()
