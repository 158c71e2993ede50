"""The W3C test suites for the SPARQL 1.1 Protocol, Graph Store Protocol and Service Description,
run by their npm harness against a real ``kg serve --allow-update`` on a scratch store.

The harness needs node and npm; it installs itself once into .cache/rts. Without node the
tests skip, except in CI, where a missing tool is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from kgserve import serving

ROOT = Path(__file__).resolve().parent.parent
RUN_SH = ROOT.parent / "shared" / "w3c-protocol" / "run.sh"
RTS_DIR = ROOT / ".cache" / "rts"
REPORT = re.compile(r"(\d+) / (\d+) tests succeeded")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kg serve --allow-update`` on an empty store, updates from this machine only (no token)."""
    store = tmp_path_factory.mktemp("scratch") / "store"
    store.mkdir()
    with serving(store, "--allow-update") as base:
        yield base


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
