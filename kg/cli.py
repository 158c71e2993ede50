"""The ``kg`` command: build, load-shards, query, export, stats, remove, serve."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.query import DATASET_FORMATS, QueryError
from kg.store import KGStore, StoreError

if TYPE_CHECKING:
    from kg.build import BuildSummary

TOKEN_ENV = "KG_UPDATE_TOKEN"
STORE_OPTION = click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=lambda: os.environ.get("KG_STORE", "store"),
    show_default="$KG_STORE or ./store", help="Folder of the Oxigraph store.",
)


def _open(path: Path, read_only: bool = False) -> KGStore:
    try:
        return KGStore(path, read_only=read_only)
    except StoreError as e:
        raise click.ClickException(str(e)) from None


@click.group()
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: who said what, and who talked with whom, in German news."""


def _workers(value: str | None) -> int | None:
    """``--workers``: a count, or 0 / auto for one per core; None when not given."""
    from kg.parallel import worker_count

    if value is None:
        return None
    text = value.strip().lower()
    if text == "auto":
        return worker_count(0)
    try:
        number = int(text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number; give a count of processes, or 0 / auto") from None
    if number < 0:
        raise click.BadParameter("give a count of processes (1 or more), or 0 / auto for one per core")
    return worker_count(number)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--model", default=None,
              help="An installed spaCy German pipeline (name or path) to use beside the built-in rules.")
@click.option("--base", default=None, help="Base IRI for persons, events and claims.")
@click.option("--workers", default=None, metavar="N", callback=lambda _ctx, _param, value: _workers(value),
              help="Processes that extract (0 or auto: one per core); this process alone writes the store. "
                   "With --engine dask and no --scheduler: the local cluster's worker processes.  [default: 1; "
                   "dask: one per core]")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: extract on a Dask cluster into N-Quads shards, then bulk-load them (docs/distributed.md).")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Dask scheduler address (tcp://host:8786); without it a local cluster is started.")
@click.option("--shards", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dask: keep the N-Quads shards and manifest.json in this folder (default: a temporary one).")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="Dask: articles per task and per shard.  [default: 100]")
@click.option("--write-on-workers", is_flag=True,
              help="Dask: workers write the shards into --shards themselves (a folder every worker and this "
                   "machine see at the same path) instead of sending them back.")
def build(paths: tuple[Path, ...], store_path: Path, model: str | None, base: str | None, workers: int | None,
          engine: str, scheduler: str | None, shards: Path | None, partition_size: int | None,
          write_on_workers: bool) -> None:
    """Read articles (.txt + .json sidecar, .jsonl, .html; files or folders) into the store."""
    from kg.build import tqdm_progress
    from kg.parallel import WorkerError

    dask_only = {"--scheduler": scheduler, "--shards": shards, "--partition-size": partition_size,
                 "--write-on-workers": write_on_workers}
    if engine != "dask" and any(dask_only.values()):
        given = ", ".join(name for name, value in dask_only.items() if value)
        raise click.UsageError(f"{given} only apply with --engine dask")
    if scheduler and workers is not None:
        raise click.UsageError("--workers sizes a local cluster; with --scheduler the cluster's own workers are used")
    if workers is None:
        workers = 0 if engine == "dask" else 1
    store = _open(store_path)
    try:
        if engine == "dask":
            summary = _build_dask(list(paths), store, model=model, base=base, workers=workers, scheduler=scheduler,
                                  shards=shards, partition_size=partition_size, write_on_workers=write_on_workers)
        else:
            from kg.build import build as run_build

            summary = run_build(list(paths), store, model=model, base=base, progress=tqdm_progress,
                                workers=workers)
    except OSError as e:
        raise click.ClickException(f"could not load the language model: {e}") from None
    except (StoreError, WorkerError) as e:
        raise click.ClickException(str(e)) from None
    _report(summary)


def _build_dask(paths: list[Path], store: KGStore, *, workers: int, scheduler: str | None,
                partition_size: int | None, **options: Any) -> BuildSummary:
    from kg.build import tqdm_progress
    from kg.distributed import PARTITION_SIZE, DistributedError, build_dask, dask_client
    from kg.parallel import worker_count

    try:
        with dask_client(scheduler, worker_count(workers)) as client:
            return build_dask(paths, store, client=client, progress=tqdm_progress,
                              partition_size=partition_size or PARTITION_SIZE, **options)
    except DistributedError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:  # a worker's language model, or the shard folder: the message names it
        raise click.ClickException(f"the Dask build failed: {e}") from None


def _report(summary: BuildSummary) -> None:
    for line in summary.lines():
        click.echo(line, err=line.startswith("  problem"))
    if summary.failed:
        sys.exit(1)


@main.command("load-shards")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@STORE_OPTION
def load_shards(folder: Path, store_path: Path) -> None:
    """Bulk-load N-Quads shards made by 'kg build --engine dask --shards FOLDER' (elsewhere), then resolve."""
    from kg.distributed import DistributedError, load_shard_folder

    store = _open(store_path)
    try:
        summary = load_shard_folder(store, folder)
    except (StoreError, DistributedError) as e:
        raise click.ClickException(str(e)) from None
    _report(summary)


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@STORE_OPTION
def remove(article_ids: tuple[str, ...], store_path: Path) -> None:
    """Remove articles (by id) and everything only they said."""
    from kg.build import minter_for
    from kg.resolve.apply import resolve_store
    from kg.store import bump_generation

    store = _open(store_path)
    missing = []
    for article_id in article_ids:
        graph = store.article_graph(article_id)
        if graph is None or not store.remove_graph(graph):
            missing.append(article_id)
        else:
            click.echo(f"removed {article_id}")
    # Persons and events the removed articles named may now merge, split or vanish.
    resolve_store(store, minter_for(store, None))
    store.flush()
    if store.path is not None:
        bump_generation(store.path)  # readers reopen only on a completed change
    if missing:
        raise click.ClickException(f"no such article in the store: {', '.join(missing)} (see 'kg stats')")


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(sorted(DATASET_FORMATS)), default="nquads", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="File to write, or - for standard output.")
def export(store_path: Path, fmt: str, output: str) -> None:
    """Write the whole graph in an RDF format (N-Quads and TriG keep the article graphs)."""
    store = _open(store_path, read_only=True)
    if output == "-":
        store.export(fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        store.export(fmt, output)


@main.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-e", "expression", help="The SPARQL query text.")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "xml"]), default="table",
              show_default=True)
def query(file: Path | None, expression: str | None, store_path: Path, fmt: str) -> None:
    """Run a SPARQL query (FILE.rq or -e 'SELECT ...') over all articles."""
    if (file is None) == (expression is None):
        raise click.UsageError("give either a query file or -e 'SPARQL', not both")
    sparql = expression if expression is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    store = _open(store_path, read_only=True)
    try:
        result = store.execute(sparql, result_format="json" if fmt == "table" else fmt)
    except QueryError as e:
        raise click.ClickException(str(e)) from None
    if fmt != "table" or result.kind == "graph":
        sys.stdout.buffer.write(result.body)
        return
    click.echo(render_table(json.loads(result.body)))


def render_table(results: dict) -> str:
    """SPARQL JSON results as an aligned text table."""
    if "boolean" in results:
        return "yes" if results["boolean"] else "no"
    names = results["head"]["vars"]
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in results["results"]["bindings"]]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    fmt = " | ".join(f"{{:{w}}}" for w in widths)
    lines = [fmt.format(*names), "-+-".join("-" * w for w in widths)] + [fmt.format(*r) for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


@main.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(store_path: Path, as_json: bool) -> None:
    """How many articles, persons, claims and events the store holds."""
    figures = _open(store_path, read_only=True).stats()
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for name, count in figures.items():
            click.echo(f"{name:14} {count}")


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--query-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a SPARQL query may run; a client's timeout= may only lower it.")
@click.option("--query-workers", default=2, show_default=True, type=click.IntRange(min=0),
              help="Processes that run SPARQL queries (read-only serving; a runaway query's worker is killed).")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(min=1),
              help="Web processes sharing the port (read-only serving), each with its own --threads and "
                   "--query-workers; one answers about one core's worth of small requests.")
@click.option("--base", default=None, help="Base IRI the store was built with.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes (into graphs other than those kg build writes).")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=f"File holding the bearer token updates must carry (else ${TOKEN_ENV}; "
                   "with neither, only clients on this machine may update).")
def serve(store_path: Path, host: str, port: int, threads: int, query_timeout: float, query_workers: int,
          processes: int, base: str | None, allow_update: bool, token_file: Path | None) -> None:
    """Serve the SPARQL endpoint, the Graph Store and the entity pages."""
    from kg.web import create_app
    from kg.web import serve as run_server

    if not store_path.exists():
        raise click.ClickException(
            f"no store at {store_path}; build one first with 'kg build ARTICLES --store {store_path}'")
    if token_file is not None and not allow_update:
        raise click.UsageError("--token-file only matters with --allow-update")
    if allow_update and processes > 1:
        raise click.UsageError("--allow-update serves from one process (a store has one writer); drop --processes")
    config: dict[str, object] = {"STORE_PATH": str(store_path), "ALLOW_UPDATE": allow_update,
                                 "QUERY_TIMEOUT": query_timeout, "QUERY_WORKERS": query_workers}
    if allow_update:
        config["UPDATE_TOKEN"] = _update_token(token_file)
    if base:
        config["BASE_IRI"] = base
    app = create_app(config)
    click.echo(f"newskg serving {store_path} at http://{host}:{port}/  (SPARQL: http://{host}:{port}/sparql)")
    if allow_update:
        who = "with the bearer token" if config["UPDATE_TOKEN"] else "from this machine only"
        click.echo(f"updates enabled ({who}) at /sparql and /store")
    if processes > 1:
        click.echo(f"{processes} web processes, each with {threads} threads and {query_workers} query workers")
    run_server(app, host=host, port=port, threads=threads, processes=processes)


def _update_token(token_file: Path | None) -> str | None:
    """The token from --token-file, else from the environment; None if neither is set."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            raise click.ClickException(f"cannot read the token file {token_file}: {e}") from None
        if not token:
            raise click.ClickException(f"the token file {token_file} is empty; put the token in it")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


@main.command()
@STORE_OPTION
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A SHACL shapes file.  [default: ontology/shapes.ttl]")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle"]), default="text", show_default=True,
              help="text: one block per result and a summary; turtle: the SHACL validation report.")
def validate(store_path: Path, shapes: Path | None, fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit status 1 if anything violates them.

    Validates the union of all graphs (what a SPARQL client sees) with pyshacl, which needs
    that union in Python memory: about 2 KB per triple (a 700-article store, ~95,000 triples,
    takes ~220 MB and ~25 s). Warnings (a claim without a speaker, an undated event) are
    printed but do not fail.
    """
    from kg.validate import SHAPES, ValidationError, format_text, summary_line, validate_store

    store = _open(store_path, read_only=True)
    try:
        report = validate_store(store, shapes or SHAPES)
    except ValidationError as e:
        raise click.ClickException(str(e)) from None
    if fmt == "turtle":
        sys.stdout.write(report.graph.serialize(format="turtle"))
        click.echo(summary_line(report), err=True)  # stdout stays one Turtle document
    else:
        if report.findings:
            click.echo(format_text(report.findings))
        click.echo(summary_line(report))
    sys.exit(0 if report.conforms else 1)
