"""Build the spaCy pipeline: ``spacy.blank("de")`` plus our components, or a user's German model."""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.lang.de.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.docindex import doc_spaces, doc_texts

# Text glued by page extraction ("GuneewPräsident") is split where a lower-case
# letter meets a capitalised word, so names and roles become tokens of their own.
_GLUE_INFIX = r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß]{2,})"
_APOSTROPHE_NAME = re.compile(r"^[A-Z][’'][A-ZÄÖÜ][a-zäöüß]+$")
_SENT_END = {".", "!", "?", "…"}
_CLOSERS = {"“", "”", "\"", "«", "»", "‘", "’", "'", "‹", "›", ")"}
_ENDS = _SENT_END | _CLOSERS  # the only words after which a sentence can start, besides a number:
# spaCy keeps "7." together as an ordinal ("am 7. Dezember"); "im Jahr 2010." or "7,1." ends a sentence
# when a function word follows, which no ordinal is followed by ("2010. Der Rekord", "7,1. Nach Angaben").
_NUMBER_STOP = re.compile(r"^\d[\d.,:]*\.$")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Sentence starts for news text: after . ! ? (and any closing quote), and at every line break.

    Headlines, captions and datelines carry no final punctuation, so a line
    break always ends a sentence.
    """
    if not len(doc):
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)  # what setting Token.is_sent_start on a parsed Doc says
    # Written in one array call: Token.is_sent_start checks the whole Doc on every assignment.
    starts = numpy.asarray(sentence_starts(doc), dtype="int32").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], starts)
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """1 for a token that starts a sentence, -1 for one that does not (spaCy's SENT_START values).

    Only whitespace tokens, sentence punctuation and numbers with a stop can end a sentence, so only
    they are visited; a run of other words between them starts a sentence at its first word when the
    token before it ended one (or the text starts there), and continues it otherwise.
    """
    texts = doc_texts(doc)
    spaces = doc_spaces(doc)
    out = [-1] * len(texts)
    out[0] = 1
    start = True  # whether the next word starts a sentence
    last = -1  # the last token visited
    ends = [k for k, text in enumerate(texts)
            if spaces[k] or text in _ENDS or (text[-1:] == "." and text[:1].isdigit())]
    for i in ends:
        if i > last + 1:  # words no rule looks at between the visited tokens
            if start:
                out[last + 1] = 1
            start = False
        last = i
        text = texts[i]
        if spaces[i]:
            start = start or "\n" in text  # a line break always ends a sentence
            continue
        if start:
            out[i] = 1
        start = False
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if _NUMBER_STOP.match(text) and nxt[:1].isupper() and nxt.lower() in STOP_WORDS:
            start = True
        elif text in _SENT_END or (text in _CLOSERS and i > 0 and texts[i - 1] in _SENT_END):
            # A closing quote right after the stop still belongs to this sentence.
            start = nxt not in _CLOSERS and nxt not in {",", ";", ":"} and not nxt[:1].islower()
    if start and last + 1 < len(texts):
        out[last + 1] = 1
    return out


def _customise_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [_GLUE_INFIX]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # "O’Keefe", "D’Alema" stay one word (the default infixes split at ’), so names.py can read them.
    nlp.tokenizer.token_match = _APOSTROPHE_NAME.match


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline. ``model`` names an installed German spaCy pipeline or a path to one."""
    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank("de")
        _customise_tokenizer(nlp)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("kg_sentences")
    from kg.extract import names  # noqa: F401  registers the factories

    nlp.add_pipe("kg_names")
    if model:
        nlp.get_pipe("kg_names").initialize()  # never re-initialise a trained pipeline
    else:
        nlp.initialize()
    return nlp


def unused_components(nlp: Language, model: str | None = None) -> list[str]:
    """Components of our own pipeline whose output no rule reads: the lookup lemmatizer (no rule asks
    ``lemma_``). Kept in the pipeline for users of ``nlp``; a user's model is run whole, since its
    later components may need what earlier ones set."""
    return [] if model else [name for name in ("lemmatizer",) if name in nlp.pipe_names]
