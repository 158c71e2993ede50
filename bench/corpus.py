"""Invented German news articles for benchmarks, any number, reproducible from a seed.

    python bench/corpus.py --count 5000 --seed 1 --out DIR

writes DIR/<id>.txt and DIR/<id>.json ({"published", "title", "source"}). The same seed and count give
byte-identical files. Other benchmarks import ``generate(count, seed)``.

The corpus is an invented world: persons (German, Slavic with transliteration variants, other foreign)
whose number grows with the corpus (bench/cast.py), and calls and meetings ("stories") that several
articles report, some before (planned) and some after (happened) the day, so the extractor and the
resolver meet what real news gives them: every quote style and frame, indirect speech, dates relative
to the publication day, surname-only mentions, role descriptions and pronouns.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

try:  # imported as bench.corpus (tests, other benchmarks)
    from bench import corpus_words as words
    from bench.cast import Cast, Person, Story, stories
except ImportError:  # run as `python bench/corpus.py`: bench/ itself is on sys.path
    import corpus_words as words  # type: ignore[no-redef]
    from cast import Cast, Person, Story, stories  # type: ignore[no-redef]

WEEKDAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
# (open, close, weight): German „…“ dominates real text, the others all occur.
QUOTE_MARKS = [("„", "“", 6), ("“", "”", 1), ('"', '"', 2), ("»", "«", 2), ("«", "»", 1), ("‚", "‘", 1)]
# First words a quote may lose its capital after "…“, sagte X, „aber …".
LOWERABLE = {"Das", "Wir", "Ich", "Die", "Es", "Bei", "Über", "Niemand", "Wer", "Von", "Ohne"}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def day_name(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]}"


def fill(template: str, topic: tuple[str, str, str]) -> str:
    return template.format(acc=topic[1], dat=topic[2])


@dataclass(frozen=True)
class Statement:
    """One reported content, put into the word order each frame needs."""

    subj: str
    konj: str  # Konjunktiv I: "sei"
    ind: str  # indicative: "ist"
    rest: str

    def v2(self) -> str:  # "die Lage sei ernst"
        return f"{self.subj} {self.konj} {self.rest}"

    def dass(self) -> str:  # "dass die Lage ernst sei"
        return f"dass {self.subj} {self.rest} {self.konj}"

    def inverted(self) -> str:  # after "Laut X": "ist die Lage ernst"
        return f"{self.ind} {self.subj} {self.rest}"

    def indicative(self) -> str:  # "die Lage ist ernst"
        return f"{self.subj} {self.ind} {self.rest}"

    def zudem(self) -> str:  # "Zudem sei die Lage ernst"
        return f"Zudem {self.konj} {self.subj} {self.rest}"


def statement(rng: random.Random, topic: tuple[str, str, str]) -> Statement:
    subj, konj, ind, rest = rng.choice(words.STATEMENTS)
    return Statement(subj, konj, ind, fill(rest, topic))


class Writer:
    """Writes one article; remembers who has been introduced and who spoke last (for pronouns)."""

    def __init__(self, rng: random.Random, story: Story, published: date) -> None:
        self.rng, self.story, self.pub, self.topic = rng, story, published, story.topic
        # One newspaper, one transliteration style: German (Gromow) or English (Gromov) spellings.
        english = rng.random() < 0.35
        self.spell = {p: (p.given[rng.randrange(1, len(p.given))] if english and len(p.given) > 1 else p.given[0],
                          p.surname[-1] if english else p.surname[0]) for p in story.people}
        self.known: set[Person] = set()
        self.last: Person | None = None

    def full(self, p: Person) -> str:
        if p not in self.spell:
            self.spell[p] = (p.given[0], p.surname[0])
        return " ".join(self.spell[p])

    def surname(self, p: Person) -> str:
        return self.full(p).split(" ", 1)[1]

    def nom(self, p: Person) -> str:
        """Subject reference: full intro once, then surname, role description or pronoun."""
        if p not in self.known:
            self.known.add(p)
            if p.nation and "-" not in p.role and self.rng.random() < 0.6:
                return f"{'die' if p.female else 'der'} {p.nation}e {p.role} {self.full(p)}"
            return f"{p.role} {self.full(p)}" if self.rng.random() < 0.85 else self.full(p)
        roll = self.rng.random()
        if self.last == p and roll < 0.25:
            return "sie" if p.female else "er"
        if roll < 0.4:
            return f"{'die' if p.female else 'der'} {p.role}"
        return self.surname(p)

    def obj(self, p: Person) -> str:
        """Reference after a preposition or as an object: no article, so no case endings to get wrong."""
        if p not in self.known:
            self.known.add(p)
            return f"{p.role} {self.full(p)}"
        return self.surname(p)

    def names(self, people: tuple[Person, ...] | list[Person], ref: str = "nom") -> str:
        refs = [self.nom(p) if ref == "nom" else self.obj(p) for p in people]
        return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " und " + refs[-1]

    def when(self, day: date) -> str:
        diff = (self.pub - day).days
        options = [f"am {day_name(day)}"]
        if 0 < abs(diff) <= 6:
            options += [f"am {WEEKDAYS[day.weekday()]}"] * 2
        options += {1: ["gestern"], -1: ["morgen"]}.get(diff, [])
        return self.rng.choice(options)

    def said_when(self) -> str:
        back = self.rng.choice([None, None, 0, 1, 1, 2])
        if back is None:
            return ""
        if back == 1 and self.rng.random() < 0.3:
            return " gestern"
        return f" am {WEEKDAYS[(self.pub - timedelta(back)).weekday()]}"

    # -- sentences ---------------------------------------------------------------------------
    def event(self) -> str:
        s = self.story
        a, others, everyone = s.people[0], s.people[1:], s.people
        when, acc = self.when(s.day), self.topic[1]
        # Lambdas: only the chosen sentence may introduce its persons (nom/obj remember who is known).
        choices = {
            ("phone", True): [
                lambda: f"{cap(self.nom(a))} hat {when} mit {self.names(others, 'obj')} telefoniert.",
                lambda: f"{cap(self.names(everyone))} telefonierten {when} miteinander.",
                lambda: f"{cap(when)} telefonierte {self.nom(a)} mit {self.names(others, 'obj')}.",
                lambda: f"In einem Telefonat {when} sprachen {self.names(everyone)} über {acc}."],
            ("phone", False): [
                lambda: f"{cap(self.nom(a))} wird {when} mit {self.names(others, 'obj')} telefonieren.",
                lambda: f"{cap(when)} ist ein Telefonat zwischen {self.names(everyone, 'obj')} geplant."],
            ("video", True): [
                lambda: f"{cap(self.names(everyone))} berieten {when} in einer Videokonferenz über {acc}.",
                lambda: f"{cap(self.nom(a))} hat {when} per Videokonferenz mit {self.names(others, 'obj')} "
                        f"gesprochen."],
            ("video", False): [
                lambda: f"{cap(self.names(everyone))} wollen {when} in einer Videokonferenz über {acc} beraten."],
            ("meeting", True): [
                lambda: f"{cap(self.names(everyone))} trafen sich {when} in {s.city}.",
                lambda: f"{cap(self.nom(a))} hat {self.names(others, 'obj')} {when} in {s.city} getroffen."],
            ("meeting", False): [
                lambda: f"{cap(self.names(everyone))} wollen sich {when} in {s.city} treffen.",
                lambda: f"Ein Treffen von {self.names(everyone, 'obj')} ist {when} in {s.city} geplant."],
        }[(s.kind, self.pub > s.day)]
        self.last = None  # several persons are the subject: a following pronoun would be ambiguous
        return self.rng.choice(choices)()

    def quote(self, p: Person) -> str:
        rng = self.rng
        o, c = rng.choices([(o, c) for o, c, _ in QUOTE_MARKS], [w for *_, w in QUOTE_MARKS])[0]
        q = fill(rng.choice(words.QUOTES), self.topic)
        verb, when = rng.choice(words.SPEECH_VERBS), self.said_when()
        frame = rng.randrange(7)
        if frame == 6 and self.pub <= self.story.day:
            frame = 1  # "nach dem Gespräch" only once the call or meeting has happened
        if frame == 0:
            out = f"{o}{q}{c}, {verb} {self.nom(p)}{when}."
        elif frame == 1:
            out = f"{cap(self.nom(p))} {verb}{when}: {o}{q}.{c}"
        elif frame == 2:
            rest = [x for x in words.QUOTES if x.split()[0] in LOWERABLE and x != q]
            second = fill(rng.choice(rest), self.topic)
            joint = rng.choice(["aber", "und", "doch"])
            out = f"{o}{q}{c}, {verb} {self.nom(p)}, {o}{joint} {second[0].lower()}{second[1:]}.{c}"
        elif frame == 3:
            out = f"{o}{rng.choice(words.QUESTIONS)}{c}, fragte {self.nom(p)}{when}."
        elif frame == 4:
            out = f"{o}{q}{c}, so {self.nom(p)}."
        elif frame == 5:
            out = f"{o}{q}{c}, fügte {self.nom(p)} hinzu."
        else:
            out = f"{cap(self.nom(p))} {verb}{when} nach dem Gespräch: {o}{q}.{c}"
        self.last = p
        return out

    def indirect(self, p: Person) -> str:
        st = statement(self.rng, self.topic)
        verb, when = self.rng.choice(words.SPEECH_VERBS), self.said_when()
        frame = self.rng.randrange(3)
        if frame == 0:
            out = f"{cap(self.nom(p))} {verb}{when}, {st.dass()}."
        elif frame == 1:
            out = f"{cap(self.nom(p))} {verb}{when}, {st.v2()}."
        else:
            out = f"{cap(st.v2())}, {verb} {self.nom(p)}{when}."
        self.last = p
        return out

    def continuation(self) -> str:
        """Free indirect speech: a Konjunktiv sentence that keeps reporting the last speaker."""
        st = statement(self.rng, self.topic)
        return f"{st.zudem()}." if self.rng.random() < 0.5 else f"{cap(st.v2())}."

    def according(self, p: Person) -> str:
        st = statement(self.rng, self.topic)
        frame = self.rng.randrange(4)
        if frame == 3:
            out = f"{cap(st.indicative())}, wie {self.nom(p)} mitteilte."
        else:
            ref, inv = self.obj(p), st.inverted()
            out = [f"Laut {ref} {inv}.", f"{cap(ref)} zufolge {inv}.", f"Nach Angaben von {ref} {inv}."][frame]
        self.last = p
        return out

    def institution(self) -> str:
        st, where = statement(self.rng, self.topic), self.rng.choice(words.INSTITUTIONS_GEN)
        self.last = None
        return self.rng.choice([
            f"Ein Sprecher {where} sagte, {st.v2()}.",
            f"Eine Sprecherin {where} erklärte, {st.dass()}.",
            f"{self.rng.choice(words.INSTITUTIONS_NOM)} teilte mit, {st.v2()}.",
        ])

    def followup(self) -> str:
        """A further meeting or call, always planned, dated absolutely or by weekday."""
        a, b = self.story.people[:2]
        later = self.pub + timedelta(self.rng.randint(2, 30))
        when = self.when(later)
        self.last = None
        if self.rng.random() < 0.5:
            return f"{cap(self.surname(a))} und {self.surname(b)} wollen sich {when} in " \
                   f"{self.rng.choice(words.CITIES)} treffen."
        return f"{cap(self.surname(a))} wird {when} erneut mit {self.surname(b)} telefonieren."

    def background(self) -> str:
        self.last = None
        return fill(self.rng.choice(words.BACKGROUND), self.topic)


def title(rng: random.Random, story: Story, writer: Writer, happened: bool) -> str:
    a, b = (writer.surname(p) for p in story.people[:2])
    if story.kind == "meeting":
        return f"{a} trifft {b} in {story.city}" if happened else f"{a} will {b} in {story.city} treffen"
    if rng.random() < 0.5 or story.kind == "video":
        return f"{a} und {b} beraten über {story.topic[0]}"
    return f"{a} telefoniert mit {b}" if happened else f"{a} will mit {b} sprechen"


def article(rng: random.Random, story: Story, cast: Cast) -> tuple[str, dict]:
    delta = rng.choice([-4, -3, -2, -1, 1, 1, 2, 2, 3, 4])  # < 0: published before the day (planned)
    published = story.day + timedelta(delta)
    w = Writer(rng, story, published)
    speakers = list(story.people)
    if rng.random() < 0.5:
        extra = cast.draw_besides(rng, speakers)
        if extra is not None:
            speakers.append(extra)
    sentences = [w.event(), w.quote(rng.choice(story.people))]
    target, followed = rng.randint(3, 12), False
    while len(sentences) < target:
        kind = rng.choices(["quote", "indirect", "according", "continue", "institution", "followup", "background"],
                           [30, 22, 12, 8, 8, 6, 8])[0]
        p = rng.choice(speakers)
        if (kind == "continue" and w.last is None) or (kind == "followup" and followed):
            kind = "background"
        followed = followed or kind == "followup"
        about = {"quote": w.quote, "indirect": w.indirect, "according": w.according}
        alone = {"continue": w.continuation, "institution": w.institution, "followup": w.followup,
                 "background": w.background}
        sentences.append(about[kind](p) if kind in about else alone[kind]())
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + n]))
        i += n
    city = story.city if story.kind == "meeting" else rng.choice(words.CITIES[:12])
    paragraphs[0] = rng.choice([f"{city}. ", f"{city} (dpa) – "]) + paragraphs[0]
    head = title(rng, story, w, published > story.day)
    byline = [f"Von {rng.choice(words.AUTHORS)}"] if rng.random() < 0.3 else []
    text = "\n\n".join([head, *byline, *paragraphs]) + "\n"
    return text, {"published": published.isoformat(), "title": head, "source": rng.choice(words.SOURCES)}


def generate(count: int, seed: int) -> Iterator[tuple[str, str, dict]]:
    """``count`` articles as (id, text, meta); the same (count, seed) always gives the same articles."""
    rng = random.Random(seed)
    cast = Cast(count, seed)
    world = stories(rng, cast, count)
    for i in range(count):
        text, meta = article(rng, rng.choice(world), cast)
        yield f"b{seed}-{i:06d}", text, meta


def write(count: int, seed: int, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for article_id, text, meta in generate(count, seed):
        (out / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{article_id}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write invented German news articles (.txt + .json sidecars).")
    parser.add_argument("--count", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed and count give the same files")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    write(args.count, args.seed, args.out)
    print(f"wrote {args.count} articles (seed {args.seed}) to {args.out}")


if __name__ == "__main__":
    main()
