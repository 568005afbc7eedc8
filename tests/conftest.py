"""Shared fixtures: one real Neo4j per test session (embedded, or NEO4J_URI when set)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graph import schema
from services.db import Graph, connect
from services.settings import Settings

TEST_PASSWORD = "multaqa-test-neo4j"
TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789"


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running Neo4j: the one NEO4J_URI names, or an embedded one started for this session."""
    external = os.environ.get("NEO4J_URI")
    if external:
        yield external
        return
    from graph import embedded_server  # only tests that need Neo4j need Java

    data_dir: Path = tmp_path_factory.mktemp("neo4j")
    info = embedded_server.start(
        data_dir,
        bolt_port=embedded_server.free_port(),
        heap="1g",
        pagecache="256m",
        password=TEST_PASSWORD,
        timeout=600,  # a loaded 2-core machine takes minutes to start a JVM
    )
    try:
        yield info.uri
    finally:
        embedded_server.stop(data_dir)


@pytest.fixture(scope="session")
def settings(neo4j_uri: str) -> Settings:
    password = os.environ.get("NEO4J_PASSWORD", TEST_PASSWORD)
    return Settings(
        env="test",
        neo4j_uri=neo4j_uri,
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=SecretStr(password),
        jwt_secret=SecretStr(TEST_JWT_SECRET),
        import_batch_size=50,
    )


@pytest.fixture(scope="session")
def session_graph(settings: Settings) -> Iterator[Graph]:
    graph = connect(settings)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """The graph, emptied and migrated before each test so that tests never see each other."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with session_graph.driver.session(database=session_graph.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    schema.migrate(session_graph.driver, database=session_graph.database)
    return session_graph


@pytest.fixture
def client(settings: Settings, graph: Graph) -> Iterator[TestClient]:
    from api.main import create_app

    with TestClient(create_app(settings, graph)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis for this session: REDIS_URL when set, else a private redis-server."""
    external = os.environ.get("TEST_REDIS_URL")
    if external:
        yield external
        return
    from tests.processes import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
