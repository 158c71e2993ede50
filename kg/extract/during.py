"""Which call or meeting a claim was said in, where the text places the saying there.

A claim stays with its article; this only sets ``Claim.event`` when a careful
reader would say the words were spoken in the conversation:

- the claim's frame names the event with a preposition of "in/during"
  (``bei dem Telefonat``, ``beim Treffen``, ``während des Gesprächs``,
  ``im Gespräch mit X``, ``in einem Videoanruf mit X`` where that phrase is
  itself the event's report);
- ``dabei`` in the frame, right after the sentence that reports the event,
  and the speaker takes part in it;
- the claim's sentence is the event's sentence, the speaker takes part, and
  nothing puts the saying before or after it (``Hartmann telefonierte mit
  Dubois und sagte, …``);
- free indirect speech goes on with the event of the claim it continues.

Words about the event inside the claim itself (``sagte, das Telefonat sei
konstruktiv gewesen``) say what the speaker said *about* it, not *in* it, so
only the frame (the sentence outside the claim's words and outside quotes)
is read. ``nach dem Treffen`` / ``danach`` place the saying after the event
and never link.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from kg.extract.coref import Context
from kg.extract.docindex import doc_offsets, doc_spaces, doc_text
from kg.extract.events import trigger_of
from kg.extract.quotes import find_quotes
from kg.extract.verbs import speech_lemma
from kg.model import Claim, Event

# Prepositions that place the saying in the event ("beim" = "bei dem").
_DURING = frozenset({"bei", "während", "in", "auf"})
_FUSED = {"beim": "bei", "im": "in", "vorm": "vor"}
# Determiners that point back to something already named: definite, demonstrative, possessive.
_DEFINITE = frozenset({"dem", "der", "den", "des", "die", "diesem", "dieser", "dieses", "diesen", "jenem", "jener",
                       "jenes", "ihrem", "ihrer", "ihres", "ihren", "seinem", "seiner", "seines", "seinen",
                       "deren", "dessen"})
# Indefinites introduce an event rather than refer to one: only where that phrase is the event's own report.
_INDEFINITE = frozenset({"einem", "einer", "eines"})
_DETERMINERS = _DEFINITE | _INDEFINITE
# Conversation words that fit a call or a meeting alike; the event finder does not count them as triggers.
_GENERIC = frozenset({"gespräch", "gesprächs", "gespräche", "gesprächen", "unterredung", "unterredungen",
                      "aussprache", "beratungen"})
# Words that put the saying before or after the event rather than in it.
_OUTSIDE_ADVERBS = frozenset({"danach", "anschließend", "später", "zuvor", "vorher", "davor", "nachher",
                              "hinterher", "vorab", "anschluss", "vorfeld", "tags"})
_OUTSIDE_PREPS = frozenset({"nach", "vor", "seit"})
_PREPOSITIONS = _DURING | _OUTSIDE_PREPS
# Pluperfect auxiliaries: the event lies before the time of the main clause ("…, die mit X telefoniert hatte, …").
_ANTERIOR = frozenset({"hatte", "hatten", "war", "waren"})
# Openers of a clause that describes someone or something instead of placing the saying.
_RELATIVE = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welcher", "welche",
                       "welches", "welchem", "welchen", "nachdem", "bevor", "ehe", "seit", "seitdem", "sobald"})
_MAX_ADJECTIVES = 2  # "bei dem gestrigen langen Telefonat"
_WITH_WINDOW = 6  # tokens read after "mit" / "zwischen" for the other participant


def link_claims_to_events(ctx: Context, claims: list[Claim], events: list[Event]) -> None:
    """Set ``claim.event`` (an index into ``events``) where the text says the claim was said in that event."""
    if not events:
        return
    linker = _Linker(ctx, events)
    previous: Claim | None = None
    for claim in sorted(claims, key=lambda c: c.span.begin):
        claim.event = linker.event_of(claim)
        if claim.event is None and claim.mode == "free" and previous is not None \
                and previous.speaker == claim.speaker:
            claim.event = previous.event  # subjunctive sentences go on with the same utterance
        previous = claim


class _Linker:
    def __init__(self, ctx: Context, events: list[Event]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.events = events
        self.quotes = find_quotes(doc_text(self.doc))
        self._quote_begins = [q.begin for q in self.quotes]

    # -- the claim's frame ---------------------------------------------------
    def _quoted(self, idx: int) -> bool:
        # Quotations are disjoint and in text order: only the last one opening at or before idx can hold it.
        k = bisect_right(self._quote_begins, idx) - 1
        return k >= 0 and idx < self.quotes[k].end

    def frame(self, claim: Claim) -> list[Token]:
        """Tokens of the claim's sentence outside its words and outside any quotation."""
        sent = claim.sentence
        if sent is None:
            return []
        span = self.doc.char_span(sent.begin, sent.end, alignment_mode="expand")
        if span is None:
            return []
        # Read from the Doc's arrays: most of the sentence is the claim, and those words need no Token.
        spaces, offsets, doc = doc_spaces(self.doc), doc_offsets(self.doc), self.doc
        return [doc[i] for i in range(span.start, span.end) if not spaces[i]
                and not (claim.span.begin <= offsets[i] < claim.span.end) and not self._quoted(offsets[i])]

    # -- deciding ------------------------------------------------------------
    def event_of(self, claim: Claim) -> int | None:
        frame = self.frame(claim)
        if not frame:
            return None
        for rule in (self._referred, self._dabei, self._same_sentence):
            found = rule(claim, frame)
            if found is not None and self._dates_agree(claim, self.events[found]):
                return found
        return None

    def _referred(self, claim: Claim, frame: list[Token]) -> int | None:
        """``bei dem Telefonat``, ``während des Treffens``, ``im Gespräch mit X``, in the frame."""
        in_frame = {t.i for t in frame}
        for tok in frame:
            kind = _noun_kind(tok)
            phrase = _preposition_of(tok) if kind else None
            if kind is None or phrase is None or phrase[0] not in in_frame or phrase[1] not in _DURING:
                continue
            own = self._triggered_by(tok)
            if own is not None:
                return own  # "in einem Telefonat mit X sagte Y": the phrase reports the event itself
            if phrase[2] != "definite":
                continue  # "bei einem Treffen mit Gewerkschaftern": some other, unreported meeting
            named = self._named_with(tok, claim)
            if named is None:
                continue
            found = self._nearest(kind, tok.idx, named, speaker=claim.speaker if kind == "any" else None)
            if found is not None:
                return found
        return None

    def _dabei(self, claim: Claim, frame: list[Token]) -> int | None:
        """``… trafen sich in Paris. Dabei betonte Dubois, …``: the event of the sentence before."""
        dabei = next((t for t in frame if t.lower_ == "dabei"), None)
        # "Dabei hatte sie noch im Januar gesagt": with the pluperfect, "dabei" means "and yet".
        if dabei is None or claim.speaker is None or _says_outside(frame) or any(t.lower_ in _ANTERIOR for t in frame):
            return None
        sent = dabei.sent
        before = [t for t in sent if t.i < dabei.i]
        if sent.start > 0:
            before += list(self.doc[sent.start - 1].sent)
        kinds = {hit[0] for t in before if not self._quoted(t.idx) and (hit := trigger_of(t))}
        candidates = [self._nearest(kind, dabei.idx, set(), speaker=claim.speaker) for kind in kinds]
        found = [i for i in candidates if i is not None]
        return max(found, key=lambda i: self.events[i].trigger.begin) if found else None

    def _same_sentence(self, claim: Claim, frame: list[Token]) -> int | None:
        """The claim's frame holds the event's own trigger and the speaker takes part in it."""
        if claim.speaker is None or _says_outside(frame):
            return None
        for tok in frame:
            own = self._triggered_by(tok)
            if own is None or claim.speaker not in self.events[own].participants:
                continue
            if _before_or_after(tok) or self._subordinate(tok, frame):
                continue
            return own
        return None

    # -- helpers -------------------------------------------------------------
    def _triggered_by(self, tok: Token) -> int | None:
        """The happened event whose trigger is this token."""
        for i, ev in enumerate(self.events):
            if ev.status == "happened" and ev.trigger.begin == tok.idx:
                return i
        return None

    def _nearest(self, kind: str, before: int, named: set[str], speaker: str | None) -> int | None:
        """The happened event of that kind reported last before ``before`` (else the only one).

        ``named``: persons the reference names beside the speaker, one of whom must take part;
        ``speaker``: given when the speaker must take part.
        """
        fits = [i for i, ev in enumerate(self.events) if ev.status == "happened"
                and (kind == "any" or ev.kind == kind)
                and (not named or named & set(ev.participants))
                and (speaker is None or speaker in ev.participants)]
        earlier = [i for i in fits if self.events[i].trigger.begin <= before]
        if earlier:
            return max(earlier, key=lambda i: self.events[i].trigger.begin)
        return fits[0] if len(fits) == 1 else None

    def _named_with(self, noun: Token, claim: Claim) -> set[str] | None:
        """Persons after ``mit`` / ``zwischen`` following the noun; None when the partner is no participant.

        ``im Gespräch mit der Zeitung`` names no person: for a generic conversation word that is an
        interview, not the call, so it gives None (no link); for a call or meeting word it gives no filter.
        """
        nxt = noun.i + 1
        if nxt >= len(self.doc) or self.doc[nxt].lower_ not in ("mit", "zwischen"):
            return set()
        end = nxt + 1
        while end < min(len(self.doc), nxt + 1 + _WITH_WINDOW) and self.doc[end].text not in (",", ".", ";", ":") \
                and not speech_lemma(self.doc[end]):
            end += 1
        named = {ref.key for ref in self.ctx.persons_in(nxt + 1, end)} - {claim.speaker}
        if not named and _noun_kind(noun) == "any":
            return None
        return named

    def _subordinate(self, trigger: Token, frame: list[Token]) -> bool:
        """The trigger stands in a relative or temporal clause, or in pluperfect: it is background."""
        sent = trigger.sent
        b = trigger.i
        while b > sent.start and self.doc[b - 1].text not in (",", ";", ":", "–"):
            b -= 1
        e = trigger.i
        while e < sent.end - 1 and self.doc[e + 1].text not in (",", ";", ":", "–"):
            e += 1
        segment = self.doc[b:e + 1]
        if any(t.lower_ in _ANTERIOR for t in segment):
            return True
        opens_clause = b > sent.start
        first = [t.lower_ for t in segment[:2]]
        return opens_clause and bool(first) and (first[0] in _RELATIVE or (
            len(first) > 1 and first[1] in _RELATIVE and trigger.i - b > 2 + _MAX_ADJECTIVES))

    def _dates_agree(self, claim: Claim, event: Event) -> bool:
        """A stated day (or month, year) of saying that is not the event's rules the event out."""
        if not claim.said_on_stated or not claim.said_on or not event.date:
            return True
        n = min(len(claim.said_on), len(event.date))  # "im Januar" against a day in March
        return claim.said_on[:n] == event.date[:n]


def _noun_kind(tok: Token) -> str | None:
    """"call" / "meeting" for a call or meeting noun, "any" for a plain conversation word."""
    if not tok.text[:1].isupper():
        return None
    if tok.lower_ in _GENERIC:
        hit = trigger_of(tok)  # "Telefongespräch", "Video-Gespräch" name their medium
        return hit[0] if hit else "any"
    hit = trigger_of(tok)
    return hit[0] if hit else None


def _preposition_of(noun: Token) -> tuple[int, str, str] | None:
    """The preposition heading the noun's phrase: (its token index, the preposition, "definite"/"indefinite"/"bare").

    ``beim`` / ``im`` count as ``bei`` / ``in`` with a definite article; up to two adjectives may stand
    between determiner and noun (``bei dem gestrigen Telefonat``).
    """
    doc = noun.doc
    j = noun.i - 1
    skipped = 0
    while j >= noun.sent.start and skipped < _MAX_ADJECTIVES and doc[j].text[:1].islower() and doc[j].is_alpha \
            and doc[j].lower_ not in _DETERMINERS | _PREPOSITIONS:
        j -= 1
        skipped += 1
    if j < noun.sent.start:
        return None
    word = doc[j].lower_
    if word in _FUSED:
        return j, _FUSED[word], "definite"
    if word in _PREPOSITIONS:
        return j, word, "bare"
    if word in _DETERMINERS and j - 1 >= noun.sent.start and doc[j - 1].lower_ in _PREPOSITIONS:
        return j - 1, doc[j - 1].lower_, "definite" if word in _DEFINITE else "indefinite"
    return None


def _before_or_after(trigger: Token) -> bool:
    """``nach dem Telefonat``, ``vor ihrem Treffen``: the trigger's phrase places it outside the saying."""
    phrase = _preposition_of(trigger) if trigger.text[:1].isupper() else None
    return phrase is not None and phrase[1] in _OUTSIDE_PREPS


def _says_outside(frame: list[Token]) -> bool:
    """``danach``, ``anschließend``, ``zuvor``, ``im Anschluss`` in the frame."""
    return any(t.lower_ in _OUTSIDE_ADVERBS for t in frame)
