"""Who said what: direct quotes, reported speech, and speech acts, with their speakers.

``frames.Frames`` reads the frames (``sagte X``, ``X zufolge``, ``…, wonach``);
this module walks the article sentence by sentence and decides, for each
quotation and each sentence, which frame holds and who the speaker is:

- a quote with its own frame (``„…“, sagte sie, „…“``) is attributed by it;
- a quote without one takes the speaker of the reported speech it stands in
  (``Er sprach von einer „veränderten Lage“``), else continues the last speaker
  when it stands as a sentence of its own;
- subjunctive sentences right after reported speech go on with its speaker
  and are merged into one free-indirect claim.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from kg.extract.coref import Context, Referent
from kg.extract.docindex import doc_text
from kg.extract.frame import Frame
from kg.extract.frames import Frames
from kg.extract.quoteframes import DASHES
from kg.extract.quotes import Quote, find_quotes
from kg.extract.titles import is_title
from kg.extract.verbs import SPEECH_WORDS, char_span, first_speech_verb, is_subjunctive, speech_lemma
from kg.model import Claim, Mention
from kg.model import Span as TextSpan

# Openers of a sentence that goes on reporting the source just named ("Demnach …").
_CONTINUERS = frozenset({"demnach", "danach", "dabei", "außerdem", "zudem", "ferner", "weiter", "darüber"})

# "Er soll … eingeschleust haben": the reportative modal marks words as someone else's.
_REPORTATIVE = frozenset({"soll", "sollen"})

__all__ = ["SpeechFinder", "iter_claims", "speech_lemma"]


def _mention(ref: Referent) -> Mention:
    m = ref.mention
    kind = ref.kind if ref.kind in ("name", "role", "pronoun", "org", "description") else "name"
    # The Doc's text between the span's offsets is its text: Span.text would join its Tokens anew.
    text = doc_text(m.doc)[m.start_char:m.end_char]
    return Mention(m.start_char, m.end_char, text, kind=kind)  # type: ignore[arg-type]


class SpeechFinder:
    """Finds claims in one processed Doc; construct one per article."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = doc_text(ctx.doc)
        self.claims: list[tuple[Claim, Referent | None]] = []
        self.in_quote = [False] * len(self.doc)
        self.frames = Frames(ctx, self.in_quote)
        self.last: tuple[int, Referent] | None = None  # sentence index and referent of the last claim
        self.last_claim_si: int | None = None  # sentence index of the newest claim
        self.sents: list[Span] = list(self.doc.sents)
        self.framed: list[tuple[int, int, Frame]] = []  # frames with a speaker, kept or not
        self._first: tuple[int, int, str] | None = None

    def run(self) -> list[tuple[Claim, Referent | None]]:
        quotes = self._quote_tokens(find_quotes(self.text))
        qi = 0
        for si, sent in enumerate(self.sents):
            open_quotes: list[tuple[Span, Quote]] = []
            while qi < len(quotes) and quotes[qi][0].start < sent.end:
                span, q = quotes[qi]
                qi += 1
                attributed, skip = self._direct(span, q, quotes[qi] if qi < len(quotes) else None, si)
                qi += skip
                if not attributed:
                    open_quotes.append((span, q))
            self._indirect(sent, si)
            for span, q in open_quotes:
                self._open_quote(span, q, sent, si)
        return self.claims

    # -- direct quotes -----------------------------------------------------
    def _quote_tokens(self, quotes: list[Quote]) -> list[tuple[Span, Quote]]:
        out = []
        for q in quotes:
            if is_title(self.text, q):
                continue
            span = self.doc.char_span(q.begin, q.end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            self.in_quote[span.start:span.end] = [True] * len(span)
            out.append((span, q))
        return out

    def _direct(self, span: Span, q: Quote, following: tuple[Span, Quote] | None, si: int) -> tuple[bool, int]:
        """Attribute a quote by its own frame. Returns (attributed, 1 if the next quote was merged in)."""
        frame = self.frames.after_quote(span)
        after = frame is not None
        if frame is None:
            frame = self.frames.before_quote(span)
        if frame is None:
            return False, 0
        merged, end_char = 0, q.end - 1
        if after and following is not None and frame.end:
            nxt_span, nxt_q = following
            gap = self.doc[frame.end:nxt_span.start]
            if len(gap) <= 2 and all(t.text in DASHES or t.is_space for t in gap):
                end_char, merged = nxt_q.end - 1, 1  # „…“, sagte sie, „…“
        if not self._relayed_inside(span, q, frame.ref, si):
            self._add_quote(span, q.begin + 1, end_char, frame.ref, frame.cue, frame.cue_tokens, si, frame.relay)
        return True, merged

    def _relayed_inside(self, span: Span, q: Quote, relay: Referent | None, si: int) -> bool:
        """„Putin betonte, dass …“, hieß es aus dem Kreml: inside the quote, Putin's claim, relayed."""
        doc = self.doc
        m = self.ctx.by_token.get(span.start + 1)
        if m is None or m.label_ != "PER" or m.end >= span.end:
            return False
        verb = doc[m.end]
        lemma = speech_lemma(verb)
        if lemma is None:
            return False
        for t in doc[verb.i + 1:min(span.end, verb.i + 4)]:
            if t.lower_ in ("dass", "daß") or t.text in (",", ":"):
                begin = t.idx if t.lower_ in ("dass", "daß") else t.idx + 1
                ref = Referent.named(m)
                b, e = char_span(self.doc, begin, q.end - 1)
                self._add(b, e, ref, lemma, span.sent, si, relayed_by=relay, cue_tokens=(verb.i, verb.i + 1))
                return True
        return False

    def _open_quote(self, span: Span, q: Quote, sent: Span, si: int) -> None:
        """A quote without a frame of its own: the reported speech around it, else the last speaker."""
        mentions = (c.speaker_mention for c, _ in self.claims)
        if any(m is not None and m.begin <= q.begin and q.end <= m.end for m in mentions):
            return  # "Wie die „Rundschau“ berichtete, …": the quoted words name the speaker
        found = self._open_quote_speaker(span, q, sent, si)
        if found is not None:
            ref, cue, cue_tokens = found
            self._add_quote(span, q.begin + 1, q.end - 1, ref, cue, cue_tokens, si)

    def _open_quote_speaker(self, span: Span, q: Quote, sent: Span,
                            si: int) -> tuple[Referent, str | None, tuple[int, int] | None] | None:
        """Who an unframed quote belongs to, with the cue that says so, in order of evidence."""
        begin, end = q.begin, q.end
        for claim, ref in reversed(self.claims):
            if not claim.direct and claim.span.begin <= begin and end <= claim.span.end + 1 and ref is not None:
                return ref, claim.cue, None
        for f_begin, f_end, frame in reversed(self.framed):
            if f_begin <= begin + 1 and end - 1 <= f_end + 1 and frame.ref is not None:
                return frame.ref, frame.cue, frame.cue_tokens
        verb = first_speech_verb(self.doc, sent.start, sent.end, self.in_quote)
        ref = self.frames.subject(sent, verb.i) if verb is not None else None
        if verb is not None and ref is not None:
            return ref, speech_lemma(verb), (verb.i, verb.i + 1)
        own = span.start <= sent.start + 1 or self.doc[span.start - 1].text == ":"
        words = sum(1 for t in span if t.is_alpha)
        if self.last is not None and si - self.last[0] <= (2 if own and words >= 3 else 1):
            return self.last[1], None, None
        # Words in quotation marks inside a sentence are its subject's ("Sie sicherte ihm ihre „volle
        # Unterstützung“ zu"), else the last speaker nearby.
        first = self.ctx.first_word(sent)
        ref = None if self.in_quote[first] else self.ctx.speaker_at(first, 8)
        if ref is not None and ref.mention.end <= span.start:
            return ref, None, None
        if self.last is not None and si - self.last[0] <= 3:
            return self.last[1], None, None
        # Nothing else to go by: the person named last before the quote, the usual reading.
        near = self._nearest_person(span.start)
        return (near, None, None) if near is not None else None

    def _nearest_person(self, before: int) -> Referent | None:
        for m in reversed(self.ctx.mentions):
            if m.end <= before and m.label_ == "PER" and before - m.end < 120 and not self.ctx.is_genitive(m):
                info = self.ctx.people.get(m.kb_id_)
                if info is None or not info.credit_only:
                    return Referent.named(m)
        return None

    def _add_quote(self, span: Span, begin: int, end: int, ref: Referent | None, cue: str | None,
                   cue_tokens: tuple[int, int] | None, si: int, relay: Referent | None = None) -> None:
        sent = span.sent
        sentence = self.doc.char_span(sent.start_char, max(sent.end_char, end + 1), alignment_mode="expand")
        self._add(begin, end, ref, cue, sentence or sent, si, cue_tokens=cue_tokens, mode="direct",
                  relayed_by=relay)

    # -- reported speech ----------------------------------------------------
    def _indirect(self, sent: Span, si: int) -> None:
        final = self.frames.final(sent)
        limit = final.end if final is not None else sent.end_char
        inner = self.frames.verb_clauses(sent, limit)
        if inner and final is not None:
            # "Putin sagte, dass …, teilte der Kreml mit": Putin's words, relayed by the Kreml.
            for frame in inner:
                self._add_frame(frame, sent, si, relayed_by=final.ref)
            return
        if inner:
            for frame in inner:
                self._add_frame(frame, sent, si)
            return
        found = final or self.frames.according_to(sent)
        if found is None and (self._anaphoric(sent, si) or self._continues(sent, si) or self._demnach(sent, si)):
            return
        found = found or (None if self._headline(sent) else self.frames.speech_act(sent))
        if found is not None:
            self._add_frame(found, sent, si)
        else:
            self._speaker_without_claim(sent, si)

    def _headline(self, sent: Span) -> bool:
        """The article's first line when it reads as a headline (no closing punctuation): it sums up
        what the body reports (``Putin fordert Sicherheitsgarantien``), so its speech act is no claim."""
        first, line_end, line = self._first_line()
        if line_end == -1 or not first <= sent.start_char < first + len(line):
            return False  # asked of every sentence: most are past the first line
        end = sent.start_char + len(sent.text.rstrip())  # a sentence may carry the blank lines after it
        return end <= first + len(line) and not line.endswith((".", "!", "?", ":", "“", "”", '"', "«", "»"))

    def _first_line(self) -> tuple[int, int, str]:
        """Where the article's first line starts and ends, and its words; asked for each sentence."""
        if self._first is None:
            text = self.text
            first = len(text) - len(text.lstrip())
            line_end = text.find("\n", first)
            self._first = first, line_end, text[first:line_end if line_end != -1 else len(text)].rstrip()
        return self._first

    def _speaker_without_claim(self, sent: Span, si: int) -> None:
        """``X wies den Vorwurf zurück. In Zeiten knapper Kassen sei …``: X speaks on in what follows."""
        lowers, doc = self.ctx.lowers, self.doc
        # speech_lemma is None for a word outside SPEECH_WORDS: only those words become Tokens.
        verb = next((i for i in range(sent.start, sent.end) if lowers[i] in SPEECH_WORDS and not self.in_quote[i]
                     and speech_lemma(doc[i]) not in (None, "heißen") and not self.frames.conditional(sent, i)), None)
        if verb is None:
            return
        ref = self.frames.subject(sent, verb)
        if ref is not None:
            self.last = (si, ref)

    def _anaphoric(self, sent: Span, si: int) -> bool:
        """``… . Dies bestätigte der Sprecher.``: the previous sentence is the speaker's claim."""
        toks = self.ctx.words(sent)
        if si == 0 or len(toks) < 3 or toks[0].lower_ not in ("dies", "das", "dieses") or not speech_lemma(toks[1]):
            return False
        ref = self.frames.subject(sent, toks[1].i)
        prev = self.sents[si - 1]
        if ref is None or any(self.in_quote[prev.start:prev.end]):
            return False
        begin, end = char_span(self.doc, prev.start_char, prev.end_char)
        if any(c.span.begin < end and begin < c.span.end for c, _ in self.claims):
            return False  # already someone's words
        self._add(begin, end, ref, speech_lemma(toks[1]), prev, si, cue_tokens=(toks[1].i, toks[1].i + 1))
        return True

    def _add_frame(self, frame: Frame, sent: Span, si: int, relayed_by: Referent | None = None) -> None:
        begin, end = char_span(self.doc, frame.begin, frame.end)
        if frame.ref is not None:
            # Quotes inside the frame's words are the speaker's even when the clause itself is not
            # kept ("Der Iran müsse „…“ beenden, so Rice").
            self.framed.append((begin, end, frame))
        if end - begin <= 10 or self._covered(begin, end) or self._holds_framed_quote(begin, end):
            return
        self._add(begin, end, frame.ref, frame.cue, sent, si, relayed_by=relayed_by,
                  cue_tokens=frame.cue_tokens, mode=frame.mode)

    def _holds_framed_quote(self, begin: int, end: int) -> bool:
        """``„…“, sagte Putin laut einem Video``: the quote already has its speaker; the source phrase
        around it names where it was recorded, not a second claim."""
        return any(c.mode == "direct" and c.cue_span is not None and begin <= c.span.begin and c.span.end <= end
                   and begin <= c.cue_span.begin < end for c, _ in self.claims)

    def _covered(self, begin: int, end: int) -> bool:
        """Only quoted words: the quote is the claim, not a reported clause around it.

        A clause with words of its own around a quote ("es müsse Schluss sein mit „…“") is a
        reported clause, and the quote inside it a second claim: readers (and annotators) see both.
        """
        span = self.doc.char_span(begin, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        return all(self.in_quote[t.i] or t.is_punct for t in span)

    def _continues(self, sent: Span, si: int) -> bool:
        """A subjunctive sentence right after reported speech goes on reporting the same speaker."""
        if self.last is None or si - self.last[0] > 1:
            return False
        toks = self.ctx.words(sent)
        if len(toks) < 4 or not any(is_subjunctive(t) or t.lower_ in _REPORTATIVE for t in toks
                                    if not self.in_quote[t.i]):
            if not (toks and toks[0].lower_ in _CONTINUERS and any(is_subjunctive(t) for t in toks)):
                return False
        begin, end = char_span(self.doc, sent.start_char, sent.end_char)
        if self._covered(begin, end) or self._about_the_speaker(toks, self.last[1]):
            return False
        if self._own_speech_act(toks, sent, self.last[1]):
            return False
        prev = self.claims[-1][0] if self.claims else None
        if prev is not None and prev.mode == "free" and self.last_claim_si == si - 1:
            # One claim for a run of subjunctive sentences, as readers see it.
            prev.span = TextSpan(prev.span.begin, end, self.text[prev.span.begin:end])
            if prev.sentence is not None:
                prev.sentence = TextSpan(prev.sentence.begin, sent.end_char,
                                         self.text[prev.sentence.begin:sent.end_char])
            self.last_claim_si = si
            self.last = (si, self.last[1])
            return True
        self._add(begin, end, self.last[1], None, sent, si, mode="free")
        return True

    def _demnach(self, sent: Span, si: int) -> bool:
        """``Die Kommission legte ihren Bericht vor. Demnach …``: what the previous sentence's source says."""
        toks = self.ctx.words(sent)
        word = next((t for t in toks[:6] if t.lower_ == "demnach" and not self.in_quote[t.i]), None)
        if word is None or si == 0 or len(toks) < 4:
            return False
        if self.last is not None and self.last[0] == si - 1:
            ref: Referent | None = self.last[1]
        else:
            # Only a source the previous sentence reports as speaking ("gab … bekannt", "legte … vor").
            prev = self.sents[si - 1]
            verb = first_speech_verb(self.doc, prev.start, prev.end, self.in_quote)
            ref = self.frames.subject(prev, verb.i) if verb is not None else None
        if ref is None:
            return False
        begin = self.doc[word.i + 1].idx if word.i == toks[0].i and word.i + 1 < sent.end else sent.start_char
        self._add(begin, sent.end_char, ref, "demnach", sent, si, cue_tokens=(word.i, word.i + 1))
        return True

    def _own_speech_act(self, toks: list, sent: Span, speaker: Referent) -> bool:
        """``Der Präsident informierte Biden über …, falls … würden``: an indicative speech verb near
        the start with a subject of its own reports that subject, not the previous speaker."""
        for tok in toks[:8]:
            if speech_lemma(tok) and not self.in_quote[tok.i] and not is_subjunctive(tok):
                ref = self.frames.subject(sent, tok.i)
                return ref is not None and ref.key != speaker.key
        return False

    def _about_the_speaker(self, toks: list, speaker: Referent) -> bool:
        """``Putin habe …`` after Putin's words: people do not name themselves, so someone else reports."""
        for tok in toks[:4]:
            m = self.ctx.by_token.get(tok.i)
            if m is not None:
                return m.label_ == "PER" and m.kb_id_ == speaker.key and not self.ctx.is_genitive(m)
        return False

    # -- output ---------------------------------------------------------------
    def _add(self, begin: int, end: int, ref: Referent | None, cue: str | None, sent: Span, si: int,
             relayed_by: Referent | None = None, cue_tokens: tuple[int, int] | None = None,
             mode: str = "indirect") -> None:
        direct = mode == "direct"
        begin, end = char_span(self.doc, begin, end)
        while direct and end > begin and self.text[end - 1] in ".,;: ":
            end -= 1  # a quote's own full stop is punctuation, not words
        if end <= begin:
            return
        cue_span = None
        if cue_tokens is not None:
            words = self.doc[cue_tokens[0]:cue_tokens[1]]
            cue_span = TextSpan(words.start_char, words.end_char, self.text[words.start_char:words.end_char])
        text = self.text
        claim = Claim(
            span=TextSpan(begin, end, text[begin:end]), direct=direct, mode=mode,  # type: ignore[arg-type]
            speaker=ref.key if ref else None, speaker_mention=_mention(ref) if ref else None, cue=cue,
            cue_span=cue_span, sentence=TextSpan(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
            relayed_by=relayed_by.key if relayed_by and (not ref or relayed_by.key != ref.key) else None,
        )
        self.last_claim_si = si
        self.claims.append((claim, ref))
        # An unattributed "hieß es" ends the chain: what follows is not the previous speaker's.
        self.last = (si, ref) if ref is not None else None
        if ref is not None:
            self.ctx.note_speaker(ref.mention.start, ref.key)
        if relayed_by is not None and relayed_by.type == "person":
            # "zitierte Uschakow den Staatschef. Ihm zufolge …": the one who spoke up is the one "ihm" means
            self.ctx.note_speaker(relayed_by.mention.start, relayed_by.key)


def iter_claims(ctx: Context) -> Iterator[tuple[Claim, Referent | None]]:
    yield from SpeechFinder(ctx).run()
