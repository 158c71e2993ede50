"""Who may write, as a real ``kg serve`` process decides it: the command line and the environment
reach the running server (tests/test_web_update.py checks the same rules on the Flask app).

Each server runs on a scratch store on this machine, so every request below comes from loopback:
a refusal here is the switch or the token, never the address.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from test_w3c_suites import KG, free_port, wait_until_up

from kg.store import KGStore

TOKEN = "redaktions-token-4b9e-kuratierung"
GRAPH = "https://example.org/redaktion/kuratierung"
UPDATE = (f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <https://example.org/redaktion/kroll> '
          f'<https://example.org/redaktion/amt> "Bundeskanzlerin"@de }} }}')
ASK = f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


@contextmanager
def serving(store: Path, *options: str, token_env: str | None = None) -> Iterator[str]:
    """``kg serve`` on ``store`` with ``options``; its base URL while it runs."""
    if not store.exists():
        created = KGStore(store)  # an empty store, as a read-only server can only open a built one
        created.flush()
        del created
        gc.collect()  # the server opens the store next; this process must not hold it
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KG_UPDATE_TOKEN"}
    if token_env is not None:
        env["KG_UPDATE_TOKEN"] = token_env
    process = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def send(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def post_update(base: str, headers: dict[str, str] | None = None, query: str = "") -> int:
    return send(urllib.request.Request(f"{base}/sparql{query}", data=UPDATE.encode("utf-8"), method="POST",
                                       headers={"Content-Type": "application/sparql-update", **(headers or {})}))


def put_graph(base: str, headers: dict[str, str] | None = None) -> int:
    body = '<https://example.org/redaktion/moreau> <https://example.org/redaktion/amt> "Präsident"@de .'
    return send(urllib.request.Request(f"{base}/store?graph={urllib.parse.quote(GRAPH, safe='')}",
                                       data=body.encode("utf-8"), method="PUT",
                                       headers={"Content-Type": "application/n-triples", **(headers or {})}))


def written(base: str) -> bool:
    url = f"{base}/sparql?query={urllib.parse.quote(ASK)}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return bool(json.loads(response.read())["boolean"])


def test_serve_without_allow_update_refuses_every_write(tmp_path: Path) -> None:
    with serving(tmp_path / "store") as base:
        assert post_update(base) == 403
        assert put_graph(base) == 403
        assert not written(base)


def test_serve_allow_update_without_token_accepts_loopback(tmp_path: Path) -> None:
    with serving(tmp_path / "store", "--allow-update") as base:
        assert post_update(base) == 204
        assert written(base)


def test_serve_token_from_environment_is_required(tmp_path: Path) -> None:
    with serving(tmp_path / "store", "--allow-update", token_env=TOKEN) as base:
        assert post_update(base) == 401  # loopback is not enough once a token is configured
        assert put_graph(base) == 401
        assert post_update(base, query=f"?access_token={TOKEN}") == 401  # never in a URL
        assert post_update(base, {"Authorization": "Bearer falsches-token"}) == 403
        assert not written(base)
        assert post_update(base, {"Authorization": f"Bearer {TOKEN}"}) == 204
        assert written(base)


def test_serve_token_file_wins_over_environment(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    with serving(tmp_path / "store", "--allow-update", "--token-file", str(token_file),
                 token_env="anderes-token-aus-der-umgebung") as base:
        assert post_update(base, {"Authorization": "Bearer anderes-token-aus-der-umgebung"}) == 403
        assert put_graph(base, {"Authorization": f"Bearer {TOKEN}"}) in (201, 204)
        assert written(base)


def test_serve_answers_browser_preflight(tmp_path: Path) -> None:
    # What YASGUI's browser sends before a POST query from another origin.
    with serving(tmp_path / "store") as base:
        request = urllib.request.Request(f"{base}/sparql", method="OPTIONS", headers={
            "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert "POST" in response.headers["Access-Control-Allow-Methods"]
