"""Frames around a direct quote: ``„…“, sagte X`` / ``so X`` / ``hieß es …`` after it, ``X sagte: „…“`` /
``X: „…“`` / ``X sagte, „…“`` before it, and ``zitierte X`` (the one quoted said it, the one quoting relays).

A base of ``frames.Frames``, which provides the shared state and the subject and source finders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from kg.extract import lexicon as lx
from kg.extract.coref import Referent
from kg.extract.docindex import doc_spaces, doc_texts
from kg.extract.frame import Frame
from kg.extract.verbs import last_speech_verb, speech_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.coref import Context
    from kg.extract.subjects import Subjects

DASHES = {",", "–", "—", "-"}
_CLOSING_MARKS = "“”\"«»‘’‹›"


class QuoteFrames:
    """The quote-side finders; ``Frames`` sets the state they read and defines ``subject``, ``heard_from``."""

    ctx: Context
    doc: Doc
    in_quote: list[bool]
    subjects: Subjects

    def subject(self, sent: Span, verb_i: int) -> Referent | None:
        raise NotImplementedError

    def heard_from(self, start: int, end: int) -> Referent | None:
        raise NotImplementedError

    # -- around a direct quote -------------------------------------------------
    def after_quote(self, span: Span) -> Frame | None:
        """``„…“, sagte X`` / ``„…“, so X`` / ``„…“, hieß es aus dem Kreml``; end = token after the frame."""
        doc = self.doc
        texts, spaces = self.ctx.texts, doc_spaces(doc)
        k = span.end
        while k < len(doc) and (texts[k] in DASHES or spaces[k]):
            k += 1
        if k >= len(doc) or k == span.end and texts[span.end - 1] not in _CLOSING_MARKS:
            return None
        tok = doc[k]
        lemma = speech_lemma(tok) or ("so" if tok.lower_ == "so" else None)
        if lemma is None:
            return None
        if lemma == "heißen":
            return Frame(0, 0, self.heard_from(k + 1, k + 8), "heißen", (k, k + 1), "direct")
        if lemma == "zitieren":
            quoted = self._quoted_by(k)
            if quoted is not None:
                return quoted
        ref = self.ctx.speaker_at(k + 1, 10) or (self.subjects.bare_surname(k + 1) if k + 1 < len(doc) else None)
        end = ref.mention.end if ref is not None else k + 1
        particle = lx.SEPARABLE.get(lemma, "#").split()[-1]
        while end < len(doc) and doc[end].lower_ in (particle, "hinzu", "zu", "bedenken"):
            end += 1
        if ref is None and (k == span.end or lemma == "so"):
            return None  # "… als „falsch“ zurückgewiesen": the quote is an object; its speaker is elsewhere
        # With no speaker found ("…“, sagte Müller": which Müller?), the quote stays unattributed.
        return Frame(0, end, ref, lemma, (k, k + 1), "direct")

    def _quoted_by(self, k: int) -> Frame | None:
        """``„…“, zitierte ihr Berater X die Kanzlerin`` / ``zitiert ndr.de Polizeisprecher Ralf Meyer``:
        the one quoted said it (the object, or the only person named), the one quoting relays it."""
        doc = self.doc
        relay = self.ctx.speaker_at(k + 1, 10)
        start = relay.mention.end if relay is not None else k + 1
        for j in range(start, min(len(doc), k + 14)):
            if doc[j].is_punct and doc[j].text != "-":
                break
            m = self.ctx.by_token.get(j)
            quoted = None
            if m is not None and m.label_ == "PER" and not self.ctx.is_genitive(m):
                quoted = Referent.named(m)
            elif doc[j].lower_ in ("den", "die") and relay is not None:
                quoted = self.ctx.speaker_at(j, 8)  # the accusative object after the subject
            if quoted is not None and (relay is None or quoted.key != relay.key):
                return Frame(0, quoted.mention.end, quoted, "zitieren", (k, k + 1), "direct", relay=relay)
        return None

    def before_quote(self, span: Span) -> Frame | None:
        """``X sagte: „…“`` / ``X: „…“`` / ``X sagte, „…“`` within the quote's sentence."""
        doc, sent = self.doc, span.sent
        k = span.start - 1
        if k < sent.start or doc[k].text not in (":", ","):
            return None
        # The speech verb nearest the quote, after any earlier colon: in "Die Kommission kritisierte das
        # Gesetz: So sagte Rehn: „…“" the quote is Rehn's.
        texts = doc_texts(doc)
        colons = (i + 1 for i in range(k - 1, sent.start - 1, -1) if texts[i] in (":", ";") and not self.in_quote[i])
        scope = next(colons, sent.start)
        verb = last_speech_verb(doc, scope, k, self.in_quote)
        if doc[k].text == "," and verb is None:
            return None
        if verb is not None and speech_lemma(verb) == "zitieren":
            quoted = self._quoted_before(sent, verb.i, k)
            if quoted is not None:
                return quoted
        ref = self.subject(sent, verb.i if verb is not None else k)
        if ref is None and verb is None:
            ref = self._clause_subject(scope, k)  # "In der ARD zeigte sich der Trainer zufrieden: „…“"
        if ref is None:
            return None
        cue = (verb.i, verb.i + 1) if verb is not None else (k, k + 1)
        return Frame(0, 0, ref, speech_lemma(verb) if verb is not None else "sagen", cue, "direct")

    def _clause_subject(self, start: int, colon: int) -> Referent | None:
        """The first speaker phrase before the colon that no preposition governs."""
        i = start
        while i < colon:
            if self.in_quote[i] or not self.doc[i].is_alpha:
                i += 1
                continue
            ref = self.ctx.speaker_at(i, colon - i)
            if ref is not None and ref.mention.end <= colon and not self.ctx.in_pp(i):
                return ref
            # Past the whole phrase: in "In der ARD" neither "der ARD" nor "ARD" is the subject.
            i = ref.mention.end if ref is not None and ref.mention.end > i else i + 1
        return None

    def _quoted_before(self, sent: Span, verb_i: int, colon: int) -> Frame | None:
        """``Ein Sender zitierte Papandreou mit den Worten: „…“`` (the object said it) and
        ``X wird von der Zeitung mit den Worten zitiert: „…“`` (the passive subject said it)."""
        doc = self.doc
        passive = any(t.lower_ in ("wird", "wurde", "werden", "wurden") for t in doc[sent.start:verb_i])
        by = next((t.i for t in doc[sent.start:verb_i] if t.lower_ in ("von", "vom")), None)
        if passive and by is not None:
            speaker = self.ctx.speaker_at(sent.start, by - sent.start)
            relay = self.ctx.speaker_at(by + 1, verb_i - by - 1)
        else:
            relay = self.subject(sent, verb_i)
            start = relay.mention.end if relay is not None and relay.mention.end > verb_i else verb_i + 1
            speaker = self.ctx.speaker_at(start, colon - start)
        if speaker is None or relay is not None and speaker.key == relay.key:
            return None
        return Frame(0, 0, speaker, "zitieren", (verb_i, verb_i + 1), "direct", relay=relay)
