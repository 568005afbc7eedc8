"""Cohort assignment for staff through the API, against the real Neo4j."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from matcher.weights import default_rankers
from models.cohort import CohortCreate
from models.user import Role
from services import cohorts
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j


@pytest.fixture
def cohort_world(graph: Graph) -> Graph:
    """Six youths, three mentors with four places between them; one mentor speaks only English,
    and one youth only Arabic."""
    factories.store(
        graph,
        *(factories.youth(f"y-{i}", email=f"y{i}@example.ma") for i in range(5)),
        factories.youth("y-ar", languages=["ar"], location={"commune": "Oulad Abdoune"}),
        factories.mentor("m-a", capacity=2),
        factories.mentor("m-b", capacity=1),
        factories.mentor("m-en", capacity=1, languages=["en"]),
    )
    return graph


def test_staff_compute_review_change_and_publish_a_cohort(
    client: TestClient, cohort_world: Graph
) -> None:
    staff = factories.account(client, cohort_world, "staff@example.ma", Role.STAFF)
    youth_ids = [f"y-{i}" for i in range(5)] + ["y-ar"]
    created = client.post(
        "/api/v1/cohorts", json={"name": "Promo", "youth_ids": youth_ids}, headers=staff
    )
    assert created.status_code == 201, created.text
    cohort_id = created.json()["id"]
    draft = client.post(f"/api/v1/cohorts/{cohort_id}/compute", headers=staff).json()
    matches = {m["youth_id"]: m.get("mentor_id") for m in draft["matches"]}
    assert sum(1 for m in matches.values() if m) == 3  # m-en shares no language with anyone
    assert "m-en" not in matches.values()
    assert draft["figures"]["total_score"] >= draft["greedy_figures"]["total_score"] - 1e-6
    # The rural, first-time, Arabic-only youth is among those placed.
    assert matches["y-ar"] in ("m-a", "m-b")

    unplaced = next(y for y, m in matches.items() if m is None)
    refused = client.put(
        f"/api/v1/cohorts/{cohort_id}/matches/{unplaced}",
        json={"mentor_id": "m-en"},
        headers=staff,
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "mentor_id"
    full = client.put(
        f"/api/v1/cohorts/{cohort_id}/matches/{unplaced}", json={"mentor_id": "m-b"}, headers=staff
    )
    assert full.status_code == 409
    placed_on_b = next(y for y, m in matches.items() if m == "m-b")
    freed = client.put(
        f"/api/v1/cohorts/{cohort_id}/matches/{placed_on_b}",
        json={"mentor_id": None},
        headers=staff,
    )
    assert freed.status_code == 200
    moved = client.put(
        f"/api/v1/cohorts/{cohort_id}/matches/{unplaced}", json={"mentor_id": "m-b"}, headers=staff
    )
    assert moved.status_code == 200, moved.text

    published = client.post(f"/api/v1/cohorts/{cohort_id}/publish", headers=staff).json()
    assert published["status"] == "published"
    states = {m["youth_id"]: m["state"] for m in published["matches"] if m.get("mentor_id")}
    assert set(states.values()) == {"published"} and unplaced in states
    rows, _, _ = cohort_world.driver.execute_query(
        "MATCH (m:Mentor)-[:MENTORS]->(y:Youth) RETURN m.id AS m, y.id AS y",
        database_=cohort_world.database,
    )
    expected = {y: m for y, m in matches.items() if m and y != placed_on_b} | {unplaced: "m-b"}
    assert {r["y"]: r["m"] for r in rows} == expected and len(rows) == len(expected)
    again = client.post(f"/api/v1/cohorts/{cohort_id}/compute", headers=staff)
    assert again.status_code == 409


def test_only_staff_manage_cohorts(client: TestClient, cohort_world: Graph) -> None:
    youth = factories.account(client, cohort_world, "youth@example.ma", Role.YOUTH)
    response = client.post(
        "/api/v1/cohorts", json={"name": "Mine", "youth_ids": ["y-1"]}, headers=youth
    )
    assert response.status_code == 403


def test_a_cohort_of_unknown_or_wrong_ids_is_refused_with_the_field(
    client: TestClient, cohort_world: Graph
) -> None:
    staff = factories.account(client, cohort_world, "staff@example.ma", Role.STAFF)
    response = client.post(
        "/api/v1/cohorts", json={"name": "Bad", "youth_ids": ["y-1", "m-a"]}, headers=staff
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "youth_ids"


def test_publications_not_made_real_are_found_and_finished_by_the_sweep(
    cohort_world: Graph, settings: Settings
) -> None:
    cohort = cohorts.create(
        cohort_world, SYSTEM, CohortCreate(name="Sweep", youth_ids=["y-0", "y-1", "y-2"])
    )
    cohorts.compute_draft(cohort_world, cohort.id, rankers=default_rankers(), settings=settings)
    youths = cohorts.publish(cohort_world, SYSTEM, cohort.id)  # no task run: as if all lost
    assert sorted(y for _, y in cohorts.unfinished_publications(cohort_world)) == sorted(youths)
    for cohort_id, youth_id in cohorts.unfinished_publications(cohort_world):
        assert cohorts.publish_match(cohort_world, cohort_id, youth_id)
    assert cohorts.unfinished_publications(cohort_world) == []
    assert not cohorts.publish_match(cohort_world, cohort.id, youths[0])  # twice: nothing
