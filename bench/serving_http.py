"""The one client every system in bench/serving.py gets: K threads, persistent loopback connections, bounded.

A cell is one workload on one system: at most ``count`` requests and ``budget`` seconds, spread over
``clients`` threads, each calling its own caller (one HTTP connection per thread). Throughput is
successful requests per second of the cell's wall time; latencies are those of successful requests.
"""

from __future__ import annotations

import http.client
import math
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Outcome:
    seconds: float
    status: int | None  # None: no answer (timeout, connection error)
    body: bytes = b""
    timed_out: bool = False
    error: str = ""  # what went wrong when there is no answer

    @property
    def ok(self) -> bool:
        return self.status == 200


Caller = Callable[[Any], Outcome]
Factory = Callable[[], Caller]  # one caller per client thread


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


@dataclass
class Cell:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0  # answers other than 200, connection failures
    timeouts: int = 0
    elapsed: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)  # of the errors: "status 503", "RemoteDisconnected", …

    @property
    def n(self) -> int:
        return len(self.latencies)

    @property
    def ok(self) -> bool:
        return self.n > 0

    @property
    def rate(self) -> float:
        return self.n / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def p50(self) -> float:
        return percentile(self.latencies, 0.50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99)


def run_cell(factory: Factory, requests: Sequence[Any], count: int, budget: float, clients: int) -> Cell:
    """``count`` requests (``requests`` in turn) or fewer when ``budget`` seconds run out, from ``clients`` threads."""
    cell, lock = Cell(), threading.Lock()
    issued = [0]
    deadline = time.perf_counter() + budget

    def client() -> None:
        call = factory()
        while True:
            with lock:
                if issued[0] >= count or time.perf_counter() >= deadline:
                    return
                i = issued[0]
                issued[0] += 1
            outcome = call(requests[i % len(requests)])
            with lock:
                if outcome.ok:
                    cell.latencies.append(outcome.seconds)
                elif outcome.timed_out:
                    cell.timeouts += 1
                else:
                    cell.errors += 1
                    cell.kinds[outcome.error or f"status {outcome.status}"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, name=f"bench-client-{k}") for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cell.elapsed = time.perf_counter() - started
    return cell


@dataclass
class Paired:
    """One client alternating between two systems on the same requests: their latencies and differences."""

    first: list[float] = field(default_factory=list)
    second: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)  # second - first, request by request
    failed: int = 0

    @property
    def gap(self) -> float:
        return percentile(self.gaps, 0.50)


def run_paired(first: Factory, second: Factory, requests: Sequence[Any], count: int, budget: float) -> Paired:
    """Each request on both systems back to back (which goes first alternates), so that the load of a
    shared machine, which drifts from second to second, falls on both alike; the median difference is
    the second system's overhead."""
    calls, out = (first(), second()), Paired()
    deadline = time.perf_counter() + budget
    for i in range(count):
        if time.perf_counter() >= deadline:
            break
        request = requests[i % len(requests)]
        order = (0, 1) if i % 2 == 0 else (1, 0)
        outcomes = {k: calls[k](request) for k in order}
        if not (outcomes[0].ok and outcomes[1].ok):
            out.failed += 1
            continue
        out.first.append(outcomes[0].seconds)
        out.second.append(outcomes[1].seconds)
        out.gaps.append(outcomes[1].seconds - outcomes[0].seconds)
    return out


def http_caller(port: int, sparql_path: str, timeout: float) -> Factory:
    """Callers that POST queries (application/sparql-query) to ``sparql_path`` and GET pages, keeping the connection."""
    def factory() -> Caller:
        state: dict[str, http.client.HTTPConnection | None] = {"conn": None}

        def send(method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
            if state["conn"] is None:
                state["conn"] = http.client.HTTPConnection(HOST, port, timeout=timeout)
            conn = state["conn"]
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.will_close:
                conn.close()
                state["conn"] = None
            return response.status, data

        def call(request: Any) -> Outcome:
            if request.kind == "page":
                method, path, body = "GET", request.text, None
                headers = {"Accept": request.accept}
            else:
                method, path, body = "POST", sparql_path, request.text.encode("utf-8")
                headers = {"Accept": request.accept, "Content-Type": "application/sparql-query; charset=utf-8"}
            started = time.perf_counter()
            for attempt in (1, 2):
                reused = state["conn"] is not None
                try:
                    status, data = send(method, path, body, headers)
                    return Outcome(time.perf_counter() - started, status, data)
                except TimeoutError:
                    _drop(state)
                    return Outcome(time.perf_counter() - started, None, timed_out=True)
                except (OSError, http.client.HTTPException) as e:
                    _drop(state)
                    if not (reused and attempt == 1):  # a kept-alive connection the server closed: once more
                        return Outcome(time.perf_counter() - started, None, error=type(e).__name__)
            return Outcome(time.perf_counter() - started, None, error="no answer")
        return call
    return factory


def _drop(state: dict[str, http.client.HTTPConnection | None]) -> None:
    if state["conn"] is not None:
        state["conn"].close()
        state["conn"] = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def ask(port: int, path: str, timeout: float = 5.0) -> int | None:
    """The status of ``ASK {}`` POSTed to ``path``; None if nothing answers."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST", path, body=b"ASK {}", headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()
