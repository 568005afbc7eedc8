"""Shared fixtures: one real Neo4j per test session (embedded, or NEO4J_URI when set), and
for the e2e and browser tiers one real uvicorn server on it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graph import schema
from services import candidate_facts
from services.db import Graph, connect
from services.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEST_PASSWORD = "multaqa-test-neo4j"
TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789"
SERVER_START_SECONDS = 240  # the server loads the encoder before it answers


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
    # A record of another test's store may have the same id and content, not the same links.
    candidate_facts.KEPT.clear()
    return session_graph


@pytest.fixture
def client(settings: Settings, graph: Graph) -> Iterator[TestClient]:
    from api.main import create_app

    # https: the session cookie is Secure outside development, and a client keeps it for https.
    with TestClient(create_app(settings, graph), base_url="https://testserver") as test_client:
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


def server_env(settings: Settings, url: str) -> dict[str, str]:
    """The environment that points a server at the test Neo4j. Without Redis the server runs
    its tasks itself (a new profile is embedded inside the request)."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "MULTAQA_REDIS_URL")}
    env |= {
        "MULTAQA_ENV": "test",
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_USER": settings.neo4j_user,
        "MULTAQA_JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "MULTAQA_ENCODER": settings.encoder,
        "MULTAQA_RATE_LIMITS_ENABLED": "false",  # every test signs in from 127.0.0.1
        "MULTAQA_BASE_URL": url,
    }
    if settings.neo4j_password is not None:
        env["NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    return env


@pytest.fixture(scope="session")
def live_server(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`uvicorn api.main:create_app` in its own process on a free port, on the test Neo4j; its
    base URL. Its log is kept for failures."""
    from graph.embedded_server import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("uvicorn") / "server.log"
    command = [
        sys.executable,
        *("-m", "uvicorn", "--factory", "api.main:create_app"),
        *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        "--no-server-header",  # as `multaqa serve` runs it
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=server_env(settings, url), stdout=log, stderr=log
        )
        try:
            _wait_until_up(server, url, log_path)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"uvicorn exited with {server.returncode}; {log_path}:\n{tail}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"uvicorn did not answer within {SERVER_START_SECONDS} s; see {log_path}")
