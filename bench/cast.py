"""Who is in the benchmark corpus's news (bench/corpus.py): a cast that grows with the corpus, and its stories.

Real news grows its cast with the corpus: more articles, more distinct people. A fixed cast would make
every person's claims and calls grow in proportion to the corpus, and a benchmark of query latency at
scale would measure how the answers grow, not the store. So:

- the cast has ``cast_size(count)`` persons, about one new person per ``PER_PERSON`` articles;
- persons come from a seeded sequence that does not depend on ``count``: the persons of a smaller
  corpus are also in every larger one (with the same seed), so benchmarks can ask about them at every size;
- popularity is Zipf-like over ranks. The first ``HEAD`` persons keep their ranks at every size (a head
  of government is in the news whatever the corpus), so their share of the articles stays the same and
  their article counts grow with the corpus. Every other person has a popularity quantile (drawn once),
  and its rank is that quantile of the cast: a rank that grows with the cast, so its expected number
  of articles stays about the same at every corpus size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

try:  # imported as bench.cast (tests, other benchmarks)
    from bench import corpus_words as words
except ImportError:  # run as `python bench/corpus.py`: bench/ itself is on sys.path
    import corpus_words as words  # type: ignore[no-redef]

START = date(2023, 1, 2)
SPAN_DAYS = 900
BASE = 60  # persons even in the smallest corpus
PER_PERSON = 6  # articles per additional person
HEAD = 12  # persons whose rank does not change with the corpus size
ZIPF = 0.9
# Where a new person comes from: Germans most, then other countries (those with Slavic names apart).
ORIGINS = [("german", 68), ("slavic", 9), ("foreign", 23)]
TRIES = 40  # new names drawn from a list before giving up on it (a small list fills up in a big cast)


@dataclass(frozen=True)
class Person:
    given: tuple[str, ...]  # spellings; the first is the German transliteration
    surname: tuple[str, ...]
    female: bool
    role: str  # in the person's gender: "Außenministerin"
    nation: str | None  # adjective stem ("französisch"); None for Germans


@dataclass(frozen=True)
class Story:
    kind: str  # "phone", "video" or "meeting"
    people: tuple[Person, ...]
    day: date
    city: str
    topic: tuple[str, str, str]


def cast_size(count: int) -> int:
    return BASE + count // PER_PERSON


class _Names:
    """Draws persons of each origin; a (given name, surname) pair is used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[tuple[str, str]] = set()

    def claim(self, person: Person) -> Person | None:
        key = (person.given[0], person.surname[0])
        if key in self.taken:
            return None
        self.taken.add(key)
        return person

    def new(self) -> Person:
        origin = self.rng.choices([o for o, _ in ORIGINS], [w for _, w in ORIGINS])[0]
        first = {"german": self.german, "slavic": self.slavic, "foreign": self.foreign}[origin]
        # A used-up list gives way to the German one, and that to double surnames (practically unlimited).
        for draw in (first, self.german, lambda: self.german(double=True)):
            for _ in range(TRIES):
                person = self.claim(draw())
                if person is not None:
                    return person
        raise RuntimeError("no new name found: add names to bench/corpus_words.py")

    def german(self, double: bool = False) -> Person:
        rng = self.rng
        female = rng.random() < 0.45
        given = rng.choice(words.GIVEN_FEMALE if female else words.GIVEN_MALE)
        surname = rng.choice(words.SURNAMES)
        if double or (female and rng.random() < 0.06):  # Leutheusser-Schnarrenberger: mostly women's names
            surname = f"{surname}-{rng.choice(words.SURNAMES)}"
        male_role, female_role, _office = rng.choice(words.GERMAN_ROLES)
        return Person((given,), (surname,), female, female_role if female else male_role, None)

    def slavic(self) -> Person:
        rng = self.rng
        female = rng.random() < 0.4
        given = rng.choice(words.SLAVIC_GIVEN_FEMALE if female else words.SLAVIC_GIVEN_MALE)
        surname = rng.choice(words.SLAVIC_SURNAMES)[female]
        return Person(given, surname, female, rng.choice(words.SLAVIC_ROLES)[female], rng.choice(words.SLAVIC_NATIONS))

    def foreign(self) -> Person:
        rng = self.rng
        nation, males, females, surnames = rng.choice(words.FOREIGN)
        female = rng.random() < 0.4
        surname = rng.choice(surnames)
        if female and surname.endswith(("ski", "cki")):  # Polish surnames agree: Nowicki, Nowicka
            surname = surname[:-1] + "a"
        roles = rng.choice(words.FOREIGN_ROLES)
        return Person((rng.choice(females if female else males),), (surname,), female, roles[female], nation)


def _featured(rng: random.Random, names: _Names) -> list[Person]:
    """Slavic names and the two Müllers are what resolution finds hard: the fixed ones, always in the cast."""
    fixed = [Person(("Hans",), ("Müller",), False, "Finanzminister", None),
             Person(("Anna",), ("Müller",), True, "Innenministerin", None)]
    for given, surname, female in words.SLAVIC:
        fixed.append(Person(given, surname, female, rng.choice(words.SLAVIC_ROLES)[female],
                            rng.choice(words.SLAVIC_NATIONS)))
    out = [p for p in fixed if names.claim(p) is not None]
    rng.shuffle(out)
    return out


class Cast:
    """The persons of a corpus of ``count`` articles, most prominent first, and a seeded draw by popularity."""

    def __init__(self, count: int, seed: int) -> None:
        # Its own stream, apart from the articles': person i is the same person at every corpus size.
        rng = random.Random(f"newskg-cast-{seed}")
        names = _Names(rng)
        featured = _featured(rng, names)
        size = max(cast_size(count), 4 * len(featured))  # room for every featured person
        self.people: list[Person] = []
        quantiles: list[float] = []
        while len(self.people) < size:
            i = len(self.people)
            # Featured persons take every fourth place from the second on, and popular quantiles.
            chosen = i % 4 == 1 and bool(featured)
            person = featured.pop() if chosen else names.new()
            quantile = rng.random() * (0.25 if chosen else 1.0)
            self.people.append(person)
            quantiles.append(quantile)
        rest = size - HEAD
        weights = [(i + 1) ** -ZIPF if i < HEAD else (HEAD + 1 + q * rest) ** -ZIPF
                   for i, q in enumerate(quantiles)]
        self.cumulative = list(accumulate(weights))

    def draw(self, rng: random.Random) -> Person:
        return rng.choices(self.people, cum_weights=self.cumulative)[0]

    def draw_besides(self, rng: random.Random, others: list[Person]) -> Person | None:
        """Someone not in ``others`` and with none of their surnames (an article calls people by surname)."""
        p = self.draw(rng)
        return None if any(p.surname[0] == o.surname[0] for o in others) else p


def stories(rng: random.Random, cast: Cast, count: int) -> list[Story]:
    """Calls and meetings, about three articles each; their persons drawn by popularity."""
    out = []
    for _ in range(max(10, count // 3)):
        people: list[Person] = []
        wanted = 3 if rng.random() < 0.15 else 2
        while len(people) < wanted:
            p = cast.draw_besides(rng, people)
            if p is not None:
                people.append(p)
        kind = rng.choices(["phone", "video", "meeting"], [45, 20, 35])[0]
        out.append(Story(kind, tuple(people), START + timedelta(rng.randrange(SPAN_DAYS)),
                         rng.choice(words.CITIES), rng.choice(words.TOPICS)))
    return out
