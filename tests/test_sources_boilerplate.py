"""Site chrome is marked line by line; article prose, headlines and captions are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Span
from kg.sources.boilerplate import boilerplate_spans, in_boilerplate, is_chrome, text_lines

CHROME = [
    "Registrierung erfolgreich abgeschlossen!",
    "Klicken Sie bitte den Link aus der E-Mail, die an Ihre Adresse geschickt wurde",
    "Vielen Dank für Ihre Anmeldung zum Newsletter.",
    "Abonnieren",
    "Jetzt abonnieren und weiterlesen",
    "Teilen",
    "SHARE:",
    "Teile diesen Artikel:",
    "Artikel teilen: Facebook Twitter WhatsApp E-Mail",
    "Werbung",
    "ANZEIGE",
    "Anzeige: Jetzt Angebot sichern",
    "Vernetzen Sie sich mit uns",
    "Folgen Sie uns auf Instagram",
    "Kommentare",
    "12 Kommentare",
    "Kommentare (3)",
    "Kommentar schreiben",
    "Newsticker",
    "Alle Meldungen",
    "Mehr zum Thema",
    "Mehr zum Thema: Kanzler reist nach Paris",
    "Lesen Sie auch:",
    "Wir verwenden Ihre Anmeldung, um Inhalte auf eine Weise bereitzustellen, der Sie zugestimmt haben.",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
    "Diese Website verwendet Cookies. Mit Ihrer Zustimmung helfen Sie uns.",
    "Veröffentlicht",
    "Aktualisiert",
    "Veröffentlicht am 12.03.2024 um 14:05 Uhr",
    "Stand: 12.03.2024 14:05 Uhr",
    "Aktualisiert: Di., 12. März 2024, 16.40 Uhr",
    "on",
    "0",
    "12.03.2024",
    "vor 3 Stunden",
    "Gestern, 18:22",
    "Startseite > Politik > Ausland",
    "Home / Nachrichten / Deutschland",
    "Politik",
    "Заголовок открываемого материала",
    "شاهد أيضاً",
    "更多新闻",
    "Um an der Diskussion teilzunehmen,",
    "loggen Sie sich ein oder registrieren Sie sich",
    "Lesezeit: 3 Min.",
    "Haftungsausschluss: Die Redaktion übernimmt keine Gewähr für die Kursdaten.",
    "Die hier vertretenen Ansichten geben nicht unbedingt die Meinung der Redaktion wieder.",
    "Alle Rechte vorbehalten.",
    "Neueste oben",
    "Leser123 schrieb am 12.03.2024 um 18:40:",
]

PROSE = [
    "Putin: In Sicherheitsfragen wird sich Russland wie die USA verhalten",
    "Kanzler telefoniert mit Macron",
    "Berlin (dpa) – Bundeskanzler Olaf Scholz hat am Dienstag mit Emmanuel Macron telefoniert.",
    "BERLIN, 12. März 2024 (dpa) – Die Koalition hat sich auf einen Haushalt geeinigt.",
    "„Wir stehen an der Seite der Ukraine“, sagte Scholz.",
    "© Musterbild / Anna Beispiel / Zur Bilddatenbank Der Präsident am Telefon (Symbolbild)",
    "Der Präsident am Telefon (Symbolbild) - Musteragentur, 1920, 31.12.2021",
    "Foto: dpa / Michael Beispiel / Bildarchiv",
    "Teilen der Bevölkerung fehlt das Vertrauen in die Regierung, sagte die Ministerin.",
    "Veröffentlicht wurde die Studie am 12.03.2024 vom Institut für Wirtschaftsforschung.",
    "Kommentare des Ministers sorgten in Brüssel für Unmut.",
    "Werbung für die Wahl ist in der Schule verboten, entschied das Gericht.",
    "Anzeige gegen den Bürgermeister erstattet",
    "Live aus Berlin: Der Bundestag debattiert über den Haushalt.",
    "Mehr zum Thema Klimaschutz wollte der Minister nicht sagen.",
    "Ja.",
    "Situation um die Ukraine",
    "Nato-Garantien",
    "Moskau fordert Sicherheitsgarantien",
    "Der Kreml übernimmt keine Verantwortung für den Anschlag, sagte Peskow.",
    "Der Abgeordnete schrieb am Montag auf der Plattform X, er sei enttäuscht.",
    "Wladimir Putin (Владимир Путин) sprach mit Joe Biden über die Lage an der Grenze.",
    "Um 14:05 Uhr begann die Sitzung des Sicherheitsrats in New York.",
]


@pytest.mark.parametrize("line", CHROME)
def test_boilerplate_chrome_line_is_marked(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", PROSE)
def test_boilerplate_prose_line_is_not_marked(line: str) -> None:
    assert not is_chrome(line)


def test_boilerplate_spans_are_true_offsets() -> None:
    text = (
        "Registrierung erfolgreich abgeschlossen!\r\n"
        "\n"
        "  Kanzler telefoniert mit Macron  \n"
        "\tAbonnieren \n"
        "Der Kanzler sagte, man sei sich einig.\n"
        "SHARE:"
    )
    spans = boilerplate_spans(text)
    assert [s.text for s in spans] == ["Registrierung erfolgreich abgeschlossen!", "Abonnieren", "SHARE:"]
    assert all(text[s.begin : s.end] == s.text for s in spans)


def test_boilerplate_text_lines_cover_all_content() -> None:
    text = "\n  Erste Zeile \r\n\nZweite\u2028Hälfte\n\n"
    lines = list(text_lines(text))
    assert [line.text for line in lines] == ["Erste Zeile", "Zweite\u2028Hälfte"]
    assert all(text[line.begin : line.end] == line.text for line in lines)


def prose(n: int) -> str:
    return "".join(f"Der Minister sagte im Absatz {i}, die Gespräche würden fortgesetzt.\n" for i in range(n))


def test_boilerplate_comment_section_late_in_text_marks_the_rest() -> None:
    text = prose(8) + "Kommentare\nHans M.\nDer Kanzler hat völlig recht, sagte ich schon immer.\n"
    spans = boilerplate_spans(text)
    assert [s.text for s in spans] == ["Kommentare", "Hans M.", "Der Kanzler hat völlig recht, sagte ich schon immer."]


def test_boilerplate_comment_marker_early_does_not_swallow_the_article() -> None:
    text = "Kommentare\n" + prose(8)
    spans = boilerplate_spans(text)
    assert [s.text for s in spans] == ["Kommentare"]


def test_boilerplate_teaser_headline_after_marker_is_marked() -> None:
    text = prose(2) + "Lesen Sie auch\nPutin telefoniert mit Biden\n" + prose(2)
    assert [s.text for s in boilerplate_spans(text)] == ["Lesen Sie auch", "Putin telefoniert mit Biden"]


def test_boilerplate_prose_after_teaser_marker_is_kept() -> None:
    text = "Lesen Sie auch\nDer Minister sagte, die Gespräche würden fortgesetzt.\n"
    assert [s.text for s in boilerplate_spans(text)] == ["Lesen Sie auch"]


def test_boilerplate_in_boilerplate_detects_overlap() -> None:
    spans = [Span(0, 10, "x" * 10), Span(20, 30, "y" * 10)]
    assert in_boilerplate(spans, 5, 7)
    assert in_boilerplate(spans, 8, 25)
    assert in_boilerplate(spans, 29, 40)
    assert in_boilerplate(spans, 20, 20)
    assert not in_boilerplate(spans, 10, 20)
    assert not in_boilerplate(spans, 30, 35)
    assert not in_boilerplate([], 0, 5)


LINE_PARTS = st.sampled_from(
    [*CHROME[:12], *PROSE[:8], "", "  ", "\r", "\t", "Заголовок", "12.03.2024", "\u2028", "„Zitat“"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(LINE_PARTS, st.sampled_from(["\n", "\r\n", "\n\n", " "])), max_size=30))
def test_boilerplate_offsets_hold_for_any_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(line + end for line, end in parts)
    spans = boilerplate_spans(text)
    assert all(text[s.begin : s.end] == s.text and s.text == s.text.strip() and s.text for s in spans)
    assert all(a.end <= b.begin for a, b in zip(spans, spans[1:], strict=False))
