"""Who may write, as a real ``kg serve`` process decides it: the command line and the environment
reach the running server (tests/test_web_update.py checks the same rules on the Flask app).

Each server runs on a scratch store on this machine, so every request below comes from loopback:
a refusal here is the switch or the token, never the address.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kgserve import serving

TOKEN = "redaktions-token-4b9e-kuratierung"
GRAPH = "https://example.org/redaktion/kuratierung"
UPDATE = (f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <https://example.org/redaktion/kroll> '
          f'<https://example.org/redaktion/amt> "Bundeskanzlerin"@de }} }}')
ASK = f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


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
