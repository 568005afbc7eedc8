"""Browser tests: Debian's Chromium (through Playwright) against the real uvicorn server of
`tests/conftest.py` (`live_server`) on the test Neo4j. Playwright's own browser download is
never used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from services.db import Graph
from tests.conftest import ROOT

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
