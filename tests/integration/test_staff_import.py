"""/staff/import over HTTP (TestClient, real Neo4j): an Excel file with a bad row is refused
with its sheet, row and field; corrected, it is imported in the background and its youths get
suggestions; staff only."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from fastapi.testclient import TestClient

from graph import jobs as graph_jobs
from matcher.kinds import SuggestionKind
from matcher.weights import default_rankers
from models.job import JobStatus
from models.user import Role
from services import jobs, recommendations
from services.access import SYSTEM, Actor
from services.db import Graph
from services.settings import Settings
from tests import factories
from workers.app import BEAT_SCHEDULE, celery_app

pytestmark = pytest.mark.neo4j
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["id", "name", "birth_year", "gender", "axis", "skills", "languages", "location.commune"]


def rows(birth_year: object) -> dict[str, list[list[object]]]:
    year = factories.THIS_YEAR
    return {
        "Mentors": [
            ["id", "name", "skills", "languages", "location.commune", "capacity"],
            ["m-x1", "Karim Alaoui", "couture|comptabilité", "ar|fr", "Khouribga", 3],
        ],
        "Youths": [
            HEADER,
            [
                "y-x1",
                "سلمى بناني",
                year - 22,
                "female",
                "employability",
                "couture",
                "ar",
                "Oued Zem",
            ],
            [
                "y-x2",
                "Youssef",
                birth_year,
                "male",
                "entrepreneurship",
                "soudure",
                "ar|fr",
                "Khouribga",
            ],
        ],
    }


def finished(client: TestClient, location: str) -> str:
    """The job page once the background job is over."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = client.get(location, headers={"Accept-Language": "fr"})
        assert page.status_code == 200, page.text
        if "data-poll" not in page.text:
            return page.text
        time.sleep(0.3)
    raise AssertionError("the import job did not finish")


def upload(client: TestClient, token: str, content: bytes, **fields: str) -> str:
    answer = client.post(
        "/staff/import",
        data={"csrf_token": token, **fields},
        files={"file": ("listes.xlsx", content, XLSX)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_an_excel_file_with_a_bad_row_is_refused_then_imported_once_corrected(
    client: TestClient, graph: Graph
) -> None:
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)

    refused = finished(client, upload(client, token, factories.workbook(rows("mille neuf cent"))))
    assert "1 ligne est invalide : rien n’a été enregistré" in refused
    cells = re.findall(r"<td[^>]*>(?:<bdi>)?([^<]*)", refused)
    assert ["Youths", "3", "birth_year", "Saisissez un nombre entier", "mille neuf cent"] == cells[
        :5
    ]
    assert graph.read(_count_youths) == 0  # nothing written

    done = finished(
        client, upload(client, token, factories.workbook(rows(factories.THIS_YEAR - 30)))
    )
    assert "Import terminé" in done
    assert graph.read(_count_youths) == 2
    settings = client.app.state.settings  # type: ignore[attr-defined]
    suggested = recommendations.recommend(
        graph, SYSTEM, SuggestionKind.MENTORS, "y-x1", rankers=default_rankers(), settings=settings
    )
    assert [item.id for item in suggested.items] == ["m-x1"]


def test_the_valid_rows_of_a_refused_file_can_be_imported_alone(
    client: TestClient, graph: Graph
) -> None:
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    location = upload(client, token, factories.workbook(rows("x")))
    finished(client, location)
    again = client.post(f"{location}/valid-rows", data={"csrf_token": token})
    page = finished(client, str(again.url))
    assert "1 ligne invalide laissée de côté" in page
    assert graph.read(_count_youths) == 1
    # Once imported, the refused job's copy of the file is dropped: nothing to import twice.
    refused_id = location.rsplit("/", 1)[1]
    assert graph.read(graph_jobs.read_input, refused_id)[0] is None
    refused = client.get(location, headers={"Accept-Language": "fr"}).text
    assert "valid-rows" not in refused and "lignes valides de ce fichier sont importées" in refused


def test_jobs_and_their_files_are_deleted_after_the_retention_period(graph: Graph) -> None:
    settings = Settings(job_retention_days=7)
    staff = Actor(user_id="u-staff", role=Role.STAFF)
    now = dt.datetime.now(dt.UTC)
    ages = {"old-done": 8, "old-stuck": 30, "recent": 6}
    made = {
        name: jobs.create(graph, kind="import", actor=staff, subject=name, job_input=b"id\n")
        for name in ages
    }
    for name in ("old-done", "recent"):
        jobs.finish(graph, made[name], JobStatus.REJECTED, keep_input=True)
    for name, days in ages.items():  # as if they had been made (and finished) days ago
        when = now - dt.timedelta(days=days)
        graph.write(
            lambda tx, job_id, when: tx.run(
                "MATCH (j:Job {id: $id}) SET j.created_at = $when, "
                "j.finished_at = CASE WHEN j.finished_at IS NULL THEN null ELSE $when END",
                id=job_id,
                when=when,
            ).consume(),
            made[name],
            when,
        )
    assert jobs.purge_expired(graph, settings, now=now) == 2
    assert [j.subject for j in jobs.recent(graph, staff, kind="import")] == ["recent"]
    assert graph.read(graph_jobs.read_input, made["recent"])[0] == b"id\n"
    # The periodic task that does it runs hourly, under Celery beat or the in-process one.
    assert celery_app.tasks[BEAT_SCHEDULE["purge-jobs"]["task"]].name == "multaqa.purge_jobs"


def test_a_file_of_another_format_is_refused_beside_the_field(
    client: TestClient, graph: Graph
) -> None:
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    answer = client.post(
        "/staff/import",
        data={"csrf_token": token},
        files={"file": ("notes.pdf", b"%PDF", "application/pdf")},
        headers={"Accept-Language": "fr"},
    )
    assert answer.status_code == 422
    assert 'href="#file"' in answer.text and 'id="file-error"' in answer.text


def test_the_import_pages_are_for_staff_only(client: TestClient, graph: Graph) -> None:
    assert (
        client.get("/staff/import", follow_redirects=False).headers["location"].startswith("/login")
    )
    token = factories.page_session(client, graph, "youth@example.ma", Role.YOUTH)
    assert client.get("/staff/import").status_code == 403
    refused = client.post(
        "/staff/import",
        data={"csrf_token": token},
        files={"file": ("a.xlsx", factories.workbook(rows(2000)), XLSX)},
    )
    assert refused.status_code == 403 and graph.read(_count_youths) == 0


def _count_youths(tx: object) -> int:
    return tx.run("MATCH (y:Youth) RETURN count(y) AS n").single()["n"]  # type: ignore[attr-defined]


def test_a_file_with_no_valid_row_is_told_to_be_corrected_with_each_cell_it_held(
    client: TestClient, graph: Graph
) -> None:
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    year = factories.THIS_YEAR - 22
    youth = ["y-x1", "Salma", year, "female", "employability", "couture", "ar|xx", "Nowhere"]
    refused = finished(
        client, upload(client, token, factories.workbook({"Youths": [HEADER, youth]}))
    )
    assert "Corrigez ces lignes dans votre fichier et importez-le de nouveau." in refused
    assert "lignes valides" not in refused  # there are none to import
    cells = re.findall(r"<tr><td><bdi>Youths</bdi></td>(.*?)</tr>", refused)
    shown = [re.findall(r"<td[^>]*>(?:<bdi>)?([^<]*)", row) for row in cells]
    cells = {(row[1], row[3]) for row in shown}
    assert cells == {("languages", "xx"), ("location.commune", "Nowhere")}  # the file's columns
