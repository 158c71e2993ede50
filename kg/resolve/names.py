"""Person names as resolution sees them: parts, transliteration-folded keys, similarity.

German news spells the same Russian or Ukrainian name several ways
(*Peskow/Peskov*, *Sergej/Sergey/Sergei*, *Jurij/Yuri*, *Alexej/Aleksei*,
*Gunejew/Guneyev*). ``fold`` maps such variants to one key with a few
ordered rewrite rules, so an exact key match is a safe merge. Names that
merely look alike are compared in ``kg.resolve.persons`` (rapidfuzz), to propose links only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TITLES = frozenset("dr dr. prof prof. med. h.c. ing. herr frau sir".split())
_PARTICLES = frozenset("von van der de di da del du la le ten zu bin al el".split())

# Ordered: earlier rules prepare the input of later ones (sch before ch, j->y before the ey rules).
_FOLD_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"tsch", "ch"),       # Tschernenko / Chernenko
    (r"sch", "sh"),        # Schoigu / Shoigu
    (r"kh", "ch"),         # Chodorkowski / Khodorkovsky
    (r"x", "ks"),          # Alexej / Aleksej
    (r"w", "v"),           # Peskow / Peskov, Wladimir / Vladimir
    (r"j", "y"),           # Juri / Yuri, Sergej / Sergey
    (r"(?<=[aeiou])y(?=[aeiou])", ""),  # Gunejew / Guneyev / Guneev: the iotation is spelled or not
    (r"(?:iy|ii|yi|y)$", "i"),  # Dmitrij / Dmitriy / Dmitry / Dmitri; Sergey -> Sergei
    (r"(?<=[^aeiou])y(?=[^aeiou])", "i"),  # Janukowytsch / Janukowitsch: the Ukrainian y is a German i
    (r"ie(?=[^aeiou]|$)", "i"),  # Dmitriew / Dmitriev (German ie is a long i)
    (r"(.)\1", r"\1"),     # doubled letters: Gunejew / Guneev, Mueller / Müller both end up single
]]


def ascii_lower(text: str) -> str:
    """``Étienne`` -> ``etienne``, ``Müller`` -> ``mueller``, ``Figeľ`` -> ``figel``."""
    text = text.lower().translate(_GERMAN)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """One key for the transliteration variants of a name part."""
    out = re.sub(r"[^a-z]", "", ascii_lower(word))
    for pattern, repl in _FOLD_RULES:
        out = pattern.sub(repl, out)
    return out


@dataclass(frozen=True)
class NameParts:
    """A person name split for matching: given name, surname, and how complete it is."""

    text: str
    given: str | None  # folded first given name; None for a bare surname
    surname: str  # folded surname (particles like "von der" are not part of the key)
    initial: bool  # the given name is only an initial ("W. Putin")
    words: int

    @property
    def full(self) -> bool:
        return self.given is not None and not self.initial


@lru_cache(maxsize=1 << 16)
def parse(name: str) -> NameParts:
    """``Dmitri Sergejewitsch Peskow`` -> given ``dmitri``, surname ``peskov``."""
    words = [w for w in name.replace("’", "'").split() if w.lower() not in _TITLES]
    core = [w for w in words if w.lower() not in _PARTICLES] or words or [name]
    surname = fold(core[-1])
    if len(core) == 1:
        return NameParts(name, None, surname, False, len(words))
    first = core[0]
    initial = len(first.rstrip(".")) == 1
    return NameParts(name, fold(first), surname, initial, len(words))


def local_name(names: set[str] | frozenset[str]) -> str:
    """The name an article gives a person when it stands alone: full names first, the usual
    two-word form before longer ones ("Wladimir Putin" before "Wladimir Wladimirowitsch Putin")."""
    def rank(name: str) -> tuple:
        p = parse(name)
        return (not p.full, p.words if p.full else 0, -len(name), name)
    known = set(names)
    return min({strip_genitive(n, known) for n in names}, key=rank)


def strip_genitive(name: str, known: set[str]) -> str:
    """``Putins`` -> ``Putin`` when the base form is also known; German adds -s to names in the genitive."""
    for suffix in ("s", "'", "’"):
        if name.endswith(suffix) and name[: -len(suffix)] in known:
            return name[: -len(suffix)]
    return name
