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

from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span, Token

_TEXT = "kg_text"
_TEXTS = "kg_texts"
_LOWERS = "kg_lowers"
_COLUMNS = "kg_columns"
_SENT_SPANS = "kg_sentence_spans"
# The token attributes the rules read as arrays, read from the Doc in one call (each ``to_array``
# costs several microseconds whatever its width); their positions in ``_token_columns``.
_ATTRS = [ORTH, LOWER, SPACY, IS_SPACE, IDX]
_ORTH, _LOWER, _SPACY, _IS_SPACE, _IDX = range(5)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (a Doc's text never changes, retokenizing included)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        # What Doc.text joins (each token's text and its trailing space), from the arrays.
        spaced = _token_columns(doc)[_SPACY]
        text = "".join([t + " " if s else t for t, s in zip(doc_texts(doc), spaced, strict=True)])
        doc.user_data[_TEXT] = text
    return text


def doc_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, computed once per Doc (the sentence and name components both read it)."""
    return _token_strings(doc, _TEXTS, _ORTH)


def doc_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, computed once per Doc: word windows are sliced from it."""
    return _token_strings(doc, _LOWERS, _LOWER)


def doc_spaces(doc: Doc) -> list[int]:
    """``[int(t.is_space) for t in doc]``."""
    return _token_columns(doc)[_IS_SPACE]


def doc_offsets(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``: each token's character offset."""
    return _token_columns(doc)[_IDX]


def _token_columns(doc: Doc) -> list[list[int]]:
    """``_ATTRS`` of every token, one list per attribute, kept in ``user_data`` while the Doc keeps its tokens."""
    columns = doc.user_data.get(_COLUMNS)
    if columns is None or len(columns[0]) != len(doc):
        columns = doc.user_data[_COLUMNS] = doc.to_array(_ATTRS).T.tolist() if len(doc) else [[] for _ in _ATTRS]
    return columns


# spaCy's string hashes are hashes of the strings themselves, the same in every vocabulary, so one
# table serves all Docs. ``StringStore[h]`` decodes a new str on every call; a dict hit is several
# times cheaper, and news repeats its words. Cleared when full: years of news bring new words.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 1 << 18


def _token_strings(doc: Doc, key: str, column: int) -> list[str]:
    """One string attribute of every token (a column of ``_token_columns``), kept in ``user_data[key]``."""
    values = doc.user_data.get(key)
    if values is None or len(values) != len(doc):
        hashes = _token_columns(doc)[column]
        try:
            values = list(map(_STRINGS.__getitem__, hashes))
        except KeyError:
            values = _strings_with_new(doc, hashes)
        doc.user_data[key] = values
    return values


def _strings_with_new(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes`` when some are not in the table yet: those are added from the Doc's vocab."""
    if len(_STRINGS) >= _STRINGS_MAX:
        _STRINGS.clear()
    strings = doc.vocab.strings
    for h in hashes:
        if h not in _STRINGS:
            _STRINGS[h] = strings[h]
    return [_STRINGS[h] for h in hashes]


def index_sentences(doc: Doc) -> None:
    """Answer ``Token.sent``, ``Span.sent`` and ``Doc.sents`` from one pass over the sentence starts.

    spaCy's own user hooks are used, so every rule keeps reading ``tok.sent`` as before. Call it only
    after sentence starts are final (the last component does). The hooks hold the bounds and a weak
    reference, never the Doc itself, so a Doc is still freed as soon as it is dropped; a Doc that
    inherited the hooks (``Span.as_doc`` and ``Doc.copy`` copy them) gets its own bounds.
    """
    mine = weakref.ref(doc)
    index = _bounds(doc)

    def own_spans(owner: Doc) -> list[Span]:
        # Each sentence's Span, built once: a new Span reads two Tokens, and the rules ask for sentences
        # dozens of times per article. Kept in user_data until ``release_sentences``.
        spans = owner.user_data.get(_SENT_SPANS)
        if spans is None:
            spans = owner.user_data[_SENT_SPANS] = [Span(owner, start, end) for start, end in index[0]]
        return spans

    def sent_of(owner: Doc, i: int) -> Span:
        # spaCy's rule: the sentence holding the first token (of a span crossing a boundary, the first one).
        if owner is mine():
            return own_spans(owner)[bisect_right(index[1], i) - 1]
        bounds, starts = _bounds(owner)
        start, end = bounds[bisect_right(starts, i) - 1]
        return Span(owner, start, end)  # what owner[start:end] returns, without its slice checks in Python

    def token_sent(tok: Token) -> Span:
        return sent_of(tok.doc, tok.i)

    def span_sent(span: Span) -> Span:
        return sent_of(span.doc, span.start)

    def sents(owner: Doc) -> list[Span]:
        if owner is mine():
            return list(own_spans(owner))
        bounds, _starts = _bounds(owner)
        return [Span(owner, start, end) for start, end in bounds]

    doc.user_token_hooks["sent"] = token_sent
    doc.user_span_hooks["sent"] = span_sent
    doc.user_hooks["sents"] = sents


def release_sentences(doc: Doc) -> None:
    """Drop the sentence Spans ``index_sentences`` keeps in ``doc.user_data``. Each refers to its Doc,
    so while they are kept the Doc is in a reference cycle and outlives its last use until the cyclic
    collector runs (which then walks every Token the rules cached); extraction calls this when done."""
    doc.user_data.pop(_SENT_SPANS, None)


def _bounds(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of each sentence and the starts, as ``Doc.sents`` reads them from SENT_START."""
    flags = doc.to_array(SENT_START).tolist()
    if not flags:  # an empty text has no sentence (found by the property test)
        return [], []
    starts = [0] + [i for i in range(1, len(flags)) if flags[i] == 1]
    return list(zip(starts, [*starts[1:], len(flags)], strict=True)), starts
