"""The REST API over HTTP against the real Neo4j: CRUD, pagination, accounts, access rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from graph import users as graph_users
from models.user import Role
from services import accounts, candidate_preload, importer
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.conftest import TEST_JWT_SECRET

pytestmark = pytest.mark.neo4j

PASSWORD = "correct horse battery"


def sign_up(client: TestClient, email: str, role: str = "youth") -> dict[str, str]:
    return factories.register(client, email, role, PASSWORD)


def staff(client: TestClient, graph: Graph, role: Role = Role.STAFF) -> dict[str, str]:
    email = f"{role.value}@multaqa.ma"
    accounts.create_account(graph, email=email, password=PASSWORD, role=role)
    return factories.sign_in(client, email)


def create(client: TestClient, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    response = client.post(f"/api/v1/{path}", json=factories.without_type(body), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_health_reports_neo4j_up(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["neo4j"] == "up" and body["schema_version"] == 1


def test_a_process_is_ready_once_it_keeps_the_candidates(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    """A load balancer sends a process requests once /health/ready answers 200."""
    assert client.get("/health/ready").json() == {"ready": True}  # nothing to keep: ready
    factories.store(graph, factories.mentor("m-1"), factories.youth("y-1"))
    preloading = candidate_preload.Preloading(graph, settings)
    client.app.state.preloading = preloading  # type: ignore[attr-defined]
    waiting = client.get("/health/ready")
    assert waiting.status_code == 503 and waiting.json()["ready"] is False
    preloading.start().join()
    assert client.get("/health/ready").json() == {"ready": True}


def test_the_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert "/api/v1/youths" in client.get("/openapi.json").json()["paths"]


def test_every_resource_route_needs_a_token(client: TestClient) -> None:
    for path in ("youths", "mentors", "organizations", "job-offers"):
        assert client.get(f"/api/v1/{path}").status_code == 401
        assert client.post(f"/api/v1/{path}", json={}).status_code == 401


def test_a_tampered_expired_or_other_algorithm_token_is_refused(
    client: TestClient, graph: Graph
) -> None:
    headers = sign_up(client, "a@example.ma")
    token = headers["Authorization"].split()[1]
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    forged = {"Authorization": f"Bearer {token[:-2]}xx"}
    assert client.get("/api/v1/auth/me", headers=forged).status_code == 401
    claims = jwt.decode(token, TEST_JWT_SECRET, algorithms=["HS256"])
    claims["exp"] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    expired = jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256")
    assert (
        client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"}).status_code
        == 401
    )
    none_alg = jwt.encode({"sub": claims["sub"], "exp": 9999999999}, None, algorithm="none")
    assert (
        client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {none_alg}"}).status_code
        == 401
    )


def test_a_wrong_password_is_refused_and_passwords_are_stored_as_argon2id(
    client: TestClient, graph: Graph
) -> None:
    sign_up(client, "b@example.ma")
    response = client.post(
        "/api/v1/auth/token", data={"username": "b@example.ma", "password": "wrong password"}
    )
    assert response.status_code == 401
    stored = graph.driver.execute_query(
        "MATCH (u:User) RETURN u.password_hash AS h", database_=graph.database
    ).records[0]["h"]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_nobody_can_give_themself_the_staff_role(client: TestClient) -> None:
    body = {"email": "c@example.ma", "password": PASSWORD, "privacy_notice_version": "2026-12"}
    response = client.post("/api/v1/auth/register", json=body | {"role": "admin"})
    assert response.status_code == 403
    response = client.post("/api/v1/auth/register", json=body | {"is_admin": True})
    assert response.status_code == 422


def test_api_sign_up_records_the_privacy_notice_accepted_like_the_page(
    client: TestClient, graph: Graph
) -> None:
    body = {"email": "amal@example.ma", "password": PASSWORD}
    missing = client.post("/api/v1/auth/register", json=body)
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"][-1] == (
        "privacy_notice_version"
    )
    stale = client.post("/api/v1/auth/register", json=body | {"privacy_notice_version": "2019"})
    assert stale.status_code == 422 and "2026-12" in stale.text
    notice = client.get("/api/v1/auth/privacy-notice").json()
    accepted = body | {"privacy_notice_version": notice["version"]}
    assert client.post("/api/v1/auth/register", json=accepted).status_code == 201
    stored = graph.read(graph_users.user_by_email, "amal@example.ma")
    assert stored is not None and stored.privacy_notice_version == notice["version"]
    assert stored.privacy_accepted_at is not None


def test_a_youth_creates_reads_updates_and_deletes_their_own_profile(client: TestClient) -> None:
    headers = sign_up(client, "salma@example.ma")
    y1 = factories.create_own(client, "youths", factories.youth(), headers)
    assert client.get(f"/api/v1/youths/{y1}", headers=headers).json()["phone"] == "+212612345678"
    assert client.get("/api/v1/auth/me", headers=headers).json()["profile_id"] == y1
    mine = client.get(f"/api/v1/youths/{y1}", headers=headers).json()
    assert mine["email"] == "salma@example.ma"
    patched = client.patch(
        f"/api/v1/youths/{y1}", json={"bio": "Nouvelle", "phone": None}, headers=headers
    )
    assert patched.status_code == 200
    assert patched.json()["bio"] == "Nouvelle"
    assert patched.json()["phone"] is None
    assert client.get(f"/api/v1/youths/{y1}", headers=headers).json()["name"] == "Salma Bennani"
    assert client.delete(f"/api/v1/youths/{y1}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/youths/{y1}", headers=headers).status_code == 404


def test_a_second_profile_for_the_same_youth_is_refused(client: TestClient) -> None:
    headers = sign_up(client, "d@example.ma")
    factories.create_own(client, "youths", factories.youth(), headers)
    second = factories.without_type(factories.youth())
    del second["id"]
    response = client.post("/api/v1/youths", json=second, headers=headers)
    assert response.status_code == 403


def test_the_server_assigns_an_id_when_none_is_given(client: TestClient) -> None:
    headers = sign_up(client, "e@example.ma")
    body = factories.without_type(factories.youth())
    del body["id"]
    created = create(client, "youths", body, headers)
    assert created["id"].startswith("y-")


def test_validation_errors_are_422_with_the_field(client: TestClient, graph: Graph) -> None:
    headers = staff(client, graph)
    cases = [
        ("youths", factories.youth(phone="12"), "phone"),
        ("youths", factories.youth(birth_year=1960), "birth_year"),
        ("youths", factories.youth(extra_field=1), "extra_field"),
        ("mentors", factories.mentor(capacity=-1), "capacity"),
        ("job-offers", factories.job_offer(organization_id="o-404"), "organization_id"),
    ]
    for path, body, field in cases:
        response = client.post(
            f"/api/v1/{path}", json=factories.without_type(body), headers=headers
        )
        assert response.status_code == 422, (path, field, response.text)
        assert any(field in error["loc"] for error in response.json()["detail"]), response.text


def test_an_unknown_id_is_404_and_a_taken_id_409(client: TestClient, graph: Graph) -> None:
    headers = staff(client, graph)
    assert client.get("/api/v1/mentors/m-404", headers=headers).status_code == 404
    assert client.patch("/api/v1/mentors/m-404", json={}, headers=headers).status_code == 404
    assert client.delete("/api/v1/mentors/m-404", headers=headers).status_code == 404
    create(client, "mentors", factories.mentor("m-1"), headers)
    response = client.post(
        "/api/v1/youths", json=factories.without_type(factories.youth("m-1")), headers=headers
    )
    assert response.status_code == 409
    # A youth id read through the mentors route is not a mentor.
    assert client.get("/api/v1/youths/m-1", headers=headers).status_code == 404


def load(graph: Graph, settings: Settings, count: int) -> None:
    records = [factories.organization("o-1")]
    records += [
        factories.youth(
            f"y-{i:03d}",
            location={"commune": "Khouribga" if i % 2 else "Oued Zem"},
            skills=["soudure"] if i % 3 == 0 else ["comptabilité"],
        )
        for i in range(count)
    ]
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors
    importer.write_records([v.record for v in valid], graph, settings)


def test_lists_are_paginated_with_a_capped_page_size(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    load(graph, settings, 130)
    headers = staff(client, graph)
    page = client.get("/api/v1/youths?limit=100&offset=120", headers=headers).json()
    assert page["total"] == 130 and len(page["items"]) == 10
    assert page["items"][0]["id"] == "y-120"
    too_big = client.get("/api/v1/youths?limit=101", headers=headers)
    assert too_big.status_code == 422 and "limit" in too_big.json()["detail"][0]["loc"]
    assert client.get("/api/v1/youths?offset=-1", headers=headers).status_code == 422


def test_lists_filter_by_commune_sector_and_skill(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    load(graph, settings, 30)
    headers = staff(client, graph)

    def total(query: str) -> int:
        return client.get(f"/api/v1/youths?{query}", headers=headers).json()["total"]

    assert total("commune=oued-zem") == 15
    assert total("skill=Soudure") == 10
    assert total("commune=Khouribga&skill=soudure") == 5
    assert total("sector=agroalimentaire et produits du terroir") == 30
    assert total("sector=tourisme") == 0


def test_others_see_only_the_public_view_and_cannot_change_or_delete(
    client: TestClient, graph: Graph
) -> None:
    owner = sign_up(client, "owner@example.ma")
    y1 = factories.create_own(client, "youths", factories.youth(), owner)
    other = sign_up(client, "other@example.ma")
    own = factories.create_own(client, "youths", factories.youth(email="o@example.ma"), other)
    seen = client.get(f"/api/v1/youths/{y1}", headers=other).json()
    assert seen["name"] == "Salma Bennani"
    assert not {"email", "phone", "birth_year", "gender"} & set(seen)
    listed = client.get("/api/v1/youths", headers=other).json()["items"]
    # Youths are listed to staff and to those connected to them only (issue 13).
    assert [item["id"] for item in listed] == [own]
    assert "salma@example.ma" not in client.get("/api/v1/youths", headers=other).text
    assert (
        client.patch(f"/api/v1/youths/{y1}", json={"name": "Hacked"}, headers=other).status_code
        == 403
    )
    assert client.delete(f"/api/v1/youths/{y1}", headers=other).status_code == 403
    assert client.get(f"/api/v1/youths/{y1}", headers=owner).json()["name"] == "Salma Bennani"


def test_staff_read_and_edit_every_profile_with_its_contacts(
    client: TestClient, graph: Graph
) -> None:
    owner = sign_up(client, "owner@example.ma")
    y1 = factories.create_own(client, "youths", factories.youth(), owner)
    headers = staff(client, graph)
    assert client.get(f"/api/v1/youths/{y1}", headers=headers).json()["phone"] == "+212612345678"
    response = client.patch(f"/api/v1/youths/{y1}", json={"bio": "Relu"}, headers=headers)
    assert response.status_code == 200 and response.json()["bio"] == "Relu"


def test_organisation_members_edit_their_organisation_and_its_offers_only(
    client: TestClient, graph: Graph
) -> None:
    member = sign_up(client, "coop@example.ma", role="organization_member")
    o1 = factories.create_own(client, "organizations", factories.organization(), member)
    j1 = factories.create_own(client, "job-offers", factories.job_offer(organization_id=o1), member)
    admin = staff(client, graph, Role.ADMIN)
    create(client, "organizations", factories.organization("o-2", name="Autre"), admin)
    assert (
        client.patch(
            f"/api/v1/job-offers/{j1}", json={"title": "Stage web"}, headers=member
        ).status_code
        == 200
    )
    moved = client.patch(
        f"/api/v1/job-offers/{j1}", json={"organization_id": "o-2"}, headers=member
    )
    assert moved.status_code == 403
    assert (
        client.patch("/api/v1/organizations/o-2", json={"name": "Mine"}, headers=member).status_code
        == 403
    )
    offer = factories.without_type(factories.job_offer(organization_id="o-2"))
    del offer["id"]  # the server chooses the ids of what accounts create
    assert client.post("/api/v1/job-offers", json=offer, headers=member).status_code == 403


def test_an_offer_invites_a_youth_only_through_a_member_of_its_organisation(
    client: TestClient, graph: Graph
) -> None:
    admin = staff(client, graph, Role.ADMIN)
    create(client, "organizations", factories.organization("o-1"), admin)
    create(client, "organizations", factories.organization("o-2", name="Autre"), admin)
    create(client, "job-offers", factories.job_offer("j-1", organization_id="o-1"), admin)
    create(client, "youths", factories.youth("y-1"), admin)
    create(client, "mentors", factories.mentor("m-1"), admin)
    members = {}
    for org in ("o-1", "o-2"):
        email = f"member@{org}.ma"
        accounts.create_account(
            graph,
            email=email,
            password=PASSWORD,
            role=Role.ORGANIZATION_MEMBER,
            organization_id=org,
        )
        members[org] = factories.sign_in(client, email)
    invite = {"from_id": "j-1", "to_id": "y-1", "message": "Postulez"}
    assert (
        client.post("/api/v1/introductions", json=invite, headers=members["o-2"]).status_code == 403
    )
    mentor = client.post(
        "/api/v1/introductions", json=invite | {"to_id": "m-1"}, headers=members["o-1"]
    )
    assert mentor.status_code == 422 and mentor.json()["detail"][0]["loc"] == ["body", "to_id"]
    made = client.post("/api/v1/introductions", json=invite, headers=members["o-1"])
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["kind"], body["from_party"], body["to_party"]) == ("application", "o-1", "y-1")


def test_only_an_admin_creates_accounts_for_others(client: TestClient, graph: Graph) -> None:
    body = {"email": "staff2@multaqa.ma", "password": PASSWORD, "role": "staff"}
    assert (
        client.post("/api/v1/auth/users", json=body, headers=staff(client, graph)).status_code
        == 403
    )
    admin = staff(client, graph, Role.ADMIN)
    created = client.post("/api/v1/auth/users", json=body, headers=admin)
    assert created.status_code == 201 and created.json()["role"] == "staff"
    assert client.post("/api/v1/auth/users", json=body, headers=admin).status_code == 409
