"""Browser tests: Debian's Chromium (through Playwright) against a real uvicorn server on the
test Neo4j. Playwright's own browser download is never used."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from graph.embedded_server import free_port
from services.db import Graph
from services.settings import Settings
from tests.conftest import TEST_JWT_SECRET, TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 240  # the encoder loads before the first answer
# A saved profile is embedded before the page answers (no Redis in the tests): on a loaded
# 2-core machine that takes tens of seconds.
ACTION_TIMEOUT_MS = 120_000
expect.set_options(timeout=ACTION_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A phone first: 360 px wide.
    # bypass_csp: axe-core is injected as a script tag, which the pages' CSP would refuse
    # (the CSP itself is checked by tests/integration/test_pages.py).
    return {
        **browser_context_args,
        "viewport": {"width": 360, "height": 800},
        "bypass_csp": True,
    }


@pytest.fixture(scope="session")
def live_server(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`uvicorn api.main:create_app` on a free port, on the test Neo4j; its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "uvicorn.log"
    env = {
        **os.environ,
        "MULTAQA_ENV": "test",
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", TEST_PASSWORD),
        "MULTAQA_JWT_SECRET": TEST_JWT_SECRET,
        "MULTAQA_RATE_LIMITS_ENABLED": "false",  # one address signs up every test's people
        "MULTAQA_BASE_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("REDIS_URL", None)  # tasks run in the server process
    command = [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    command += ["--no-server-header"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server did not answer in {SERVER_START_TIMEOUT} s")


@pytest.fixture(autouse=True)
def empty_graph(graph: Graph) -> Graph:
    """Every browser test starts from an empty, migrated graph (the server's too)."""
    return graph


@pytest.fixture
def screenshots(pytestconfig: pytest.Config) -> Path:
    """Where the screenshots go: beside the test results."""
    folder = Path(pytestconfig.getoption("--output")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
