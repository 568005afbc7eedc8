"""Schemathesis over every operation of the OpenAPI, anonymous and per role: no server error,
no response outside its schema, no status code the OpenAPI does not declare (issue 13).

A CI-sized budget (SCHEMATHESIS_EXAMPLES per operation and role, 6 by default); a longer run:
`SCHEMATHESIS_EXAMPLES=200 .venv/bin/python -m pytest tests/integration/test_schemathesis.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from graph import schema as graph_schema
from graph import users as graph_users
from models.user import Role
from services import accounts
from services.db import Graph
from services.settings import Settings

pytestmark = pytest.mark.neo4j

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
ROLES = ("anonymous", "youth", "admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PASSWORD = "schemathesis passphrase"


@dataclass
class World:
    app: FastAPI
    graph: Graph
    settings: Settings
    user_ids: dict[str, str]

    def headers(self, role: str) -> dict[str, str]:
        """A fresh token for the role (a case may have signed the account out)."""
        if role == "anonymous":
            return {}
        if self.graph.read(graph_users.user_by_id, self.user_ids[role]) is None:
            self.user_ids[role] = _account(self.graph, role)  # the account erased itself
        token = accounts.token_for(self.graph, self.user_ids[role], self.settings)
        return {"Authorization": f"Bearer {token.access_token}"}


def _account(graph: Graph, role: str) -> str:
    email = f"{role}-{os.urandom(4).hex()}@example.ma"
    return accounts.create_account(graph, email=email, password=PASSWORD, role=Role(role)).id


@pytest.fixture(scope="module")
def world(settings: Settings, session_graph: Graph) -> Iterator[World]:
    with session_graph.driver.session(database=session_graph.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    graph_schema.migrate(session_graph.driver, database=session_graph.database)
    app = create_app(settings, session_graph)
    user_ids = {role: _account(session_graph, role) for role in ROLES if role != "anonymous"}
    with TestClient(app):  # runs the lifespan: the app's state is set
        yield World(app, session_graph, settings, user_ids)


@pytest.fixture(scope="module")
def api_schema(world: World) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", world.app)


def test_no_server_error_schema_violation_or_undocumented_status(
    api_schema: Any, world: World
) -> None:
    """Each generated case is sent as each role: anonymous, a youth, an admin."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 70  # every operation of the API is exercised
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            for role in ROLES:
                case.call_and_validate(headers=world.headers(role), checks=CHECKS)

        try:
            run()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {str(error)[:600]}")
    assert failures == [], "\n\n".join(failures)
