"""Serving: throughput and latency of kg serve against pyoxigraph in-process, the Oxigraph server and rdflib-endpoint.

    .venv/bin/python bench/serving.py [--store DIR] [--clients 4] [--requests 1000] [--budget 5]
        [--rdflib-requests 8] [--rdflib-budget 30] [--timeout 30] [--params 6] [--seed 1]
        [--systems direct,kg,oxigraph,rdflib]

Workloads: every query in queries/ with representative parameters bound (persons, organizations,
names and 30-day date ranges drawn from the store; see ``bench/serving_params.py``), a small label lookup,
a person's DESCRIBE-style CONSTRUCT (kg.web.resources.DESCRIBE) through the SPARQL endpoint, and
``/person/<slug>.json`` (kg serve; in-process, the page's data function). Every system gets the
same query texts (parameters written into the text) and the same client: ``--clients`` threads
over persistent loopback HTTP connections, at most ``--requests`` per workload and ``--budget``
seconds. The overhead of kg serve over pyoxigraph is measured apart, with one client, on the
small workloads. Loopback only; every server is stopped at the end. The last line is a summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from bench import serving_params as P  # noqa: E402
from bench.serving_http import (  # noqa: E402
    Cell,
    Factory,
    Outcome,
    Paired,
    http_caller,
    percentile,
    run_cell,
    run_paired,
)
from bench.serving_servers import FloorServer, KgServer, OxigraphServer, RdflibServer, Server  # noqa: E402
from kg.store import KGStore  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
DEFAULT_STORE = CACHE / "pages-5000-1" / "store"
SYSTEMS = ["direct", "kg", "oxigraph", "rdflib"]
NAMES = {"direct": "pyoxigraph direct", "kg": "kg serve", "oxigraph": "Oxigraph server", "rdflib": "rdflib-endpoint"}
QUICK_S = 0.1  # workloads whose direct p50 (K clients) is within this get the 1-client overhead measurement
SMALL_S = 0.02  # ... and those whose 1-client direct p50 is within this count for the overhead target
TARGET_OVERHEAD_MS, TARGET_OXIGRAPH, TARGET_RDFLIB = 2.0, 0.5, 20.0


# -- data: the store, its N-Quads export, the Oxigraph server's own copy ----------------------------
def ensure_store(store: Path) -> Path:
    if store.exists():
        return store
    if store != DEFAULT_STORE:
        sys.exit(f"no store at {store}; build one with 'kg build ARTICLES --store {store}' or drop --store")
    print("building the 5,000-article store with bench/pages.py's recipe (once; a few minutes)", flush=True)
    from bench import pages

    path, _ = pages.prepare(5000, 1, rebuild=False)
    return path


def signature(store: Path) -> str:
    """Names and sizes of the store's data files: a rebuilt store gets fresh exports."""
    files = sorted((p.name, p.stat().st_size) for p in store.iterdir() if p.suffix in (".sst", ".log")
                   or p.name.startswith("MANIFEST"))
    return hashlib.sha256(json.dumps([str(store.resolve()), files]).encode()).hexdigest()[:16]


def exports(store: Path, cache: Path) -> tuple[Path, Path]:
    """The store as N-Quads and loaded into an Oxigraph server folder, cached under ``cache``."""
    folder = cache / f"{store.parent.name}-{signature(store)}"
    nquads, oxi = folder / "data.nq", folder / "oxigraph"
    if not (folder / "done.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        ox.Store.read_only(str(store)).dump(str(nquads), format=ox.RdfFormat.N_QUADS)
        print(f"exported the store as N-Quads in {time.perf_counter() - started:.1f} s -> {nquads}", flush=True)
        started = time.perf_counter()
        done = subprocess.run([str(OxigraphServer.binary()), "load", "--location", str(oxi), "--file", str(nquads)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"oxigraph load failed:\n{done.stderr[-2000:]}")
        print(f"loaded it into the Oxigraph server's folder in {time.perf_counter() - started:.1f} s", flush=True)
        (folder / "done.json").write_text(json.dumps({"store": str(store)}), encoding="utf-8")
    # Keep only the newest export: each is the size of the store.
    for other in cache.glob(f"{store.parent.name}-*"):
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    return nquads, oxi


# -- the direct baseline: pyoxigraph in this process ----------------------------------------------
def direct_caller(store: ox.Store, person_json: Callable[[str], bytes]) -> Factory:
    """A factory of callers that answer a request in-process, with the work a server must do (serialize)."""
    def factory() -> Callable[[P.Request], Outcome]:
        def call(request: P.Request) -> Outcome:
            started = time.perf_counter()
            if request.kind == "page":
                body = person_json(request.iri)
            else:
                results = store.query(request.text, use_default_graph_as_union=True)
                if isinstance(results, ox.QueryTriples):
                    body = ox.serialize(results, format=ox.RdfFormat.N_TRIPLES)
                else:
                    body = results.serialize(format=ox.QueryResultsFormat.JSON)
            return Outcome(time.perf_counter() - started, 200, body)
        return call
    return factory


# -- one workload on every system ---------------------------------------------------------------
@dataclass
class Row:
    workload: str
    system: str
    cell: Cell | None  # None: not run (why in ``note``)
    rows: int | None = None
    note: str = ""


@dataclass
class System:
    name: str
    factory: Factory
    server: Server | None = None  # None: in this process

    @property
    def label(self) -> str:
        return NAMES.get(self.name, self.name)


def measure(system: System, w: P.Workload, args: argparse.Namespace) -> Row:
    """One untimed request (warm-up, row count), then the timed cell."""
    rdflib = system.name == "rdflib"
    warm = system.factory()(w.requests[0])
    if not warm.ok:
        note = f"warm-up timed out (> {args.timeout:g} s)" if warm.timed_out else f"warm-up answered {warm.status}"
        if rdflib and warm.timed_out:
            system.server.restart()  # type: ignore[union-attr]  # rdflib cannot stop a query: start afresh
        print(f"  {w.name:24} {system.label:18} {note}", flush=True)
        return Row(w.name, system.name, None, None, note)
    rows = P.count_rows(w.kind, warm.body)
    cell = run_cell(system.factory, w.requests, args.rdflib_requests if rdflib else args.requests,
                    args.rdflib_budget if rdflib else args.budget, args.clients)
    if rdflib and cell.timeouts:
        system.server.restart()  # type: ignore[union-attr]
    print(f"  {w.name:24} {system.label:18} {fmt_cell(cell)}  rows {rows}", flush=True)
    return Row(w.name, system.name, cell, rows)


def fmt_cell(cell: Cell) -> str:
    kinds = f" ({', '.join(f'{k} x{n}' for k, n in cell.kinds.most_common())})" if cell.kinds else ""
    return (f"n {cell.n:4d}  {cell.rate:8.1f} req/s  p50 {cell.p50 * 1000:8.1f} ms  p99 {cell.p99 * 1000:8.1f} ms  "
            f"errors {cell.errors}{kinds}  timeouts {cell.timeouts}")


def make_server(system: str, store: Path, nquads: Path, oxi: Path, args: argparse.Namespace) -> Server:
    server: Server
    if system == "kg":
        server = KgServer(store, args.timeout, args.kg_processes)
    elif system == "oxigraph":
        server = OxigraphServer(oxi, args.timeout)
    elif system == "floor":
        server = FloorServer()
    else:
        server = RdflibServer(nquads, args.rdflib_load_timeout)
    server.logs = Path(args.cache)
    return server


def select_workloads(workloads: list[P.Workload], names: str) -> list[P.Workload]:
    if not names:
        return workloads
    wanted, known = set(names.split(",")), {w.name for w in workloads}
    if wanted - known:
        sys.exit(f"--workloads: unknown {', '.join(sorted(wanted - known))}; known: {', '.join(sorted(known))}")
    return [w for w in workloads if w.name in wanted]


@dataclass
class Results:
    rows: list[Row]
    overhead: dict[str, Paired]
    floor: Cell | None


def run_all(systems: list[System], workloads: list[P.Workload], args: argparse.Namespace) -> Results:
    """Workload by workload, every system in turn: a shared machine's load drifts over minutes, and this
    way it falls on the systems compared alike. Quick workloads also get the 1-client overhead pairs."""
    out = Results([], {}, None)
    by = {s.name: s for s in systems}
    for w in workloads:
        print(f"{w.name} ({len(w.requests)} parameter sets)", flush=True)
        for system in systems:
            if system.name == "floor" or (w.kind == "page" and system.name not in ("direct", "kg")):
                continue
            out.rows.append(measure(system, w, args))
            if system.name == "direct":
                direct = out.rows[-1].cell
        if "kg" in by and direct is not None and direct.ok and direct.p50 <= QUICK_S:
            out.overhead[w.name] = pair = run_paired(by["direct"].factory, by["kg"].factory, w.requests,
                                                     args.overhead_requests, args.budget)
            print(f"  {w.name:24} overhead, 1 client: median {pair.gap * 1000:+.2f} ms (n {len(pair.gaps)})",
                  flush=True)
        if w.name == "label" and "floor" in by:
            by["floor"].factory()(w.requests[0])
            out.floor = run_cell(by["floor"].factory, w.requests, args.requests, args.budget, args.clients)
            print(f"  {'label':24} {'Flask floor':18} {fmt_cell(out.floor)}", flush=True)
            # What HTTP through waitress and Flask alone adds, measured like kg serve's overhead.
            floor_pair = run_paired(by["direct"].factory, by["floor"].factory, w.requests, args.overhead_requests,
                                    args.budget)
            print(f"  {'label':24} Flask floor overhead, 1 client: median {floor_pair.gap * 1000:+.2f} ms "
                  f"(n {len(floor_pair.gaps)}; a fixed body, no query)", flush=True)
    return out


def run(args: argparse.Namespace) -> None:
    store_path = ensure_store(Path(args.store))
    names = [s for s in args.systems.split(",") if s]
    if set(names) - set(SYSTEMS) or "direct" not in names:
        sys.exit(f"--systems takes a comma-separated subset of {','.join(SYSTEMS)} that includes direct")
    store = ox.Store.read_only(str(store_path))
    chosen = P.choose(store, args.params, args.seed)
    print(f"store {store_path}: {P.describe_params(chosen)}", flush=True)
    workloads = select_workloads(P.workloads(P.base_of(KGStore(store_path, read_only=True)), chosen), args.workloads)
    probes = P.probe(store_path, workloads, args.timeout)
    for w in workloads:
        print(f"probe {w.name:24} {probes[w.name].describe()}", flush=True)
    runnable = [w for w in workloads if probes[w.name].ok]
    nquads, oxi = exports(store_path, Path(args.cache)) if {"oxigraph", "rdflib"} & set(names) else (Path(), Path())

    systems = [System("direct", direct_caller(store, P.person_json_direct(store_path)))]
    # rdflib first: its minute-long load runs before anything is timed.
    order = [n for n in ("rdflib", "kg", "oxigraph") if n in names] + (["floor"] if "kg" in names else [])
    try:
        for name in order:
            server = make_server(name, store_path, nquads, oxi, args)
            systems.append(System(name, http_caller(server.port, server.sparql_path, args.timeout), server))
            server.start()
            print(f"started {NAMES.get(name, 'Flask+waitress floor')} ({server.note})", flush=True)
        systems.sort(key=lambda s: [*SYSTEMS, "floor"].index(s.name))
        results = run_all(systems, runnable, args)
    finally:
        for system in systems:
            if system.server is not None:
                system.server.stop()
    report(results.rows, results.overhead, workloads, probes, args, store_path, results.floor)


# -- the report ---------------------------------------------------------------------------------
def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def report(results: list[Row], overhead: dict[str, Paired], workloads: list[P.Workload],
           probes: dict[str, P.Probe], args: argparse.Namespace, store: Path, floor: Cell | None) -> None:
    by = {(r.workload, r.system): r for r in results}
    systems = [s for s in SYSTEMS if any(r.system == s for r in results)]
    print(f"\n{'workload':24} {'system':18} {'n':>5} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
          f"{'errors':>6} {'timeouts':>8} {'rows':>7}")
    for w in workloads:
        for s in systems:
            r = by.get((w.name, s))
            if r is None:
                continue
            if r.cell is None:
                print(f"{w.name:24} {NAMES[s]:18} {'-':>5} {r.note}")
                continue
            c = r.cell
            print(f"{w.name:24} {NAMES[s]:18} {c.n:5d} {c.rate:9.1f} {c.p50 * 1000:9.1f} {c.p99 * 1000:9.1f} "
                  f"{c.errors:6d} {c.timeouts:8d} {r.rows if r.rows is not None else '-':>7}")
        if not probes[w.name].ok:
            print(f"{w.name:24} {'(all)':18} {'-':>5} skipped: {probes[w.name].describe()}")
    mismatched = row_check(by, workloads, systems)

    print("\nratios (throughput of kg serve / other, same workload)")
    vs_oxi = ratios(by, workloads, "oxigraph")
    vs_rdf = ratios(by, workloads, "rdflib", bound=args.timeout)
    for w in workloads:
        parts = []
        if w.name in vs_oxi:
            parts.append(f"/Oxigraph server {vs_oxi[w.name][0]:.2f}")
        if w.name in vs_rdf:
            value, lower = vs_rdf[w.name]
            parts.append(f"/rdflib-endpoint {'>=' if lower else ''}{value:.1f}")
        if parts:
            print(f"  {w.name:24} " + "; ".join(parts))
    label = by.get(("label", "kg"))
    if floor is not None and floor.ok and label is not None and label.cell is not None and label.cell.ok:
        print(f"  label: kg serve {label.cell.rate:.0f} req/s = {label.cell.rate / floor.rate:.2f} of the "
              f"Flask+waitress floor ({floor.rate:.0f} req/s: a route answering a fixed body, no query)")
    print(f"\noverhead of kg serve over pyoxigraph direct: 1 client, each request on both back to back; median "
          f"of the differences. Small: a /sparql query whose direct p50 <= {SMALL_S * 1000:g} ms")
    gaps = {}
    for name, pair in overhead.items():
        if not pair.gaps:
            print(f"  {name:24} no request answered by both ({pair.failed} failed)")
            continue
        direct_p50, kg_p50, gap = percentile(pair.first, 0.5), percentile(pair.second, 0.5), pair.gap * 1000
        small = direct_p50 <= SMALL_S and name != "person.json"
        if small:
            gaps[name] = gap
        print(f"  {name:24} direct p50 {direct_p50 * 1000:7.2f} ms, kg serve p50 {kg_p50 * 1000:7.2f} ms, "
              f"overhead {gap:+.2f} ms (n {len(pair.gaps)}){'  small' if small else ''}")
    print(summary(gaps, vs_oxi, vs_rdf, store, args, mismatched))


def row_check(by: dict[tuple[str, str], Row], workloads: list[P.Workload], systems: list[str]) -> list[str]:
    """Every system must answer the first parameter set with as many rows (distinct triples) as pyoxigraph."""
    print("\nrows for the first parameter set (distinct triples for CONSTRUCT, canonical JSON length for pages)")
    bad = []
    for w in workloads:
        counts = {s: by[(w.name, s)].rows for s in systems if (w.name, s) in by and by[(w.name, s)].rows is not None}
        if not counts:
            continue
        agree = len(set(counts.values())) == 1
        if not agree:
            bad.append(w.name)
        shown = ", ".join(f"{NAMES[s]} {n}" for s, n in counts.items())
        print(f"  {w.name:24} {shown}{'' if agree else '  MISMATCH'}")
    return bad


def ratios(by: dict[tuple[str, str], Row], workloads: list[P.Workload], other: str,
           bound: float | None = None) -> dict[str, tuple[float, bool]]:
    """kg serve's throughput over ``other``'s per workload; (value, is a lower bound).

    An ``other`` that finished nothing in time (its warm-up timed out) managed under one request per
    ``bound`` seconds, which gives a lower bound for the ratio.
    """
    out: dict[str, tuple[float, bool]] = {}
    for w in workloads:
        mine, theirs = by.get((w.name, "kg")), by.get((w.name, other))
        if mine is None or mine.cell is None or not mine.cell.ok or theirs is None:
            continue
        if theirs.cell is not None and theirs.cell.ok:
            out[w.name] = (mine.cell.rate / theirs.cell.rate, False)
        elif bound is not None and theirs.cell is None and "timed out" in theirs.note:
            out[w.name] = (mine.cell.rate * bound, True)
    return out


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summary(gaps: dict[str, float], vs_oxi: dict[str, tuple[float, bool]], vs_rdf: dict[str, tuple[float, bool]],
            store: Path, args: argparse.Namespace, mismatched: list[str]) -> str:
    parts = [f"SUMMARY {store.parent.name}, {args.clients} clients"]
    if not gaps:
        parts.append("overhead over pyoxigraph: not measured (needs kg serve and a small query)")
    else:
        worst = max(gaps, key=lambda k: gaps[k])
        parts.append(f"overhead over pyoxigraph (small queries, 1 client) max {gaps[worst]:+.2f} ms ({worst}), target "
                     f"<= {TARGET_OVERHEAD_MS:g} ms: {verdict(gaps[worst] <= TARGET_OVERHEAD_MS)}")
    for label, values, target in (("Oxigraph server", vs_oxi, TARGET_OXIGRAPH),
                                  ("rdflib-endpoint", vs_rdf, TARGET_RDFLIB)):
        if not values:
            parts.append(f"vs {label}: not measured")
            continue
        worst = min(values, key=lambda k: values[k][0])
        missed = [k for k, (v, _) in values.items() if v < target]
        value, lower = values[worst]
        parts.append(f"throughput vs {label} geomean {geomean([v for v, _ in values.values()]):.2f}x, min "
                     f"{'>=' if lower else ''}{value:.2f}x ({worst}), target >= {target:g}x: "
                     f"{verdict(not missed)}" + (f" on {len(missed)} of {len(values)} workloads" if missed else ""))
    if mismatched:
        parts.append(f"row counts differ: {', '.join(mismatched)}")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default=str(DEFAULT_STORE), help="a built store (opened read-only)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=1000, help="at most this many timed requests per workload")
    parser.add_argument("--budget", type=float, default=5.0, help="at most this many seconds per workload")
    parser.add_argument("--overhead-requests", type=int, default=200, help="requests per small workload, 1 client")
    parser.add_argument("--rdflib-requests", type=int, default=8)
    parser.add_argument("--rdflib-budget", type=float, default=30.0)
    parser.add_argument("--rdflib-load-timeout", type=float, default=900.0, help="seconds to wait for rdflib to load")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds per request (client side; also kg serve's and Oxigraph's query timeout)")
    parser.add_argument("--params", type=int, default=6, help="parameter sets, used in turn")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="a subset of " + ",".join(SYSTEMS))
    parser.add_argument("--kg-processes", type=int, default=None,
                        help="kg serve --processes (default: kg serve's own default)")
    parser.add_argument("--workloads", default="", help="only these workloads (comma-separated names)")
    parser.add_argument("--cache", default=str(CACHE / "serving"),
                        help="where the N-Quads export, the Oxigraph server's copy and the server logs are kept")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
