"""Speaker noun phrases on bare tokens (kg.extract.phrases). All sentences are invented."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg.extract.nouns import noun_info
from kg.extract.phrases import Phrase, noun_phrase, noun_phrase_ending_at


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("de")


def _index(words: list[str], word: str) -> int:
    return words.index(word)


# (sentence, token the phrase starts at, expected start, end, head word, kind, label)
POSITIVE = [
    ("Ein Sprecher des saudi-arabischen Gesundheitsministeriums sagte am Montag, die Lage sei stabil.",
     "Ein", 0, 5, "Sprecher", "person", "Sprecher des saudi-arabischen Gesundheitsministeriums"),
    ("Am Abend teilte die Polizei mit, dass niemand verletzt wurde.",
     "die", 3, 5, "Polizei", "org", "Polizei"),
    ("Die Richter des Bundesverwaltungsgerichtes wiesen die Klage ab.",
     "Die", 0, 4, "Richter", "group", "Richter des Bundesverwaltungsgerichtes"),
    ("Der 23-jährige Sportler sagte, er wolle weitermachen.",
     "Der", 0, 3, "Sportler", "person", "23-jährige Sportler"),
    ("Die Kanadier kündigten Widerstand an.", "Die", 0, 2, "Kanadier", "group", "Kanadier"),
    ("Litauen erklärte, man werde die Grenze schließen.", "Litauen", 0, 1, "Litauen", "org", "Litauen"),
    ("Das berichtete die New York Times am Dienstag.", "die", 2, 6, "Times", "org", "New York Times"),
    ("Experten warnen vor einer zweiten Welle.", "Experten", 0, 1, "Experten", "group", "Experten"),
    ("Der Leiter des Programms der WHO sagte, die Impfungen liefen an.",
     "Der", 0, 6, "Leiter", "person", "Leiter des Programms der WHO"),
    ("Ein Regierungssprecher in Berlin sagte, man prüfe den Vorschlag.",
     "Ein", 0, 4, "Regierungssprecher", "person", "Regierungssprecher in Berlin"),
    ("Die US Botschaft in Riad teilte mit, der Konsul sei abgereist.",
     "Die", 0, 5, "Botschaft", "org", "US Botschaft in Riad"),
    ("Günter Metzges vom Online-Netzwerk Campact sagte, die Unterschriften seien übergeben.",
     "Günter", 0, 5, "Metzges", "person", "Günter Metzges vom Online-Netzwerk Campact"),
    ("Verbraucher-Staatssekretär Matthias Berninger (Grüne) sagte, das Gesetz komme.",
     "Verbraucher-Staatssekretär", 0, 6, "Verbraucher-Staatssekretär", "person",
     "Verbraucher-Staatssekretär Matthias Berninger (Grüne)"),
    ("Der Chef der Internationalen Atomenergiebehörde (IAEO), Mohammed el-Baradei, sagte, man sei besorgt.",
     "Der", 0, 11, "Chef", "person", "Chef der Internationalen Atomenergiebehörde (IAEO), Mohammed el-Baradei"),
    ("Kreml-Sprecher Dmitri Peskow sagte, der Präsident sei informiert.",
     "Kreml-Sprecher", 0, 3, "Kreml-Sprecher", "person", "Kreml-Sprecher Dmitri Peskow"),
    ("Hans Müller sagte, er sei zufrieden.", "Hans", 0, 2, "Müller", "person", "Hans Müller"),
    ("Damit hätten die USA nicht gerechnet.", "die", 2, 4, "USA", "org", "USA"),
    ("Die Deutsche Bahn teilte mit, die Strecke sei gesperrt.", "Die", 0, 3, "Bahn", "org", "Deutsche Bahn"),
    ("Die Berliner Polizei bestätigte den Einsatz.", "Die", 0, 3, "Polizei", "org", "Berliner Polizei"),
    ("Russlands Außenminister Sergej Lawrow sagte, man sei gesprächsbereit.",
     "Russlands", 0, 4, "Außenminister", "person", "Russlands Außenminister Sergej Lawrow"),
    ("Ein Feuerwehrmann sagte, das Feuer sei gelöscht.", "Ein", 0, 2, "Feuerwehrmann", "person", "Feuerwehrmann"),
    ("Mehrere Augenzeugen berichteten von einem lauten Knall.",
     "Mehrere", 0, 2, "Augenzeugen", "group", "Augenzeugen"),
    ("Seine Anwälte erklärten, man werde Berufung einlegen.", "Seine", 0, 2, "Anwälte", "group", "Anwälte"),
    ("Die Staatsanwaltschaft München ermittelt.", "Die", 0, 3, "Staatsanwaltschaft", "org",
     "Staatsanwaltschaft München"),
    ("Eine Umfrage des Instituts Forsa ergab, dass die Mehrheit zustimmt.",
     "Eine", 0, 5, "Umfrage", "source", "Umfrage des Instituts Forsa"),
    ("Dem Bericht zufolge fehlen Lehrer.", "Dem", 0, 2, "Bericht", "source", "Bericht"),
    ("Die Deutsche Presse-Agentur (dpa) meldete den Rücktritt.",
     "Die", 0, 6, "Presse-Agentur", "org", "Deutsche Presse-Agentur (dpa)"),
    ("Das Weiße Haus teilte mit, der Besuch finde statt.", "Das", 0, 3, "Haus", "org", "Weiße Haus"),
    ("Der Vorsitzende Richter sagte, das Urteil sei rechtskräftig.",
     "Der", 0, 3, "Richter", "person", "Vorsitzende Richter"),
    ("Eine Sprecherin der Stadtverwaltung sagte, die Schulen blieben offen.",
     "Eine", 0, 4, "Sprecherin", "person", "Sprecherin der Stadtverwaltung"),
    ("Die Abgeordneten stimmten zu.", "Die", 0, 2, "Abgeordneten", "group", "Abgeordneten"),
    ("Ein Abgeordneter widersprach.", "Ein", 0, 2, "Abgeordneter", "person", "Abgeordneter"),
    ("Polen kritisierte die Entscheidung.", "Polen", 0, 1, "Polen", "org", "Polen"),
    ("Die Polen protestierten gegen die Reform.", "Die", 0, 2, "Polen", "group", "Polen"),
    ("Laut „Spiegel“ ist der Vertrag unterschrieben.", "„", 1, 4, "Spiegel", "org", "Spiegel"),
    ("Die Nachrichtenagentur dpa meldete den Unfall.", "Die", 0, 3, "Nachrichtenagentur", "org",
     "Nachrichtenagentur dpa"),
    ("Stellvertretender Regierungssprecher Georg Streiter sagte, man warte ab.",
     "Stellvertretender", 0, 4, "Regierungssprecher", "person",
     "Stellvertretender Regierungssprecher Georg Streiter"),
    ("Nach Angaben der Ermittler war der Täter allein.", "der", 2, 4, "Ermittler", "group", "Ermittler"),
    ("Der Beauftragte für Menschenrechte sagte, die Lage sei ernst.",
     "Der", 0, 4, "Beauftragte", "person", "Beauftragte für Menschenrechte"),
    ("Hunderte Demonstranten riefen Parolen.", "Hunderte", 0, 2, "Demonstranten", "group", "Demonstranten"),
]


@pytest.mark.parametrize(("text", "at", "start", "end", "head", "kind", "label"), POSITIVE)
def test_noun_phrase_finds_speaker(nlp: Language, text: str, at: str, start: int, end: int, head: str,
                                   kind: str, label: str) -> None:
    doc = nlp(text)
    phrase = noun_phrase(doc, _index([t.text for t in doc], at))
    assert phrase == Phrase(start, end, _index([t.text for t in doc], head), kind, label)


NEGATIVE = [
    ("Die Zeit drängt, sagte er.", "Die"),
    ("Der Computer stürzte ab.", "Der"),
    ("Die Anzahl der Opfer stieg.", "Die"),
    ("Im vergangenen Jahr sagte sie wenig.", "Im"),
    ("Die Lage ist ernst.", "Die"),
    ("Die Frage bleibt offen.", "Die"),
    ("Der Fehler lag im System.", "Der"),
    ("Im Sommer kam es zu Protesten.", "Sommer"),
    ("Der Lautsprecher fiel aus.", "Der"),
    ("Eine Datenbank zeigt die Zahlen.", "Eine"),
    ("Er sagte, dass die Polizei kam.", "dass"),
    ("Er sagte, dass die Polizei kam.", "sagte"),
    ("Sie kam und die Polizei ging.", "und"),
    ("Am Montag sagte er nichts.", "Am"),
    ("Hans sagte nichts.", "Hans"),
    ("Laut „Frieden“ ist das Ziel.", "„"),
    ("Viele Fahrzeuge standen im Stau.", "Viele"),
    ("Ganz schnell war es vorbei.", "schnell"),
]


@pytest.mark.parametrize(("text", "at"), NEGATIVE)
def test_noun_phrase_rejects_non_speaker(nlp: Language, text: str, at: str) -> None:
    doc = nlp(text)
    assert noun_phrase(doc, _index([t.text for t in doc], at)) is None


ENDING_AT = [
    ("Dem Bericht der New York Times zufolge stieg der Preis.", "Times", 0, 0, "Bericht der New York Times"),
    ("Wie ein Sprecher der Polizei mitteilte, wurde niemand verletzt.", "Polizei", 1, 1, "Sprecher der Polizei"),
    ("Der Polizei zufolge gab es drei Festnahmen.", "Polizei", 0, 0, "Polizei"),
    ("Es kam, wie die Deutsche Presse-Agentur (dpa) meldete, zum Streik.", ")", 4, 4,
     "Deutsche Presse-Agentur (dpa)"),
    ("Den Kanadiern zufolge ist der Vertrag fair.", "Kanadiern", 0, 0, "Kanadiern"),
    ("Am Montag sagten Experten, das reiche nicht.", "Experten", 0, 3, "Experten"),
]


@pytest.mark.parametrize(("text", "last", "earliest", "start", "label"), ENDING_AT)
def test_noun_phrase_ending_at_finds_longest(nlp: Language, text: str, last: str, earliest: int, start: int,
                                             label: str) -> None:
    doc = nlp(text)
    i = _index([t.text for t in doc], last)
    phrase = noun_phrase_ending_at(doc, i, earliest)
    assert phrase is not None and (phrase.start, phrase.end, phrase.label) == (start, i + 1, label)


def test_noun_phrase_ending_at_rejects_adverbial_gap(nlp: Language) -> None:
    doc = nlp("Wie die Polizei am Sonntag mitteilte, ist die Straße frei.")
    assert noun_phrase_ending_at(doc, 4, 1) is None  # "Sonntag" ends no speaker phrase


def test_noun_phrase_respects_limit(nlp: Language) -> None:
    doc = nlp("Ein Sprecher des Ministeriums sagte das.")
    phrase = noun_phrase(doc, 0, limit=2)
    assert phrase is not None and (phrase.end, phrase.label) == (2, "Sprecher")


def test_noun_phrase_keeps_dative_newspaper_out(nlp: Language) -> None:
    doc = nlp("Das sagte ein Sprecher der Polizei der Süddeutschen Zeitung.")
    phrase = noun_phrase(doc, 2)
    assert phrase is not None and phrase.label == "Sprecher der Polizei"


@pytest.mark.parametrize(("word", "cat"), [
    ("Regierungssprecher", "human"), ("Gesundheitsministeriums", "org"), ("Pressemeldungen", "source"),
    ("Bundesverwaltungsgerichtes", "org"), ("Sicherheitskräfte", "group"), ("Argentinier", "human"),
])
def test_noun_info_knows_compound_heads(word: str, cat: str) -> None:
    info = noun_info(word)
    assert info is not None and info.cat == cat


@pytest.mark.parametrize("word", ["Toilette", "Kombination", "Flugzeuge", "Einführung", "Stefan", "Apparat",
                                  "Datenbank", "Schwerin", "Maßstab", "Zeit", "Sommer"])
def test_noun_info_rejects_words_that_merely_end_in_a_head(word: str) -> None:
    assert noun_info(word) is None
