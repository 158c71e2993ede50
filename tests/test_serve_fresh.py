"""Serving while building: the server answers from the last complete build and moves to the next.

A live waitress server over a store of two articles; ``kg build`` of all example articles
runs into the same store in another process meanwhile. Queries (worker processes) and pages
(the app's own handle) show two articles until the build has finished, then all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress

from kg.store import generation
from kg.vocab import NIF, NKG
from kg.web import create_app
from kg.workers import Freshness, open_read_only

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
LATER_ARTICLE = "2025-03-21-eu-gipfel-bruessel"
COUNT = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{NKG.Article}> }}"
WHOLE = f"""SELECT ?g (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?text) AS ?texts)
WHERE {{ GRAPH ?g {{ ?a a <{NKG.Article}> OPTIONAL {{ ?a <{NIF.isString}> ?text }} }} }}
GROUP BY ?g"""


def kg_command(*args: str | Path) -> list[str]:
    return [str(Path(sys.executable).with_name("kg")), *map(str, args)]


@pytest.fixture()
def server(small_store: Path) -> Iterator[str]:
    app = create_app({"STORE_PATH": str(small_store), "QUERY_WORKERS": 2})
    wsgi = waitress.create_server(app, host="127.0.0.1", port=0, threads=6)
    threading.Thread(target=wsgi.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{wsgi.effective_port}"  # type: ignore[union-attr]
    finally:
        wsgi.close()
        app.extensions["newskg"].close()


def article_count(base: str) -> int:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": COUNT})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def page_status(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_serve_fresh_build_shows_new_state_after_build_never_half(server: str, small_store: Path) -> None:
    page = f"/article/{LATER_ARTICLE}.json"
    assert article_count(server) == 2
    assert page_status(server, page) == 404
    before = generation(small_store)
    build = subprocess.Popen(kg_command("build", EXAMPLES, "--store", small_store),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    opened = 0
    try:
        while build.poll() is None:
            seen.add(article_count(server))
            status = page_status(server, page)
            if generation(small_store) == before:  # the build has not finished: the old state only
                assert status == 404
            # A read-only handle opened while the build writes: it opens, and holds whole articles only.
            direct = open_read_only(small_store)
            for row in direct.query(WHOLE):
                assert (row["articles"].value, row["texts"].value) == ("1", "1"), row["g"]
            del direct
            opened += 1
            time.sleep(0.1)
        assert build.wait() == 0, build.stderr.read() if build.stderr else ""
    finally:
        if build.poll() is None:
            build.kill()
    finished = time.monotonic()
    while article_count(server) != 12 and time.monotonic() - finished < 20:
        time.sleep(0.1)
    caught_up = time.monotonic() - finished
    # Once one query saw the new state, none sees the old: both workers look at the generation on
    # every query (regression: with a check every second, the second worker still answered 2).
    after = [article_count(server) for _ in range(8)]
    assert after == [12] * 8
    seen.update(after)
    assert seen == {2, 12}  # the old state or the new one, nothing between
    assert caught_up < 10  # slack for a loaded 2-core CI machine
    # Pages read through the app's own handle, which checks the generation on its own schedule.
    while page_status(server, page) != 200 and time.monotonic() - finished < 20:
        time.sleep(0.1)
    assert page_status(server, page) == 200
    assert time.monotonic() - finished < 12
    assert opened > 0


def test_serve_fresh_freshness_checks_at_most_every_interval(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    marker = tmp_path / "store.generation"
    marker.write_text("1\n")
    freshness = Freshness(store, interval=0.2)
    marker.write_text("2\n")
    assert not freshness.changed()  # checked too recently
    time.sleep(0.25)
    assert freshness.changed()
    freshness.mark(2)
    time.sleep(0.25)
    assert not freshness.changed()
