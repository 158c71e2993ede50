"""App factory, error shape, lazy store opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.cli import routes_command
from flask.testing import FlaskClient, FlaskCliRunner

from kg.store import KGStore
from kg.web import create_app


def test_errors_json_shape(client: FlaskClient) -> None:
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert set(response.json) == {"error"}
    assert set(response.json["error"]) == {"status", "message", "hint"}
    assert response.json["error"]["status"] == 404


def test_errors_html_for_browsers(client: FlaskClient) -> None:
    response = client.get("/no/such/page", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Error 404" in response.get_data(as_text=True)


def test_errors_405_on_person_post(client: FlaskClient) -> None:
    response = client.post("/person/annette-kroll.json")
    assert response.status_code == 405
    assert response.json["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]


def test_errors_500_hides_exception_details(store: KGStore) -> None:
    app = create_app({"STORE": store})  # not TESTING: exceptions reach the handler as in production

    def broken() -> str:
        raise RuntimeError("/srv/newskg/store is on fire")

    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert response.json["error"]["status"] == 500
    assert "/srv/newskg" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_app_needs_a_store() -> None:
    with pytest.raises(ValueError, match="STORE"):
        create_app({})


def test_app_opens_store_lazily_and_hides_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "secret-location" / "store"
    app = create_app({"STORE_PATH": missing})  # opening nothing yet: must not raise
    response = app.test_client().get("/person/annette-kroll.json")
    assert response.status_code == 503
    assert response.json["error"]["status"] == 503
    assert "secret-location" not in response.get_data(as_text=True)
    assert str(tmp_path) not in response.get_data(as_text=True)


def test_app_reads_store_from_path(tmp_path: Path, store: KGStore) -> None:
    on_disk = KGStore(tmp_path / "store")
    for line in store.ox:
        on_disk.ox.add(line)
    on_disk.flush()
    del on_disk  # release the write lock before the app opens it read-only
    app = create_app({"STORE_PATH": tmp_path / "store"})
    response = app.test_client().get("/person/annette-kroll.json")
    assert response.status_code == 200
    assert response.json["label"] == "Annette Kroll"


def test_app_base_iri_is_configurable(store: KGStore) -> None:
    app = create_app({"STORE": store, "BASE_IRI": "https://example.org/kg/", "TESTING": True})
    # The fixture store was minted under the default base, so no person lives under this one.
    assert app.test_client().get("/person/annette-kroll.json").status_code == 404


def test_app_routes_are_registered(runner: FlaskCliRunner) -> None:
    result = runner.invoke(routes_command)
    assert result.exit_code == 0
    for rule in ("/", "/sparql", "/<segment>/<path:rest>"):
        assert rule in result.output


def test_app_static_css_is_served(client: FlaskClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
