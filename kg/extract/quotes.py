"""Direct quotations: every quotation-mark style German news uses.

Which marks hold names instead (der Film „Der Schrei“) is decided in ``kg.extract.titles``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# opening mark -> the marks that may close it
PAIRS: dict[str, str] = {
    "„": "“”\"",  # German „…“ (and sloppy „…” / „…")
    "“": "”\"",  # English “…”
    "»": "«",  # German guillemets »…«
    "«": "»",  # Swiss/French «…»
    "‚": "‘’'",  # German single ‚…‘
    "›": "‹",
    "\"": "\"",  # straight quotes toggle
}
MAX_QUOTE = 3000


@dataclass(frozen=True)
class Quote:
    begin: int  # offset of the opening mark
    end: int  # offset just after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.begin + 1, self.end - 1


def _may_open_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([:–—-/") and not after.isspace()


def find_quotes(text: str) -> list[Quote]:
    """Outermost quotations, left to right. A quote never runs across a blank line or past MAX_QUOTE."""
    return list(_find_quotes(text))


_OPENER = re.compile("[" + re.escape("".join(PAIRS)) + "]")
_CLOSER_OR_BREAK = {opener: re.compile("[" + re.escape(closers + "\n") + "]") for opener, closers in PAIRS.items()}


@lru_cache(maxsize=64)
def _find_quotes(text: str) -> tuple[Quote, ...]:
    # Cached: the speech, event and linking rules each ask for the quotes of the same article.
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        found = _OPENER.search(text, i)  # skips what no quotation can open at, in one C-level scan
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "\"" and not _may_open_straight(text, i):
            i += 1
            continue
        if ch == "‚" and not (i + 1 < n and text[i + 1].isalpha()):
            i += 1
            continue
        closers = PAIRS[ch]
        j = i + 1
        limit = min(n, i + MAX_QUOTE)
        while j < limit:
            stop = _CLOSER_OR_BREAK[ch].search(text, j, limit)  # the next character that can end the quote
            if stop is None:
                j = limit
                break
            j = stop.start()
            c = text[j]
            # An apostrophe inside a word ("geht’s") does not close a single quote.
            if c in closers and not (ch == "‚" and j + 1 < n and text[j + 1].isalpha()):
                break
            if c == "\n" and (j + 1 >= n or text[j + 1] in "\n\r" or text[j + 1] in PAIRS):
                break  # paragraph end: an unclosed quote
            j += 1
        if j < limit and text[j] in closers and j > i + 1:
            quotes.append(Quote(i, j + 1))
            i = j + 1
        else:
            i += 1
    return tuple(quotes)
