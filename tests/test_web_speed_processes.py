"""``kg serve --processes N``: several web processes on one port keep issue 7's guarantees.

A real ``kg serve --processes 2`` over the example store: a runaway query is stopped at the time
limit while small queries on other connections (spread over both processes) keep succeeding; a
web process that dies is replaced; stopping the server leaves no process behind.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from kgserve import KG, serve_process

from kg.vocab import NKG
from kg.web.processes import listen

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
LATER_PAGE = "/article/2025-03-21-eu-gipfel-bruessel.json"
COUNT = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{NKG.Article}> }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT ?a WHERE { ?a a <https://w3id.org/newskg/ontology#Person> } LIMIT 3"
TIMEOUT = 2.0


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen[bytes]


def children(pid: int) -> list[int]:
    """Children of every thread of ``pid`` (a query pool is started from a request's thread)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text(encoding="ascii").split()]
        except FileNotFoundError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture()
def server(example_store_path: Path) -> Iterator[Server]:
    with serve_two(example_store_path) as running:
        yield running


@contextmanager
def serve_two(store: Path) -> Iterator[Server]:
    with serve_process(store, "--processes", "2", "--query-timeout", str(TIMEOUT)) as (base, process):
        yield Server(base, int(base.rsplit(":", 1)[1]), process)


def ask(port: int, query: str) -> tuple[int, bytes, float]:
    """One query on a fresh connection (so that the requests spread over the web processes)."""
    return get(port, "/sparql?" + urllib.parse.urlencode({"query": query}), "application/sparql-results+json")


def get(port: int, path: str, accept: str) -> tuple[int, bytes, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    try:
        conn.request("GET", path, headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        conn.close()


def articles(port: int) -> int:
    status, body, _ = ask(port, COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_web_speed_processes_timeout_stops_runaway_while_small_queries_succeed(server: Server) -> None:
    assert ask(server.port, SMALL)[0] == 200
    with ThreadPoolExecutor(max_workers=6) as pool:
        # One runaway, as in test_query_limits: its process has a second query worker, the other process two.
        runaway = pool.submit(ask, server.port, RUNAWAY)
        time.sleep(0.2)
        small = [f.result() for f in [pool.submit(ask, server.port, SMALL) for _ in range(30)]]
        status, body, seconds = runaway.result()
    assert status == 504
    assert seconds < TIMEOUT + 1
    assert "time limit of 2 s" in json.loads(body)["error"]["message"]
    assert [s for s, _, _ in small] == [200] * 30
    assert all(seconds < TIMEOUT for _, _, seconds in small)
    assert ask(server.port, SMALL)[0] == 200  # the killed query workers were replaced


def test_web_speed_processes_runs_two_web_processes_and_replaces_one_that_dies(server: Server) -> None:
    web = children(server.process.pid)
    assert len(web) == 2
    os.kill(web[0], signal.SIGKILL)
    # The other process keeps answering meanwhile; new connections that reach it succeed.
    assert ask(server.port, SMALL)[0] == 200
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not (len(now := children(server.process.pid)) == 2 and web[0] not in now):
        time.sleep(0.2)
    assert len(children(server.process.pid)) == 2
    assert web[0] not in children(server.process.pid)
    assert [ask(server.port, SMALL)[0] for _ in range(6)] == [200] * 6


def test_web_speed_processes_terminate_leaves_no_process_behind(server: Server) -> None:
    for _ in range(8):  # fresh connections: the processes that answer start their query workers
        assert ask(server.port, SMALL)[0] == 200
    everything = descendants(server.process.pid)
    assert len(everything) >= 2 + 3  # two web processes; a fork server and two query workers for one at least
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in everything):
        time.sleep(0.2)
    assert [p for p in everything if alive(p)] == []


def test_web_speed_processes_refused_with_allow_update(example_store_path: Path) -> None:
    done = subprocess.run([str(KG), "serve", "--store", str(example_store_path), "--processes", "2",
                           "--allow-update"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "one writer" in done.stderr


def test_web_speed_processes_every_process_moves_to_a_new_build(small_store: Path) -> None:
    store = small_store
    with serve_two(store) as server:
        # Fresh connections reach both processes; queries and pages load their workers and handles.
        assert [articles(server.port) for _ in range(8)] == [2] * 8
        assert {get(server.port, LATER_PAGE, "application/json")[0] for _ in range(4)} == {404}
        built = subprocess.run([str(KG), "build", str(EXAMPLES), "--store", str(store)], capture_output=True,
                               text=True, timeout=300)
        assert built.returncode == 0, built.stderr
        deadline = time.monotonic() + 10
        while articles(server.port) != 12 and time.monotonic() < deadline:
            time.sleep(0.1)
        # Every query worker of every process reads the generation per query: the old state never returns.
        assert [articles(server.port) for _ in range(16)] == [12] * 16
        assert [get(server.port, LATER_PAGE, "application/json")[0] for _ in range(8)] == [200] * 8


def test_web_speed_processes_listen_binds_one_port_that_others_cannot_take() -> None:
    sockets = listen("127.0.0.1", 0, 3)
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(ports) == 1  # port 0: the port chosen for the first is used by all
        with pytest.raises(OSError):
            socket.create_server(("127.0.0.1", ports.pop()))  # a server without SO_REUSEPORT is refused
    finally:
        for s in sockets:
            s.close()
