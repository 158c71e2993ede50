"""From one article's text to an ``Extraction``: persons, organizations, claims, events.

The spaCy pipeline (``pipeline.build_nlp``) finds names; plain rule modules
read claims (``speech``), events (``events``) and dates (``dates``) from the
processed Doc.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.coref import Context, Referent
from kg.extract.dates import find_dates
from kg.extract.docindex import doc_text
from kg.model import Claim, Entity, Extraction, Mention, SourceArticle, Span

S = TypeVar("S", bound=Span)


def _blank_boilerplate(article: SourceArticle) -> str:
    """Site chrome replaced by spaces (newlines kept), so offsets stay true and no fact comes from it."""
    if not article.boilerplate:
        return article.text
    chars = list(article.text)
    for span in article.boilerplate:
        for i in range(span.begin, span.end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return "".join(chars)


class Extractor:
    """Reads articles; the spaCy pipeline is built once, on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None
        self._unused: list[str] = []  # components extraction skips (their annotations are never read)
        self._warm = False

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from kg.extract.pipeline import build_nlp, unused_components

            self._nlp = build_nlp(self.model)
            self._unused = unused_components(self._nlp, self.model)
        return self._nlp

    def extract(self, article: SourceArticle) -> Extraction:
        from kg.extract.docindex import release_sentences

        doc = self.nlp(_blank_boilerplate(article), disable=self._unused)
        try:
            x = self._read(article, doc)
        finally:
            release_sentences(doc)  # so the Doc is freed as soon as it is dropped
        if not self._warm:
            self._warm = True
            _freeze_tables()
        return x

    def _read(self, article: SourceArticle, doc: Doc) -> Extraction:
        """Everything the rules find in the article's processed Doc."""
        from kg.extract.during import link_claims_to_events
        from kg.extract.events import EventFinder
        from kg.extract.speech import iter_claims

        published, source = _publication(article)
        ctx = Context(doc)
        x = Extraction(article=article, published=published, published_from=source)
        text_of = doc_text(doc)
        named_at: dict[tuple[int, int], str] = {}  # where each name (not a credit) stands, for the claims
        for m in doc.spans["kg_mentions"]:
            # Read once each (every read builds a new string); the Doc's text between the span's
            # offsets is what Span.text would join from its Tokens.
            label, text, key = m.label_, text_of[m.start_char:m.end_char], m.kb_id_
            if label != "CREDIT":
                named_at[(m.start_char, m.end_char)] = key
            ent = _entity(x, key, "org" if label == "ORG" else "person")
            ent.mentions.append(Mention(m.start_char, m.end_char, text, kind="org" if label == "ORG" else
                                        "credit" if label == "CREDIT" else "name"))
            ent.aliases.add(_alias(text, ent, ctx))
        for key, info in ctx.people.items():
            if key in x.entities:
                x.entities[key].roles |= info.roles
                x.entities[key].credit_only = info.credit_only
        for claim, ref in iter_claims(ctx):
            if ref is not None and ref.type == "agent" and claim.speaker_mention is not None:
                # A description that is exactly a name found elsewhere is that person or organization.
                key = named_at.get((claim.speaker_mention.begin, claim.speaker_mention.end))
                if key is not None:
                    ref = Referent(key, x.entities[key].type, ref.mention, "name")
                    claim.speaker = key
            if ref is not None:
                ent = _entity(x, ref.key, ref.type)
                if ref.type == "agent" and claim.speaker_mention is not None:
                    ent.label = ref.label
                    ent.mentions.append(claim.speaker_mention)
            if claim.relayed_by is not None and claim.relayed_by not in x.entities:
                _relay_entity(x, ctx, claim.relayed_by)
            _date_claim(claim, article.text, published)
            x.claims.append(claim)
        x.events = EventFinder(ctx, published).run()
        link_claims_to_events(ctx, x.claims, x.events)
        _restore_text(x, article.text)
        return x


def _freeze_tables() -> None:
    """Take what the first article loaded (the pipeline, the word tables: ~100,000 objects that live
    as long as the process) out of the cyclic collector's sight. Otherwise every full collection,
    which the quads of a batch set off, walks them all again: that cost half of building the quads."""
    gc.collect()
    gc.freeze()


def _restore_text(x: Extraction, text: str) -> None:
    """spaCy read a copy with site chrome blanked; every span must quote the article as it was read."""
    def fix(span: S | None) -> S | None:
        if span is None or span.text == text[span.begin:span.end]:
            return span  # outside blanked chrome the words are already the article's (spans are frozen)
        return replace(span, text=text[span.begin:span.end])

    for claim in x.claims:
        claim.span = fix(claim.span)  # type: ignore[assignment]
        claim.sentence, claim.speaker_mention, claim.cue_span = (
            fix(claim.sentence), fix(claim.speaker_mention), fix(claim.cue_span))
    for entity in x.entities.values():
        entity.mentions = [fix(m) for m in entity.mentions]  # type: ignore[misc]
    for event in x.events:
        event.trigger, event.sentence = fix(event.trigger), fix(event.sentence)  # type: ignore[assignment]


def _entity(x: Extraction, key: str, type_: str) -> Entity:
    ent = x.entities.get(key)
    if ent is None:
        kind = type_ if type_ in ("org", "agent") else "person"
        ent = x.entities[key] = Entity(key=key, type=kind)  # type: ignore[arg-type]
    return ent


def _relay_entity(x: Extraction, ctx: Context, key: str) -> None:
    """Who passed the words on, when it has said nothing itself ("…, sagte der Beamte")."""
    if key in ctx.agent_labels:
        _entity(x, key, "agent").label = ctx.agent_labels[key]
    else:
        _entity(x, key, "person" if key in ctx.people else "org")


def _alias(text: str, ent: Entity, ctx: Context) -> str:
    info = ctx.people.get(ent.key)
    if info is not None and text.endswith("s") and not text.endswith(info.surname) and text[:-1] in info.aliases:
        return text[:-1]  # a genitive "Putins" is the name "Putin"
    return text


def _publication(article: SourceArticle) -> tuple[date | None, str]:
    if article.published is not None:
        return article.published, "metadata"
    from kg.sources.dateline import find_dateline

    found = find_dateline(article.text, article.boilerplate)
    return (found, "dateline") if found else (None, "unknown")


def _date_claim(claim: Claim, text: str, published: date | None) -> None:
    if claim.sentence is not None:
        dates = [d for d in find_dates(text, published, start=claim.sentence.begin, end=claim.sentence.end)
                 if not (claim.span.begin <= d.begin < claim.span.end)]
        if dates:
            claim.said_on, claim.said_on_stated = dates[0].value, True
            return
    if published is not None:
        claim.said_on, claim.said_on_stated = published.isoformat(), False


__all__ = ["Extractor", "Referent"]
