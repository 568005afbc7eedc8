"""/staff/cohorts (TestClient, real Neo4j): a cohort from a search and from a file, its draft
computed as a background job, compared with first come first served, a match changed as the
API checks it, then published."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from models.user import Role
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j
FR = {"Accept-Language": "fr"}


@pytest.fixture
def world(graph: Graph) -> Graph:
    """Five youths of Oued Zem and one of Khouribga; a mentor speaking only English."""
    factories.store(
        graph,
        *(factories.youth(f"y-{i}", email=f"y{i}@example.ma") for i in range(5)),
        factories.youth("y-k", location={"commune": "Khouribga"}, email="yk@example.ma"),
        factories.mentor("m-a", capacity=2),
        factories.mentor("m-b", capacity=1),
        factories.mentor("m-en", capacity=1, languages=["en"]),
    )
    return graph


def followed(client: TestClient, location: str) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = client.get(location, headers=FR)
        if "data-poll" not in page.text:
            return page.text
        time.sleep(0.3)
    raise AssertionError("the draft was not computed")


def test_staff_make_compute_change_and_publish_a_cohort(world: Graph, client: TestClient) -> None:
    token = factories.page_session(client, world, "staff@example.ma", Role.STAFF)
    made = client.post(
        "/staff/cohorts",
        data={"csrf_token": token, "name": "Promo Oued Zem", "commune": "Oued Zem"},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text
    cohort = made.headers["location"]
    assert "5 jeunes" in client.get(cohort, headers=FR).text

    computing = client.post(f"{cohort}/compute", data={"csrf_token": token}, follow_redirects=False)
    page = followed(client, computing.headers["location"])
    assert "Premier arrivé, premier servi" in page
    placed = re.findall(r'/matches/(y-\d)">', page)
    assert len(placed) == 5

    unplaced_row = re.search(r"Aucun mentor</td>.*?/matches/(y-\d)", page, re.S)
    assert unplaced_row, "every youth was placed"
    youth = unplaced_row.group(1)
    refused = client.post(
        f"{cohort}/matches/{youth}", data={"csrf_token": token, "mentor_id": "m-en"}, headers=FR
    )
    assert refused.status_code == 422
    assert 'id="mentor_id-error"' in refused.text and "pas de langue commune" in refused.text

    published = client.post(f"{cohort}/publish", data={"csrf_token": token}, headers=FR)
    assert published.status_code == 200 and "Publiée" in published.text
    mentored = world.read(
        lambda tx: tx.run("MATCH (:Mentor)-[r:MENTORS]->(:Youth) RETURN count(r)").single()[0]
    )
    assert mentored == 3


def test_a_cohort_from_a_file_of_ids(world: Graph, client: TestClient) -> None:
    token = factories.page_session(client, world, "staff@example.ma", Role.STAFF)
    made = client.post(
        "/staff/cohorts",
        data={"csrf_token": token, "name": "Liste"},
        files={"file": ("ids.csv", b"id\ny-1\ny-k\n", "text/csv")},
        follow_redirects=False,
    )
    assert made.status_code == 303
    assert "2 jeunes" in client.get(made.headers["location"], headers=FR).text

    empty = client.post(
        "/staff/cohorts",
        data={"csrf_token": token, "name": "Vide", "skill": "astronautique"},
        headers=FR,
    )
    assert empty.status_code == 422 and "Aucun jeune ne correspond" in empty.text
