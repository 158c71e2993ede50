"""Calls and meetings: trigger words, participants, date and status.

A sentence with a call or meeting word and at least two persons is an
event. A sentence that only speaks of a wish or a possibility (``offen für
ein weiteres Treffen``) is not. Planned events (``wird am Donnerstag …
führen``, ``geplant``) are kept with status ``planned``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from kg.extract import lexicon as lx
from kg.extract.coref import Context
from kg.extract.dates import find_dates, sentence_tense
from kg.extract.quotes import find_quotes
from kg.extract.speech import speech_lemma
from kg.model import Event
from kg.model import Span as TextSpan


@dataclass
class _Trigger:
    token: Token
    kind: str
    medium: str


def trigger_of(tok: Token) -> tuple[str, str] | None:
    """(kind, medium) when the token names a call or meeting (``Telefonat``, ``Videokonferenz``, ``trafen``)."""
    low = tok.lower_
    for stem, kind, medium in lx.CALL_TRIGGERS:
        if low == stem or (low.startswith(stem) and len(low) - len(stem) <= 3) or (
                low.endswith(stem) and "-" in low and kind == "call"):
            if stem in ("treffen",) and tok.text[:1].islower() and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "zu":
                return None  # "um sich zu treffen" speaks of an intention
            return kind, medium
    if low in ("gespräch", "gespräche", "gesprächs", "gesprächen") and tok.i > 0:
        prev = tok.doc[tok.i - 1].lower_
        if prev.startswith(("telefon", "video", "virtuell", "online")):
            return "call", "phone" if prev.startswith("telefon") else "video"
    return None


def _status(sent: Span) -> str | None:
    """'happened', 'planned', or None for a wish or possibility."""
    low = sent.text.lower()
    if any(h in low for h in lx.HYPOTHETICAL):
        return None
    tense = sentence_tense(sent.text)
    if tense == "future" or "geplant" in low or "angekündigt" in low or "anberaumt" in low:
        return "planned"
    return "happened"


class EventFinder:
    def __init__(self, ctx: Context, published: date | None) -> None:
        self.ctx = ctx
        self.published = published
        self.text = ctx.doc.text
        self.quotes = find_quotes(self.text)

    def _date(self, sent: Span) -> str | None:
        found = find_dates(self.text, self.published, start=sent.start_char, end=sent.end_char)
        days = [d.value for d in found if len(d.value) == 10] or [d.value for d in found]
        return days[0] if days else None

    def _quoted(self, tok: Token) -> bool:
        """Whether the token stands inside a quotation."""
        return any(q.begin < tok.idx < q.end for q in self.quotes)

    @staticmethod
    def _reporter(sent: Span, tok: Token, trigger: Token) -> bool:
        """The token stands in a comma-separated segment with a speech verb and without the trigger."""
        def segment(t: Token) -> tuple[int, int]:
            b = t.i
            while b > sent.start and sent.doc[b - 1].text not in (",", ":", ";"):
                b -= 1
            e = t.i
            while e < sent.end - 1 and sent.doc[e + 1].text not in (",", ":", ";"):
                e += 1
            return b, e

        seg = segment(tok)
        if seg == segment(trigger):
            return False
        return any(speech_lemma(t) for t in sent.doc[seg[0]:seg[1] + 1])

    def run(self) -> list[Event]:
        events: list[Event] = []
        dated: dict[tuple[str, str], str] = {}  # the date of each (kind, medium) where the text gives one
        for sent in self.ctx.doc.sents:
            found = [(t, hit) for t in sent if (hit := trigger_of(t))]
            if not found:
                continue
            trig, (kind, medium) = found[0]
            when = self._date(sent)
            if when and (kind, medium) not in dated:
                dated[(kind, medium)] = when
            status = _status(sent)
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
                sentence=TextSpan(sent.start_char, sent.end_char, sent.text),
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
