"""Finding 4 of issue 13: a Neo4j outage answers 503 JSON within 2 s, and the API recovers
without a restart. A private embedded Neo4j is stopped and started again under the app."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph import embedded_server, schema
from models.user import Role
from services import accounts
from services.db import Graph, connect
from services.settings import Settings

pytestmark = pytest.mark.neo4j

PASSWORD = "outage test passphrase"
SMALL: dict[str, Any] = {"heap": "512m", "pagecache": "64m", "timeout": 600}


@pytest.fixture
def private_neo4j(tmp_path: Path, settings: Settings) -> Iterator[tuple[Path, int, Settings]]:
    data_dir, port = tmp_path / "neo4j", embedded_server.free_port()
    info = embedded_server.start(data_dir, bolt_port=port, **SMALL)
    try:
        local = settings.model_copy(update={"neo4j_uri": info.uri, "neo4j_password": None})
        yield data_dir, port, local
    finally:
        embedded_server.stop(data_dir)


def every_operation(client: TestClient) -> Iterator[tuple[str, str]]:
    """Every operation of the app's OpenAPI, its path parameters filled in."""
    for template, operations in client.get("/openapi.json").json()["paths"].items():
        path = re.sub(r"\{[^}]+\}", "x-1", template)
        for method in operations:
            yield method.upper(), path


def test_every_route_answers_503_json_within_2_s_while_neo4j_is_down_then_recovers(
    private_neo4j: tuple[Path, int, Settings],
) -> None:
    data_dir, port, local = private_neo4j
    graph: Graph = connect(local)
    schema.migrate(graph.driver, database=graph.database)
    accounts.create_account(graph, email="staff@multaqa.ma", password=PASSWORD, role=Role.STAFF)
    try:
        with TestClient(create_app(local, graph)) as client:
            form = {"username": "staff@multaqa.ma", "password": PASSWORD}
            token = client.post("/api/v1/auth/token", data=form).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            embedded_server.stop(data_dir)
            answers = {}
            for method, path in every_operation(client):
                started = time.monotonic()
                response = client.request(method, path, headers=headers, json={})
                answers[(method, path)] = (response.status_code, time.monotonic() - started)
                assert response.status_code != 500, (method, path, response.text)
                if response.status_code == 503:
                    assert response.headers["content-type"] == "application/json"
                    assert "database" in response.json()["detail"]
            slow = {op: round(t, 2) for op, (_, t) in answers.items() if t >= 2.0}
            assert not slow
            for must in (("GET", "/health"), ("GET", "/api/v1/auth/me"), ("GET", "/api/v1/youths")):
                assert answers[must][0] == 503, answers[must]
            assert client.post("/api/v1/auth/token", data=form).status_code == 503
            embedded_server.start(data_dir, bolt_port=port, **SMALL)
            deadline = time.monotonic() + 20
            while client.get("/api/v1/auth/me", headers=headers).status_code != 200:
                assert time.monotonic() < deadline, "the API did not recover"
                time.sleep(0.2)
            assert client.get("/health").json()["neo4j"] == "up"
    finally:
        graph.close()
