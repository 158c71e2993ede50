"""The publication date written at the top of an article."""

from __future__ import annotations

from datetime import date

import pytest

from kg.sources.boilerplate import boilerplate_spans
from kg.sources.dateline import find_dateline
from kg.sources.dates import find_dates

LEAD = "Der Kanzler sagte am Dienstag, die Gespräche mit Paris würden fortgesetzt.\n"


def dateline(text: str) -> date | None:
    return find_dateline(text, boilerplate_spans(text))


CASES = [
    (
        "caption stamp after agency and image width",
        "Registrierung erfolgreich abgeschlossen!\n\nPutin telefoniert mit Biden\n"
        "Präsident Putin am Telefon (Symbolbild) - Musteragentur, 1920, 31.12.2021\nAbonnieren\n" + LEAD,
        date(2021, 12, 31),
    ),
    ("Veröffentlicht am", "Kanzler trifft Macron\nVeröffentlicht am 12.03.2024\n" + LEAD, date(2024, 3, 12)),
    ("worded month", "Kanzler trifft Macron\n12. März 2024\n" + LEAD, date(2024, 3, 12)),
    ("ISO date", "Kanzler trifft Macron\n2024-03-12\n" + LEAD, date(2024, 3, 12)),
    ("Stand with time", "Kanzler trifft Macron\nStand: 12.03.2024 14:05 Uhr\n" + LEAD, date(2024, 3, 12)),
    ("weekday before", "Kanzler trifft Macron\nDienstag, 12. März 2024, 16:40 Uhr\n" + LEAD, date(2024, 3, 12)),
    ("byline", "Kanzler trifft Macron\nVon Anna Beispiel | 05.02.2023\n" + LEAD, date(2023, 2, 5)),
    ("place dateline", "Kanzler trifft Macron\nBERLIN, 12. März 2024 (dpa) – " + LEAD, date(2024, 3, 12)),
    ("abbreviated month", "Aktualisiert am 3. Okt. 2022, 09:15 Uhr\n" + LEAD, date(2022, 10, 3)),
    (
        "dateline preferred over an earlier prose date",
        "Kanzler trifft Macron\nAm 10. März 2024 hatten beide bereits telefoniert.\nStand: 12.03.2024\n" + LEAD,
        date(2024, 3, 12),
    ),
    (
        "prose date is the fallback",
        "Kanzler trifft Macron\nAm 10. März 2024 hatten beide bereits telefoniert.\n" + LEAD,
        date(2024, 3, 10),
    ),
    ("no date at all", "Kanzler trifft Macron\n" + LEAD * 3, None),
    ("partial date only", "Kanzler trifft Macron\nAm 12. März sprachen beide.\n" + LEAD, None),
    ("impossible date", "Kanzler trifft Macron\n31.02.2024\n" + LEAD, None),
    (
        "comment timestamp far down is not taken",
        "Kanzler trifft Macron\n" + LEAD * 20 + "Kommentare\nLeser123 schrieb am 14.03.2024 um 18:40:\n",
        None,
    ),
    (
        "teaser date after the article is not taken",
        "Kanzler trifft Macron\n" + LEAD * 3 + "Mehr zum Thema\nMacron in Berlin - Musteragentur, 1920, 01.02.2024\n",
        None,
    ),
    ("date far below the top is not taken", "Kanzler trifft Macron\n" + LEAD * 30 + "Stand: 12.03.2024\n", None),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_dateline_cases(text: str, expected: date | None) -> None:
    assert dateline(text) == expected


def test_dateline_long_chrome_on_top_does_not_use_up_the_window() -> None:
    chrome = "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. " * 40 + "\n"
    assert dateline(chrome * 3 + "Stand: 12.03.2024\n" + LEAD) == date(2024, 3, 12)


def test_dateline_ignores_dates_inside_chrome_lines() -> None:
    text = "Registrierung erfolgreich am 01.01.2020 abgeschlossen!\nKanzler trifft Macron\n" + LEAD
    assert dateline(text) is None


def test_dates_year_inside_number_is_not_a_date() -> None:
    found = find_dates("Musteragentur, 1920, 31.12.2021")
    assert [d.value for d in found] == [date(2021, 12, 31)]
    assert find_dates("Artikel 120.03.2024x und Version 1.2.3") == []
