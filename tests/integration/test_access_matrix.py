"""Object-level access: every route that takes an id, called by every role that does not own
the object, gives no contact details and changes nothing."""

from __future__ import annotations

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
    "youths": factories.youth("y-1"),
    "mentors": factories.mentor("m-1"),
    "organizations": factories.organization("o-1", email="coop@example.ma"),
    "job-offers": factories.job_offer("j-1", organization_id="o-1"),
}
OUTSIDERS = ("youth", "mentor", "organization_member")


@pytest.fixture
def world(client: TestClient, graph: Graph) -> dict[str, dict[str, str]]:
    """Each resource owned by someone, and one outsider of each self-service role."""
    owners = {
        "youths": Role.YOUTH,
        "mentors": Role.MENTOR,
        "organizations": Role.ORGANIZATION_MEMBER,
    }
    for path, role in owners.items():
        email = f"owner-{path}@example.ma"
        accounts.create_account(graph, email=email, password=PASSWORD, role=role)
        body = factories.without_type(RESOURCES[path])
        headers = factories.sign_in(client, email, PASSWORD)
        created = client.post(f"/api/v1/{path}", json=body, headers=headers)
        assert created.status_code == 201, created.text
    org_owner = factories.sign_in(client, "owner-organizations@example.ma", PASSWORD)
    offer = factories.without_type(RESOURCES["job-offers"])
    assert client.post("/api/v1/job-offers", json=offer, headers=org_owner).status_code == 201
    outsiders = {}
    for role in OUTSIDERS:
        email = f"outsider-{role}@example.ma"
        accounts.create_account(graph, email=email, password=PASSWORD, role=Role(role))
        outsiders[role] = factories.sign_in(client, email, PASSWORD)
    return outsiders


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("path", list(RESOURCES))
def test_an_outsider_reads_only_the_public_view_and_cannot_change_anything(
    client: TestClient, world: dict[str, dict[str, str]], path: str, role: str
) -> None:
    headers = world[role]
    record_id = RESOURCES[path]["id"]
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
