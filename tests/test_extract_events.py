"""Calls and meetings found by ``kg.extract.events`` through the Extractor and on pipeline Docs.

Invented German news text. 2024-03-14 is a Thursday, 2024-03-12 a Tuesday.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from kg.extract import Extractor
from kg.extract.events import trigger_of
from kg.model import Event, Extraction, SourceArticle

THURSDAY = date(2024, 3, 14)
TUESDAY = date(2024, 3, 12)
BOTH = ["Sabine Hartmann", "Luc Moreau"]


def read(extractor: Extractor, text: str, published: date = THURSDAY) -> Extraction:
    return extractor.extract(SourceArticle(id="events", text=text, origin="test", published=published))


def only_event(x: Extraction) -> Event:
    assert len(x.events) == 1, [(e.kind, e.participants, e.date) for e in x.events]
    ev = x.events[0]
    text = x.article.text
    assert text[ev.trigger.begin:ev.trigger.end] == ev.trigger.text
    if ev.sentence is not None:
        assert text[ev.sentence.begin:ev.sentence.end] == ev.sentence.text
    return ev


def test_events_phone_call_past_weekday(extractor: Extractor) -> None:
    text = "Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit dem französischen Präsidenten Luc Moreau."
    ev = only_event(read(extractor, text))
    assert (ev.kind, ev.medium, ev.status) == ("call", "phone", "happened")
    assert ev.participants == BOTH
    assert ev.date == "2024-03-12"  # the latest Tuesday on or before Thursday 14 March
    assert (ev.trigger.text, ev.trigger.begin) == ("telefonierte", text.index("telefonierte"))


def test_events_video_conference(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann und Präsident Luc Moreau berieten am Montag in einer Videokonferenz "
            "über die Lage.")
    ev = only_event(read(extractor, text))
    assert (ev.kind, ev.medium, ev.status, ev.date) == ("call", "video", "happened", "2024-03-11")
    assert ev.participants == BOTH
    assert ev.trigger.text == "Videokonferenz"


def test_events_meeting(extractor: Extractor) -> None:
    text = "Bundeskanzlerin Sabine Hartmann und Präsident Luc Moreau trafen sich am Mittwoch in Paris."
    ev = only_event(read(extractor, text))
    assert (ev.kind, ev.medium, ev.status, ev.date) == ("meeting", "meeting", "happened", "2024-03-13")
    assert ev.participants == BOTH
    assert ev.trigger.text == "trafen"


def test_events_planned_call_next_weekday(extractor: Extractor) -> None:
    text = "Bundeskanzlerin Sabine Hartmann wird am Donnerstag ein Telefongespräch mit Präsident Luc Moreau führen."
    ev = only_event(read(extractor, text, published=TUESDAY))
    assert (ev.kind, ev.medium, ev.status) == ("call", "phone", "planned")
    assert ev.date == "2024-03-14"  # the next Thursday after Tuesday 12 March
    assert ev.participants == BOTH


def test_events_hoped_for_meeting_is_no_event(extractor: Extractor) -> None:
    text = "Bundeskanzlerin Sabine Hartmann zeigte sich offen für ein weiteres Treffen mit Präsident Luc Moreau."
    x = read(extractor, text)
    assert len(x.persons) == 2  # both are found; the sentence just reports no event
    assert x.events == []


def test_events_single_person_is_no_event(extractor: Extractor) -> None:
    text = "Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit Vertretern der Industrie."
    assert read(extractor, text).events == []


def test_events_speaker_outside_quote_is_not_participant(extractor: Extractor) -> None:
    text = ("Außenminister Jonas Weber äußerte sich in Berlin. "
            "„Sabine Hartmann hat gestern mit Luc Moreau telefoniert“, sagte Weber.")
    x = read(extractor, text)
    ev = only_event(x)
    assert ev.participants == BOTH
    assert "Jonas Weber" not in ev.participants
    assert ev.date == "2024-03-13"
    assert [c.speaker for c in x.claims] == ["Jonas Weber"]


def test_events_reports_of_one_call_are_merged(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit Präsident Luc Moreau. "
            "Am Dienstag telefonierten Hartmann und Moreau über die Ukraine.")
    ev = only_event(read(extractor, text))
    assert ev.participants == BOTH
    assert ev.date == "2024-03-12"
    assert ev.sentence is not None and ev.sentence.begin == 0


def test_events_undated_report_joins_dated_one(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit Präsident Luc Moreau. "
            "In dem Telefonat sprachen Hartmann und Moreau über die Ukraine.")
    ev = only_event(read(extractor, text))
    assert (ev.medium, ev.date, ev.participants) == ("phone", "2024-03-12", BOTH)


def test_events_call_and_meeting_stay_apart(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit Präsident Luc Moreau. "
            "Am Mittwoch trafen sich Hartmann und Moreau in Paris.")
    x = read(extractor, text)
    assert [(e.kind, e.date, e.participants) for e in x.events] == [
        ("call", "2024-03-12", BOTH), ("meeting", "2024-03-13", BOTH)]


def test_events_trigger_words(nlp: Language) -> None:
    doc = nlp("Das Telefonat und die Videoschalte folgten dem Gipfeltreffen.")
    assert [trigger_of(t) for t in doc] == [
        None, ("call", "phone"), None, None, ("call", "video"), None, None, ("meeting", "meeting"), None]


def test_events_zu_treffen_is_intention(nlp: Language) -> None:
    doc = nlp("Sie reisten nach Rom, um sich dort zu treffen.")
    assert [t.text for t in doc if trigger_of(t)] == []
