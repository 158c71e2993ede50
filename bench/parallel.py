"""Parallel and distributed build: ``kg build --workers 1`` against ``--workers N``, and a Dask LocalCluster.

    .venv/bin/python bench/parallel.py [--count 400] [--seed 1] [--workers 2] [--repeat 2]
                                       [--dask-workers 2] [--no-dask] [--dask-threads] [--cache DIR]

On the same generated articles (``bench.corpus``, written once to ``bench/.cache/parallel/``) it
builds a fresh on-disk store with ``kg.build.build`` (what ``kg build`` runs) and ``workers=1``,
then ``workers=N``, ``--repeat`` times in turn, and keeps each one's fastest run. The spaCy pipeline
is loaded once beforehand and shared by both (the workers are forked from this process), so the
figures are the build's, not spaCy's start-up. Each run is split into its phases: reading the files,
extracting and writing (what the workers divide), and resolving plus flushing (one process, always).

Then ``kg build --engine dask`` on a LocalCluster of ``--dask-workers`` processes: its start-up
(the cluster, and spaCy loaded in every worker) is reported apart from the build's throughput.
``--dask-threads`` runs the cluster's workers as threads of this process instead (fast; for tests).

The last line is ``SUMMARY …`` with the target of issue 8: ``--workers 2`` at least 1.7 times as
fast as ``--workers 1`` on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/parallel.py` finds bench and kg

from bench.corpus import generate  # noqa: E402

SPEEDUP_TARGET = 1.7
CACHE = Path(__file__).resolve().parent / ".cache" / "parallel"


@dataclass
class Run:
    name: str
    articles: int
    wall: float
    read: float  # reading the files (one process)
    extract_write: float  # extracting and writing (what the workers divide); dask: extracting, then loading
    resolve: float  # resolution, flush (one process)
    parent_cpu: float
    worker_cpu: float
    quads: int

    @property
    def rate(self) -> float:
        return self.articles / self.wall if self.wall > 0 else float("inf")


def write_corpus(cache: Path, count: int, seed: int) -> Path:
    """The articles as ``kg build`` reads them (``.txt`` + ``.json``), written once and reused."""
    folder = cache / f"articles-{count}-{seed}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    import json

    for article_id, text, meta in generate(count, seed):
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{article_id}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (folder / ".complete").write_text("", encoding="utf-8")
    return folder


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(name: str, folder: Path, scratch: Path, build: Callable[..., Any]) -> Run:
    """One build into a fresh store on disk, with its phases and CPU time."""
    from kg.store import KGStore

    path = Path(tempfile.mkdtemp(dir=scratch)) / "store"
    store = KGStore(path)
    cpu, workers_cpu = time.process_time(), children_cpu()
    start = time.perf_counter()
    summary = build([folder], store)
    end = time.perf_counter()
    parent, workers = time.process_time() - cpu, children_cpu() - workers_cpu
    del store
    shutil.rmtree(path.parent)
    if summary.failed:
        raise SystemExit(f"{name}: {summary.failed} articles failed: {summary.errors[:3]}")
    phases = summary.seconds
    middle = sum(v for k, v in phases.items() if k not in ("read", "resolve"))
    return Run(name, summary.articles, end - start, phases["read"], middle, phases["resolve"], parent, workers,
               summary.quads)


def extraction_only(folder: Path, extractor: Any, workers: int) -> float:
    """Seconds to extract every article (quads as the writer receives them) without any store."""
    from kg.build import BuildSummary, read_articles
    from kg.parallel import ParallelExtraction, extract_serial
    from kg.resolve.iris import Minter

    articles = read_articles([folder], BuildSummary())
    start = time.perf_counter()
    if workers == 1:
        for _ in extract_serial(articles, extractor, Minter()):
            pass
    else:
        with ParallelExtraction(extractor, Minter(), workers) as parallel:
            for _ in parallel.run(articles):
                pass
    return time.perf_counter() - start


def best(runs: Iterable[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def dask_runs(folder: Path, scratch: Path, workers: int, threads: bool, extractor: Any) -> tuple[float, Run]:
    """Start-up seconds of a LocalCluster (spaCy loaded in each worker), and one build on it."""
    from distributed import Client, LocalCluster

    import kg.distributed as kd

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=not threads, **kd.QUIET)
    with cluster, Client(cluster) as client:
        if threads:
            kd.share_extractor(extractor)
        client.run(_load_extractor)  # each worker loads spaCy now, not inside the timed build
        startup = time.perf_counter() - start

        def build(paths: list[Path], store: Any) -> Any:
            return kd.build_dask(paths, store, client=client)

        run = timed_build(f"dask local {workers}", folder, scratch, build)
        run.worker_cpu = float("nan")  # the cluster's processes are not this process's children until it stops
        return startup, run


def _load_extractor() -> None:
    import kg.distributed as kd

    kd.worker_extractor(None).nlp  # noqa: B018


def _cpu(seconds: float) -> str:
    return "n/a" if seconds != seconds else f"{seconds:.2f}"  # NaN: not measured


def table(runs: Sequence[Run]) -> list[str]:
    head = (f"{'run':16} {'articles':>8} {'wall s':>7} {'art/s':>7} {'read s':>7} {'extr+write s':>12} "
            f"{'resolve s':>9} {'parent CPU':>10} {'worker CPU':>10} {'quads':>8}")
    rows = [f"{r.name:16} {r.articles:8d} {r.wall:7.2f} {r.rate:7.1f} {r.read:7.2f} {r.extract_write:12.2f} "
            f"{r.resolve:9.2f} {r.parent_cpu:10.2f} {_cpu(r.worker_cpu):>10} {r.quads:8d}" for r in runs]
    return [head, "-" * len(head), *rows]


def main(argv: Sequence[str] | None = None, extractor: Any = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=400, help="articles to generate and build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the parallel run")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, taken in turn; the fastest counts")
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder for the corpus and the scratch stores")
    parser.add_argument("--dask-threads", action="store_true",
                        help="Dask workers as threads of this process, sharing its spaCy pipeline (quick; tests)")
    args = parser.parse_args(argv)

    from kg.build import build
    from kg.extract import Extractor

    folder = write_corpus(args.cache, args.count, args.seed)
    load = time.perf_counter()
    extractor = extractor or Extractor()
    extractor.nlp  # noqa: B018  loaded once, outside every timing
    load = time.perf_counter() - load
    print(f"parallel build: {args.count} articles (seed {args.seed}) in {folder}; {os.cpu_count()} cores; "
          f"spaCy pipeline loaded in {load:.1f} s (not timed below)")

    serial: list[Run] = []
    parallel: list[Run] = []
    alone: dict[int, list[float]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory(dir=args.cache) as scratch:
        for _ in range(max(1, args.repeat)):
            for workers in alone:
                alone[workers].append(extraction_only(folder, extractor, workers))
            serial.append(timed_build("workers=1", folder, Path(scratch),
                                      lambda p, s: build(p, s, extractor=extractor)))
            parallel.append(timed_build(f"workers={args.workers}", folder, Path(scratch),
                                        lambda p, s: build(p, s, extractor=extractor, workers=args.workers)))
        one, many = best(serial), best(parallel)
        runs = [one, many]
        startup = None
        if not args.no_dask:
            startup, dask = dask_runs(folder, Path(scratch), args.dask_workers, args.dask_threads, extractor)
            runs.append(dask)
    if one.quads != many.quads:
        raise SystemExit(f"the builds differ: {one.quads} quads with one worker, {many.quads} with {args.workers}")

    for line in table(runs):
        print(line)
    speedup = many.rate / one.rate
    phase = one.extract_write / many.extract_write if many.extract_write > 0 else float("inf")
    extract_one, extract_many = min(alone[1]), min(alone[args.workers])
    # One process only: reading and resolution in every run, and the writer's part of the middle phase.
    single = many.read + many.resolve
    writer = max(0.0, many.parent_cpu - single)
    floor = single + max(writer, (writer + many.worker_cpu) / (os.cpu_count() or 1))
    print("ratios (fastest of each):")
    print(f"  speedup workers={args.workers} / workers=1: {speedup:.2f}x (target >= {SPEEDUP_TARGET}x)")
    print(f"  speedup of the extract+write phase: {phase:.2f}x")
    print(f"  speedup of extraction alone (no store; {extract_one:.2f} s -> {extract_many:.2f} s): "
          f"{extract_one / extract_many:.2f}x")
    print(f"  one process only, workers={args.workers}: reading and resolution {single:.2f} s, writer CPU "
          f"{writer:.2f} s beside the workers' {many.worker_cpu:.2f} s: on {os.cpu_count()} cores the build cannot "
          f"take less than {floor:.2f} s, a speedup of at most {one.wall / floor:.2f}x")
    print(f"  writer process CPU per article, workers={args.workers}: {many.parent_cpu / many.articles * 1000:.1f} ms; "
          f"worker CPU per article: {many.worker_cpu / many.articles * 1000:.1f} ms")
    dask_part = ""
    if startup is not None:
        dask = runs[-1]
        print(f"  dask LocalCluster({args.dask_workers}) / workers=1: {dask.rate / one.rate:.2f}x "
              f"(start-up {startup:.1f} s not included)")
        dask_part = f"; dask LocalCluster({args.dask_workers}) {dask.rate:.1f} articles/s (start-up {startup:.1f} s)"
    met = "met" if speedup >= SPEEDUP_TARGET else f"missed by {SPEEDUP_TARGET - speedup:.2f}"
    print(f"SUMMARY {one.articles} articles: workers=1 {one.rate:.1f} articles/s, workers={args.workers} "
          f"{many.rate:.1f} articles/s, speedup {speedup:.2f}x (target >= {SPEEDUP_TARGET}x: {met}; at most "
          f"{one.wall / floor:.2f}x with this writer and resolution; extraction alone "
          f"{extract_one / extract_many:.2f}x){dask_part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
