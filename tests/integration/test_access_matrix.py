"""Object-level access, generated from the app's own route table: every operation of the
OpenAPI, called anonymously and by every self-service role, on objects that others own.

Every operation must have an entry in ROUTES saying who may get a 2xx from it (a new route
without one fails the test). Write operations get a valid body where the route needs one, so
that a refusal comes from the access check and not from validation. Every answer is scanned
for the seeded e-mails and phones of the owners.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph import schema as graph_schema
from models.user import Role
from services import accounts
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

PASSWORD = "matrix password 1"
OUTSIDERS = ("youth", "mentor", "organization_member")
SEEDED_CONTACTS = (
    "salma@example.ma",
    "+212612345678",
    "karim@example.ma",
    "+212661223344",
    "coop@example.ma",
    "+212522334455",
)

# Who may get a 2xx: ANYONE (anonymous too), SIGNED_IN (any account, about itself or a public
# view), SELF (signed in, and it acts on the caller's own account: run last), or nobody here
# (STAFF: only staff, never these outsiders).
ANYONE, SIGNED_IN, SELF, STAFF = "anyone", "signed in", "self", "staff"
ROUTES: dict[str, str] = {
    "GET /health": ANYONE,
    "GET /health/ready": ANYONE,
    "POST /api/v1/auth/register": ANYONE,
    "GET /api/v1/auth/privacy-notice": ANYONE,
    "POST /api/v1/auth/token": ANYONE,
    "GET /api/v1/auth/me": SIGNED_IN,
    "POST /api/v1/auth/logout": SELF,
    "POST /api/v1/auth/users": STAFF,
    "POST /api/v1/auth/users/{user_id}/revoke": STAFF,
    "POST /api/v1/auth/users/{user_id}/approve": STAFF,
    "GET /api/v1/auth/users/awaiting-approval": STAFF,
    "GET /api/v1/me/data": SIGNED_IN,
    "DELETE /api/v1/me": SELF,
    "POST /api/v1/erasures": STAFF,
    "GET /api/v1/audit": STAFF,
    "POST /api/v1/youths": SIGNED_IN,
    "GET /api/v1/youths": SIGNED_IN,
    "GET /api/v1/youths/{record_id}": SIGNED_IN,
    "PATCH /api/v1/youths/{record_id}": STAFF,
    "DELETE /api/v1/youths/{record_id}": STAFF,
    "POST /api/v1/mentors": SIGNED_IN,
    "GET /api/v1/mentors": SIGNED_IN,
    "GET /api/v1/mentors/{record_id}": SIGNED_IN,
    "PATCH /api/v1/mentors/{record_id}": STAFF,
    "DELETE /api/v1/mentors/{record_id}": STAFF,
    "GET /api/v1/mentor-loads": STAFF,
    "GET /api/v1/mentors/{mentor_id}/load": STAFF,
    "POST /api/v1/mentors/{mentor_id}/pause": STAFF,
    "POST /api/v1/mentors/{mentor_id}/resume": STAFF,
    "POST /api/v1/organizations": SIGNED_IN,
    "GET /api/v1/organizations": SIGNED_IN,
    "GET /api/v1/organizations/{record_id}": SIGNED_IN,
    "PATCH /api/v1/organizations/{record_id}": STAFF,
    "DELETE /api/v1/organizations/{record_id}": STAFF,
    "POST /api/v1/job-offers": SIGNED_IN,
    "GET /api/v1/job-offers": SIGNED_IN,
    "GET /api/v1/job-offers/{record_id}": SIGNED_IN,
    "PATCH /api/v1/job-offers/{record_id}": STAFF,
    "DELETE /api/v1/job-offers/{record_id}": STAFF,
    "GET /api/v1/recommendations/{kind}": STAFF,
    "POST /api/v1/introductions": SIGNED_IN,
    "GET /api/v1/introductions": SIGNED_IN,
    "GET /api/v1/introductions/{intro_id}": STAFF,
    "POST /api/v1/introductions/{intro_id}/accept": STAFF,
    "POST /api/v1/introductions/{intro_id}/decline": STAFF,
    "POST /api/v1/introductions/{intro_id}/withdraw": STAFF,
    "POST /api/v1/introductions/{intro_id}/end": STAFF,
    "GET /api/v1/notifications": SIGNED_IN,
    "POST /api/v1/notifications/{notification_id}/read": STAFF,
    "POST /api/v1/cohorts": STAFF,
    "POST /api/v1/cohorts/{cohort_id}/compute": STAFF,
    "GET /api/v1/cohorts/{cohort_id}": STAFF,
    "PUT /api/v1/cohorts/{cohort_id}/matches/{youth_id}": STAFF,
    "POST /api/v1/cohorts/{cohort_id}/publish": STAFF,
    "POST /api/v1/outcomes": SIGNED_IN,
    "POST /api/v1/ranker/retrain": STAFF,
    "GET /api/v1/ranker/models": STAFF,
    "GET /api/v1/reports/funder": STAFF,
    "GET /api/v1/reports/funder.csv": STAFF,
    "POST /api/v1/events": STAFF,
    "GET /api/v1/events": SIGNED_IN,
    "GET /api/v1/events/{event_id}": SIGNED_IN,
    "PATCH /api/v1/events/{event_id}": STAFF,
    "POST /api/v1/events/{event_id}/cancel": STAFF,
    "PUT /api/v1/events/{event_id}/meetings/{meeting_id}": STAFF,
    "POST /api/v1/events/{event_id}/registrations": STAFF,
    "GET /api/v1/events/{event_id}/registrations": STAFF,
    "GET /api/v1/events/{event_id}/registrations/{attendee_id}": STAFF,
    "DELETE /api/v1/events/{event_id}/registrations/{attendee_id}": STAFF,
    "PUT /api/v1/events/{event_id}/registrations/{attendee_id}/choices": STAFF,
    "GET /api/v1/events/{event_id}/suggestions": STAFF,
    "POST /api/v1/events/{event_id}/schedule": STAFF,
    "GET /api/v1/events/{event_id}/schedule": STAFF,
    "GET /api/v1/events/{event_id}/schedule.csv": STAFF,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}.ics": STAFF,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}.html": STAFF,
    "GET /api/v1/events/{event_id}/agenda/{attendee_id}": STAFF,
    "POST /api/v1/events/{event_id}/check-in/{attendee_id}": STAFF,
    "POST /api/v1/events/{event_id}/meetings/held": STAFF,
    "POST /api/v1/events/{event_id}/meetings/{meeting_id}/held": STAFF,
    "POST /api/v1/events/{event_id}/meetings/{meeting_id}/feedback": STAFF,
    "GET /api/v1/events/{event_id}/feedback": STAFF,
}


@dataclass
class World:
    client: TestClient
    ids: dict[str, str]
    headers: dict[str, dict[str, str]]  # per outsider role; "anonymous" has none

    def operations(self) -> list[tuple[str, str]]:
        paths = self.client.get("/openapi.json").json()["paths"]
        found = [(method.upper(), path) for path, ops in paths.items() for method in ops]
        # Operations on the caller's own account (sign out, erase oneself) go last.
        return sorted(found, key=lambda op: ROUTES.get(f"{op[0]} {op[1]}") == SELF)


def _staff(client: TestClient, graph: Graph) -> dict[str, str]:
    accounts.create_account(graph, email="staff@multaqa.ma", password=PASSWORD, role=Role.STAFF)
    return factories.sign_in(client, "staff@multaqa.ma", PASSWORD)


def _owned(client: TestClient, graph: Graph) -> dict[str, str]:
    """A youth, a mentor and an organisation (with an offer), each created by its owner; an
    introduction between the youth and the mentor; an event and a cohort with the youth."""
    ids: dict[str, str] = {}
    owners: dict[str, dict[str, str]] = {}
    records = {
        "youths": (Role.YOUTH, factories.youth()),
        "mentors": (Role.MENTOR, factories.mentor(phone="0661223344")),
        "organizations": (
            Role.ORGANIZATION_MEMBER,
            factories.organization(email="coop@example.ma", phone="0522334455"),
        ),
    }
    for path, (role, record) in records.items():
        email = f"owner-{path}@example.ma"
        ids[f"user:{path}"] = accounts.create_account(
            graph, email=email, password=PASSWORD, role=role
        ).id
        owners[path] = factories.sign_in(client, email, PASSWORD)
        ids[path] = factories.create_own(client, path, record, owners[path])
    offer = factories.job_offer(organization_id=ids["organizations"])
    ids["job-offers"] = factories.create_own(client, "job-offers", offer, owners["organizations"])
    intro = {"from_id": ids["youths"], "to_id": ids["mentors"], "message": "salam"}
    asked = client.post("/api/v1/introductions", json=intro, headers=owners["youths"])
    assert asked.status_code == 201, asked.text
    ids["introduction"] = asked.json()["id"]
    notes = client.get("/api/v1/notifications", headers=owners["mentors"]).json()
    ids["notification"] = notes[0]["id"]
    staff = _staff(client, graph)
    event = {
        "title": "Forum",
        "starts_at": "2026-06-14T09:30:00+01:00",
        "venue": "Khouribga",
        "capacity": 20,
        "rounds": 3,
    }
    created = client.post("/api/v1/events", json=event, headers=staff)
    assert created.status_code == 201, created.text
    ids["event"] = created.json()["id"]
    registration = {"attendee_id": ids["youths"]}
    path = f"/api/v1/events/{ids['event']}/registrations"
    assert client.post(path, json=registration, headers=owners["youths"]).status_code == 201
    cohort = {"name": "Cohorte", "youth_ids": [ids["youths"]]}
    made = client.post("/api/v1/cohorts", json=cohort, headers=staff)
    assert made.status_code == 201, made.text
    ids["cohort"] = made.json()["id"]
    return ids


@pytest.fixture(scope="module")
def world(settings: Settings, session_graph: Graph) -> Iterator[World]:
    """Built once for the module (the operations below change nothing when refused)."""
    with session_graph.driver.session(database=session_graph.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    graph_schema.migrate(session_graph.driver, database=session_graph.database)
    with TestClient(create_app(settings, session_graph)) as client:
        ids = _owned(client, session_graph)
        headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for role in OUTSIDERS:
            email = f"outsider-{role}@example.ma"
            accounts.create_account(session_graph, email=email, password=PASSWORD, role=Role(role))
            headers[role] = factories.sign_in(client, email, PASSWORD)
        yield World(client, ids, headers)


def fill(template: str, ids: dict[str, str]) -> str:
    """The path with the ids of objects others own (a foreign id where there is none)."""
    by_param = {
        "user_id": ids["user:youths"],
        "mentor_id": ids["mentors"],
        "intro_id": ids["introduction"],
        "notification_id": ids["notification"],
        "cohort_id": ids["cohort"],
        "event_id": ids["event"],
        "youth_id": ids["youths"],
        "attendee_id": ids["youths"],
        "kind": "mentors",
    }
    kind = template.split("/")[3] if template.startswith("/api/v1/") else ""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "record_id":
            return ids.get(kind, "x-none")
        return by_param.get(name, f"x-{name}")

    path = re.sub(r"\{([^}]+)\}", one, template)
    if template.endswith(("/recommendations/{kind}", "/suggestions")):
        path += f"?for={ids['youths']}"
    return path


def body_for(method: str, template: str, ids: dict[str, str]) -> dict[str, Any] | None:
    """A valid body for the writes that need one, so that the access check decides."""
    if method == "PATCH":
        organisation_like = "organizations" in template or "job-offers" in template
        return {"description": "x"} if organisation_like else {"bio": "x"}
    bodies: dict[str, dict[str, Any]] = {
        "/api/v1/erasures": {"record_id": ids["youths"], "reference": "letter n° 1"},
        "/api/v1/auth/users": {"email": "new@example.ma", "password": PASSWORD, "role": "admin"},
        "/api/v1/cohorts": {"name": "Mine", "youth_ids": [ids["youths"]]},
        "/api/v1/cohorts/{cohort_id}/matches/{youth_id}": {"mentor_id": ids["mentors"]},
        "/api/v1/events/{event_id}/registrations": {"attendee_id": ids["youths"]},
        "/api/v1/events/{event_id}/registrations/{attendee_id}/choices": {"slots": [0]},
        "/api/v1/events/{event_id}/meetings/held": {"meeting_ids": ["x-meeting"]},
        "/api/v1/events/{event_id}/meetings/{meeting_id}/feedback": {
            "useful": True,
            "follow_up": True,
        },
        "/api/v1/outcomes": {
            "viewer_id": ids["youths"],
            "target_id": ids["mentors"],
            "kind": "mentors",
            "outcome": "met",
        },
        "/api/v1/introductions": {"from_id": ids["youths"], "to_id": ids["mentors"]},
    }
    return bodies.get(template, {} if method in ("POST", "PUT") else None)


def test_every_operation_of_the_api_is_in_the_matrix(world: World) -> None:
    missing = [f"{m} {p}" for m, p in world.operations() if f"{m} {p}" not in ROUTES]
    assert missing == [], "add these operations to ROUTES, saying who may get a 2xx"
    stale = set(ROUTES) - {f"{m} {p}" for m, p in world.operations()}
    assert stale == set(), "these ROUTES entries name no operation any more"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_an_outsider_changing_a_record_of_someone_else_gets_a_403(world: World, role: str) -> None:
    for kind in ("youths", "mentors", "organizations", "job-offers"):
        path = f"/api/v1/{kind}/{world.ids[kind]}"
        body = body_for("PATCH", path, world.ids)
        headers = world.headers[role]
        assert world.client.patch(path, json=body, headers=headers).status_code == 403, kind
        assert world.client.delete(path, headers=headers).status_code == 403, kind


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS])
def test_no_outsider_gets_a_2xx_it_should_not_or_anyone_elses_contact_details(
    world: World, role: str
) -> None:
    unauthorised, leaked = [], []
    for method, template in world.operations():
        path = fill(template, world.ids)
        body = body_for(method, template, world.ids)
        answer = world.client.request(method, path, headers=world.headers[role], json=body)
        allowed = ROUTES[f"{method} {template}"]
        may = allowed == ANYONE or (allowed in (SIGNED_IN, SELF) and role != "anonymous")
        if answer.is_success and not may:
            unauthorised.append(f"{method} {path} -> {answer.status_code}")
        leaked += [f"{method} {path}: {c}" for c in SEEDED_CONTACTS if c in answer.text]
    assert unauthorised == []
    assert leaked == []
    # Whatever was refused changed nothing: the owners' records are all still there.
    staff = factories.sign_in(world.client, "staff@multaqa.ma", PASSWORD)
    for kind in ("youths", "mentors", "organizations", "job-offers"):
        kept = world.client.get(f"/api/v1/{kind}/{world.ids[kind]}", headers=staff)
        assert kept.status_code == 200, kind
        assert "x" not in (kept.json().get("bio"), kept.json().get("description")), kind
