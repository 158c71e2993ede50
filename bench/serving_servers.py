"""The servers bench/serving.py compares, each started on a free loopback port and stopped at the end.

- ``kg serve`` on the store itself (read-only, waitress, default threads and query workers);
- the Oxigraph server (``pip install oxigraph``) on its own copy of the data, ``serve-read-only``
  with ``--union-default-graph`` so that queries see the union of the article graphs as kg serve does;
- rdflib-endpoint (``pip install "rdflib-endpoint[cli]"``) serving an rdflib ``Dataset`` with
  ``default_union=True``, exactly as ``rdflib-endpoint serve`` builds it. rdflib cannot stop a query,
  so this module loads the data once and serves it from a forked child: a child stuck in a
  timed-out query is killed and a fresh one forked in milliseconds instead of reloading for minutes.

    python -m bench.serving_servers DATA.nq PORT    # the rdflib server; "restart" on stdin forks anew
    python -m bench.serving_servers floor PORT THREADS    # the Python web stack's floor (see FloorServer)
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.serving_http import ask, free_port  # noqa: E402

LOGS = ROOT / "bench" / ".cache" / "serving"  # server logs; bench/serving.py --cache moves them


class Server:
    sparql_path = "/sparql"
    note = ""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.logs = LOGS

    @property
    def log(self) -> Path:
        return self.logs / f"{type(self).__name__}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.PIPE, cwd=ROOT)
        self.wait_ready(self.ready_seconds())

    def ready_seconds(self) -> float:
        return 60.0

    def wait_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise SystemExit(f"{type(self).__name__} exited with {self.process.returncode}; see {self.log}")
            status = ask(self.port, self.sparql_path, timeout=10)
            if status == 200:
                return
            if status is not None and 400 <= status < 500:
                raise SystemExit(f"{type(self).__name__} answers {status} to ASK at {self.sparql_path}")
            time.sleep(0.2)
        raise SystemExit(f"{type(self).__name__} did not answer within {seconds:g} s")

    def restart(self) -> None:
        pass

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def venv_binary(name: str) -> Path:
    local = Path(sys.executable).with_name(name)
    found = local if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"'{name}' is not installed; run: {sys.executable} -m pip install {name}")
    return Path(found)


class KgServer(Server):
    def __init__(self, store: Path, timeout: float, processes: int | None = None) -> None:
        super().__init__()
        self.store, self.timeout, self.processes = store, timeout, processes
        web = "kg serve's default web processes" if processes is None else f"{processes} web process(es)"
        self.note = f"waitress, {web}, each with 8 threads and 2 query workers"

    def command(self) -> list[str]:
        extra = [] if self.processes is None else ["--processes", str(self.processes)]
        return [str(venv_binary("kg")), "serve", "--store", str(self.store), "--host", "127.0.0.1",
                "--port", str(self.port), "--query-timeout", str(self.timeout), *extra]


class OxigraphServer(Server):
    sparql_path = "/query"

    def __init__(self, folder: Path, timeout: float) -> None:
        super().__init__()
        self.folder, self.timeout = folder, timeout
        self.note = "serve-read-only --union-default-graph"

    @staticmethod
    def binary() -> Path:
        return venv_binary("oxigraph")

    def command(self) -> list[str]:
        return [str(self.binary()), "serve-read-only", "--location", str(self.folder), "--bind",
                f"127.0.0.1:{self.port}", "--union-default-graph", "--timeout-s", str(int(max(self.timeout, 1)))]


class RdflibServer(Server):
    sparql_path = "/"  # where `rdflib-endpoint serve` answers (SparqlEndpoint's default path)

    def __init__(self, nquads: Path, load_timeout: float) -> None:
        super().__init__()
        self.nquads, self.load_timeout = nquads, load_timeout
        self.note = "uvicorn, Dataset(default_union=True)"
        self.restarts = 0

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bench.serving_servers", str(self.nquads), str(self.port)]

    def ready_seconds(self) -> float:
        return self.load_timeout

    def start(self) -> None:
        started = time.perf_counter()
        print(f"rdflib-endpoint: loading {self.nquads.stat().st_size / 1e6:.0f} MB of N-Quads into rdflib "
              "(a minute or two per million quads)", flush=True)
        super().start()
        self.note += f", loaded in {time.perf_counter() - started:.0f} s"

    def restart(self) -> None:
        """A fresh server process (the one stuck in a timed-out query is killed)."""
        if self.process is None or self.process.stdin is None:
            return
        self.process.stdin.write(b"restart\n")
        self.process.stdin.flush()
        self.restarts += 1
        time.sleep(0.3)  # the old child may still answer for a moment
        self.wait_ready(60)

    def stop(self) -> None:
        if self.process is not None and self.process.stdin is not None and self.process.poll() is None:
            self.process.stdin.close()  # the launcher kills its child and exits
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                pass
        super().stop()


class FloorServer(Server):
    """Flask under waitress (as kg serve runs it) with one route answering a fixed body: what the Python
    web stack costs per request before kg does anything."""

    def __init__(self, threads: int = 8) -> None:
        super().__init__()
        self.threads = threads
        self.note = f"a Flask route answering a fixed body, waitress, {threads} threads"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bench.serving_servers", "floor", str(self.port), str(self.threads)]


def floor_server_main(port: int, threads: int) -> None:
    import waitress
    from flask import Flask, Response, request

    app = Flask("floor")
    body = b'{"head":{"vars":["label"]},"results":{"bindings":[{"label":{"type":"literal","value":"x"}}]}}'

    @app.route("/sparql", methods=["POST"])
    def sparql() -> Response:
        request.get_data()
        return Response(body, content_type="application/sparql-results+json")

    waitress.serve(app, host="127.0.0.1", port=port, threads=threads)


# -- the rdflib launcher (its own process) -------------------------------------------------------
def rdflib_server_main(nquads: Path, port: int) -> None:
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)  # as `rdflib-endpoint serve` builds it
    dataset.parse(str(nquads))
    app = SparqlEndpoint(graph=dataset)  # at "/", as the CLI serves it
    gc.freeze()  # the loaded graph stays shared with the children instead of being copied by the collector

    def fork() -> int:
        pid = os.fork()
        if pid == 0:
            uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
            os._exit(0)
        return pid

    child = fork()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped: take the child along (see finally)
    try:
        for line in sys.stdin:
            if line.strip() == "restart":
                _kill(child)
                child = fork()
    finally:
        _kill(child)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        floor_server_main(int(sys.argv[2]), int(sys.argv[3]))
    else:
        rdflib_server_main(Path(sys.argv[1]), int(sys.argv[2]))
