"""Claims linked to the call or meeting they were said in (``kg.extract.during``), and nkg:saidDuring.

Invented German news text. Published Friday 2024-03-15: "Dienstag" is the 12th, "Mittwoch" the 13th.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from spacy.language import Language

from kg.extract import Extractor
from kg.extract.coref import Context
from kg.extract.during import link_claims_to_events
from kg.extract.events import EventFinder
from kg.model import Claim, Extraction, SourceArticle, Span
from kg.rdf import ArticleGraph, article_quads
from kg.resolve.iris import Minter
from kg.vocab import NKG

FRIDAY = date(2024, 3, 15)
CALL = ("Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit dem französischen Präsidenten "
        "Étienne Dubois. ")
MEETING = "Bundeskanzlerin Sabine Hartmann und Präsident Étienne Dubois trafen sich am Mittwoch in Paris. "
EUROPA = "Europa müsse zusammenstehen"


def read(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(SourceArticle(id="during", text=text, origin="test", published=FRIDAY))


def claim_of(x: Extraction, words: str) -> Claim:
    found = [c for c in x.claims if c.span.text == words]
    assert len(found) == 1, [(c.span.text, c.speaker) for c in x.claims]
    return found[0]


def linked(extractor: Extractor, text: str, words: str = EUROPA) -> tuple[Extraction, int | None]:
    x = read(extractor, text)
    return x, claim_of(x, words).event


# -- the text places the saying in the event ----------------------------------------------------


def test_during_definite_reference_in_next_sentence_links_the_call(extractor: Extractor) -> None:
    x, event = linked(extractor, CALL + "Bei dem Gespräch sagte Hartmann, Europa müsse zusammenstehen.")
    assert event == 0
    assert x.events[0].kind == "call"


def test_during_only_the_claim_placed_in_the_call_links(extractor: Extractor) -> None:
    text = (CALL + "Bei dem Gespräch sagte Hartmann, Europa müsse zusammenstehen. "
            "Am Donnerstag sagte Dubois in Brüssel, Frankreich stehe bereit.")
    x = read(extractor, text)
    assert claim_of(x, EUROPA).event == 0
    assert claim_of(x, "Frankreich stehe bereit").event is None


def test_during_free_indirect_speech_goes_on_in_the_call(extractor: Extractor) -> None:
    text = (CALL + "Bei dem Gespräch sagte Hartmann: „Europa muss zusammenstehen.“ Die Lage sei ernst. "
            "Am Donnerstag sagte Dubois in Brüssel, Frankreich stehe bereit. Man werde helfen.")
    x = read(extractor, text)
    assert claim_of(x, "Die Lage sei ernst").mode == "free"
    assert claim_of(x, "Die Lage sei ernst").event == 0
    assert claim_of(x, "Man werde helfen").event is None


def test_during_waehrend_des_treffens_links_a_direct_quote(extractor: Extractor) -> None:
    x, event = linked(extractor, MEETING + "„Wir stehen zusammen“, sagte Hartmann während des Treffens.",
                      "Wir stehen zusammen")
    assert event == 0
    assert x.events[0].kind == "meeting"


def test_during_beim_treffen_links_the_meeting(extractor: Extractor) -> None:
    _, event = linked(extractor, MEETING + "Beim Treffen betonte Dubois, die Freundschaft sei unverbrüchlich.",
                      "die Freundschaft sei unverbrüchlich")
    assert event == 0


def test_during_in_dem_videoanruf_links_the_call(extractor: Extractor) -> None:
    _, event = linked(extractor, CALL + "„Wir stehen zusammen“, sagte Hartmann in dem Videoanruf.",
                      "Wir stehen zusammen")
    assert event == 0


def test_during_dabei_after_the_meeting_sentence_links_a_participant(extractor: Extractor) -> None:
    _, event = linked(extractor, MEETING + "Dabei betonte Dubois, die Freundschaft sei unverbrüchlich.",
                      "die Freundschaft sei unverbrüchlich")
    assert event == 0


def test_during_im_gespraech_mit_the_partner_links_the_call(extractor: Extractor) -> None:
    _, event = linked(extractor, CALL + "Im Gespräch mit Dubois sagte Hartmann, Europa müsse zusammenstehen.")
    assert event == 0


def test_during_reference_picks_the_nearest_call_before(extractor: Extractor) -> None:
    text = (CALL + "Am Mittwoch telefonierte Hartmann mit der polnischen Regierungschefin Ewa Nowak. "
            "Bei dem Telefonat sagte Hartmann, Europa müsse zusammenstehen.")
    x, event = linked(extractor, text)
    assert len(x.events) == 2
    assert event == 1
    assert "Ewa Nowak" in x.events[1].participants


def test_during_reference_with_partner_picks_that_call(extractor: Extractor) -> None:
    text = (CALL + "Am Mittwoch telefonierte Hartmann mit der polnischen Regierungschefin Ewa Nowak. "
            "Bei dem Telefonat mit Dubois hatte Hartmann gesagt, Europa müsse zusammenstehen.")
    x, event = linked(extractor, text)
    assert event == 0
    assert "Étienne Dubois" in x.events[0].participants


def test_during_same_sentence_speaker_taking_part_links(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann traf am Mittwoch Präsident Étienne Dubois in Paris und betonte, "
            "die Freundschaft sei unverbrüchlich.")
    _, event = linked(extractor, text, "die Freundschaft sei unverbrüchlich")
    assert event == 0


def test_during_indefinite_phrase_reporting_the_call_itself_links(extractor: Extractor) -> None:
    text = ("„Europa muss zusammenstehen“, sagte Bundeskanzlerin Sabine Hartmann am Dienstag in einem Telefonat "
            "mit Präsident Étienne Dubois.")
    x, event = linked(extractor, text, "Europa muss zusammenstehen")
    assert event == 0
    assert x.events[0].trigger.text == "Telefonat"


# -- said about the event, after it, or somewhere else -----------------------------------------


def test_during_spokesman_speaking_about_the_call_is_not_linked(extractor: Extractor) -> None:
    text = CALL + "Regierungssprecher Paul Weber sagte am Mittwoch, das Telefonat sei konstruktiv gewesen."
    x, event = linked(extractor, text, "das Telefonat sei konstruktiv gewesen")
    assert len(x.events) == 1
    assert event is None


def test_during_participant_speaking_about_the_call_is_not_linked(extractor: Extractor) -> None:
    text = ("Das Telefonat zwischen Sabine Hartmann und Étienne Dubois am Dienstag sei konstruktiv gewesen, "
            "sagte Dubois am Mittwoch.")
    x = read(extractor, text)
    assert len(x.events) == 1
    assert [c.event for c in x.claims] == [None]


@pytest.mark.parametrize("frame", [
    "„Wir stehen zusammen“, sagte Hartmann nach dem Treffen.",
    "„Wir stehen zusammen“, sagte Hartmann vor dem Treffen.",
    "Danach sagte Hartmann: „Wir stehen zusammen“.",
])
def test_during_saying_before_or_after_the_meeting_is_not_linked(extractor: Extractor, frame: str) -> None:
    x, event = linked(extractor, MEETING + frame, "Wir stehen zusammen")
    assert len(x.events) == 1
    assert event is None


def test_during_nach_ihrem_treffen_in_the_event_sentence_is_not_linked(extractor: Extractor) -> None:
    text = ("Nach ihrem Treffen mit Präsident Étienne Dubois sagte Bundeskanzlerin Sabine Hartmann am Mittwoch, "
            "Europa müsse zusammenstehen.")
    x, event = linked(extractor, text)
    assert len(x.events) == 1
    assert event is None


def test_during_same_sentence_with_anschliessend_is_not_linked(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann telefonierte am Dienstag mit Präsident Étienne Dubois und sagte "
            "anschließend, Europa müsse zusammenstehen.")
    x, event = linked(extractor, text)
    assert len(x.events) == 1
    assert event is None


def test_during_interview_im_gespraech_mit_a_newspaper_is_not_linked(extractor: Extractor) -> None:
    text = CALL + "Im Gespräch mit der Zeitung „Tagesbote“ sagte Hartmann, Europa müsse zusammenstehen."
    x, event = linked(extractor, text)
    assert len(x.events) == 1
    assert event is None


def test_during_indefinite_other_meeting_is_not_linked(extractor: Extractor) -> None:
    text = CALL + "Bei einem Treffen mit Gewerkschaftern sagte Hartmann, die Löhne müssten steigen."
    x, event = linked(extractor, text, "die Löhne müssten steigen")
    assert len(x.events) == 1
    assert event is None


def test_during_call_reference_does_not_link_a_meeting(extractor: Extractor) -> None:
    x, event = linked(extractor, MEETING + "Bei dem Telefonat sagte Hartmann, Europa müsse zusammenstehen.")
    assert [e.kind for e in x.events] == ["meeting"]
    assert event is None


def test_during_dabei_from_someone_not_taking_part_is_not_linked(extractor: Extractor) -> None:
    text = CALL + "Oppositionsführer Jan Krüger sagte dabei, Europa müsse zusammenstehen."
    x, event = linked(extractor, text)
    assert claim_of(x, EUROPA).speaker == "Jan Krüger"
    assert event is None


def test_during_dabei_meaning_and_yet_is_not_linked(extractor: Extractor) -> None:
    text = CALL + "Dabei hatte Hartmann noch im Januar gesagt, Europa müsse zusammenstehen."
    x, event = linked(extractor, text)
    assert len(x.events) == 1
    assert event is None


def test_during_stated_other_day_is_not_linked(extractor: Extractor) -> None:
    x, event = linked(extractor, CALL + "Bei dem Telefonat am Donnerstag sagte Hartmann, Europa müsse zusammenstehen.")
    assert claim_of(x, EUROPA).said_on == "2024-03-14"
    assert event is None


def test_during_planned_call_is_not_linked(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann wird am Freitag mit Präsident Étienne Dubois telefonieren. "
            "Bei dem Telefonat will Hartmann sagen, Europa müsse zusammenstehen.")
    x, event = linked(extractor, text)
    assert [e.status for e in x.events] == ["planned"]
    assert event is None


def test_during_someone_else_speaking_while_they_call_is_not_linked(extractor: Extractor) -> None:
    text = ("Während Bundeskanzlerin Sabine Hartmann am Dienstag mit Präsident Étienne Dubois telefonierte, "
            "sagte Oppositionsführer Jan Krüger in Berlin, die Regierung sei untätig.")
    x, event = linked(extractor, text, "die Regierung sei untätig")
    assert len(x.events) == 1
    assert event is None


# -- the call as background in the claim's own sentence (hand-built claim on a pipeline Doc) ----


@pytest.mark.parametrize(("text", "expected"), [
    ("Nachdem Bundeskanzlerin Sabine Hartmann am Dienstag mit Präsident Étienne Dubois telefoniert hatte, "
     "sagte sie, Europa müsse zusammenstehen.", None),
    ("Bundeskanzlerin Sabine Hartmann, die am Dienstag mit Präsident Étienne Dubois telefoniert hatte, "
     "sagte, Europa müsse zusammenstehen.", None),
    ("Als Bundeskanzlerin Sabine Hartmann am Dienstag mit Präsident Étienne Dubois telefonierte, "
     "sagte sie, Europa müsse zusammenstehen.", 0),
])
def test_during_link_background_call_in_claim_sentence(nlp: Language, text: str, expected: int | None) -> None:
    ctx = Context(nlp(text))
    events = EventFinder(ctx, FRIDAY).run()
    assert len(events) == 1 and "Sabine Hartmann" in events[0].participants
    begin = text.index(EUROPA)
    claim = Claim(Span(begin, begin + len(EUROPA), EUROPA), direct=False, speaker="Sabine Hartmann",
                  sentence=Span(0, len(text), text))
    link_claims_to_events(ctx, [claim], events)
    assert claim.event == expected


def test_during_link_without_events_leaves_claims_alone(nlp: Language) -> None:
    text = "Bundeskanzlerin Sabine Hartmann sagte am Dienstag, Europa müsse zusammenstehen."
    begin = text.index(EUROPA)
    claim = Claim(Span(begin, begin + len(EUROPA), EUROPA), direct=False, speaker="Sabine Hartmann",
                  sentence=Span(0, len(text), text))
    link_claims_to_events(Context(nlp(text)), [claim], [])
    assert claim.event is None


# -- RDF ------------------------------------------------------------------------------------------


def test_rdf_claim_said_during_points_to_the_event_iri(extractor: Extractor) -> None:
    text = (CALL + "Bei dem Gespräch sagte Hartmann, Europa müsse zusammenstehen. "
            "Am Donnerstag sagte Dubois in Brüssel, Frankreich stehe bereit.")
    x = read(extractor, text)
    minter = Minter()
    graph, quads = article_quads(x, minter)
    said_during = ox.NamedNode(str(NKG.saidDuring))
    links = [q for q in quads if q.predicate == said_during]
    europa = claim_of(x, EUROPA)
    assert [(q.subject, q.object, q.graph_name) for q in links] == [(
        ox.NamedNode(minter.claim(x.article.id, europa.span.begin, europa.span.end)),
        ArticleGraph(x, minter).event_iri(x.events[0]),
        graph,
    )]
    event_nodes = {q.subject for q in quads if q.predicate == ox.NamedNode(str(NKG.participant))}
    assert links[0].object in event_nodes  # the event node this article writes, not another one
