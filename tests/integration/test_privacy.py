"""Finding 5 of issue 13: export of one's data, erasure that leaves nothing behind, erasure on
a written request, the audit log, and approval of mentor and organisation accounts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from api.main import create_app
from graph import cohorts as graph_cohorts
from graph import outcomes as graph_outcomes
from graph import recommend as graph_recommend
from models.user import Role
from services import accounts
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.processes import redis_server

pytestmark = pytest.mark.neo4j

PASSWORD = "a long enough passphrase"
PERSON = {
    "name": "Zineb Erasable",
    "email": "zineb@example.ma",
    "phone": "0611223344",
    "languages": ["ar", "fr"],
}
PHONE_E164 = "+212611223344"


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    return factories.sign_in(client, email, password)


def sign_up(client: TestClient, email: str, role: str = "youth") -> dict[str, str]:
    return factories.register(client, email, role, PASSWORD)


def staff(client: TestClient, graph: Graph) -> dict[str, str]:
    accounts.create_account(graph, email="staff@multaqa.ma", password=PASSWORD, role=Role.STAFF)
    return sign_in(client, "staff@multaqa.ma")


def a_cohort(youth_ids: list[str]) -> dict[str, Any]:
    """A draft cohort's properties, as the cohort service writes them."""
    return {
        "id": "c-1",
        "name": "Promotion 2026",
        "status": "draft",
        "rules": "{}",
        "youth_ids": youth_ids,
        "created_at": dt.datetime.now(dt.UTC),
    }


def everything_in_the_graph(graph: Graph, *, audit: bool = True) -> list[Any]:
    rows, _, _ = graph.driver.execute_query(
        "MATCH (n) WHERE $audit OR NOT n:AuditEntry RETURN properties(n) AS p "
        "UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p",
        audit=audit,
        database_=graph.database,
    )
    return [row["p"] for row in rows]


def holds(value: Any, needles: set[str]) -> bool:
    if isinstance(value, str):
        return any(n in value for n in needles)
    if isinstance(value, list | tuple):
        return any(holds(v, needles) for v in value)
    if isinstance(value, dict):
        return any(holds(v, needles) for v in value.values())
    return False


def test_a_person_exports_everything_held_about_them(client: TestClient) -> None:
    headers = sign_up(client, "zineb@example.ma")
    profile = client.post("/api/v1/youths", json=PERSON, headers=headers).json()
    data = client.get("/api/v1/me/data", headers=headers)
    assert data.status_code == 200
    body = data.json()
    assert body["account"]["email"] == "zineb@example.ma"
    assert "password_hash" not in body["account"] and "token_version" not in body["account"]
    assert body["profiles"][0]["id"] == profile["id"]
    assert body["profiles"][0]["phone"] == PHONE_E164
    assert client.get("/api/v1/me/data").status_code == 401


def test_erasing_oneself_leaves_no_trace_in_the_graph_or_redis(
    settings: Settings, graph: Graph, tmp_path: Path
) -> None:
    with (
        redis_server(tmp_path) as url,
        TestClient(create_app(settings.model_copy(update={"redis_url": url}), graph)) as client,
    ):
        headers = sign_up(client, "zineb@example.ma")
        youth_id = client.post("/api/v1/youths", json=PERSON, headers=headers).json()["id"]
        user_id = client.get("/api/v1/auth/me", headers=headers).json()["id"]
        mentor = staff(client, graph)
        mentor_id = client.post(
            "/api/v1/mentors",
            json={"name": "Karim", "capacity": 2, "languages": ["ar"]},
            headers=mentor,
        ).json()["id"]
        # Copies of the id elsewhere: an introduction, a cohort, a digest, task messages.
        intro = {"from_id": youth_id, "to_id": mentor_id, "message": "salam"}
        assert client.post("/api/v1/introductions", json=intro, headers=headers).is_success
        graph.write(graph_cohorts.create, a_cohort([youth_id, "y-other"]))
        now = dt.datetime.now(dt.UTC)
        graph.write(graph_outcomes.remember_announced, mentor_id, [youth_id, "y-other"], now)
        needles = {user_id, youth_id, PERSON["name"], PERSON["email"], PHONE_E164}
        redis_client = redis.Redis.from_url(url)
        assert any(holds(k.decode(), needles) for k in redis_client.keys("*"))

        assert client.delete("/api/v1/me", headers=headers).status_code == 204

        leftovers = [p for p in everything_in_the_graph(graph) if holds(p, needles)]
        assert leftovers == []
        for key in redis_client.keys("*"):
            assert not holds(key.decode(), needles)
            if redis_client.type(key) == b"list":
                assert not any(
                    holds(item.decode(errors="replace"), needles) or youth_id.encode() in item
                    for item in redis_client.lrange(key, 0, -1)
                )
        cohort = graph.read(graph_cohorts.read, "c-1")
        assert cohort is not None and cohort.youth_ids == ("y-other",)
        assert graph.read(graph_outcomes.announced, mentor_id) == {"y-other"}
        form = {"username": "zineb@example.ma", "password": PASSWORD}
        assert client.post("/api/v1/auth/token", data=form).status_code == 401
        tallies, _, _ = graph.driver.execute_query(
            "MATCH (t:ErasedTally {type: 'youth'}) RETURN sum(t.count) AS n",
            database_=graph.database,
        )
        assert tallies[0]["n"] == 1


def test_staff_erase_a_record_on_a_written_request(client: TestClient, graph: Graph) -> None:
    headers = staff(client, graph)
    youth_id = client.post("/api/v1/youths", json=PERSON, headers=headers).json()["id"]
    body = {"record_id": youth_id, "reference": "letter of 2026-11-30, n° 12"}
    youth = sign_up(client, "other@example.ma")
    assert client.post("/api/v1/erasures", json=body, headers=youth).status_code == 403
    erased = client.post("/api/v1/erasures", json=body, headers=headers)
    assert erased.status_code == 200 and erased.json()["records"] == 1
    assert client.get(f"/api/v1/youths/{youth_id}", headers=headers).status_code == 404
    needles = {youth_id, PERSON["name"], PERSON["email"], PHONE_E164}
    assert not [p for p in everything_in_the_graph(graph) if holds(p, needles)]
    log = client.get("/api/v1/audit?action=erasure", headers=headers).json()["items"]
    assert "letter of 2026-11-30" in log[0]["detail"]


def test_an_erasure_leaves_another_person_of_the_same_name_untouched(
    client: TestClient, graph: Graph
) -> None:
    headers = staff(client, graph)
    erased_id = client.post("/api/v1/youths", json=PERSON, headers=headers).json()["id"]
    namesake = PERSON | {"email": "zineb.other@example.ma", "phone": "0622334455"}
    kept_id = client.post("/api/v1/youths", json=namesake, headers=headers).json()["id"]
    body = {"record_id": erased_id, "reference": "letter n° 13"}
    assert client.post("/api/v1/erasures", json=body, headers=headers).status_code == 200
    kept = client.get(f"/api/v1/youths/{kept_id}", headers=headers).json()
    assert kept["name"] == PERSON["name"] and kept["email"] == "zineb.other@example.ma"


def test_deleting_a_record_takes_its_id_out_of_cohorts_and_digests(
    client: TestClient, graph: Graph
) -> None:
    headers = staff(client, graph)
    youth_id = client.post("/api/v1/youths", json={"name": "Amina"}, headers=headers).json()["id"]
    graph.write(graph_cohorts.create, a_cohort([youth_id, "y-other"]))
    graph.write(graph_outcomes.remember_announced, "m-1", [youth_id], dt.datetime.now(dt.UTC))
    assert client.delete(f"/api/v1/youths/{youth_id}", headers=headers).status_code == 204
    # The audit log keeps that staff deleted it; an erasure would take the id out of it too.
    assert not [p for p in everything_in_the_graph(graph, audit=False) if holds(p, {youth_id})]


def test_the_audit_log_records_reads_changes_and_sign_ins_without_contacts(
    client: TestClient, graph: Graph
) -> None:
    headers = staff(client, graph)
    youth_id = client.post("/api/v1/youths", json=PERSON, headers=headers).json()["id"]
    client.get(f"/api/v1/youths/{youth_id}", headers=headers)
    bad = {"username": "staff@multaqa.ma", "password": "wrong password 1"}
    assert client.post("/api/v1/auth/token", data=bad).status_code == 401
    youth = sign_up(client, "youth@example.ma")
    assert client.get("/api/v1/audit", headers=youth).status_code == 403
    entries = client.get("/api/v1/audit?limit=100", headers=headers).json()["items"]
    actions = {e["action"] for e in entries}
    assert {"staff_create", "read_full_profile", "sign_in", "sign_in_failed"} <= actions
    assert not holds(entries, {PERSON["email"], PHONE_E164, PASSWORD, "wrong password 1"})
    assert not holds(entries, {"zineb@", "youth@example.ma", "staff@multaqa.ma"})


def test_a_self_registered_mentor_is_neither_suggested_nor_able_to_ask_until_approved(
    client: TestClient, graph: Graph
) -> None:
    mentor = sign_up(client, "mentor@example.ma", role="mentor")
    me = client.get("/api/v1/auth/me", headers=mentor).json()
    assert me["approved"] is False
    body = {"name": "Karim", "languages": ["ar"]}
    mentor_id = client.post("/api/v1/mentors", json=body, headers=mentor).json()["id"]
    headers = staff(client, graph)
    body = {"name": "Amina", "languages": ["ar"]}
    youth_id = client.post("/api/v1/youths", json=body, headers=headers).json()["id"]
    ask = {"from_id": mentor_id, "to_id": youth_id}
    assert client.post("/api/v1/introductions", json=ask, headers=mentor).status_code == 403

    def suggestible() -> list[dict[str, Any]]:
        return graph.read(
            graph_recommend.candidate_facts, [mentor_id], vector=None, needs=None, offers=None
        )

    assert suggestible() == []
    waiting = client.get("/api/v1/auth/users/awaiting-approval", headers=headers).json()
    assert [user["id"] for user in waiting] == [me["id"]]
    approved = client.post(f"/api/v1/auth/users/{me['id']}/approve", headers=headers)
    assert approved.status_code == 200 and approved.json()["approved"] is True
    assert len(suggestible()) == 1
    mentor = sign_in(client, "mentor@example.ma")
    assert client.post("/api/v1/introductions", json=ask, headers=mentor).status_code == 201
