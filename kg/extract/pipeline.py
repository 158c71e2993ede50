"""Build the spaCy pipeline: ``spacy.blank("de")`` plus our components, or a user's German model."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Text glued by page extraction ("GuneewPräsident") is split where a lower-case
# letter meets a capitalised word, so names and roles become tokens of their own.
_GLUE_INFIX = r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß]{2,})"
_SENT_END = {".", "!", "?", "…"}
_CLOSERS = {"“", "”", "\"", "«", "»", "‘", "’", "'", "‹", "›", ")"}


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Sentence starts for news text: after . ! ? (and any closing quote), and at every line break.

    Headlines, captions and datelines carry no final punctuation, so a line
    break always ends a sentence.
    """
    start = True
    for i, tok in enumerate(doc):
        if tok.is_space:
            tok.is_sent_start = i == 0
            start = start or "\n" in tok.text
            continue
        tok.is_sent_start = start or i == 0
        start = "\n" in tok.whitespace_
        nxt = doc[i + 1].text if i + 1 < len(doc) else ""
        if tok.text in _SENT_END or (tok.text in _CLOSERS and i > 0 and doc[i - 1].text in _SENT_END):
            # A closing quote right after the stop still belongs to this sentence.
            start = start or (nxt not in _CLOSERS and nxt not in {",", ";", ":"} and not nxt[:1].islower())
    return doc


def _add_glue_infix(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [_GLUE_INFIX]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline. ``model`` names an installed German spaCy pipeline or a path to one."""
    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank("de")
        _add_glue_infix(nlp)
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
