"""The W3C test suites for the SPARQL 1.1 Protocol, Graph Store Protocol and Service Description,
run by their npm harness against a real ``kg serve --allow-update`` on a scratch store.

The harness needs node and npm; it installs itself once into .cache/rts. Without node the
tests skip, except in CI, where a missing tool is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN_SH = ROOT.parent / "shared" / "w3c-protocol" / "run.sh"
RTS_DIR = ROOT / ".cache" / "rts"
KG = Path(sys.executable).parent / "kg"
REPORT = re.compile(r"(\d+) / (\d+) tests succeeded")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kg serve --allow-update`` on an empty store, updates from this machine only (no token)."""
    store = tmp_path_factory.mktemp("scratch") / "store"
    store.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KG_UPDATE_TOKEN"}
    process = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", str(port), "--allow-update"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def require_tools() -> None:
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if not RUN_SH.exists():
        missing.append(str(RUN_SH))
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the W3C suites need {', '.join(missing)} (./dev.sh test installs node and npm)")
        pytest.skip(f"the W3C suites need {', '.join(missing)}")


def run_suite(suite: str, endpoint: str) -> tuple[int, int, str]:
    """(passed, total, report) of one suite."""
    env = {**os.environ, "RTS_DIR": str(RTS_DIR)}
    done = subprocess.run(["bash", str(RUN_SH), suite, endpoint], capture_output=True, text=True, env=env,
                          timeout=900, check=False)
    report = ANSI.sub("", done.stdout)
    found = REPORT.findall(report)
    assert found, f"no report from the harness (exit {done.returncode}):\n{report[-3000:]}\n{done.stderr[-3000:]}"
    passed, total = found[-1]
    return int(passed), int(total), report


@pytest.mark.parametrize(("suite", "path", "expected"), [
    ("protocol", "/sparql", 34),
    ("gsp", "/store", 13),
    ("sd", "/sparql", 3),
])
def test_w3c_suite_passes_every_test(server: str, suite: str, path: str, expected: int) -> None:
    require_tools()
    passed, total, report = run_suite(suite, server + path)
    failures = "\n".join(line for line in report.splitlines() if line.startswith("✖"))
    assert (passed, total) == (expected, expected), failures
