"""Dates in German news text, resolved against the article's publication date.

Absolute expressions name the day, month or year ("7. Dezember 2021", "07.12.2021", "im Juni", "im Jahr 2019");
a missing year is taken from the publication date. Relative expressions ("gestern", "am Dienstag",
"vergangenen Freitag") need the publication date and are skipped without one.

Which Tuesday "am Dienstag" means depends on tense: a report picks the latest Tuesday, an announcement the next
one. `sentence_tense` guesses the tense with a few readable rules; `find_dates` refines it per clause so that
"Scholz sagte am Montag, er werde am Freitag reisen" gets both days right.
Spans leave out bare prepositions ("am", "im", "seit") but keep words that change the meaning
("Anfang Juni", "vergangenen Freitag", "Nacht zum Mittwoch").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from kg.extract.tense import CONJ_SPLIT, MORNING_DETERMINERS, PUNCT_SPLIT, WORD, Tense, clause_tense, sentence_tense
from kg.sources.wordlists import word_key


@dataclass(frozen=True)
class DateMention:
    begin: int
    end: int
    text: str
    value: str  # 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'
    relative: bool  # only meaningful together with the publication date (weekday, gestern, ...)


# ---------------------------------------------------------------- vocabulary

_MONTHS = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
           "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
           "jan": 1, "feb": 2, "febr": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12}
_WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
             "sonnabend": 5, "sonntag": 6}
# Month and weekday names, lower case ("vom Montag", "vom November 2023" date a source in according.py).
DAY_AND_MONTH_NAMES = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_DAY_OFFSETS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
_PAST_MODIFIERS = frozenset("vergangenen vergangene vergangenes letzten letzte letztes vorigen vorige voriges".split())
_FUTURE_MODIFIERS = frozenset("kommenden kommende kommendes nächsten nächste nächstes".split())
# "am Morgen", "den ganzen Morgen": after these words "Morgen" is the morning, not tomorrow.
_QUALIFIERS = frozenset("anfang mitte ende frühjahr frühling sommer herbst winter".split())

_FULL_MONTH = r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_MONTH = rf"(?P<month>{_FULL_MONTH}|(?:Jan|Febr?|Mär|Mrz|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)(?!\w)"
_WEEKDAY = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
_DAY_PART = "früh|morgen|vormittag|mittag|nachmittag|abend|nacht"
_MODIFIER = "|".join(sorted(_PAST_MODIFIERS | _FUTURE_MODIFIERS | {"diesen", "diesem", "dieses", "diese"},
                            key=len, reverse=True))
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\w)"
# "Dienstag, den 7. Dezember", "Dienstagabend, 7. Dezember"
_WEEKDAY_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})(?:{_DAY_PART})?\b,?\s+(?:(?:den|dem)\s+)?)?"
_NUMBER_START = r"(?<![\d.,])"  # not inside "1.500.000" or "3,7"

_FLAGS = re.IGNORECASE
_ISO_RE = re.compile(r"(?<![\d.-])(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\d)")
_NUMERIC_RE = re.compile(
    rf"{_WEEKDAY_PREFIX}{_NUMBER_START}(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\."
    r"(?P<year>(?:19|20)\d{2}|\d{2}(?!\d))?(?!\d)", _FLAGS)
_DAY_MONTH_RE = re.compile(
    rf"{_WEEKDAY_PREFIX}{_NUMBER_START}(?P<day>\d{{1,2}})\.\s?{_MONTH}(?:\s+{_YEAR})?", _FLAGS)
# The first day of "9. und 10. Dezember": month and year are read ahead without being consumed.
_DAY_LIST_RE = re.compile(
    rf"{_NUMBER_START}(?P<day>\d{{1,2}})\.(?=\s*(?:und|bis|oder|-|–|/)\s*\d{{1,2}}\.\s?{_MONTH}(?:\s+{_YEAR})?)",
    _FLAGS)
_MONTH_ONLY_RE = re.compile(
    rf"(?:\b(?P<cue>im|seit|ab|bis|Anfang|Mitte|Ende|Monat)\s+)?\b(?P<month>{_FULL_MONTH})(?!\w)(?:\s+{_YEAR})?",
    _FLAGS)
_YEAR_RE = re.compile(
    rf"\b(?P<cue>(?:im\s+|des\s+)?Jahr(?:es|e)?|Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter"
    rf"|seit|ab|bis)\s+{_YEAR}(?![.,]\d)", _FLAGS)
_RELATIVE_DAY_RE = re.compile(
    rf"\b(?P<rel>vorgestern|gestern|heute|übermorgen|morgen)(?!\w)(?:\s+(?P<part>{_DAY_PART})(?!\w))?", _FLAGS)
_WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<mod>{_MODIFIER})\s+|\b(?P<night>Nacht\s+(?:zum|zu|auf\s+den|auf)\s+))?"
    rf"\b(?P<wd>{_WEEKDAY})(?:{_DAY_PART})?(?:\s+(?:{_DAY_PART})(?!\w))?(?!\w)", _FLAGS)
_RELATIVE_PERIOD_RE = re.compile(rf"\b(?P<mod>{_MODIFIER})\s+(?P<unit>Jahres|Jahr|Monats|Monat)(?!\w)", _FLAGS)


def _segment_around(text: str, pos: int, splitter: re.Pattern[str]) -> str:
    begin, end = 0, len(text)
    for sep in splitter.finditer(text):
        if sep.end() <= pos:
            begin = sep.end()
        elif sep.start() >= pos:
            end = sep.start()
            break
    return text[begin:end]


# ---------------------------------------------------------------- resolution


def _pick_year(anchor: date, tense: Tense, make: Callable[[int], date | None], weekday: int | None = None) -> date:
    """The candidate nearest to the publication date, where a step against the tense costs four times as much:
    a past-tense "am 30. Dezember" in an article from 3 January is last year's."""
    candidates = [d for d in (make(anchor.year + k) for k in (-1, 0, 1)) if d is not None]
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]  # "Dienstag, 7. Dezember" fixes the year

    def cost(d: date) -> int:
        days = (d - anchor).days
        if tense == "past":
            return 4 * days if days > 0 else -days
        if tense == "future":
            return -4 * days if days < 0 else days
        return abs(days)

    return min(candidates, key=cost)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_weekday(weekday: int, published: date, tense: Tense, modifier: str) -> date:
    back = (published.weekday() - weekday) % 7  # days since the latest such weekday, 0 = publication day
    ahead = (7 - back) % 7 or 7  # days until the next such weekday after the publication day
    if modifier in _PAST_MODIFIERS:  # "vergangenen Freitag" in a Friday paper is a week ago
        return published - timedelta(days=back or 7)
    if modifier in _FUTURE_MODIFIERS or tense == "future":
        return published + timedelta(days=ahead)
    if tense == "past" or back <= 3:
        return published - timedelta(days=back)
    return published + timedelta(days=ahead)


@dataclass
class _Scan:
    text: str  # the scanned region only; offsets are made absolute at the end
    published: date | None
    tense_at: Callable[[int], Tense]


_Found = tuple[int, int, str, bool] | None


def _previous_word(text: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", text[:pos])
    return m.group(1).lower() if m else ""


def _day_value(scan: _Scan, pos: int, day: int, month: int, year: str | None, wd: str | None) -> str | None:
    if year:
        found = _make_date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        return found.isoformat() if found else None
    if scan.published is None or _make_date(2000, month, day) is None:  # 2000 is a leap year: 29.2. is valid
        return None
    weekday = _WEEKDAYS[word_key(wd)] if wd else None
    return _pick_year(scan.published, scan.tense_at(pos), lambda y: _make_date(y, month, day), weekday).isoformat()


def _iso(m: re.Match[str], scan: _Scan) -> _Found:
    found = _make_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return (m.start(), m.end(), found.isoformat(), False) if found else None


def _numeric(m: re.Match[str], scan: _Scan) -> _Found:
    # "7.12." without year could be a section number; only a date after "am", "bis", ... or a weekday.
    if not m["year"] and not m["wd"] and _previous_word(scan.text, m.start()) not in (
            "am", "vom", "zum", "bis", "ab", "seit", "den", "dem"):
        return None
    value = _day_value(scan, m.start(), int(m["day"]), int(m["mon"]), m["year"], m["wd"])
    return (m.start(), m.end(), value, False) if value else None


def _day_month(m: re.Match[str], scan: _Scan) -> _Found:
    month = _MONTHS[word_key(m["month"].rstrip("."))]
    value = _day_value(scan, m.start(), int(m["day"]), month, m["year"], m.groupdict().get("wd"))
    return (m.start(), m.end(), value, False) if value else None


def _month_only(m: re.Match[str], scan: _Scan) -> _Found:
    cue = (m["cue"] or "").lower()
    if not cue and not m["year"]:  # a bare "August" may be a first name
        return None
    begin = m.start("cue") if cue in _QUALIFIERS else m.start("month")
    month = _MONTHS[word_key(m["month"])]
    if m["year"]:
        return begin, m.end(), f"{m['year']}-{month:02d}", False
    if scan.published is None:
        return None
    picked = _pick_year(scan.published, scan.tense_at(begin), lambda y: date(y, month, 15))
    return begin, m.end(), f"{picked.year}-{month:02d}", False


def _year_only(m: re.Match[str], scan: _Scan) -> _Found:
    cue = m["cue"].lower()
    following = scan.text[m.end():].lstrip()
    # "ab 2000 Euro", "seit 2014 Präsident": a capitalised word or number after the figure makes it a quantity.
    if cue in ("seit", "ab", "bis") and following[:1].isalnum() and not following[:1].islower():
        return None
    begin = m.start("cue") if cue in _QUALIFIERS else m.start("year")
    return begin, m.end(), m["year"], False


def _relative_day(m: re.Match[str], scan: _Scan) -> _Found:
    word = m["rel"]
    if scan.published is None:
        return None
    if word == "Morgen":  # the noun, unless it opens a sentence: "Morgen früh tagt der Rat."
        before = scan.text[:m.start()].rstrip()
        following = WORD.findall(scan.text[m.end():])
        opens = not before or before[-1] in ".!?:\"„»"
        if not opens or not (m["part"] or (following and following[0][:1].islower()
                                           and following[0] not in ("des", "der", "danach", "nach"))):
            return None
    elif word.lower() == "morgen" and _previous_word(scan.text, m.start()) in MORNING_DETERMINERS:
        return None
    day = scan.published + timedelta(days=_DAY_OFFSETS[word_key(word)])
    return m.start(), m.end(), day.isoformat(), True


def _weekday(m: re.Match[str], scan: _Scan) -> _Found:
    if scan.published is None:
        return None
    modifier = (m["mod"] or "").lower()
    day = _resolve_weekday(_WEEKDAYS[word_key(m["wd"])], scan.published, scan.tense_at(m.start()), modifier)
    return m.start(), m.end(), day.isoformat(), True


def _relative_period(m: re.Match[str], scan: _Scan) -> _Found:
    if scan.published is None:
        return None
    modifier = m["mod"].lower()
    step = -1 if modifier in _PAST_MODIFIERS else 1 if modifier in _FUTURE_MODIFIERS else 0
    if m["unit"].lower().startswith("jahr"):
        return m.start(), m.end(), str(scan.published.year + step), True
    index = scan.published.year * 12 + scan.published.month - 1 + step
    return m.start(), m.end(), f"{index // 12}-{index % 12 + 1:02d}", True


@dataclass(frozen=True, eq=False)
class _Cue:
    """What a pattern cannot match without: a region lacking it is not scanned by that pattern.

    Most sentences hold no date, and one test for a digit or a word is far cheaper than the patterns'
    alternations. ``words`` are the cue's words in lower case, tested as substrings of ``region.lower()``;
    that is what the case-insensitive ``regex`` finds, except in a region holding a character that
    ``re.IGNORECASE`` and ``str.lower`` treat differently (``CASE_ODD``), which is tested with ``regex``.
    """

    regex: re.Pattern[str]
    words: tuple[str, ...] = ()

    def found(self, region: str, lower: str | None) -> bool:
        if self.words and lower is not None:
            return any(word in lower for word in self.words)
        return self.regex.search(region) is not None


# "ſ" matches "s" and "ı" matches "i" under re.IGNORECASE, though neither lowers to it; "İ" lowers to two
# characters. (Checked against every character of the Basic Multilingual Plane in tests/test_extract_speed.py.)
CASE_ODD = re.compile("[ſıİ]")
_DIGIT = _Cue(re.compile(r"\d"))
_MONTH_WORD = _Cue(re.compile(_FULL_MONTH, _FLAGS), tuple(_FULL_MONTH.lower().split("|")))
_DAY_WORD = _Cue(re.compile("gestern|heute|morgen", _FLAGS), ("gestern", "heute", "morgen"))  # also vorgestern
_WEEKDAY_WORD = _Cue(re.compile(_WEEKDAY, _FLAGS), tuple(_WEEKDAY.lower().split("|")))
_PERIOD_WORD = _Cue(re.compile("jahr|monat", _FLAGS), ("jahr", "monat"))
CUE_WORDS = _MONTH_WORD.words + _DAY_WORD.words + _WEEKDAY_WORD.words + _PERIOD_WORD.words
# Any cue at all, in one scan of the lowercased region: most sentences hold none, and then no pattern runs.
_ANY_CUE = re.compile("|".join([r"\d", *map(re.escape, CUE_WORDS)]))

_FINDERS: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Scan], _Found], _Cue]] = [
    (_ISO_RE, _iso, _DIGIT), (_NUMERIC_RE, _numeric, _DIGIT), (_DAY_MONTH_RE, _day_month, _DIGIT),
    (_DAY_LIST_RE, _day_month, _DIGIT), (_MONTH_ONLY_RE, _month_only, _MONTH_WORD), (_YEAR_RE, _year_only, _DIGIT),
    (_RELATIVE_DAY_RE, _relative_day, _DAY_WORD), (_WEEKDAY_RE, _weekday, _WEEKDAY_WORD),
    (_RELATIVE_PERIOD_RE, _relative_period, _PERIOD_WORD),
]


def find_dates(text: str, published: date | None, *, start: int = 0, end: int | None = None,
               tense: Tense | None = None) -> list[DateMention]:
    """Date mentions in ``text[start:end]`` with offsets into ``text``, in text order.

    Without ``tense`` each date takes the tense of its clause, falling back to ``sentence_tense`` of the
    region. Relative expressions and dates without a year need ``published``; without it they are skipped.
    """
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"find_dates: start={start}, end={end} must satisfy 0 <= start <= end <= {len(text)}; "
                         "pass offsets of a stretch inside the text")
    if isinstance(published, datetime):
        published = published.date()
    return list(_find_dates(text, published, start, end, tense))


@lru_cache(maxsize=256)
def _find_dates(text: str, published: date | None, start: int, end: int,
                tense: Tense | None) -> tuple[DateMention, ...]:
    """``find_dates`` once per sentence: a sentence's claims and its event each ask for its dates."""
    region = text[start:end]
    fallback: list[Tense] = []  # sentence_tense(region), computed only when a date needs it

    def tense_at(pos: int) -> Tense:
        if tense is not None:
            return tense
        clause = (clause_tense(_segment_around(region, pos, CONJ_SPLIT))
                  or clause_tense(_segment_around(region, pos, PUNCT_SPLIT)))
        if clause:
            return clause
        if not fallback:
            fallback.append(sentence_tense(region))
        return fallback[0]

    scan = _Scan(region, published, tense_at)
    lower = None if CASE_ODD.search(region) else region.lower()
    if lower is not None and _ANY_CUE.search(lower) is None:
        return ()  # what the loop below finds when every cue is missing
    present: dict[_Cue, bool] = {}
    found = []
    for pattern, finder, needs in _FINDERS:
        if needs not in present:
            present[needs] = needs.found(region, lower)
        if present[needs]:
            found += [hit for m in pattern.finditer(region) if (hit := finder(m, scan))]
    kept: list[tuple[int, int, str, bool]] = []
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0])):  # longest first: "Dienstag, 7. Dezember"
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return tuple(DateMention(start + b, start + e, region[b:e], value, relative)
                 for b, e, value, relative in sorted(kept))
