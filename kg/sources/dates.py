"""Full dates (day, month and year) and clock times as German news sites write them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kg.sources.wordlists import MONTHS, word_key

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Digits around a date must not belong to a longer number ("120.03.2024", "2024-03-123").
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4})(?![\d])")
# "12. März 2024", "12 . Dezember 2021", "3 Jan. 2024"
_WORDED = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\s?\.?\s*({_MONTH_ALT})\.?\s+(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
# A time must not be the start of a numeric date: "12.03" in "12.03.2024" is no time.
TIME = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])[:.h]([0-5]\d)(?!\.?\d)(\s*uhr)?", re.IGNORECASE)

_MIN_YEAR = 1900


@dataclass(frozen=True)
class DateMatch:
    """A full date found in a line: where it stands and what it means."""

    begin: int
    end: int
    value: date


def _make(year: str, month: int | str, day: str) -> date | None:
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if value.year >= _MIN_YEAR else None


def find_dates(text: str) -> list[DateMatch]:
    """Every full date in ``text``, in order of position; partial dates are ignored."""
    found: list[DateMatch] = []
    for m in _NUMERIC.finditer(text):
        value = _make(m.group(3), m.group(2), m.group(1))
        if value:
            found.append(DateMatch(m.start(), m.end(), value))
    for m in _WORDED.finditer(text):
        value = _make(m.group(3), MONTHS[word_key(m.group(2))], m.group(1))
        if value:
            found.append(DateMatch(m.start(), m.end(), value))
    for m in _ISO.finditer(text):
        value = _make(m.group(1), m.group(2), m.group(3))
        if value:
            found.append(DateMatch(m.start(), m.end(), value))
    return sorted(found, key=lambda d: d.begin)


def iter_times(text: str) -> Iterator[re.Match[str]]:
    """Clock times such as ``14:05``, ``14.05 Uhr`` or ``9h30``."""
    return TIME.finditer(text)
