"""Find the lines of an article that are site chrome, not journalism.

Scraped news text keeps registration prompts, share buttons, cookie notices,
comment widgets and teaser lists between the paragraphs. They stay in the
text (offsets must not move) but are marked as whole-line spans so the
extractor never reads a fact from them. The phrases live in ``wordlists``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from kg.model import Span
from kg.sources.dates import TIME, find_dates
from kg.sources.wordlists import (
    CHROME_LINES,
    CHROME_PHRASES,
    CHROME_PREFIXES,
    MONTHS,
    TAIL_MARKERS,
    TEASER_PREFIXES,
    TIMESTAMP_WORDS,
    WEEKDAYS,
)

_EDGE_PUNCT = " \t:;.,!?|»«›‹>•·*-–—_()[]{}\"'„“”‚‘’#+=~/\\…"
_CHROME_LINES = frozenset(CHROME_LINES)
_TAIL_MARKERS = frozenset(TAIL_MARKERS)
_TIMESTAMP_WORDS = frozenset(TIMESTAMP_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS)
_TEASER_SEPARATORS = ":|»›>-–—"
_COMMENT_COUNT = re.compile(r"^(\d+\s+)?(leser)?kommentare?(\s*\(?\d+\)?)?$")
_RELATIVE_TIME = re.compile(r"\bvor\s+(\d+|einer?)\s+(sekunden?|minuten?|min|stunden?|std|tagen?)\b")
_COMMENT_HEADER = re.compile(r"\b(schrieb|schreibt|antwortete|kommentierte)\s+(am|um|vor)\b")
_CRUMB_SPLIT = re.compile(r"\s*[>›»|·•]\s*|\s+/\s+")
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_CRUMB_MARK = re.compile(r"[>›»|·•/]")
# Characters that are no letter or a Latin one, deleted by str.translate in one C loop: ASCII and Latin
# letters, and the punctuation of German news („…“, –, €).
_LATIN_OR_NOT_LETTER = {c: None for c in (*range(0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2150))
                        if not chr(c).isalpha() or unicodedata.name(chr(c), "").startswith("LATIN")}
# A teaser headline after "Lesen Sie auch" is short and lacks the full stop of prose.
_TEASER_HEADLINE_MAX = 160
# Comments and teaser lists follow the article, so a tail marker counts only late in the text.
_TAIL_FROM = 0.5
_SHORT_TOKEN_MAX = 3
_CRUMB_SEGMENT_MAX = 30
_COMMENT_HEADER_MAX_WORDS = 12


def text_lines(text: str) -> Iterator[Span]:
    """Each non-blank line as a span of its content without surrounding whitespace."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        line = text[start:end]
        stripped = line.strip()
        if stripped:
            begin = start + (len(line) - len(line.lstrip()))
            yield Span(begin, begin + len(stripped), stripped)
        start = end + 1


def normalize(line: str) -> str:
    """Lower case, single spaces, no decoration at either end: the form the word lists use."""
    # lower(), not casefold(): casefold turns "ß" into "ss" and the lists are written with "ß".
    return " ".join(line.lower().split()).strip(_EDGE_PUNCT)


def boilerplate_spans(text: str) -> list[Span]:
    """The whole lines of ``text`` that are site chrome, in text order."""
    lines = list(text_lines(text))
    marked: list[Span] = []
    after_teaser = False
    for index, line in enumerate(lines):
        norm = normalize(line.text)
        if is_tail_marker(norm) and line.begin >= _TAIL_FROM * len(text):
            marked.extend(lines[index:])
            break
        if _is_chrome(line.text, norm) or (after_teaser and _is_teaser_headline(line.text)):
            marked.append(line)
        after_teaser = norm in TEASER_PREFIXES
    return marked


def is_chrome(line: str) -> bool:
    """True when one line (without its newline) is chrome by any of the rules."""
    return _is_chrome(line, normalize(line))


def _is_chrome(line: str, norm: str) -> bool:
    """``is_chrome`` with the line's ``normalize``d form, which ``boilerplate_spans`` has made already."""
    return (
        not any(ch.isalpha() for ch in line)
        or _mostly_non_latin(line)
        or norm in _CHROME_LINES
        or _starts_with_any(norm, CHROME_PREFIXES)
        or _is_teaser_marker(norm)
        or any(phrase in norm for phrase in CHROME_PHRASES)
        or _is_short_token(line.strip())
        or bool(_COMMENT_COUNT.match(norm))
        or is_timestamp(line)
        or _is_comment_header(line)
        or _is_crumb(line)
    )


def in_boilerplate(spans: Sequence[Span], begin: int, end: int) -> bool:
    """True when ``[begin, end)`` overlaps one of ``spans`` (sorted and disjoint, as returned above)."""
    # Only the last span starting before ``end`` can reach ``begin``: the others end before it starts.
    index = bisect_right([s.begin for s in spans], max(end, begin + 1) - 1) - 1
    return index >= 0 and spans[index].end > begin


def is_timestamp(line: str) -> bool:
    """A line holding only a date or time with words like "Stand", "Uhr", "vor 3 Stunden"."""
    rest = line.lower()
    if not _DIGIT.search(rest) and not _RELATIVE_TIME.search(rest):
        return False  # every date and time pattern needs a digit, but "vor einer Stunde"
    found = False
    for match in reversed(find_dates(rest)):
        rest = rest[: match.begin] + " " + rest[match.end :]
        found = True
    rest, times = TIME.subn(" ", rest)
    rest, relative = _RELATIVE_TIME.subn(" ", rest)
    found = found or times > 0 or relative > 0
    return found and all(word in _TIMESTAMP_WORDS for word in _WORD.findall(rest))


def _starts_with_any(norm: str, prefixes: Sequence[str]) -> bool:
    if not norm.startswith(tuple(prefixes)):
        return False  # one C-level test first: prose lines start with none of them
    # A prefix must end at a word boundary: "teilen" is no prefix of "teilenden".
    return any(norm.startswith(p) and (len(norm) == len(p) or not norm[len(p)].isalnum()) for p in prefixes)


_TEASER_MARKERS = (*TEASER_PREFIXES, "anzeige", "werbung")


def _is_teaser_marker(norm: str) -> bool:
    if not norm.startswith(_TEASER_MARKERS):
        return False  # one C-level test first: a marker starts with one of them, prose lines with none
    for prefix in _TEASER_MARKERS:
        if norm == prefix:
            return True
        if norm.startswith(prefix) and norm[len(prefix) :].lstrip()[:1] in tuple(_TEASER_SEPARATORS):
            return True
    return False


def _is_teaser_headline(line: str) -> bool:
    return len(line) <= _TEASER_HEADLINE_MAX and not line.rstrip().endswith((".", "!", "?", "“", '"', "”"))


def is_tail_marker(norm: str) -> bool:
    # "Kommentare (3)" opens the comment section just like a bare "Kommentare".
    return norm in _TAIL_MARKERS or norm.startswith("um an der diskussion teilzunehmen") \
        or bool(_COMMENT_COUNT.match(norm))


def _mostly_non_latin(line: str) -> bool:
    if not line.translate(_LATIN_OR_NOT_LETTER):
        return False  # only Latin letters (and no letters): nothing foreign to count
    letters = [ch for ch in line if ch.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN"))
    return foreign * 2 > len(letters)


def _is_short_token(stripped: str) -> bool:
    # "on", "by", "ok": leftovers of widgets. Capitalised answers such as "Ja." stay prose.
    return len(stripped) <= _SHORT_TOKEN_MAX and stripped.isalpha() and stripped.islower()


def _is_comment_header(line: str) -> bool:
    if len(line.split()) > _COMMENT_HEADER_MAX_WORDS or not _COMMENT_HEADER.search(line.lower()):
        return False
    tail = line.rstrip()
    ends_with_stamp = any(m.end() >= len(tail) - 1 for m in TIME.finditer(tail)) or any(
        d.end >= len(tail) - 1 for d in find_dates(tail)
    )
    return tail.endswith(":") or ends_with_stamp


def _is_crumb(line: str) -> bool:
    """Navigation crumbs such as ``Startseite > Politik > Ausland``."""
    if not _CRUMB_MARK.search(line):
        return False  # without a separator the line is one segment, never a crumb trail
    lowered = line.lower()
    if "©" in line or any(word in lowered for word in ("foto", "bild", "quelle")):
        return False  # photo credits look alike but name persons the extractor wants
    segments = [s.strip() for s in _CRUMB_SPLIT.split(line.strip())]
    if len(segments) < 3 or not all(segments):
        return False
    return all(
        len(s) <= _CRUMB_SEGMENT_MAX and len(s.split()) <= 4 and not s.endswith((".", "!", "?")) for s in segments
    )
