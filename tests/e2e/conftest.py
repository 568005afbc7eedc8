"""The e2e tier: the real uvicorn server of `tests/conftest.py` (`live_server`), driven over
HTTP with httpx (not the in-process TestClient)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from services.db import Graph


@pytest.fixture
def client(live_server: str, graph: Graph) -> Iterator[httpx.Client]:
    """An HTTP client of the running server, on a graph emptied for this test."""
    # Eager tasks (embedding a new profile) run inside the request when there is no Redis.
    with httpx.Client(base_url=live_server, timeout=300) as http:
        yield http
