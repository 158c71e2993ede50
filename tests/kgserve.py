"""A real ``kg serve`` process for the tests that talk to it over HTTP (W3C suites, update rules)."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.store import KGStore

KG = Path(sys.executable).parent / "kg"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"kg serve did not answer at {url} within {timeout:.0f}s")


@contextmanager
def serving(store: Path, *options: str, token_env: str | None = None) -> Iterator[str]:
    """``kg serve`` on ``store`` with ``options``; its base URL while it runs."""
    if not store.exists():
        created = KGStore(store)  # an empty store, as a read-only server can only open a built one
        created.flush()
        del created
        gc.collect()  # the server opens the store next; this process must not hold it
    env = {k: v for k, v in os.environ.items() if k != "KG_UPDATE_TOKEN"}
    if token_env is not None:
        env["KG_UPDATE_TOKEN"] = token_env
    with serve_process(store, *options, env=env) as (base, _process):
        yield base


@contextmanager
def serve_process(store: Path, *options: str, env: dict[str, str] | None = None
                  ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``kg serve`` on a free port, once it answers: its base URL and its process (stopped on exit)."""
    port = free_port()
    process = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
