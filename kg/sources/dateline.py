"""The publication date as the article itself states it, for articles without metadata.

Only the top of the article is searched: further down, dates belong to
events, teasers of other articles or reader comments. A date in a dateline,
byline, caption stamp or "Stand:" line is preferred over one in prose.
"""

from __future__ import annotations

import re
from datetime import date

from kg.model import Span
from kg.sources.boilerplate import in_boilerplate, is_tail_marker, is_timestamp, normalize, text_lines
from kg.sources.dates import TIME, DateMatch, find_dates
from kg.sources.wordlists import DATELINE_CUES, TEASER_PREFIXES, TIMESTAMP_WORDS, WEEKDAYS

MAX_LINES = 15  # non-boilerplate lines searched
MAX_CHARS = 1500  # characters of non-boilerplate lines searched
# Characters that end a place, agency or byline in front of a date ("Berlin, 12.03.2024").
_SEPARATORS = ",|-–—:/•·()"
_PREFIX_MAX_CHARS = 40
_PREFIX_MAX_WORDS = 4
_CUE_REACH = 40  # how far before a date a cue such as "Stand:" may stand
_CUE = re.compile(r"\b(" + "|".join(DATELINE_CUES) + r")\b")
_WORD = re.compile(r"[^\W\d_]+")
_WEEKDAYS = frozenset(WEEKDAYS)
_STAMP_WORDS = frozenset(TIMESTAMP_WORDS) | _WEEKDAYS


def find_dateline(text: str, boilerplate: list[Span]) -> date | None:
    """The first full date near the top of ``text`` that dates the article, or None.

    A date in a dateline, byline or "Stand:" stub wins over an earlier one in
    prose; a prose date is the fallback. Boilerplate lines are skipped unless
    they are publication stamps ("Veröffentlicht am 12.03.2024").
    """
    fallback: date | None = None
    lines = chars = 0
    for line in text_lines(text):
        norm = normalize(line.text)
        if is_tail_marker(norm) or norm in TEASER_PREFIXES:
            break  # what follows are other articles' teasers or comments
        dates = find_dates(line.text)
        if in_boilerplate(boilerplate, line.begin, line.end):
            if dates and (is_timestamp(line.text) or _CUE.search(line.text.lower())):
                return dates[0].value
            continue
        for found in dates:
            if _is_stamp(line.text, found):
                return found.value
        if dates and fallback is None:
            fallback = dates[0].value
        lines += 1
        chars += len(line.text)
        if lines >= MAX_LINES or chars >= MAX_CHARS:
            break
    return fallback


def _is_stamp(line: str, found: DateMatch) -> bool:
    """True when the date stands where a dateline or byline puts it, not inside a sentence."""
    before = line[: found.begin].lower()
    after = line[found.end :]
    if _CUE.search(before[-_CUE_REACH:]):
        return True
    head = before.rstrip()
    # "Berlin, 12.03.2024", "Von A. Schmidt | 12.03.2024", "Dienstag, 12. März 2024": not "am 12. März".
    separated = not head or head[-1] in _SEPARATORS or all(w in _WEEKDAYS for w in _WORD.findall(head))
    if not separated:
        return False
    if _only_stamp_words(after):
        return True  # the date ends the line: a caption stamp or a byline
    short_prefix = len(head) <= _PREFIX_MAX_CHARS and len(head.split()) <= _PREFIX_MAX_WORDS
    return short_prefix and after.lstrip()[:1] in tuple(_SEPARATORS)


def _only_stamp_words(part: str) -> bool:
    """Nothing but times, punctuation and words such as "Uhr" or a weekday."""
    rest = TIME.sub(" ", part.lower())
    return all(word in _STAMP_WORDS for word in _WORD.findall(rest))
