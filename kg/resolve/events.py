"""One node per call or meeting across the whole store.

Reports of the same kind of event, on the same day, between the same
(resolved) persons are one event, derived from every article that reports
it. A planned call and the report that it took place are one event; the
status says what the latest knowledge is: happened wins over planned.
Undated events stay within their article: without a date, two reports of
the same people talking cannot be told apart from two conversations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from kg.resolve.iris import Minter

_STATUS_RANK = {"planned": 0, "happened": 1}
_WORDS = {"phone": "Telefonat", "video": "Videogespräch", "meeting": "Treffen", "call": "Gespräch"}


@dataclass(frozen=True)
class LocalEvent:
    """An event as one article reports it; participants are that article's person IRIs."""

    graph: str
    iri: str
    kind: str  # "call" or "meeting"
    date: str | None
    participants: frozenset[str]
    status: str
    medium: str | None  # "phone", "video", "meeting", or None when the article does not say


@dataclass
class GlobalEvent:
    iri: str
    kind: str
    date: str | None
    participants: list[str]  # global person IRIs, sorted
    status: str = "planned"
    media: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)

    def label(self, names: dict[str, str]) -> str:
        # Reports that disagree on the medium (one says Telefonat, another Videoschalte) get the plain word.
        medium = next(iter(self.media)) if len(self.media) == 1 else ("meeting" if self.kind == "meeting" else "call")
        who = " – ".join(sorted(names.get(p, p.rsplit("/", 1)[-1]) for p in self.participants))
        return f"{_WORDS[medium]}: {who}" + (f" ({self.date})" if self.date else "")


@dataclass
class EventResolution:
    iri_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (graph, local IRI) -> global IRI
    events: dict[str, GlobalEvent] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # the IRI its article alone gave -> global IRI


def _event_iri(ev: LocalEvent, people: list[str], minter: Minter) -> str:
    slugs = [p.rsplit("/", 1)[-1] for p in people]
    return minter.event(ev.kind, ev.date, slugs, article_id(ev.graph, minter))


def article_id(graph: str, minter: Minter) -> str:
    """The article id back from its graph IRI (``…/article/ID``)."""
    prefix = minter.article("")
    return unquote(graph[len(prefix):]) if graph.startswith(prefix) else graph.rsplit("/", 1)[-1]


def resolve_events(events: Iterable[LocalEvent], person_iri: dict[tuple[str, str], str],
                   minter: Minter, alone_iri: dict[tuple[str, str], str] | None = None) -> EventResolution:
    """``person_iri``: each article's person IRIs resolved; ``alone_iri``: the IRIs each article
    alone gave them, from which the event IRIs a smaller store used are derived (for redirects)."""
    out = EventResolution()
    for ev in sorted(set(events), key=lambda e: (e.graph, e.iri)):
        people = sorted({person_iri.get((ev.graph, p), p) for p in ev.participants})
        iri = _event_iri(ev, people, minter)
        out.iri_of[(ev.graph, ev.iri)] = iri
        if alone_iri is not None:
            alone = _event_iri(ev, sorted({alone_iri.get((ev.graph, p), p) for p in ev.participants}), minter)
            if alone != iri:
                out.aliases[alone] = iri
        merged = out.events.setdefault(iri, GlobalEvent(iri, ev.kind, ev.date, people))
        if _STATUS_RANK.get(ev.status, 0) > _STATUS_RANK.get(merged.status, 0) or not merged.graphs:
            merged.status = ev.status
        if ev.medium:
            merged.media.add(ev.medium)
        merged.graphs.add(ev.graph)
    out.aliases = {a: b for a, b in out.aliases.items() if a not in out.events}
    return out
