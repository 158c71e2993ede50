"""Who said what: direct quotes with their frames, and reported (indirect) speech.

Frames handled: after the quote (``„…“, sagte X`` / ``so X`` / ``fügte X
hinzu`` / ``hieß es aus dem Kreml``), before it (``X sagte: „…“``, ``X: „…“``),
around it (``„…“, sagte sie, „…“``); reported speech after a speech verb
(``dass``-clause, verb-second clause, colon), a sentence-final frame
(``…, gab Uschakow zu bedenken``), ``X zufolge``, ``laut X``, ``nach Angaben
von X``, ``wie X mitteilte``, and Konjunktiv-I sentences that continue the
previous speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon as lx
from kg.extract.coref import Context, Referent
from kg.extract.quotes import Quote, find_quotes
from kg.model import Claim, Mention
from kg.model import Span as TextSpan

_DASHES = {",", "–", "—", "-"}
_KONJUNKTIV_1 = frozenset("sei seien habe werde könne müsse solle wolle dürfe möge wisse gebe gehe stehe liege komme "
                          "lasse bleibe brauche".split())
_KONJUNKTIV = _KONJUNKTIV_1 | {"hätten", "wären", "würden", "hätte", "wäre", "würde"}
_CLAUSE_END = {".", "!", "?", ";"}


_MAKE_FORMS = frozenset({"macht", "machte", "machten", "gemacht", "mache"})
_MAKE_COMPLEMENTS = {"deutlich": "deutlich machen", "klar": "klar machen", "aufmerksam": "aufmerksam machen"}


def speech_lemma(tok: Token) -> str | None:
    """The speech verb a token is a form of (``teilte`` -> ``mitteilen``), if any.

    A separable verb's finite form counts only when its particle follows in
    the sentence (``teilte … mit``), so ``gab`` alone is not ``bekanntgeben``.
    """
    if tok.text[:1].isupper() and tok.i != tok.sent.start:
        return None
    low = tok.lower_
    if low in _MAKE_FORMS:
        near = {t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - 4):min(tok.sent.end, tok.i + 5)]}
        return next((lemma for word, lemma in _MAKE_COMPLEMENTS.items() if word in near), None)
    rest = {t.lower_ for t in tok.doc[tok.i + 1:min(tok.sent.end, tok.i + 30)]}
    candidates = lx.SPEECH_LEMMAS.get(low, [lx.SPEECH_FORMS[low]] if low in lx.SPEECH_FORMS else [])
    # The most specific reading first: "gab … zu bedenken" before "gab … zu".
    for lemma in sorted(candidates, key=lambda lem: -len(lx.SEPARABLE.get(lem, ""))):
        particle = lx.SEPARABLE.get(lemma)
        if not particle or low.startswith(particle.split()[0]) or particle.split()[-1] in rest:
            return lemma
    return None


def _text_span(doc: Doc, begin: int, end: int) -> TextSpan:
    while begin < end and doc.text[begin].isspace():
        begin += 1
    while end > begin and (doc.text[end - 1].isspace() or doc.text[end - 1] in ".,;:"):
        end -= 1
    return TextSpan(begin, end, doc.text[begin:end])


def _mention(ref: Referent) -> Mention:
    m = ref.mention
    return Mention(m.start_char, m.end_char, m.text, kind=ref.kind)


class SpeechFinder:
    """Finds claims in one processed Doc; construct one per article."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.claims: list[tuple[Claim, Referent | None]] = []
        self.in_quote = [False] * len(self.doc)
        self.last: tuple[int, Referent] | None = None  # sentence index and referent of the last claim

    def run(self) -> list[tuple[Claim, Referent | None]]:
        quotes = self._quote_tokens(find_quotes(self.doc.text))
        sents = list(self.doc.sents)
        qi = 0
        for si, sent in enumerate(sents):
            while qi < len(quotes) and quotes[qi][0].start < sent.end:
                span, q = quotes[qi]
                qi += 1
                if span.start >= sent.start or span.end > sent.start:
                    skip = self._direct(span, q, quotes[qi] if qi < len(quotes) else None, si)
                    qi += skip
            self._indirect(sent, si)
        return self.claims

    # -- direct quotes -----------------------------------------------------
    def _quote_tokens(self, quotes: list[Quote]) -> list[tuple[Span, Quote]]:
        out = []
        for q in quotes:
            span = self.doc.char_span(q.begin, q.end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            for t in span:
                self.in_quote[t.i] = True
            out.append((span, q))
        return out

    def _direct(self, span: Span, q: Quote, following: tuple[Span, Quote] | None, si: int) -> int:
        """Attribute one quote; returns 1 when the next quote was merged into it (interrupted quote)."""
        words = sum(1 for t in span if t.is_alpha)
        ref, cue, frame_end = self._frame_after(span)
        if ref is None and cue is None:
            ref, cue = self._frame_before(span)
        merged = 0
        end_char = q.end - 1
        if cue is not None and following is not None and frame_end is not None:
            nxt_span, nxt_q = following
            gap = self.doc[frame_end:nxt_span.start]
            if len(gap) <= 2 and all(t.text in _DASHES or t.is_space for t in gap):
                end_char, merged = nxt_q.end - 1, 1
        if cue is None:
            # A quote standing as its own sentence (or after a colon) goes on with the last speaker.
            own = span.start <= span.sent.start + 1 or self.doc[span.start - 1].text == ":"
            if not own or words < 4 or self.last is None or si - self.last[0] > 2:
                return merged
            ref, cue = self.last[1], None
        elif words < 2:
            return merged
        sentence = self.doc.char_span(span.sent.start_char, max(span.sent.end_char, end_char + 1),
                                      alignment_mode="expand")
        self._add(_text_span(self.doc, q.begin + 1, end_char), True, ref, cue, sentence or span.sent, si)
        return merged

    def _frame_after(self, span: Span) -> tuple[Referent | None, str | None, int | None]:
        """``„…“, sagte X`` / ``„…“, so X`` / ``„…“, hieß es aus dem Kreml``."""
        doc = self.doc
        k = span.end
        while k < len(doc) and (doc[k].text in _DASHES or doc[k].is_space):
            k += 1
        if k >= len(doc) or k == span.end and span[-1].text not in "“”\"«»‘’‹›":
            return None, None, None
        tok = doc[k]
        lemma = speech_lemma(tok) or ("so" if tok.lower_ == "so" else None)
        if lemma is None:
            return None, None, None
        if lemma == "heißen":
            return self._org_after(k + 1), "heißen", k + 2
        ref = self.ctx.phrase_at(k + 1, 8)
        end = ref.mention.end if ref is not None else k + 1
        while end < len(doc) and doc[end].lower_ in (lx.SEPARABLE.get(lemma, "#"), "hinzu", "zu", "bedenken"):
            end += 1
        return ref, lemma, end

    def _org_after(self, k: int) -> Referent | None:
        """``hieß es aus dem Kreml``: the institution, if one is named."""
        for j in range(k, min(k + 5, len(self.doc))):
            m = self.ctx.by_token.get(j)
            if m is not None and m.label_ == "ORG":
                return Referent(m.kb_id_, "org", m, "org")
        return None

    def _frame_before(self, span: Span) -> tuple[Referent | None, str | None]:
        """``X sagte: „…“`` / ``X: „…“`` within the quote's sentence."""
        doc, sent = self.doc, span.sent
        k = span.start - 1
        if k < sent.start or doc[k].text not in (":", ","):
            return None, None
        verb = next((t for t in doc[sent.start:k] if speech_lemma(t) and not self.in_quote[t.i]), None)
        if doc[k].text == "," and verb is None:
            return None, None
        ref = self._subject(sent, verb.i if verb is not None else k)
        if ref is None:
            return None, None
        return ref, speech_lemma(verb) if verb is not None else "sagen"

    # -- reported speech ----------------------------------------------------
    def _indirect(self, sent: Span, si: int) -> None:
        final = self._final_frame(sent)
        limit = final[1] if final is not None else sent.end_char
        inner = self._verb_frame(sent, limit)
        if inner is not None and final is not None:
            # "Putin sagte, dass …, teilte der Kreml mit": Putin's words, relayed by the Kreml.
            begin, end, ref, cue = inner
            self._add_indirect(begin, end, ref, cue, sent, si, relayed_by=final[2])
            return
        found = final or self._zufolge(sent) or inner
        if found is not None:
            self._add_indirect(*found, sent, si)
            return
        self._continuation(sent, si)

    def _add_indirect(self, begin: int, end: int, ref: Referent | None, cue: str, sent: Span, si: int,
                      relayed_by: Referent | None = None) -> None:
        if end - begin <= 10 or self._covered(begin, end):
            return
        self._add(_text_span(self.doc, begin, end), False, ref, cue, sent, si,
                  relayed_by=relayed_by)

    def _covered(self, begin: int, end: int) -> bool:
        """Mostly inside a direct quote already taken: the reported clause adds nothing."""
        inside = sum(max(0, min(end, c.span.end) - max(begin, c.span.begin)) for c, _ in self.claims if c.direct)
        return inside > (end - begin) / 2

    def _final_frame(self, sent: Span) -> tuple[int, int, Referent | None, str] | None:
        """``…, sagte der Beamte.`` / ``…, gab Uschakow zu bedenken.``"""
        toks = [t for t in sent if not t.is_space]
        for pos in range(len(toks) - 2, max(0, len(toks) - 10), -1):
            if toks[pos - 1].text == "," and speech_lemma(toks[pos]) and pos > 3:
                # An unresolved speaker ("ein Beamter") still ends the claim: keep it unattributed.
                ref = self.ctx.phrase_at(toks[pos].i + 1, 7)
                if speech_lemma(toks[pos]) == "heißen":
                    ref = self._org_after(toks[pos].i + 1)
                return sent.start_char, toks[pos - 1].idx, ref, speech_lemma(toks[pos]) or "sagen"
        return None

    def _zufolge(self, sent: Span) -> tuple[int, int, Referent | None, str] | None:
        """``X zufolge …``, ``laut X …``, ``nach Angaben von X …``, ``wie X mitteilte, …``."""
        doc = self.doc
        toks = [t for t in sent if not t.is_space]
        for idx, tok in enumerate(toks[:8]):
            low = tok.lower_
            if low == "zufolge" and idx > 0:
                ref = self._referent_ending_at(toks[idx - 1].i, sent.start)
                if ref is not None:
                    return tok.idx + len(tok.text), sent.end_char, ref, "zufolge"
            if low == "laut" or (low == "angaben" and idx > 0 and toks[idx - 1].lower_ == "nach"):
                has_article = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("von", "des", "der")
                start = tok.i + 1 + (1 if has_article else 0)
                ref = self.ctx.phrase_at(start, 6)
                if ref is not None and idx < 3:
                    return ref.mention.end_char, sent.end_char, ref, "laut" if low == "laut" else "Angaben"
            if low == "wie" and idx == 0:
                verb = next((t for t in toks[1:10] if speech_lemma(t)), None)
                comma = next((t for t in toks[1:14] if t.text == ","), None)
                if verb is not None and comma is not None and verb.i < comma.i:
                    ref = self.ctx.phrase_at(tok.i + 1, 6)
                    if ref is not None:
                        return comma.idx + 1, sent.end_char, ref, speech_lemma(verb) or "sagen"
        return None

    def _org_in(self, start: int, end: int) -> Referent | None:
        for j in range(start, end):
            m = self.ctx.by_token.get(j)
            if m is not None and m.label_ == "ORG":
                return Referent(m.kb_id_, "org", m, "org")
        return None

    def _referent_ending_at(self, i: int, sent_start: int) -> Referent | None:
        m = self.ctx.by_token.get(i)
        if m is not None:
            kind = "org" if m.label_ == "ORG" else "name"
            return Referent(m.kb_id_, "org" if kind == "org" else "person", m, kind)
        tok = self.doc[i]
        if tok.lower_ in ("ihm", "ihr"):
            return self.ctx.pronoun(tok)
        for start in range(max(sent_start, i - 3), i + 1):
            ref = self.ctx.phrase_at(start, i - start + 1)
            if ref is not None:
                return ref
        return None

    def _verb_frame(self, sent: Span, limit: int) -> tuple[int, int, Referent | None, str] | None:
        """A speech verb followed by ``dass``/``ob``, a colon, or a comma and a verb-second clause."""
        doc = self.doc
        for tok in sent:
            lemma = speech_lemma(tok)
            if lemma is None or self.in_quote[tok.i] or tok.idx >= limit:
                continue
            if lemma == "heißen":
                # "Aus dem Weißen Haus hieß es, …": the institution, if named; else nobody.
                ref = self._org_in(sent.start, tok.i) or self._org_after(tok.i + 1)
            else:
                ref = self._subject(sent, tok.i)
            window = doc[tok.i + 1:min(sent.end, tok.i + 16)]
            for t in window:
                if t.lower_ in ("dass", "daß", "ob") and not self.in_quote[t.i]:
                    return t.idx, limit, ref, lemma
                if t.text == ":" and t.i + 1 < sent.end:
                    return doc[t.i + 1].idx, limit, ref, lemma
                if t.text == "," and t.i + 1 < sent.end:
                    rest = doc[t.i + 1:sent.end]
                    if any(r.lower_ in _KONJUNKTIV for r in rest[:12]):
                        return doc[t.i + 1].idx, limit, ref, lemma
                    break
                if t.text in _CLAUSE_END:
                    break
        return None

    def _subject(self, sent: Span, verb_i: int) -> Referent | None:
        """The speaker of a frame: a phrase before the verb (``Putin sagte``), else after it (``sagte Peskow``)."""
        doc = self.doc
        for start in range(sent.start, min(verb_i, sent.start + 6)):
            if doc[start].is_space:
                continue
            ref = self.ctx.phrase_at(start, verb_i - start)
            if ref is not None:
                return ref
        if verb_i + 1 < sent.end:
            ref = self.ctx.phrase_at(verb_i + 1, 7)
            if ref is not None:
                return ref
        # Else the name closest before the verb ("Der Leiter …, Klaus Stöhr, sagte").
        for k in range(verb_i - 1, sent.start - 1, -1):
            m = self.ctx.by_token.get(k)
            if m is not None and not self.ctx.is_genitive(m):
                return Referent(m.kb_id_, "org" if m.label_ == "ORG" else "person", m,
                                "org" if m.label_ == "ORG" else "name")
        return None

    def _continuation(self, sent: Span, si: int) -> None:
        """A Konjunktiv-I sentence right after reported speech goes on reporting the same speaker."""
        if self.last is None or si - self.last[0] > 1:
            return
        if not any(t.lower_ in _KONJUNKTIV_1 for t in sent) or len(sent) < 5:
            return
        self._add(_text_span(self.doc, sent.start_char, sent.end_char), False, self.last[1], None, sent, si)

    # -- output ---------------------------------------------------------------
    def _add(self, span: TextSpan, direct: bool, ref: Referent | None, cue: str | None, sent: Span, si: int,
             relayed_by: Referent | None = None) -> None:
        if not span.text:
            return
        claim = Claim(
            span=span, direct=direct, speaker=ref.key if ref else None,
            speaker_mention=_mention(ref) if ref else None, cue=cue,
            sentence=TextSpan(sent.start_char, sent.end_char, sent.text),
            relayed_by=relayed_by.key if relayed_by and (not ref or relayed_by.key != ref.key) else None,
        )
        self.claims.append((claim, ref))
        # An unattributed "hieß es" ends the chain: what follows is not the previous speaker's.
        self.last = (si, ref) if ref is not None else None
        if ref is not None:
            self.ctx.note_speaker(ref.mention.start, ref.key)


def iter_claims(ctx: Context) -> Iterator[tuple[Claim, Referent | None]]:
    yield from SpeechFinder(ctx).run()
