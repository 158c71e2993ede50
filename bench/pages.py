"""How fast the server renders its pages on a store of generated articles.

    python bench/pages.py [--articles 5000] [--requests 200] [--seed 1] [--budget 20] [--rebuild]

Generates the corpus (bench/corpus.py), builds it with ``kg build`` into
bench/.cache/pages-<articles>-<seed>/store (reused by later runs), then times requests through
the Flask test client: the home page, person pages (HTML and .json; the most quoted persons and
random ones) and every other kind of entity page that answers 200 (event, claim, article, org, …).
Baselines in the same run: an empty Flask route, and the page's data function alone (its SPARQL
and assembly, no Flask, no template). The last line is a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

try:  # imported as bench.pages
    from bench import corpus
except ImportError:  # run as `python bench/pages.py`: bench/ itself is on sys.path
    import corpus  # type: ignore[no-redef]

from kg.store import KGStore
from kg.web import create_app
from kg.web.context import base_iri, current_store

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
# Kinds of entity page to probe; the app may know more (kg.web.resources.KINDS), which are added.
KINDS = ["person", "event", "claim", "article", "org", "agent"]
MOST_QUOTED = """SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p a nkg:Person ; nkg:said ?c }
GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 10"""
UNDER = """SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), %s) && !CONTAINS(STR(?s), "#")) }
LIMIT 5000"""


# -- corpus and store ---------------------------------------------------------------------------
def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]


def prepare(count: int, seed: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    """The store for (count, seed), built now or by an earlier run; returns it and the build record."""
    folder = CACHE / f"pages-{count}-{seed}"
    record_file = folder / "build.json"
    if record_file.exists() and not rebuild:
        record = json.loads(record_file.read_text(encoding="utf-8"))
        record["cached"] = True
        return folder / "store", record
    shutil.rmtree(folder, ignore_errors=True)  # a half-built store from an interrupted run is not reused
    articles = folder / "articles"
    started = time.perf_counter()
    corpus.write(count, seed, articles)
    generated = time.perf_counter() - started
    print(f"generated {count} articles in {generated:.1f} s -> {articles}", flush=True)
    started = time.perf_counter()
    done = subprocess.run([*kg_command(), "build", str(articles), "--store", str(folder / "store")],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"kg build failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
                 f"fix the build, then run this again (the cache in {folder} is not kept)")
    record = {"articles": count, "seed": seed, "seconds": round(seconds, 2), "output": done.stdout.strip()}
    record_file.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    record["cached"] = False
    return folder / "store", record


# -- what to request ----------------------------------------------------------------------------
def kinds_known_to_app() -> list[str]:
    try:
        from kg.web import resources
    except ImportError:
        return []
    return list(getattr(resources, "KINDS", {}))


def view_function(kind: str) -> Callable[[KGStore, str, str], object] | None:
    """The data function behind a kind's page, (store, base, iri) -> view; None if the app has none."""
    try:
        from kg.web import resources
    except ImportError:
        return None
    entry = getattr(resources, "KINDS", {}).get(kind)
    return getattr(entry, "view", None)


def iris_under(store: KGStore, base: str, kind: str) -> list[str]:
    # Inlined, not substituted: Oxigraph substitutes only projected variables. JSON quoting is SPARQL-safe here.
    rows = store.select(UNDER % json.dumps(f"{base}{kind}/"))
    return sorted(r["s"].value for r in rows)


def samples(app: Flask, rng: random.Random) -> tuple[str, dict[str, list[str]], list[str]]:
    """The base, IRIs to request per kind, and the most quoted persons."""
    with app.app_context():
        store, base = current_store(), base_iri()
        top = [r["p"].value for r in store.select(MOST_QUOTED)]
        chosen: dict[str, list[str]] = {}
        for kind in dict.fromkeys(KINDS + kinds_known_to_app()):
            iris = iris_under(store, base, kind)
            if iris:
                picked = rng.sample(iris, min(40, len(iris)))
                chosen[kind] = (top + [i for i in picked if i not in top]) if kind == "person" else picked
        return base, chosen, top


# -- timing -------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def timed(fn: Callable[[], object], count: int, budget: float, warm: bool = True) -> list[float]:
    """Milliseconds per call: ``count`` calls, or fewer if ``budget`` seconds run out first."""
    if warm:
        fn()  # templates compiled, store opened, caches filled; the probe did this for probed pages
    out: list[float] = []
    deadline = time.perf_counter() + budget
    while len(out) < count and time.perf_counter() < deadline:
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def getter(client: FlaskClient, paths: list[str]) -> Callable[[], object]:
    """Requests ``paths`` in turn; a page that does not answer 200 stops the benchmark (its time would lie)."""
    state = {"i": 0}

    def get() -> object:
        path = paths[state["i"] % len(paths)]
        state["i"] += 1
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}; the timings would be wrong. "
                             f"Check that page by hand (kg serve), then run this again.")
        return response.data

    return get


def probe(client: FlaskClient, paths: list[str]) -> str | None:
    """None if the kind has pages (the first of ``paths`` answers 200), else its status as a note.

    Only one request: at a few seconds per page, probing every sample would cost minutes.
    """
    status = client.get(paths[0]).status_code
    return None if status == 200 else str(status)


def row(name: str, ms: list[float], note: str = "") -> str:
    return (f"{name:<22} {len(ms):>5} {percentile(ms, 0.5):>9.2f} {percentile(ms, 0.95):>9.2f} "
            f"{max(ms):>9.2f}  {note}")


def run(count: int, seed: int, requests: int, budget: float, rebuild: bool) -> None:
    store_path, record = prepare(count, seed, rebuild)
    how = "cached from an earlier run" if record["cached"] else "this run"
    print(f"build: {record['articles']} articles in {record['seconds']:.1f} s "
          f"({record['articles'] / record['seconds']:.1f} articles/s, kg build incl. startup; {how})")
    for line in record["output"].splitlines()[:2]:
        print("  " + line)
    app = create_app({"STORE_PATH": str(store_path)})
    app.add_url_rule("/__bench/empty", "bench_empty", lambda: "")  # before the first request, as Flask requires
    client = app.test_client()
    base, chosen, top = samples(app, random.Random(seed))
    with app.app_context():
        print(f"store: {current_store().stats()}")
    print(f"\n{'page kind':<22} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    results: dict[str, list[float]] = {}
    skipped: list[str] = []
    note = probe(client, ["/"])
    if note is None:
        results["home"] = timed(getter(client, ["/"]), requests, budget, warm=False)
        print(row("home", results["home"]), flush=True)
    else:
        skipped.append(f"home ({note})")
    for kind, iris in chosen.items():
        paths = ["/" + iri[len(base):] for iri in iris]
        for name, suffix in ((kind, ""), (f"{kind}.json", ".json")):
            pages = [p + suffix for p in paths]
            note = probe(client, pages)
            if note is not None:
                skipped.append(f"{name} ({note})")
                continue
            results[name] = timed(getter(client, pages), requests, budget, warm=False)
            print(row(name, results[name], f"{min(len(pages), len(results[name]))} distinct pages"), flush=True)
        if kind == "person" and top:
            top_paths = ["/" + iri[len(base):] for iri in top]
            results["person:top10"] = timed(getter(client, top_paths), requests, budget)
            print(row("person:top10", results["person:top10"], "the 10 most quoted persons"), flush=True)
    if skipped:
        print("skipped, no page answered 200: " + ", ".join(skipped))
    print("\nbaselines")
    results["empty route"] = timed(getter(client, ["/__bench/empty"]), requests, budget)
    print(row("empty route", results["empty route"], "Flask test client round trip, no store"))
    view = view_function("person")
    if view is not None and "person" in chosen:
        with app.app_context():
            store = current_store()
            for name, sample in (("person data", chosen["person"]), ("person data:top10", top)):
                if sample:
                    iris = iter(sample * (requests + 1))
                    results[name] = timed(lambda it=iris: view(store, base, next(it)), requests, budget)
                    print(row(name, results[name], "the person page's data function: SPARQL + assembly"))
    print("\nratios of p50: " + ("; ".join(ratios(results)) or "n/a"))
    print(summary(count, record, results))


def ratios(results: dict[str, list[float]]) -> list[str]:
    out = []
    for page, data in (("person", "person data"), ("person:top10", "person data:top10")):
        for base in (data, "empty route"):
            if page in results and base in results:
                ratio = percentile(results[page], 0.5) / max(percentile(results[base], 0.5), 1e-6)
                out.append(f"{page} / {base} {ratio:.1f}x")
    return out


def summary(count: int, record: dict[str, Any], results: dict[str, list[float]]) -> str:
    def p50(name: str) -> str:
        return f"{percentile(results[name], 0.5):.1f} ms" if name in results else "n/a"

    baselines = ("empty", "person data")
    others = [f"{k} p50 {p50(k)}" for k in results if k not in ("home", "person") and not k.startswith(baselines)]
    return (f"SUMMARY {count} articles: build {record['seconds']:.0f} s "
            f"({record['articles'] / record['seconds']:.0f} articles/s); home p50 {p50('home')}; "
            f"person p50 {p50('person')} (target <= 30 ms); " + "; ".join(others))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the server's pages on a store of generated articles.")
    parser.add_argument("--articles", type=int, default=5000, help="corpus size (default 5000)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--budget", type=float, default=20.0, help="at most this many seconds per page kind")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it is cached")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.requests < 1:
        parser.error("--articles and --requests must be at least 1")
    run(args.articles, args.seed, args.requests, args.budget, args.rebuild)


if __name__ == "__main__":
    main()
