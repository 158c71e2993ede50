"""Calls and meetings: trigger words, participants, date and status.

A sentence with a call or meeting word and at least two persons is an
event. A sentence that only speaks of a wish or a possibility (``offen für
ein weiteres Treffen``) is not. Planned events (``wird am Donnerstag …
führen``, ``geplant``) are kept with status ``planned``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract import lexicon as lx
from kg.extract.coref import Context
from kg.extract.dates import find_dates
from kg.extract.docindex import doc_lowers, doc_text, doc_texts
from kg.extract.quotes import find_quotes
from kg.extract.speech import speech_lemma
from kg.extract.tense import sentence_tense
from kg.model import Event
from kg.model import Span as TextSpan


@dataclass
class _Trigger:
    token: Token
    kind: str
    medium: str


@lru_cache(maxsize=1 << 16)
def _trigger_stem(low: str) -> tuple[str, str, str] | None:
    """The first (stem, kind, medium) a lowercase word matches; asked for every token of every sentence."""
    for stem, kind, medium in lx.CALL_TRIGGERS:
        if low == stem or (low.startswith(stem) and len(low) - len(stem) <= 3) or (
                low.endswith(stem) and "-" in low and kind == "call"):
            return stem, kind, medium
    return None


_CONVERSATION = ("gespräch", "gespräche", "gesprächs", "gesprächen")


def trigger_of(tok: Token) -> tuple[str, str] | None:
    """(kind, medium) when the token names a call or meeting (``Telefonat``, ``Videokonferenz``, ``trafen``)."""
    low = tok.lower_
    hit = _trigger_stem(low)
    if hit is not None:
        stem, kind, medium = hit
        if stem in ("treffen",) and tok.text[:1].islower() and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "zu":
            return None  # "um sich zu treffen" speaks of an intention
        return kind, medium
    if low in _CONVERSATION and tok.i > 0:
        prev = tok.doc[tok.i - 1].lower_
        if prev.startswith(("telefon", "video", "virtuell", "online")):
            return "call", "phone" if prev.startswith("telefon") else "video"
    return None


def _status(text: str) -> str | None:
    """'happened', 'planned', or None for a wish or possibility, from the sentence's text."""
    low = text.lower()
    if any(h in low for h in lx.HYPOTHETICAL):
        return None
    tense = sentence_tense(text)
    if tense == "future" or "geplant" in low or "angekündigt" in low or "anberaumt" in low:
        return "planned"
    return "happened"


class EventFinder:
    def __init__(self, ctx: Context, published: date | None) -> None:
        self.ctx = ctx
        self.published = published
        self.text = doc_text(ctx.doc)
        self.quotes = find_quotes(self.text)
        self._quote_begins = [q.begin for q in self.quotes]
        # Tokens whose word has a call or meeting stem (or is a "Gespräch"): the only ones
        # ``trigger_of`` can accept. Found in one pass (map runs the cached test in C) for all sentences.
        lowers = doc_lowers(ctx.doc)
        self._candidates = [i for i, stem in enumerate(map(_trigger_stem, lowers))
                            if stem is not None or lowers[i] in _CONVERSATION]

    def _date(self, sent: Span) -> str | None:
        found = find_dates(self.text, self.published, start=sent.start_char, end=sent.end_char)
        days = [d.value for d in found if len(d.value) == 10] or [d.value for d in found]
        return days[0] if days else None

    def _quoted(self, tok: Token) -> bool:
        """Whether the token stands inside a quotation."""
        # Quotations are disjoint and in text order: only the last one opening before the token can hold it.
        k = bisect_left(self._quote_begins, tok.idx) - 1
        return k >= 0 and tok.idx < self.quotes[k].end

    @staticmethod
    def _reporter(sent: Span, tok: Token, trigger: Token) -> bool:
        """The token stands in a comma-separated segment with a speech verb and without the trigger."""
        texts = doc_texts(sent.doc)

        def segment(t: Token) -> tuple[int, int]:
            b = t.i
            while b > sent.start and texts[b - 1] not in (",", ":", ";"):
                b -= 1
            e = t.i
            while e < sent.end - 1 and texts[e + 1] not in (",", ":", ";"):
                e += 1
            return b, e

        seg = segment(tok)
        if seg == segment(trigger):
            return False
        return any(speech_lemma(t) for t in sent.doc[seg[0]:seg[1] + 1])

    def _first_trigger(self, sent: Span) -> tuple[Token, tuple[str, str]] | None:
        doc = self.ctx.doc
        first = bisect_left(self._candidates, sent.start)
        for i in self._candidates[first:bisect_left(self._candidates, sent.end, first)]:
            hit = trigger_of(doc[i])
            if hit:
                return doc[i], hit
        return None

    def run(self) -> list[Event]:
        events: list[Event] = []
        dated: dict[tuple[str, str], str] = {}  # the date of each (kind, medium) where the text gives one
        for sent in self.ctx.doc.sents:
            found = self._first_trigger(sent)
            if found is None:
                continue
            trig, (kind, medium) = found
            when = self._date(sent)
            if when and (kind, medium) not in dated:
                dated[(kind, medium)] = when
            sent_text = self.text[sent.start_char:sent.end_char]
            status = _status(sent_text)
            people = []
            quoted = self._quoted(trig)
            for ref in self.ctx.persons_in(sent.start, sent.end):
                # Who reports the call ("wie Krüger mitteilte", a speaker outside the quote) is not in it.
                if self._quoted(ref.mention[0]) != quoted or self._reporter(sent, ref.mention[0], trig):
                    continue
                if ref.key not in people and not self.ctx.people[ref.key].credit_only:
                    people.append(ref.key)
            if status is None or len(people) < 2:
                continue
            events.append(Event(
                kind=kind, medium=medium, participants=people, date=when, status=status,  # type: ignore[arg-type]
                trigger=TextSpan(trig.idx, trig.idx + len(trig.text), trig.text),
                sentence=TextSpan(sent.start_char, sent.end_char, sent_text),
            ))
        for ev in events:
            if ev.date is None:
                ev.date = dated.get((ev.kind, ev.medium))
        return _merge(events)


def _merge(events: list[Event]) -> list[Event]:
    """One event per (kind, medium, date) within an article when the reports share two participants.

    Participants named in more than half of the reports are kept, so a person
    only mentioned beside one report ("… während Minister X zuhörte") does not
    turn the event into another one.
    """
    groups: list[list[Event]] = []
    for ev in events:
        for group in groups:
            head = group[0]
            if (head.kind, head.medium, head.date) == (ev.kind, ev.medium, ev.date) and \
                    len(set(head.participants) & set(ev.participants)) >= 2:
                group.append(ev)
                break
        else:
            groups.append([ev])
    merged = []
    for group in groups:
        ev = group[0]
        counts: dict[str, int] = {}
        for other in group:
            for p in other.participants:
                counts[p] = counts.get(p, 0) + 1
        keep = [p for p, n in counts.items() if n * 2 > len(group)] if len(group) > 1 else ev.participants
        if len(keep) >= 2:
            ev.participants = keep
        if any(o.status == "happened" for o in group):
            ev.status = "happened"
        merged.append(ev)
    # An undated report of the same people and medium adds nothing beside a dated one.
    dated = {(e.kind, e.medium, frozenset(e.participants)) for e in merged if e.date}
    return [e for e in merged if e.date or (e.kind, e.medium, frozenset(e.participants)) not in dated]
