"""``kg build --engine dask``: extraction as a map over partitions of articles on a Dask cluster.

The cluster extracts and turns each partition into one N-Quads shard (``part-00000.nq``, every
article's quads in its own named graph, as in the store); ``manifest.json`` lists the shards, the
graphs in each and the base IRI. The store then bulk-loads the shards and resolution runs as after
any build. The shards are plain N-Quads, so a larger SPARQL store (QLever, Virtuoso) can load
them too (docs/distributed.md).

Why Dask rather than Ray: pip-only and pure Python (no object-store daemon to run), a LocalCluster
runs in CI and on a laptop with the same code, and a futures map over partitions is all this needs.

The client reads the article files and sends ``SourceArticle`` values (the text, not paths), so
workers need no access to the input files: only newskg installed, at the same version.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.build import BuildSummary, Progress, finish_build, minter_for, read_articles
from kg.model import SourceArticle, SourceError
from kg.parallel import extract_one
from kg.resolve.apply import stored_base
from kg.resolve.iris import Minter
from kg.store import KGStore, StoreError

if TYPE_CHECKING:
    from distributed import Client

    from kg.extract import Extractor

MANIFEST = "manifest.json"
SHARD_PREFIX, SHARD_SUFFIX = "part-", ".nq"
# Articles per shard. Fixed, not derived from the cluster, so the shards are the same on any cluster.
PARTITION_SIZE = 100
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker thread: keeps workers busy, the scheduler's memory small


class DistributedError(RuntimeError):
    """The cluster or the shards cannot be used; the message says what to do."""


@dataclass
class Shard:
    file: str
    graphs: list[str] = field(default_factory=list)  # the article graphs in the file, in input order
    quads: int = 0
    persons: int = 0  # person mentions, claims and events extracted, for the build summary
    claims: int = 0
    events: int = 0


@dataclass
class PartitionResult:
    index: int
    shard: Shard
    body: bytes  # the shard's N-Quads; empty when the worker wrote the file itself
    errors: list[SourceError] = field(default_factory=list)


# -- on a worker ----------------------------------------------------------------------------------
_EXTRACTORS: dict[str | None, Extractor] = {}
# One pipeline per process, used by one task at a time: worker threads (LocalCluster without
# processes) must not share a spaCy pipeline mid-document; extraction holds the GIL anyway.
_LOCK = threading.Lock()


def worker_extractor(model: str | None) -> Extractor:
    """This worker process's extractor, built on its first task (seconds) and kept for the next."""
    if model not in _EXTRACTORS:
        from kg.extract import Extractor

        _EXTRACTORS[model] = Extractor(model=model)
    return _EXTRACTORS[model]


def share_extractor(extractor: Extractor, model: str | None = None) -> None:
    """Let workers that are threads of this process (a LocalCluster without processes) use a loaded extractor."""
    _EXTRACTORS[model] = extractor


def shard_name(index: int) -> str:
    return f"{SHARD_PREFIX}{index:05d}{SHARD_SUFFIX}"


def extract_partition(index: int, articles: Sequence[SourceArticle], base: str, model: str | None,
                      out_dir: str | None = None) -> PartitionResult:
    """One partition to one shard: each article's quads deduplicated and sorted, articles in input order."""
    minter = Minter(base)
    result = PartitionResult(index, Shard(shard_name(index)), b"")
    lines: list[bytes] = []
    with _LOCK:
        extractor = worker_extractor(model)
        for article in articles:
            extracted = extract_one(extractor, minter, article)
            if extracted.error is not None:
                result.errors.append(extracted.error)
                continue
            article_lines = sorted(set(ox.serialize(extracted.quads, format=ox.RdfFormat.N_QUADS).splitlines()))
            lines += article_lines
            result.shard.graphs.append(extracted.graph)
            shard = result.shard
            shard.quads += len(article_lines)
            shard.persons, shard.claims = shard.persons + extracted.persons, shard.claims + extracted.claims
            shard.events += extracted.events
    body = b"".join(line + b"\n" for line in lines)
    if out_dir is None:
        result.body = body
    else:
        write_atomic(Path(out_dir) / result.shard.file, body)
    return result


def write_atomic(path: Path, body: bytes) -> None:
    """Replace ``path`` whole: a rerun overwrites a shard, a crash never leaves half of one."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _worker_version() -> str:
    from kg import __version__

    return __version__


# -- on the client --------------------------------------------------------------------------------
def build_dask(paths: Sequence[Path], store: KGStore, *, client: Client, shards: Path | None = None,
               model: str | None = None, base: str | None = None, progress: Progress | None = None,
               partition_size: int = PARTITION_SIZE, write_on_workers: bool = False) -> BuildSummary:
    """Read articles here, extract them on the cluster into shards, bulk-load the shards, resolve."""
    minter = minter_for(store, base)
    summary = BuildSummary()
    articles = read_articles(paths, summary)
    summary.lap("read")
    if write_on_workers and shards is None:
        raise DistributedError("workers can only write the shards into a folder they share with this machine: "
                               "give it with --shards")
    check_workers(client)
    with _shard_folder(shards) as folder:
        partitions = [articles[i:i + partition_size] for i in range(0, len(articles), partition_size)]
        ticks = iter(progress(articles) if progress else articles)
        results = run_partitions(client, partitions, minter.base, model, folder, write_on_workers, ticks)
        for result in results:
            summary.errors += result.errors
            summary.failed += len(result.errors)
        write_manifest(folder, minter.base, [r.shard for r in results])
        count_shards(summary, [r.shard for r in results])
        summary.lap("extract")
        load_shards(store, folder)
        summary.lap("load")
    return finish_build(store, minter, summary)


def count_shards(summary: BuildSummary, shards: Iterable[Shard]) -> None:
    for shard in shards:
        summary.articles += len(shard.graphs)
        summary.quads += shard.quads
        summary.persons, summary.claims = summary.persons + shard.persons, summary.claims + shard.claims
        summary.events += shard.events


def check_workers(client: Client, timeout: float = 60) -> None:
    """Fail early and clearly when no worker is connected or one lacks newskg (or runs another version)."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise DistributedError(f"no Dask worker joined the scheduler within {timeout:.0f} s; start some with "
                               f"'dask worker {client.scheduler.address}'") from None
    try:
        versions = client.run(_worker_version)
    except ImportError as e:
        raise DistributedError(f"a Dask worker cannot import newskg ({e}); install newskg on every worker "
                               "machine, in the environment 'dask worker' runs in") from None
    wanted = _worker_version()
    wrong = sorted(address for address, found in versions.items() if found != wanted)
    if wrong:
        raise DistributedError(f"Dask workers {', '.join(wrong)} run another newskg version than {wanted}; "
                               "install the same version everywhere, or shards would differ")


def run_partitions(client: Client, partitions: Sequence[Sequence[SourceArticle]], base: str, model: str | None,
                   folder: Path, write_on_workers: bool, ticks: Iterator[object]) -> list[PartitionResult]:
    """Map partitions over the cluster, a bounded number at a time; writes each shard as it arrives."""
    from distributed import KilledWorker, as_completed

    window = max(2, IN_FLIGHT_PER_WORKER * sum(client.nthreads().values()))
    queue = iter(enumerate(partitions))
    out_dir = str(folder) if write_on_workers else None

    def submit() -> Any:
        for index, part in queue:
            # pure=False: a rerun must extract again, not reuse a result the cluster still holds.
            return client.submit(extract_partition, index, part, base, model, out_dir, pure=False)
        return None

    running = as_completed([f for f in (submit() for _ in range(window)) if f is not None])
    results: list[PartitionResult] = []
    for future in running:
        try:
            result: PartitionResult = future.result()
        except KilledWorker as e:
            raise DistributedError(f"Dask workers died while extracting ({e}); out of memory? Give them more, or "
                                   "use a smaller --partition-size, and run the build again") from None
        future.release()
        if not write_on_workers:
            write_atomic(folder / result.shard.file, result.body)
            result.body = b""  # written: do not hold every shard in memory
        results.append(result)
        for _ in range(len(partitions[result.index])):
            next(ticks, None)
        following = submit()
        if following is not None:
            running.add(following)
    return sorted(results, key=lambda r: r.index)


@contextmanager
def _shard_folder(shards: Path | None) -> Iterator[Path]:
    """The given folder (kept, stale shards of an earlier run removed), or a temporary one."""
    if shards is None:
        with tempfile.TemporaryDirectory(prefix="kg-shards-") as temp:
            yield Path(temp)
        return
    try:
        shards.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DistributedError(f"cannot create the shard folder {shards}: {e}") from None
    (shards / MANIFEST).unlink(missing_ok=True)  # a manifest only ever describes a finished run
    for stale in shards.glob(f"{SHARD_PREFIX}*{SHARD_SUFFIX}"):
        stale.unlink()
    yield shards


def write_manifest(folder: Path, base: str, shards: Iterable[Shard]) -> None:
    body = {"format": "newskg-shards/1", "base": base, "shards": [asdict(s) for s in shards]}
    write_atomic(folder / MANIFEST, json.dumps(body, indent=1, ensure_ascii=False).encode("utf-8") + b"\n")


def read_manifest(folder: Path) -> tuple[str, list[Shard]]:
    """The base IRI and shards of a finished shard run, with a clear error for anything missing."""
    path = folder / MANIFEST
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        base, shards = body["base"], [_shard(s) for s in body["shards"]]
    except FileNotFoundError:
        raise DistributedError(f"no {MANIFEST} in {folder}: the shard run did not finish; run "
                               "'kg build --engine dask --shards DIR' again") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise DistributedError(f"cannot read {path} ({e}); make the shards again with "
                               "'kg build --engine dask --shards DIR'") from None
    missing = [s.file for s in shards if not (folder / s.file).is_file()]
    if missing:
        raise DistributedError(f"shards listed in {path} are missing: {', '.join(missing[:5])}; copy the whole "
                               "folder, or make the shards again")
    return base, shards


def _shard(entry: dict[str, Any]) -> Shard:
    counts = {name: int(entry.get(name, 0)) for name in ("quads", "persons", "claims", "events")}
    return Shard(str(entry["file"]), [str(g) for g in entry["graphs"]], **counts)


def load_shards(store: KGStore, folder: Path) -> int:
    """Bulk-load a shard folder into ``store``; returns the quads loaded. Resolution is the caller's.

    Each shard's article graphs are dropped first, so loading replaces earlier builds of those
    articles. Bulk loading is not one transaction: a load interrupted midway can leave an article
    graph part-loaded, and loading the same folder again (or rebuilding) completes it.
    """
    base, shards = read_manifest(folder)
    _check_base(store, base, folder)
    quads = 0
    for shard in shards:
        for graph in shard.graphs:
            store.remove_graph(ox.NamedNode(graph))
        try:
            store.ox.bulk_load(path=str(folder / shard.file), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as e:
            raise DistributedError(f"{folder / shard.file} is not valid N-Quads ({e}); make the shards "
                                   "again") from None
        quads += shard.quads
    return quads


def _check_base(store: KGStore, base: str, folder: Path) -> None:
    stored = stored_base(store)
    if stored is not None and stored != base:
        raise StoreError(f"the shards in {folder} were made with the base IRI {base}, but this store uses "
                         f"{stored}; load them into a new store, or make them again with --base {stored}")


def load_shard_folder(store: KGStore, folder: Path) -> BuildSummary:
    """``kg load-shards``: bulk-load shards made elsewhere, then resolve as a build does."""
    base, shards = read_manifest(folder)
    _check_base(store, base, folder)
    minter = minter_for(store, base)
    summary = BuildSummary()
    count_shards(summary, shards)
    load_shards(store, folder)
    summary.lap("load")
    return finish_build(store, minter, summary)


# No dashboard; the scheduler's health endpoint on any free loopback port rather than a warning
# that the usual port 8787 is taken (by another cluster, or another build).
QUIET: dict[str, Any] = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise DistributedError(f"--engine dask needs Dask ({e}); install it with "
                               "pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=20)
        except (OSError, TimeoutError) as e:
            raise DistributedError(f"cannot reach the Dask scheduler at {scheduler} ({e}); start one with "
                                   "'dask scheduler' and give its address, e.g. tcp://host:8786") from None
        with client:
            yield client
        return
    # One thread per worker process: extraction is pure Python and holds the GIL.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, **QUIET) as cluster:
        with Client(cluster) as client:
            yield client
