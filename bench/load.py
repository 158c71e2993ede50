"""Load test: concurrent clients against a real ``kg serve`` while ``kg build`` writes to the same store.

    .venv/bin/python bench/load.py [--clients 8] [--requests 2000] [--budget 120] [--extra 200] [--no-build]

Loopback only, bounded in count (--requests) and time (--budget seconds for the request phase).
The 5,000-article store of bench/pages.py (bench/.cache/pages-5000-1/store) is copied to a
temporary folder (built first with bench/pages.py's recipe if missing), so the cache is never
changed. ``kg serve`` runs on the copy; ``kg build`` adds --extra generated articles (another
seed) into it while the clients run. Requests mix entity pages, /search and the example queries
in queries/. Prints throughput, p50/p99 latency, errors and 5xx; the last line is a summary.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402

KG = [str(ROOT / ".venv" / "bin" / "kg")] if (ROOT / ".venv" / "bin" / "kg").exists() else [
    sys.executable, "-m", "kg.cli"]
CACHED = ROOT / "bench" / ".cache" / "pages-5000-1"
HOST = "127.0.0.1"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # connection failures, resets, timeouts
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, status: int | None, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if status is not None:
                self.statuses[status] += 1
            if error is not None:
                self.errors.append(error)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def ensure_store(articles: int) -> Path:
    store = CACHED / "store"
    if (CACHED / "build.json").exists() and store.exists():
        return store
    folder = CACHED / "articles"
    write_articles(folder, articles, seed=1)
    print(f"building {articles} articles into {store} (once; several minutes)", flush=True)
    subprocess.run([*KG, "build", str(folder), "--store", str(store)], check=True, stdout=subprocess.DEVNULL)
    (CACHED / "build.json").write_text(json.dumps({"articles": articles, "seed": 1}), encoding="utf-8")
    return store


def write_articles(folder: Path, count: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, text, meta in corpus.generate(count, seed):
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{article_id}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "text/html,application/sparql-results+json;q=0.9"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(port: int, server: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"kg serve exited with {server.returncode}")
        try:
            if get(port, "/", timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("kg serve did not answer within a minute")


def sparql_path(query: str) -> str:
    return "/sparql?" + urlencode({"query": query})


LIGHT = ["SELECT ?c ?t WHERE { ?p <https://w3id.org/newskg/ns#said> ?c . ?c <https://w3id.org/newskg/ns#text> ?t } "
         "LIMIT 10", "ASK { ?s a <https://w3id.org/newskg/ns#Person> }",
         "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/newskg/ns#Call> }"]


def targets(port: int, light: bool) -> list[str]:
    """Entity pages, searches and example queries, found through the server itself."""
    persons = json.loads(get(port, sparql_path(
        "SELECT DISTINCT ?p ?l WHERE { ?p a <https://w3id.org/newskg/ns#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 60"))[1])["results"]["bindings"]
    claims = json.loads(get(port, sparql_path(
        "SELECT ?c WHERE { ?c a <https://w3id.org/newskg/ns#DirectQuote> } LIMIT 40"))[1])["results"]["bindings"]
    local = [p["p"]["value"].split("/id/", 1)[-1] for p in persons] + [
        c["c"]["value"].split("/id/", 1)[-1] for c in claims]
    pages = ["/" + quote(path, safe="/-_.~") for path in local]
    pages += [page + ".json" for page in pages[:20]]
    searches = [f"/search?{urlencode({'q': p['l']['value'].split()[-1]})}" for p in persons[:30]]
    if light:
        queries = [sparql_path(q) for q in LIGHT]
    else:
        queries = [sparql_path(f.read_text(encoding="utf-8")) for f in sorted((ROOT / "queries").glob("*.rq"))]
    # Roughly what a public endpoint sees: mostly pages, some searches, a few queries.
    return pages * 6 + searches * 3 + queries * 2 + ["/"] * 5


def client(port: int, paths: list[str], remaining: list[int], deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        with tally.lock:
            if remaining[0] <= 0:
                return
            remaining[0] -= 1
        path = rng.choice(paths)
        start = time.perf_counter()
        try:
            status, _ = get(port, path)
            tally.record(time.perf_counter() - start, status)
        except (OSError, http.client.HTTPException) as e:
            tally.record(time.perf_counter() - start, None, f"{type(e).__name__} on {path[:80]}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for the request phase")
    parser.add_argument("--extra", type=int, default=200, help="articles kg build adds during the run")
    parser.add_argument("--light-queries", action="store_true",
                        help="small LIMIT-ed queries instead of queries/*.rq (which scan the whole store)")
    parser.add_argument("--kg-processes", type=int, default=None,
                        help="kg serve --processes (default: kg serve's own default)")
    parser.add_argument("--no-build", action="store_true", help="measure without a concurrent build")
    args = parser.parse_args()

    source = ensure_store(5000)
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        work = Path(tmp)
        store = work / "store"
        print(f"copying {source} (a few seconds)", flush=True)
        shutil.copytree(source, store)
        write_articles(work / "extra", args.extra, seed=7)
        port = free_port()
        processes = [] if args.kg_processes is None else ["--processes", str(args.kg_processes)]
        server = subprocess.Popen([*KG, "serve", "--store", str(store), "--host", HOST, "--port", str(port),
                                   *processes], stdout=subprocess.DEVNULL, stderr=(work / "serve.log").open("wb"))
        builder: subprocess.Popen[bytes] | None = None
        try:
            wait_ready(port, server)
            paths = targets(port, args.light_queries)
            if not args.no_build:
                builder = subprocess.Popen([*KG, "build", str(work / "extra"), "--store", str(store)],
                                           stdout=(work / "build.log").open("wb"), stderr=subprocess.STDOUT)
            tally, remaining = Tally(), [args.requests]
            start = time.monotonic()
            threads = [threading.Thread(target=client, args=(port, paths, remaining, start + args.budget, tally, i))
                       for i in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - start
            build_note = build_status(builder, work)
        finally:
            if builder is not None and builder.poll() is None:
                builder.terminate()
                builder.wait(30)
            server.terminate()
            server.wait(30)
            kept = CACHED.parent / "load-serve.log"
            shutil.copyfile(work / "serve.log", kept)  # the temporary folder goes; the log is worth keeping
        report(tally, elapsed, args.clients, build_note, kept)


def build_status(builder: subprocess.Popen[bytes] | None, work: Path) -> str:
    if builder is None:
        return "no concurrent build"
    code = builder.poll()
    if code is None:
        return "build still running at the end (stopped)"
    last = (work / "build.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return f"build exited {code}: {last[0] if last else ''}"


def report(tally: Tally, elapsed: float, clients: int, build_note: str, log: Path) -> None:
    n = len(tally.latencies)
    five = sum(c for s, c in tally.statuses.items() if s >= 500)
    four = sum(c for s, c in tally.statuses.items() if 400 <= s < 500)
    p50, p99 = percentile(tally.latencies, 0.50) * 1000, percentile(tally.latencies, 0.99) * 1000
    print(f"requests {n} in {elapsed:.1f} s with {clients} clients: {n / elapsed:.1f} req/s")
    print(f"latency p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {max(tally.latencies, default=0) * 1000:.0f} ms")
    print(f"status codes {dict(sorted(tally.statuses.items()))}; connection errors {len(tally.errors)}")
    for error in Counter(tally.errors).most_common(5):
        print(f"  error x{error[1]}: {error[0]}")
    print(build_note)
    if five:
        print(f"5xx seen; see the server log {log}")
    print(f"SUMMARY {n} requests, {clients} clients, {n / elapsed:.1f} req/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
          f"errors {len(tally.errors)}, 5xx {five}, 4xx {four}; {build_note}")


if __name__ == "__main__":
    main()
