"""Object-level access: every route that takes an id, called by every role that does not own
the object, gives no contact details and changes nothing.

The matrix is generated from the app's own OpenAPI: every operation with an id in its path
must have an entry in ROUTES (a new route without one fails the test), and is called by each
outsider role with the ids of objects that others own; no 2xx but the public reads listed,
and no seeded e-mail or phone in any answer.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from models.user import Role
from services import accounts
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j

PASSWORD = "matrix password 1"
CONTACT_FIELDS = {"email", "phone"}
RESOURCES = {
    "youths": factories.youth(),
    "mentors": factories.mentor(email="karim@example.ma", phone="0661223344"),
    "organizations": factories.organization(email="coop@example.ma"),
    "job-offers": factories.job_offer(),
}
OUTSIDERS = ("youth", "mentor", "organization_member")
SEEDED_CONTACTS = ("salma@example.ma", "+212612345678", "karim@example.ma", "+212661223344",
                   "coop@example.ma")  # fmt: skip

# Every operation taking an id: what a non-owner may get back. "public" = a 200 with the public
# view is right (a profile or offer as anyone signed in sees it); "refused" = never a 2xx.
PUBLIC, REFUSED = "public", "refused"
ROUTES: dict[str, str] = {
    "POST /api/v1/auth/users/{user_id}/revoke": REFUSED,
    "POST /api/v1/auth/users/{user_id}/approve": REFUSED,
    "GET /api/v1/youths/{record_id}": PUBLIC,
    "PATCH /api/v1/youths/{record_id}": REFUSED,
    "DELETE /api/v1/youths/{record_id}": REFUSED,
    "GET /api/v1/mentors/{mentor_id}/load": REFUSED,
    "POST /api/v1/mentors/{mentor_id}/pause": REFUSED,
    "POST /api/v1/mentors/{mentor_id}/resume": REFUSED,
    "GET /api/v1/mentors/{record_id}": PUBLIC,
    "PATCH /api/v1/mentors/{record_id}": REFUSED,
    "DELETE /api/v1/mentors/{record_id}": REFUSED,
    "GET /api/v1/organizations/{record_id}": PUBLIC,
    "PATCH /api/v1/organizations/{record_id}": REFUSED,
    "DELETE /api/v1/organizations/{record_id}": REFUSED,
    "GET /api/v1/job-offers/{record_id}": PUBLIC,
    "PATCH /api/v1/job-offers/{record_id}": REFUSED,
    "DELETE /api/v1/job-offers/{record_id}": REFUSED,
    "GET /api/v1/recommendations/{kind}": REFUSED,
    "GET /api/v1/introductions/{intro_id}": REFUSED,
    "POST /api/v1/introductions/{intro_id}/accept": REFUSED,
    "POST /api/v1/introductions/{intro_id}/decline": REFUSED,
    "POST /api/v1/introductions/{intro_id}/withdraw": REFUSED,
    "POST /api/v1/introductions/{intro_id}/end": REFUSED,
    "POST /api/v1/notifications/{notification_id}/read": REFUSED,
    "POST /api/v1/cohorts/{cohort_id}/compute": REFUSED,
    "GET /api/v1/cohorts/{cohort_id}": REFUSED,
    "PUT /api/v1/cohorts/{cohort_id}/matches/{youth_id}": REFUSED,
    "POST /api/v1/cohorts/{cohort_id}/publish": REFUSED,
    "GET /api/v1/events/{event_id}": PUBLIC,
    "POST /api/v1/events/{event_id}/registrations": REFUSED,
    "GET /api/v1/events/{event_id}/registrations": REFUSED,
    "GET /api/v1/events/{event_id}/registrations/{attendee_id}": REFUSED,
    "DELETE /api/v1/events/{event_id}/registrations/{attendee_id}": REFUSED,
    "PUT /api/v1/events/{event_id}/registrations/{attendee_id}/choices": REFUSED,
    "GET /api/v1/events/{event_id}/suggestions": REFUSED,
    "POST /api/v1/events/{event_id}/schedule": REFUSED,
    "GET /api/v1/events/{event_id}/schedule": REFUSED,
    "GET /api/v1/events/{event_id}/schedule.csv": REFUSED,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}.ics": REFUSED,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}.html": REFUSED,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}": REFUSED,
    "POST /api/v1/events/{event_id}/check-in/{attendee_id}": REFUSED,
    "POST /api/v1/events/{event_id}/meetings/held": REFUSED,
    "POST /api/v1/events/{event_id}/meetings/{meeting_id}/held": REFUSED,
    "POST /api/v1/events/{event_id}/meetings/{meeting_id}/feedback": REFUSED,
    "GET /api/v1/events/{event_id}/feedback": REFUSED,
}


def headers_for(client: TestClient, email: str) -> dict[str, str]:
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


@pytest.fixture
def world(client: TestClient, graph: Graph) -> dict[str, Any]:
    """Each resource owned by someone, an introduction between two of them, an event, and one
    outsider of each self-service role (approved, so that refusals are about ownership)."""
    owners = {
        "youths": Role.YOUTH,
        "mentors": Role.MENTOR,
        "organizations": Role.ORGANIZATION_MEMBER,
    }
    ids: dict[str, str] = {}
    owner_headers: dict[str, dict[str, str]] = {}
    for path, role in owners.items():
        email = f"owner-{path}@example.ma"
        user = accounts.create_account(graph, email=email, password=PASSWORD, role=role)
        ids[f"user:{path}"] = user.id
        body = factories.without_type(RESOURCES[path])
        body.pop("id")
        owner_headers[path] = headers_for(client, email)
        created = client.post(f"/api/v1/{path}", json=body, headers=owner_headers[path])
        assert created.status_code == 201, created.text
        ids[path] = created.json()["id"]
    offer = factories.without_type(RESOURCES["job-offers"]) | {
        "organization_id": ids["organizations"]
    }
    offer.pop("id")
    posted = client.post("/api/v1/job-offers", json=offer, headers=owner_headers["organizations"])
    assert posted.status_code == 201, posted.text
    ids["job-offers"] = posted.json()["id"]
    intro = {"from_id": ids["youths"], "to_id": ids["mentors"], "message": "salam"}
    asked = client.post("/api/v1/introductions", json=intro, headers=owner_headers["youths"])
    assert asked.status_code == 201, asked.text
    ids["introduction"] = asked.json()["id"]
    outsiders = {}
    for role in OUTSIDERS:
        email = f"outsider-{role}@example.ma"
        accounts.create_account(graph, email=email, password=PASSWORD, role=Role(role))
        outsiders[role] = headers_for(client, email)
    return {"outsiders": outsiders, "ids": ids}


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("path", list(RESOURCES))
def test_an_outsider_reads_only_the_public_view_and_cannot_change_anything(
    client: TestClient, world: dict[str, Any], path: str, role: str
) -> None:
    headers = world["outsiders"][role]
    record_id = world["ids"][path]
    seen = client.get(f"/api/v1/{path}/{record_id}", headers=headers)
    assert seen.status_code == 200
    assert not CONTACT_FIELDS & set(seen.json())
    listed = client.get(f"/api/v1/{path}", headers=headers).json()["items"]
    assert all(not CONTACT_FIELDS & set(item) for item in listed)
    patch = client.patch(
        f"/api/v1/{path}/{record_id}",
        json={"bio": "x"} if path in ("youths", "mentors") else {"description": "x"},
        headers=headers,
    )
    assert patch.status_code == 403
    assert client.delete(f"/api/v1/{path}/{record_id}", headers=headers).status_code == 403
    assert client.get(f"/api/v1/{path}/{record_id}", headers=headers).status_code == 200


def id_taking_operations(client: TestClient) -> list[tuple[str, str]]:
    paths = client.get("/openapi.json").json()["paths"]
    return [(m.upper(), p) for p, ops in paths.items() if "{" in p for m in ops]


def test_every_operation_that_takes_an_id_is_in_the_matrix(client: TestClient) -> None:
    missing = [f"{m} {p}" for m, p in id_taking_operations(client) if f"{m} {p}" not in ROUTES]
    assert missing == [], "add these operations to ROUTES with what an outsider may get"


def fill(template: str, ids: dict[str, str]) -> str:
    """The path with others' ids: the record of the route's kind, else a foreign id."""
    by_param = {
        "user_id": ids["user:youths"],
        "mentor_id": ids["mentors"],
        "intro_id": ids["introduction"],
        "kind": "mentors",
        "youth_id": ids["youths"],
        "attendee_id": ids["youths"],
    }
    kind = template.split("/")[3]

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "record_id":
            return ids.get(kind, "x-none")
        return by_param.get(name, f"x-{name}")

    return re.sub(r"\{([^}]+)\}", one, template)


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS])
def test_no_outsider_gets_a_2xx_or_a_contact_on_any_id_taking_operation(
    client: TestClient, world: dict[str, Any], role: str
) -> None:
    headers = world["outsiders"].get(role, {})
    unauthorised = []
    for method, template in id_taking_operations(client):
        path = fill(template, world["ids"])
        if template == "/api/v1/recommendations/{kind}":
            path += f"?for={world['ids']['youths']}"
        response = client.request(method, path, headers=headers, json={})
        allowed = ROUTES[f"{method} {template}"] == PUBLIC and role != "anonymous"
        if response.is_success and not allowed:
            unauthorised.append(f"{method} {path} -> {response.status_code}")
        leaked = [c for c in SEEDED_CONTACTS if c in response.text]
        assert not leaked, (method, path, leaked)
    assert unauthorised == []
