"""Schemathesis over every operation of the OpenAPI, anonymous and as every role: no server
error, no answer outside its schema or content type, no status code the OpenAPI does not
declare (issue 13).

A CI-sized budget: SCHEMATHESIS_EXAMPLES generated cases per operation (3 by default), each
sent as each of the six roles. The longer run is `benchmarks/fuzz_api.py`, which sets a larger
budget and prints the tally this test prints with `-s`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
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

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))
ROLES = ("anonymous", "youth", "mentor", "organization_member", "staff", "admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PASSWORD = "schemathesis passphrase"
REQUEST_TIMEOUT = 120  # seconds: a first profile is embedded inside its request


@dataclass
class World:
    app: FastAPI
    graph: Graph
    settings: Settings
    user_ids: dict[str, str]
    statuses: Counter[int] = field(default_factory=Counter)

    def headers(self, role: str) -> dict[str, str]:
        """A fresh token for the role (a case may have signed the account out or erased it)."""
        if role == "anonymous":
            return {}
        if self.graph.read(graph_users.user_by_id, self.user_ids[role]) is None:
            self.user_ids[role] = _account(self.graph, role)
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
    # Throttling has its own tests; here every case should reach the route's own logic.
    app = create_app(settings.model_copy(update={"rate_limits_enabled": False}), session_graph)
    user_ids = {role: _account(session_graph, role) for role in ROLES if role != "anonymous"}
    with TestClient(app):  # runs the lifespan: the app's state is set
        yield World(app, session_graph, settings, user_ids)


@pytest.fixture(scope="module")
def api_schema(world: World) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", world.app)


def test_no_server_error_schema_violation_or_undocumented_status(
    api_schema: Any, world: World
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 77  # every operation of the API is exercised
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
                response = case.call_and_validate(
                    headers=world.headers(role), checks=CHECKS, timeout=REQUEST_TIMEOUT
                )
                world.statuses[response.status_code] += 1

        try:
            run()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {described(error)[:1500]}")
    tally = ", ".join(f"{code}: {n}" for code, n in sorted(world.statuses.items()))
    print(  # the figures of the README (shown with -s, and by benchmarks/fuzz_api.py)
        f"\nschemathesis: {len(operations)} operations x {len(ROLES)} roles, "
        f"{sum(world.statuses.values())} requests ({tally}); {len(failures)} failing operations"
    )
    assert failures == [], "\n\n".join(failures)


def described(error: BaseException) -> str:
    """The failure's message, and those of the failures it groups (Hypothesis reports a check
    that failed once but not when replayed as a group)."""
    parts = [str(error)]
    for inner in getattr(error, "exceptions", ()):
        parts.append(described(inner))
    return "\n  ".join(parts)
