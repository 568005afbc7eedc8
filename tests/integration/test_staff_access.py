"""Every /staff page and action, listed from the app's own routes (a new one is covered
without editing this test): anonymous visitors are sent to sign in, every account that is not
staff gets the 403 page, even with a valid CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from models.user import Role
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j


def all_routes(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every route of the app with its full path (included routers are walked)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # an included router (FastAPI >= 0.16x)
            inner = prefix + (getattr(route.include_context, "prefix", "") or "")
            yield from all_routes(route.original_router.routes, inner)


def staff_routes(client: TestClient) -> list[tuple[str, str]]:
    """(method, path with made-up ids) of every route under /staff."""
    found = []
    for full_path, route in all_routes(client.app.routes):  # type: ignore[attr-defined]
        if full_path == "/staff" or full_path.startswith("/staff/"):
            path = re.sub(r"\{[^}]+\}", "x-1", full_path)
            found += [(method, path) for method in sorted(route.methods - {"HEAD"})]
    return sorted(set(found))


def test_the_console_has_pages_and_actions_to_check(client: TestClient) -> None:
    routes = staff_routes(client)
    assert ("GET", "/staff") in routes and ("GET", "/staff/import") in routes
    assert any(method == "POST" for method, _ in routes)


def test_anonymous_visitors_are_sent_to_sign_in(client: TestClient) -> None:
    for method, path in staff_routes(client):
        answer = client.request(method, path, follow_redirects=False)
        assert answer.status_code in (303, 403), (method, path)  # 403: a form without its token
        if method == "GET":
            assert answer.headers["location"].startswith("/login"), path


@pytest.mark.parametrize("role", [Role.YOUTH, Role.MENTOR, Role.ORGANIZATION_MEMBER])
def test_every_staff_page_and_action_is_refused_to_other_accounts(
    client: TestClient, graph: Graph, role: Role
) -> None:
    token = factories.page_session(client, graph, f"{role.value}@example.ma", role)
    for method, path in staff_routes(client):
        data = {"csrf_token": token} if method != "GET" else None
        answer = client.request(method, path, data=data, headers={"Accept-Language": "fr"})
        assert answer.status_code == 403, (method, path, answer.status_code)
        # Said plainly, with the signed-in menu and the way back to one's own page.
        assert "Votre compte ne peut pas" in answer.text, (method, path)
        assert 'action="/logout"' in answer.text and 'href="/suggestions"' in answer.text
