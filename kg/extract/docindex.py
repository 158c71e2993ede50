"""Per-Doc caches of what spaCy recomputes on every access: the text, the words, the sentence of a token.

``Doc.text`` joins every token on each call, ``Token.sent`` / ``Span.sent``
scan the whole Doc for sentence annotation before walking to the sentence
edges, and every ``doc[i]`` builds a new Token object; the rules ask these
thousands of times per article. All are fixed once the pipeline has set
sentence starts, so they are computed once here, from spaCy's arrays.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right

from spacy.attrs import LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span, Token

_TEXT = "kg_text"
_TEXTS = "kg_texts"
_LOWERS = "kg_lowers"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (a Doc's text never changes, retokenizing included)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        # What Doc.text joins (each token's text and its trailing space), from the arrays.
        spaced = doc.to_array(SPACY).tolist()
        text = "".join([t + " " if s else t for t, s in zip(doc_texts(doc), spaced, strict=True)])
        doc.user_data[_TEXT] = text
    return text


def doc_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, computed once per Doc (the sentence and name components both read it)."""
    return _token_strings(doc, _TEXTS, ORTH)


def doc_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, computed once per Doc: word windows are sliced from it."""
    return _token_strings(doc, _LOWERS, LOWER)


def _token_strings(doc: Doc, key: str, attr: int) -> list[str]:
    """One string attribute of every token, read from the Doc's array and kept in ``user_data[key]``."""
    values = doc.user_data.get(key)
    if values is None or len(values) != len(doc):
        strings = doc.vocab.strings
        values = doc.user_data[key] = [strings[h] for h in doc.to_array(attr).tolist()]
    return values


def index_sentences(doc: Doc) -> None:
    """Answer ``Token.sent``, ``Span.sent`` and ``Doc.sents`` from one pass over the sentence starts.

    spaCy's own user hooks are used, so every rule keeps reading ``tok.sent`` as before. Call it only
    after sentence starts are final (the last component does). The hooks hold the bounds and a weak
    reference, never the Doc itself, so a Doc is still freed as soon as it is dropped; a Doc that
    inherited the hooks (``Span.as_doc`` and ``Doc.copy`` copy them) gets its own bounds.
    """
    mine = weakref.ref(doc)
    index = _bounds(doc)

    def sent_of(owner: Doc, i: int) -> Span:
        bounds, starts = index if owner is mine() else _bounds(owner)
        # spaCy's rule: the sentence holding the first token (of a span crossing a boundary, the first one).
        start, end = bounds[bisect_right(starts, i) - 1]
        return owner[start:end]

    def token_sent(tok: Token) -> Span:
        return sent_of(tok.doc, tok.i)

    def span_sent(span: Span) -> Span:
        return sent_of(span.doc, span.start)

    def sents(owner: Doc) -> list[Span]:
        bounds, _starts = index if owner is mine() else _bounds(owner)
        return [owner[start:end] for start, end in bounds]

    doc.user_token_hooks["sent"] = token_sent
    doc.user_span_hooks["sent"] = span_sent
    doc.user_hooks["sents"] = sents


def _bounds(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of each sentence and the starts, as ``Doc.sents`` reads them from SENT_START."""
    flags = doc.to_array(SENT_START).tolist()
    if not flags:  # an empty text has no sentence (found by the property test)
        return [], []
    starts = [0] + [i for i in range(1, len(flags)) if flags[i] == 1]
    return list(zip(starts, [*starts[1:], len(flags)], strict=True)), starts
