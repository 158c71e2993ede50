"""Extraction speed against the floor: ``kg build``'s extraction alone, single process.

    .venv/bin/python bench/extract.py [--count 20000] [--seed 1] [--chunks 10] [--clock cpu|wall]

On the same generated articles (``bench.corpus.generate``) and in the same run it times

- the floor: ``spacy.blank("de").tokenizer(text)`` over each text (the bare tokenizer, no pipeline);
- newskg's extraction as ``kg build`` does it per article minus the store write: the ``SourceArticle``
  built from text and metadata as the ``.txt`` reader does (boilerplate lines found; no file I/O),
  ``Extractor().extract(article)``, and ``article_nquads(extraction, Minter())`` (the N-Quads the store
  would receive).

Words are whitespace-separated tokens of the text (``len(text.split())``), the same count for both.
The texts are timed in ``--chunks`` interleaved rounds (tokenizer, then extraction, chunk by chunk)
so that both see the same load on a shared machine. Start-up (imports, building the spaCy pipeline)
and one untimed warm-up pass over the first article are reported apart and are not part of any throughput.

The last line is ``SUMMARY …`` with the two targets of issue 8: extraction at least 25 % of the
tokenizer's throughput, and at least 50,000 words/s on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/extract.py` finds bench and kg

from bench.corpus import generate  # noqa: E402

RATIO_TARGET = 0.25
WORDS_TARGET = 50_000


@dataclass
class Timing:
    """Seconds spent on one stage, summed over the chunks: CPU time of this process and wall time."""

    name: str
    cpu: float = 0.0
    wall: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)  # CPU seconds per step

    def add(self, cpu: float, wall: float) -> None:
        self.cpu += cpu
        self.wall += wall

    def seconds(self, clock: str) -> float:
        return self.cpu if clock == "cpu" else self.wall

    def rate(self, amount: int, clock: str) -> float:
        spent = self.seconds(clock)
        return amount / spent if spent > 0 else float("inf")


def words(text: str) -> int:
    """The one word count used for every throughput here."""
    return len(text.split())


def chunked(items: Sequence, chunks: int) -> list[Sequence]:
    size = max(1, -(-len(items) // max(1, chunks)))
    return [items[i:i + size] for i in range(0, len(items), size)]


class ExtractionStage:
    """What ``kg build`` does per article before the store write, split into its three steps."""

    def __init__(self) -> None:
        from kg.extract import Extractor
        from kg.resolve.iris import Minter

        self.extractor = Extractor()
        self.minter = Minter()
        self.extractor.nlp  # noqa: B018  builds the pipeline now, so start-up is timed apart
        self.quads = 0
        self.claims = 0

    def run(self, items: Sequence[tuple[str, str, dict]], timing: Timing) -> None:
        from kg.rdf import article_nquads
        from kg.sources.metadata import parse_metadata
        from kg.sources.readers import make_article

        clock = time.process_time
        for article_id, text, meta in items:
            w0, t0 = time.perf_counter(), clock()
            article = make_article(article_id, text, f"{article_id}.txt", parse_metadata(meta, article_id))
            t1 = clock()
            extraction = self.extractor.extract(article)
            t2 = clock()
            _graph, body = article_nquads(extraction, self.minter)
            t3 = clock()
            timing.add(t3 - t0, time.perf_counter() - w0)
            for name, spent in (("source", t1 - t0), ("extract", t2 - t1), ("rdf", t3 - t2)):
                timing.parts[name] = timing.parts.get(name, 0.0) + spent
            self.quads += body.count(b"\n")
            self.claims += len(extraction.claims)


def tokenizer_floor() -> Callable[[Sequence[tuple[str, str, dict]], Timing], None]:
    import spacy

    tokenizer = spacy.blank("de").tokenizer

    def run(items: Sequence[tuple[str, str, dict]], timing: Timing) -> None:
        w0, t0 = time.perf_counter(), time.process_time()
        for _id, text, _meta in items:
            tokenizer(text)
        timing.add(time.process_time() - t0, time.perf_counter() - w0)

    return run


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}"


def report(args: argparse.Namespace, n_words: int, startup: dict[str, float], floor: Timing, ext: Timing,
           stage: ExtractionStage) -> list[str]:
    clock = args.clock
    lines = [f"extraction benchmark: {args.count} generated articles (seed {args.seed}), {n_words:,} words "
             f"({n_words / args.count:,.0f} per article), one process; rates by {clock} time"]
    lines.append("start-up (wall, not in throughput): " + ", ".join(f"{k} {v:.2f} s" for k, v in startup.items()))
    lines.append("")
    lines.append(f"{'stage':<46} {'cpu s':>7} {'wall s':>7} {'words/s':>10} {'articles/s':>10}")
    rows = [("tokenizer floor: blank('de').tokenizer(text)", floor), ("extraction: source + extract + rdf", ext)]
    rows += [(f"  of which {name} (cpu)", Timing(name, secs, secs)) for name, secs in ext.parts.items()]
    for label, t in rows:
        wall = f"{t.wall:>7.2f}" if t.name in ("tokenizer", "extraction") else f"{'':>7}"
        lines.append(f"{label:<46} {t.cpu:>7.2f} {wall} {fmt_rate(t.rate(n_words, clock)):>10} "
                     f"{t.rate(args.count, clock):>10.1f}")
    lines.append(f"extraction output: {stage.quads:,} quads, {stage.claims:,} claims")
    lines.append("")
    ratio = ext.rate(n_words, clock) / floor.rate(n_words, clock)
    lines.append(f"ratio extraction / tokenizer throughput: {ratio:.3f} (target >= {RATIO_TARGET})")
    lines.append(f"tokenizer is {1 / ratio:.1f}x faster than extraction")
    return lines


def summary(count: int, floor: Timing, ext: Timing, n_words: int, clock: str) -> str:
    wps = ext.rate(n_words, clock)
    ratio = wps / floor.rate(n_words, clock)
    ratio_ok = "met" if ratio >= RATIO_TARGET else "missed"
    words_ok = "met" if wps >= WORDS_TARGET else "missed"
    return (f"SUMMARY {count} articles: extraction {fmt_rate(wps)} words/s, {ext.rate(count, clock):.1f} articles/s; "
            f"tokenizer {fmt_rate(floor.rate(n_words, clock))} words/s ({clock} time); ratio={ratio:.3f} "
            f"(target >= {RATIO_TARGET}: {ratio_ok}); words_per_s={wps:.0f} "
            f"(target >= {WORDS_TARGET}: {words_ok})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time kg build's extraction against spaCy's bare German tokenizer.")
    parser.add_argument("--count", type=int, default=20000, help="generated articles to time (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--chunks", type=int, default=10, help="interleaved timing rounds (default 10)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="time the rates by this process's CPU time (default; steady on a shared machine) "
                             "or by wall time")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")

    items = list(generate(args.count, args.seed))
    warmup = items[0]  # processed once untimed by both, then timed with the rest
    n_words = sum(words(text) for _id, text, _meta in items)

    startup: dict[str, float] = {}
    t0 = time.perf_counter()
    floor_run = tokenizer_floor()
    startup["tokenizer"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    stage = ExtractionStage()
    startup["extractor"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    floor_run([warmup], Timing("warm-up"))
    stage.run([warmup], Timing("warm-up"))
    stage.quads = stage.claims = 0
    startup["warm-up article"] = time.perf_counter() - t0

    floor, ext = Timing("tokenizer"), Timing("extraction")
    for chunk in chunked(items, args.chunks):
        floor_run(chunk, floor)
        stage.run(chunk, ext)

    for line in report(args, n_words, startup, floor, ext, stage):
        print(line)
    print(summary(args.count, floor, ext, n_words, args.clock))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
