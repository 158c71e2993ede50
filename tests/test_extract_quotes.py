"""Quotation marks found by ``kg.extract.quotes.find_quotes``."""

from __future__ import annotations

import pytest

from kg.extract.quotes import Quote, find_quotes
from kg.extract.titles import is_title


def quoted(text: str) -> list[str]:
    return [text[q.begin:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Weber sagte: „Wir bleiben standhaft.“ Dann ging er.", "„Wir bleiben standhaft.“"),
    ("Hartmann sagte: »Das reicht nicht.« Danach schwieg sie.", "»Das reicht nicht.«"),
    ("Weber sagte: \"Das reicht nicht.\" Danach schwieg er.", "\"Das reicht nicht.\""),
    ("Moreau antwortete: “Wir sind bereit.” Mehr sagte er nicht.", "“Wir sind bereit.”"),
    ("Die Ministerin sagte «Das geht so nicht» am Rande des Treffens.", "«Das geht so nicht»"),
])
def test_quotes_each_mark_style(text: str, expected: str) -> None:
    assert quoted(text) == [expected]


def test_quotes_inner_offsets_leave_out_marks() -> None:
    text = "Weber sagte: „Wir bleiben standhaft.“"
    (q,) = find_quotes(text)
    begin, end = q.inner
    assert text[begin:end] == "Wir bleiben standhaft."
    assert (q.begin, q.end) == (13, len(text))


def test_quotes_single_marks_keep_apostrophe_inside() -> None:
    text = "Er meinte, ‚so geht’s nicht weiter‘ sei das Motto der Opposition."
    assert quoted(text) == ["‚so geht’s nicht weiter‘"]


def test_quotes_several_in_one_text() -> None:
    text = "„Wir helfen“, sagte Weber. »Wir auch«, sagte Hartmann."
    assert quoted(text) == ["„Wir helfen“", "»Wir auch«"]


def test_quotes_unclosed_quote_ends_at_paragraph() -> None:
    text = "Weber rief: „Wir kommen wieder\n\nHartmann sagte: „Das glaube ich gern.“"
    # The unclosed quote is dropped; it does not swallow the next paragraph's quote.
    assert quoted(text) == ["„Das glaube ich gern.“"]


def test_quotes_unclosed_quote_before_new_quote_line() -> None:
    text = "Weber rief: „Wir kommen wieder\n„Das glaube ich gern“, sagte Hartmann."
    assert quoted(text) == ["„Das glaube ich gern“"]


def test_quotes_quote_may_span_single_line_break() -> None:
    text = "Weber sagte: „Wir kommen wieder\nund bleiben lange.“"
    assert quoted(text) == ["„Wir kommen wieder\nund bleiben lange.“"]


def test_quotes_straight_quote_inside_word_does_not_open() -> None:
    text = "Die Zahl 5\" bezeichnet Zoll, sagte der Händler."
    assert quoted(text) == []


def test_quotes_empty_marks_are_no_quote() -> None:
    assert quoted("Er sagte „“ und ging.") == []


def quote_holding(text: str, inner: str) -> Quote:
    """The quote found in text whose words between the marks are inner."""
    for q in find_quotes(text):
        if text[q.begin + 1:q.end - 1] == inner:
            return q
    raise AssertionError(f"no quote {inner!r} in {text!r}: fix the test text")


@pytest.mark.parametrize(("text", "inner"), [
    ("Der Film „Der Schrei“ läuft ab Donnerstag in den Kinos.", "Der Schrei"),
    ("Die Kartoffelsorte „Amflora“ darf wieder angebaut werden.", "Amflora"),
    ("Im Restaurant „Da Bruno“ trafen sich die beiden Männer regelmäßig.", "Da Bruno"),
    ("Rund 3000 Menschen zogen unter dem Motto „Freiheit statt Angst“ durch Kiel.", "Freiheit statt Angst"),
    ("Die ARD-Fernsehserie „Lindenhof“ wird im Herbst eingestellt.", "Lindenhof"),
    ("Der Frachter „Nordstern 2“ lief vor Rügen auf Grund.", "Nordstern 2"),
    ("Die sogenannte „Schuldenbremse“ gilt für alle Länder.", "Schuldenbremse"),
    ("Die „Cessna“ stürzte kurz nach dem Start in ein Feld.", "Cessna"),
    ("Die „Thalys“-Schnellzüge fielen am Montag aus.", "Thalys"),
    ("Die Partei trat der „Allianz für den Wandel“ (AfW) bei.", "Allianz für den Wandel"),
    ("Die Gruppe „Movimiento Verde“ (übersetzt etwa: „Grüne Bewegung“) rief zum Streik auf.",
     "Grüne Bewegung"),
    ("Laut „Nordkurier“ will der Bürgermeister im Mai zurücktreten.", "Nordkurier"),
    ("Der Konzern stellte am Dienstag den „PadBook mini“ vor.", "PadBook mini"),
    ("Wie „Radio Elbtal“ berichtet, bleibt die Brücke gesperrt.", "Radio Elbtal"),
    ("Auch „Friends of the Forest“ lehnt den Bau der Straße ab.", "Friends of the Forest"),
    ("Weber sagte der „Lausitzer Rundschau“, die Pläne seien vom Tisch.", "Lausitzer Rundschau"),
    ("Die Ausstellung zeigt die Gemälde „Sommerwiese“ und „Der rote Turm“.", "Der rote Turm"),
    ("Die Spenden sammelt die „Aktion Nachbarn helfen“ in allen Filialen.", "Aktion Nachbarn helfen"),
    ("In der Nacht brannte das Gasthaus «Zur Linde» bis auf die Grundmauern nieder.", "Zur Linde"),
])
def test_is_title_flags_names_and_titles(text: str, inner: str) -> None:
    assert is_title(text, quote_holding(text, inner))


@pytest.mark.parametrize(("text", "inner"), [
    ("Weber sprach von einer „veränderten Lage“ nach der Wahl.", "veränderten Lage"),
    ("Hartmann bezeichnete den Bericht als „Zeitungsente“.", "Zeitungsente"),
    ("Die Kanadier sagen, der Pilot trage die „volle Verantwortung“ für die Landung.", "volle Verantwortung"),
    ("Die Ministerin nannte das „falsch“ und verließ den Saal.", "falsch"),
    ("„Wir bleiben standhaft“, sagte Weber am Abend.", "Wir bleiben standhaft"),
    ("„Das ist ein guter Tag für die Stadt“, so der Bürgermeister.", "Das ist ein guter Tag für die Stadt"),
    ("Weber sagte: „Wir bleiben standhaft.“", "Wir bleiben standhaft."),
    ("Der Sprecher sagte nur: „Keine Chance“ und ging.", "Keine Chance"),
    ("„Wir kommen wieder!“ rief der Trainer den Fans zu.", "Wir kommen wieder!"),
    ("Kritiker nannten den Film „großartig“.", "großartig"),
    ("Die Anwältin verwies auf die „Schweigepflicht“ ihrer Mandantin.", "Schweigepflicht"),
    ("Früher sei das die „Regel“ gewesen, sagte der Trainer.", "Regel"),
    ("Die Opposition sprach von „Fake News“.", "Fake News"),
    ("Die Demonstranten riefen Parolen wie „Stoppt den Ausverkauf“ und zogen weiter.",
     "Stoppt den Ausverkauf"),
    ("Der Verband nannte die Bewerbung „sehr respektabel“.", "sehr respektabel"),
    ("Die Regierung sieht darin eine „Chance“ für den Osten.", "Chance"),
    ("Merkel sagte etwa: „Wir schaffen das“ und lächelte.", "Wir schaffen das"),
    ("Er sagte, „Tabuzonen“ dürfe es in der Stadt nicht geben.", "Tabuzonen"),
])
def test_is_title_keeps_quotations_and_scare_quotes(text: str, inner: str) -> None:
    assert not is_title(text, quote_holding(text, inner))


def test_is_title_list_item_inherits_name_cue() -> None:
    text = "Bekannt wurde sie mit den Romanen „Nachtzug“ und „Die Insel im Nebel“."
    assert [is_title(text, q) for q in find_quotes(text)] == [True, True]


def test_is_title_quote_nested_in_quotation_is_speech() -> None:
    # The inner mark closes the outer quotation early; what is left is still the speaker's words.
    text = "„Die Kunden lieben den „Nordstern“-Tarif“, sagte die Sprecherin."
    assert [is_title(text, q) for q in find_quotes(text)] == [False]
