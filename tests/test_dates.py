"""Date expressions in German news text, resolved against the publication date.

All sentences are invented for these tests. 2021-12-08 is a Wednesday.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.extract.dates import DateMention, find_dates
from kg.extract.tense import sentence_tense

WED = date(2021, 12, 8)
THU = date(2021, 12, 9)
FRI = date(2021, 12, 10)
MON = date(2021, 12, 6)

CASES = [
    # absolute dates
    ("Putin und Biden haben am 7. Dezember telefoniert.", WED, ["2021-12-07"]),
    ("Das Gespräch fand am 7. Dezember 2021 statt.", None, ["2021-12-07"]),
    ("Die Verhandlungen beginnen am 10. Januar 2022 in Genf.", WED, ["2022-01-10"]),
    ("Das Abkommen wurde am 07.12.2021 in Wien unterzeichnet.", WED, ["2021-12-07"]),
    ("Die Vereinbarung vom 7.12.21 gilt weiter.", None, ["2021-12-07"]),
    ("Der Gipfel ist am 2021-12-07 zu Ende gegangen.", None, ["2021-12-07"]),
    ("Die Frist endete am 7.12. um Mitternacht.", WED, ["2021-12-07"]),
    ("Am 3. Okt. 2020 feierte die Stadt ihr Jubiläum.", WED, ["2020-10-03"]),
    ("Der Gipfel findet am 9. und 10. Dezember in Brüssel statt.", WED, ["2021-12-09", "2021-12-10"]),
    ("Am Dienstag, 7. Dezember, telefonierten die Präsidenten.", WED, ["2021-12-07"]),
    ("Dienstag, den 7. Dezember 2021, bleibt in Erinnerung.", None, ["2021-12-07"]),
    # months and years
    ("Die Inflation stieg im Juni deutlich an.", WED, ["2021-06"]),
    ("Anfang Juni war die Lage an der Grenze noch ruhig.", WED, ["2021-06"]),
    ("Ende Juni soll das Gesetz in Kraft treten.", date(2022, 3, 1), ["2022-06"]),
    ("Im Juni 2020 hatte die Regierung das Paket beschlossen.", WED, ["2020-06"]),
    ("Im Jahr 2019 zählte die Stadt 3 Millionen Einwohner.", WED, ["2019"]),
    ("Seit 2019 ist sie Ministerin für Verkehr.", None, ["2019"]),
    ("Ende 2021 soll die Anlage fertig sein.", None, ["2021"]),
    ("Im vergangenen Jahr stieg die Zahl der Anträge.", WED, ["2020"]),
    ("Im kommenden Monat wird der Rat erneut tagen.", WED, ["2022-01"]),
    # year rollover
    ("Die beiden hatten am 30. Dezember telefoniert.", date(2022, 1, 3), ["2021-12-30"]),
    ("Die Gespräche sollen am 10. Januar beginnen.", date(2021, 12, 29), ["2022-01-10"]),
    ("Im Dezember hatte die Regierung neue Regeln beschlossen.", date(2022, 1, 3), ["2021-12"]),
    ("Im Januar wird der Rat erneut tagen.", date(2021, 12, 29), ["2022-01"]),
    # weekdays and tense
    ("Der Kanzler sprach am Dienstag mit dem Präsidenten.", WED, ["2021-12-07"]),
    ("Der Kanzler sprach am Mittwoch mit dem Präsidenten.", WED, ["2021-12-08"]),
    ("Scholz wird am Donnerstag nach Paris reisen.", WED, ["2021-12-09"]),
    ("Die Minister werden am Mittwoch erneut beraten.", WED, ["2021-12-15"]),
    ("Das Treffen soll am Freitag in Genf stattfinden.", WED, ["2021-12-10"]),
    ("Ein weiteres Gespräch ist für Donnerstag geplant.", WED, ["2021-12-09"]),
    ("Biden telefonierte am Dienstagabend mit Selenskyj.", WED, ["2021-12-07"]),
    ("Am Donnerstagabend wird der Bundestag abstimmen.", WED, ["2021-12-09"]),
    ("Am Montagnachmittag trafen sich die Außenminister in Brüssel.", WED, ["2021-12-06"]),
    ("Vergangenen Freitag kam es in Leipzig zu Protesten.", FRI, ["2021-12-03"]),
    ("Kommenden Montag beginnt der Prozess gegen die Bande.", MON, ["2021-12-13"]),
    ("Am nächsten Mittwoch entscheidet das Gericht.", WED, ["2021-12-15"]),
    ("Am Montag beginnt die Konferenz in Warschau.", WED, ["2021-12-06"]),
    ("Am Montag beginnt die Konferenz in Warschau.", FRI, ["2021-12-13"]),
    ("In der Nacht zum Mittwoch griffen Drohnen die Stadt an.", THU, ["2021-12-08"]),
    ("Scholz sagte am Montag, er werde am Freitag nach Kiew reisen.", WED, ["2021-12-06", "2021-12-10"]),
    ("Macron telefonierte am Dienstag mit Putin und wird am Freitag Biden treffen.", WED,
     ["2021-12-07", "2021-12-10"]),
    # heute, gestern, morgen ...
    ("Heute berät das Kabinett über den Haushalt.", WED, ["2021-12-08"]),
    ("Gestern hat die Polizei zwei Verdächtige festgenommen.", WED, ["2021-12-07"]),
    ("Vorgestern war der Minister noch in Kiew.", WED, ["2021-12-06"]),
    ("Morgen Abend tritt die Kanzlerin vor die Presse.", WED, ["2021-12-09"]),
    ("Die Delegation reist morgen früh nach Warschau.", WED, ["2021-12-09"]),
    ("Der Prozess beginnt morgen.", WED, ["2021-12-09"]),
    ("Übermorgen wird das Ergebnis verkündet.", WED, ["2021-12-10"]),
    ("Der Minister will heute Abend eine Erklärung abgeben.", WED, ["2021-12-08"]),
    ("Gestern Morgen brannte eine Lagerhalle.", WED, ["2021-12-07"]),
    # not dates
    ("Am Morgen kam es auf der A9 zu langen Staus.", WED, []),
    ("Er las am frühen Morgen die Zeitung.", WED, []),
    ("Die Stadt hat 3 Millionen Einwohner.", WED, []),
    ("Die 1990er Jahre waren turbulent.", WED, []),
    ("Artikel 5 des Nato-Vertrags regelt den Bündnisfall.", WED, []),
    ("Hinweise nimmt die Polizei unter 030 4664 4664 oder 0171 9876543 entgegen.", WED, []),
    ("Bayern gewann das Spiel 2:1.", WED, []),
    ("Mehr dazu lesen Sie auf Seite 12.", WED, []),
    ("Die Wohnungen sind ab 2000 Euro im Monat zu haben.", WED, []),
    ("Rund 1.500.000 Menschen und 3,12 Prozent.", WED, []),
    ("Kapitel 3.2. beschreibt die Lage.", WED, []),
    ("August Müller leitet die Behörde.", WED, []),
    # no publication date: relative expressions and dates without a year are skipped, not guessed
    ("Am Dienstag telefonierten Putin und Biden, wie am 7. Dezember 2021 gemeldet wurde.", None, ["2021-12-07"]),
    ("Gestern, am 7. Dezember, wurde im Juni Gesagtes bestätigt.", None, []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), CASES)
def test_find_dates_resolves_expression(sentence: str, published: date | None, expected: list[str]) -> None:
    assert [m.value for m in find_dates(sentence, published)] == expected


TENSES = [
    ("Putin und Biden haben am Dienstag telefoniert.", "past"),
    ("Der Kanzler sagte, die Lage sei ernst.", "past"),
    ("Das Abkommen wurde am Dienstag unterzeichnet.", "past"),
    ("Er ist am Montag in Kiew angekommen.", "past"),
    ("Gestern regnete es in Berlin.", "past"),
    ("Die Polizei meldete, dass die beiden Männer am Dienstag festgenommen worden sind.", "past"),
    ("Er bestritt, am Montag in Kiew gewesen zu sein.", "past"),
    ("Biden und Putin haben, so das Weiße Haus, lange telefoniert.", "past"),
    ("Scholz wird am Donnerstag Gespräche mit Macron führen.", "future"),
    ("Die Außenminister werden sich in Genf treffen.", "future"),
    ("Das Treffen soll am Freitag stattfinden.", "future"),
    ("Der Termin ist für Donnerstag geplant.", "future"),
    ("Das Ministerium teilte mit, dass das Treffen am Donnerstag stattfinden wird.", "future"),
    ("Die Wahl findet morgen statt.", "future"),
    ("Sie vereinbarten, sich am Freitag erneut zu treffen.", "future"),
    ("Die Ergebnisse werden am Montag bestätigt.", "present"),
    ("Die Regierung berät über den Haushalt.", "present"),
    ("Sie haben nichts zu verlieren.", "present"),
    ("Ministerin Baerbock würde gern nach Kiew reisen.", "present"),
    ("Am Morgen ist es in Berlin noch kalt.", "present"),
]


@pytest.mark.parametrize(("sentence", "expected"), TENSES)
def test_sentence_tense_classifies(sentence: str, expected: str) -> None:
    assert sentence_tense(sentence) == expected


def test_find_dates_offsets_point_into_whole_text() -> None:
    text = "Vorspann ohne Datum. Putin hat am Dienstagabend, dem 7. Dezember 2021, mit Biden telefoniert. Ende."
    begin = text.index("Putin")
    end = text.index(" Ende.")
    found = find_dates(text, WED, start=begin, end=end)
    assert found == [DateMention(text.index("Dienstagabend"), text.index(", mit"),
                                 "Dienstagabend, dem 7. Dezember 2021", "2021-12-07", False)]
    assert all(text[m.begin:m.end] == m.text for m in found)


def test_find_dates_ignores_text_outside_region() -> None:
    text = "Gestern sagte er nichts. Heute redet er."
    found = find_dates(text, WED, start=text.index("Heute"))
    assert [(m.text, m.begin, m.value) for m in found] == [("Heute", text.index("Heute"), "2021-12-08")]


def test_find_dates_marks_relative_and_keeps_qualifiers_in_span() -> None:
    found = find_dates("Anfang Juni und vergangenen Freitag sowie in der Nacht zum Mittwoch.", WED)
    assert [(m.text, m.relative) for m in found] == [
        ("Anfang Juni", False), ("vergangenen Freitag", True), ("Nacht zum Mittwoch", True)]


def test_find_dates_explicit_tense_overrides_guess() -> None:
    sentence = "Am Dienstag beraten die Minister."
    assert [m.value for m in find_dates(sentence, WED, tense="future")] == ["2021-12-14"]
    assert [m.value for m in find_dates(sentence, WED, tense="past")] == ["2021-12-07"]


def test_find_dates_accepts_datetime_publication() -> None:
    assert [m.value for m in find_dates("Gestern fiel Schnee.", datetime(2021, 12, 8, 23, 30))] == ["2021-12-07"]


def test_find_dates_weekday_fixes_year_of_date_without_year() -> None:
    # 2 January 2022 was a Sunday; 2 January 2021 a Saturday.
    assert [m.value for m in find_dates("Am Samstag, 2. Januar, fiel Schnee.", date(2021, 12, 20))] == ["2021-01-02"]


def test_find_dates_rejects_region_outside_text() -> None:
    with pytest.raises(ValueError, match="start=5, end=3"):
        find_dates("Heute", WED, start=5, end=3)


@pytest.mark.parametrize(("sentence", "tense"), [
    ("Putin soll am Montag erklärt haben, dass Russland bereit sei.", "past"),
    ("Der Minister soll am Montag abgereist sein.", "past"),
    ("Der Minister soll am Montag nach Kiew reisen.", "future"),
])
def test_dates_perfect_infinitive_after_modal_is_past(sentence: str, tense: str) -> None:
    assert sentence_tense(sentence) == tense


@pytest.mark.parametrize("sentence, expected", [
    ("Sie telefonierten am ſonntag.", "2021-12-05"),  # long s
    ("Sie trafen sich im Auguſt.", "2021-08"),
    ("Er reiste am Dİenstag ab.", "2021-12-07"),  # dotted capital I
    ("Wir sehen uns übermorgen, ſagte er, oder geſtern?", "2021-12-07"),
])
def test_find_dates_letters_ignorecase_matches_but_lower_keeps(sentence: str, expected: str) -> None:
    # Regression: re.IGNORECASE matched "ſonntag", but "ſonntag".lower() was no table key (KeyError).
    found = [str(d.value) for d in find_dates(sentence, WED)]
    assert expected in found


def test_sources_find_dates_month_with_long_s() -> None:
    from kg.sources.dates import find_dates as find_source_dates

    assert [m.value for m in find_source_dates("Berlin, 7. Auguſt 2024")] == [date(2024, 8, 7)]
