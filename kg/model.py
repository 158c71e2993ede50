"""Plain data that flows between the rooms: sources -> extract -> rdf.

Nothing here knows spaCy, RDF or the store, so each stage can be tested
with hand-built values. Offsets are Python ``str`` indices (code points)
into ``SourceArticle.text`` exactly as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EventKind = Literal["call", "meeting"]
Medium = Literal["phone", "video", "meeting"]
Status = Literal["happened", "planned"]
MentionKind = Literal["name", "role", "pronoun", "credit", "org", "description"]
ClaimMode = Literal["direct", "indirect", "free", "reported"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[begin:end]``."""

    begin: int
    end: int
    text: str


@dataclass
class SourceArticle:
    """One article as read from disk, before any language processing."""

    id: str
    text: str
    origin: str  # the file (and line, for JSON lines) it came from, for messages
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    # Lines that are site chrome (registration prompts, "Abonnieren", widgets):
    # kept in ``text`` so offsets stay true, but never read for facts.
    boilerplate: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Mention(Span):
    """Words of the article that stand for a person or organization."""

    kind: MentionKind = "name"


@dataclass
class Entity:
    """A person or organization as named in one article.

    ``key`` is the canonical name (``Wladimir Putin``); resolution across
    articles turns it into an IRI.
    """

    key: str
    # "agent": a speaker the article only describes ("ein Polizeisprecher", "die Richter");
    # its key is article-scoped and ``label`` holds the description.
    type: Literal["person", "org", "agent"] = "person"
    label: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # Photo credits and bylines name a person who is neither speaker nor participant.
    credit_only: bool = False


@dataclass
class Claim:
    """Something a person or organization said, direct or reported."""

    span: Span  # the claim's words (the quote, or the reported clause)
    direct: bool
    # direct: in quotation marks; indirect: clause after a speech frame; free: subjunctive sentences
    # going on with the last speaker; reported: a sentence that reports a speech act as a whole.
    mode: ClaimMode | None = None
    speaker: str | None = None  # Entity.key; None for an unattributed "hieß es"
    speaker_mention: Mention | None = None
    cue: str | None = None  # lemma of the speech verb or frame ("sagen", "laut")
    cue_span: Span | None = None
    sentence: Span | None = None
    said_on: str | None = None  # ISO date (or YYYY-MM / YYYY) of the utterance
    said_on_stated: bool = False  # True: the text states it; False: publication date
    relayed_by: str | None = None  # Entity.key of who passed the words on
    event: int | None = None  # index into Extraction.events: the call or meeting the words were said in

    def __post_init__(self) -> None:
        if self.mode is None:
            self.mode = "direct" if self.direct else "indirect"


@dataclass
class Event:
    """A call or meeting the article reports."""

    kind: EventKind
    medium: Medium
    participants: list[str]  # Entity.key, at least two
    trigger: Span
    date: str | None = None  # ISO date, YYYY-MM or YYYY
    status: Status = "happened"
    sentence: Span | None = None


@dataclass
class Extraction:
    """Everything read from one article."""

    article: SourceArticle
    published: date | None  # metadata, else the dateline
    published_from: Literal["metadata", "dateline", "unknown"] = "unknown"
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def persons(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == "person"]

    @property
    def organizations(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == "org"]


@dataclass
class SourceError:
    """A file (or record) that could not be read, with what to do about it."""

    origin: str
    problem: str
    hint: str
    # False for a warning (e.g. a broken sidecar) where the article was still built.
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem} ({self.hint})"
