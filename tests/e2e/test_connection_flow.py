"""The issue's walk-through over HTTP, as new users would do it: a mentor signs up and staff
approve them, a youth finds the mentor among the suggestions, asks for an introduction, the
mentor accepts, and from then on the two see each other's contact details while nobody else
does."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from models.user import Role
from services import accounts
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j
PASSWORD = "walkthrough password 1"


def sign_up(client: httpx.Client, email: str, role: str) -> dict[str, str]:
    return factories.register(client, email, role, PASSWORD)


def suggestions(client: httpx.Client, url: str, headers: dict[str, str]) -> list[Any]:
    """The suggestions, once there are some: with Redis (tests/e2e/test_two_processes.py) a
    worker embeds the new profiles a moment after they are written."""
    deadline = time.monotonic() + 60
    while not (items := client.get(url, headers=headers).json()["items"]):
        if time.monotonic() > deadline:
            break
        time.sleep(0.5)
    return list(items)


def test_a_youth_meets_a_mentor_through_a_double_opt_in(client: httpx.Client, graph: Graph) -> None:
    youth = sign_up(client, "salma@example.ma", "youth")
    mentor = sign_up(client, "karim@example.ma", "mentor")
    other = sign_up(client, "other@example.ma", "youth")
    accounts.create_account(graph, email="staff@example.ma", password=PASSWORD, role=Role.STAFF)
    staff = factories.sign_in(client, "staff@example.ma", PASSWORD)

    salma = factories.create_own(client, "youths", factories.youth(), youth)
    karim = factories.create_own(client, "mentors", factories.mentor(), mentor)
    factories.create_own(client, "youths", factories.youth(email="other@example.ma"), other)
    unvetted = client.get(f"/api/v1/recommendations/mentors?for={salma}", headers=youth).json()
    assert unvetted["items"] == []  # a self-registered mentor waits for staff approval
    mentor_account = client.get("/api/v1/auth/me", headers=mentor).json()["id"]
    approved = client.post(f"/api/v1/auth/users/{mentor_account}/approve", headers=staff)
    assert approved.status_code == 200 and approved.json()["approved"] is True

    suggested = suggestions(client, f"/api/v1/recommendations/mentors?for={salma}", youth)
    assert [item["id"] for item in suggested] == [karim]
    before = client.get(f"/api/v1/mentors/{karim}", headers=youth).json()
    assert before.get("contact") is None and "email" not in before

    asked = client.post(
        "/api/v1/introductions",
        json={"from_id": salma, "to_id": karim, "message": "Salam, j'ai un projet."},
        headers=youth,
    )
    assert asked.status_code == 201, asked.text
    intro_id = asked.json()["id"]
    waiting = client.get("/api/v1/introductions?status=pending", headers=mentor).json()
    assert [i["id"] for i in waiting["items"]] == [intro_id]
    notes = client.get("/api/v1/notifications?lang=ar", headers=mentor).json()
    assert notes[0]["event"] == "requested" and "Salma" in notes[0]["text"]
    assert client.post(f"/api/v1/introductions/{intro_id}/accept", headers=youth).status_code == 403

    accepted = client.post(f"/api/v1/introductions/{intro_id}/accept", headers=mentor)
    assert accepted.status_code == 200
    assert accepted.json()["contact"]["email"] == "salma@example.ma"
    seen_by_youth = client.get(f"/api/v1/mentors/{karim}", headers=youth).json()
    assert seen_by_youth["contact"]["email"] == "karim@example.ma"
    seen_by_mentor = client.get(f"/api/v1/youths/{salma}", headers=mentor).json()
    assert seen_by_mentor["contact"]["phone"] == "+212612345678"
    assert client.get(f"/api/v1/mentors/{karim}", headers=other).json().get("contact") is None
    assert client.get(f"/api/v1/youths/{salma}", headers=other).json().get("contact") is None
    load = client.get(f"/api/v1/mentors/{karim}/load", headers=mentor).json()
    assert (load["active"], load["free"]) == (1, 2)
    loads = client.get("/api/v1/mentor-loads", headers=staff)
    assert loads.json()[0]["id"] == karim
    again = client.get(f"/api/v1/recommendations/mentors?for={salma}", headers=youth).json()
    assert again["items"] == []  # already connected: not suggested again

    ended = client.post(f"/api/v1/introductions/{intro_id}/end", headers=youth)
    assert ended.status_code == 200 and ended.json()["contact"] is None
    assert client.get(f"/api/v1/mentors/{karim}", headers=youth).json().get("contact") is None


def test_bad_requests_get_clear_errors(client: httpx.Client, graph: Graph) -> None:
    youth = sign_up(client, "salma@example.ma", "youth")
    salma = factories.create_own(client, "youths", factories.youth(), youth)
    missing = client.post("/api/v1/introductions", json={"from_id": salma}, headers=youth)
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"][-1] == "to_id"
    extra = client.post(
        "/api/v1/introductions",
        json={"from_id": salma, "to_id": salma, "admin": True},
        headers=youth,
    )
    assert extra.status_code == 422
    self_intro = client.post(
        "/api/v1/introductions", json={"from_id": salma, "to_id": salma}, headers=youth
    )
    assert self_intro.status_code == 422
    unknown = client.post(
        "/api/v1/introductions", json={"from_id": salma, "to_id": "m-nobody"}, headers=youth
    )
    assert unknown.status_code == 404
    assert client.post("/api/v1/introductions/i-nope/accept", headers=youth).status_code == 404


def test_a_real_server_answers_with_the_security_headers_and_no_server_name(
    client: httpx.Client,
) -> None:
    for path in ("/health", "/", "/api/v1/auth/privacy-notice"):
        headers = client.get(path).headers
        assert "server" not in headers, path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/health").json() == {"status": "ok", "neo4j": "up", "schema_version": 1}
