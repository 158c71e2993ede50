"""Speech verbs in running text: which token is a form of which speech verb, and its mood.

Word lists live in ``lexicon``; this module reads them against the tokens of
a sentence (separable particles, companion words, attributive participles).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import lexicon as lx
from kg.extract.docindex import doc_lowers, doc_text

_MAKE_FORMS = frozenset({"macht", "machte", "machten", "gemacht", "mache", "machen"})
_MAKE_COMPLEMENTS = {"deutlich": "deutlich machen", "klar": "klar machen", "aufmerksam": "aufmerksam machen"}
ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
                      "diese", "dieser", "diesen", "diesem", "dieses"})


# Every lowercase word that may be a speech verb, as one set: the word tables are complete once
# imported, and the rules ask this of nearly every token.
SPEECH_WORDS = frozenset(lx.SPEECH_LEMMAS) | frozenset(lx.SPEECH_FORMS) | _MAKE_FORMS


def is_speech_word(low: str) -> bool:
    """Whether a lowercase word may be a speech verb at all; ``speech_lemma`` is None for every other word."""
    return low in SPEECH_WORDS


def speech_lemma(tok: Token) -> str | None:
    """The speech verb a token is a form of; memoised per Doc, since every frame finder asks."""
    if tok.lower_ not in SPEECH_WORDS:
        return None  # most words are no speech verb: answered without the memo
    memo: dict[int, str | None] = tok.doc.user_data.setdefault("kg_speech_lemma", {})
    if tok.i not in memo:
        memo[tok.i] = _speech_lemma(tok)
    return memo[tok.i]


def first_speech_verb(doc: Doc, start: int, end: int, in_quote: list[bool]) -> Token | None:
    """``next((t for t in doc[start:end] if speech_lemma(t) and not in_quote[t.i]), None)``, building a
    Token only for a word that may be a speech verb: the rules ask it of whole sentences."""
    return next(_speech_verbs(doc, range(start, end), in_quote), None)


def last_speech_verb(doc: Doc, start: int, end: int, in_quote: list[bool]) -> Token | None:
    """Like ``first_speech_verb``, but the one nearest ``end``."""
    return next(_speech_verbs(doc, range(end - 1, start - 1, -1), in_quote), None)


def _speech_verbs(doc: Doc, indices: range, in_quote: list[bool]) -> Iterator[Token]:
    lowers = doc_lowers(doc)
    for i in indices:
        if lowers[i] in SPEECH_WORDS and not in_quote[i]:
            tok = doc[i]
            if speech_lemma(tok):
                yield tok


def _speech_lemma(tok: Token) -> str | None:
    """The speech verb a token is a form of (``teilte`` -> ``mitteilen``), if any.

    A separable verb's finite form counts only when its particle follows in
    the sentence (``teilte … mit``), so ``gab`` alone is not ``bekanntgeben``.
    """
    sent = tok.sent
    if tok.text[:1].isupper() and tok.i != sent.start or _attributive(tok):
        return None
    low = tok.lower_
    lowers = doc_lowers(tok.doc)
    if low in _MAKE_FORMS:
        near = set(lowers[max(sent.start, tok.i - 4):min(sent.end, tok.i + 5)])
        return next((lemma for word, lemma in _MAKE_COMPLEMENTS.items() if word in near), None)
    rest = set(lowers[tok.i + 1:min(sent.end, tok.i + 30)])
    candidates = lx.SPEECH_LEMMAS.get(low, [lx.SPEECH_FORMS[low]] if low in lx.SPEECH_FORMS else [])
    window = set(lowers[max(sent.start, tok.i - 6):min(sent.end, tok.i + 30)])
    # The most specific reading first: "gab … zu bedenken" before "gab … zu".
    for lemma in sorted(candidates, key=lambda lem: -len(lx.SEPARABLE.get(lem, ""))):
        particle = lx.SEPARABLE.get(lemma)
        if particle and not (low.startswith(particle.split()[0]) or particle.split()[-1] in rest):
            continue
        if not lx.requires_ok(lemma, window):
            continue
        return lemma
    return None


def _attributive(tok: Token) -> bool:
    """``die oben erwähnten Maßnahmen``, ``der angekündigte Besuch``: a participle used as an adjective."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or not nxt.is_alpha or not tok.lower_.endswith(("te", "ten", "tes", "ter", "enen", "ene")):
        return False
    if nxt.lower_ in ARTICLES:
        return False  # "das teilte die Behörde mit": an article never follows an attributive participle
    for k in range(tok.i - 1, max(tok.sent.start - 1, tok.i - 4), -1):
        if doc[k].lower_ in ARTICLES:
            # "Das erklärte gestern ein Sprecher": a sentence-initial "Das"/"Dies" is a pronoun
            return not (k == tok.sent.start and doc[k].lower_ in ("das", "dies"))
        if doc[k].is_punct or not doc[k].text[:1].islower():
            return False  # "Die Polizei teilte mit": a noun in between makes it the finite verb
    return False


def needs_complement(lemma: str) -> bool:
    """Verbs that report speech only with a clause after them ("findet, dass …")."""
    return lemma in lx.NEEDS_COMPLEMENT


def is_subjunctive(tok: Token) -> bool:
    return tok.text[:1].islower() and lx.is_subjunctive(tok.lower_)


def char_span(doc: Doc, begin: int, end: int) -> tuple[int, int]:
    """Trim spaces and trailing commas/colons: the claim's words only."""
    text = doc_text(doc)
    while begin < end and (text[begin].isspace() or text[begin] in ",;:–-"):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in ".,;:–-"):
        end -= 1
    return begin, end
