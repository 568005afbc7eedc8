"""The e2e tier: a real uvicorn server, started once per session on a free port against the
test Neo4j, driven over HTTP with httpx (not the in-process TestClient)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from graph.embedded_server import free_port
from services.db import Graph
from services.settings import Settings

STARTUP_SECONDS = 180  # the server loads the encoder before it answers


def server_env(settings: Settings) -> dict[str, str]:
    """The environment that points a server at the test Neo4j (tasks run in the server)."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "MULTAQA_REDIS_URL")}
    env |= {
        "MULTAQA_ENV": "test",
        "NEO4J_URI": str(settings.neo4j_uri),
        "NEO4J_USER": settings.neo4j_user,
        "MULTAQA_JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "MULTAQA_ENCODER": settings.encoder,
    }
    if settings.neo4j_password is not None:
        env["NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    return env


@pytest.fixture(scope="session")
def server_url(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`multaqa serve`'s app under uvicorn in its own process; its log is kept for failures."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("uvicorn") / "server.log"
    command = [
        sys.executable,
        *("-m", "uvicorn", "--factory", "api.main:create_app"),
        *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        "--no-server-header",  # as `multaqa serve` runs it
    ]
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, env=server_env(settings), stdout=log, stderr=log)
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


def _wait_until_up(server: subprocess.Popen[bytes], url: str, log_path: object) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}; see {log_path}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"uvicorn did not answer within {STARTUP_SECONDS} s; see {log_path}")


@pytest.fixture
def client(server_url: str, graph: Graph) -> Iterator[httpx.Client]:
    """An HTTP client of the running server, on a graph emptied for this test."""
    # Eager tasks (embedding a new profile) run inside the request when there is no Redis.
    with httpx.Client(base_url=server_url, timeout=300) as http:
        yield http
