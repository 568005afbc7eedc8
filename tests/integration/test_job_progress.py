"""Background jobs tell their progress (real Neo4j): a cohort draft and an event schedule
report their stages, counts and the optimiser's best objective into the (:Job) node as the
pure computations call back, and the staff pages show it, refreshing themselves without
JavaScript until asked to stop."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph import jobs as graph_jobs
from matcher.weights import default_rankers
from models.cohort import CohortCreate
from models.event import EventCreate, RegistrationCreate, ScheduleRequest
from models.job import Job
from models.user import Role
from services import cohorts, jobs
from services.access import SYSTEM, Actor
from services.db import Graph
from services.events import core as events
from services.events import manage, schedule
from services.events import registration as event_registration
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j
STAFF = Actor(user_id="u-staff", role=Role.STAFF)
FR = {"Accept-Language": "fr"}


class Watched:
    """The job's Progress, and what the graph holds (what a page shows) at each new stage."""

    def __init__(self, graph: Graph, job_id: str) -> None:
        self.graph, self.job_id = graph, job_id
        self.progress = jobs.Progress(graph, job_id)
        self.seen: list[Job] = []
        self.last: tuple[str, int, int, float | None] = ("", 0, 0, None)

    def __call__(
        self, stage: str, done: int = 0, total: int = 0, *, value: float | None = None
    ) -> None:
        new_stage = stage != self.progress.stage
        self.progress(stage, done, total, value=value)
        self.last = (stage, done, total, value)
        if new_stage:
            job = self.graph.read(graph_jobs.read_job, self.job_id)
            assert job is not None
            self.seen.append(job)

    def stages(self) -> list[str]:
        return [job.stage for job in self.seen]


def an_event(graph: Graph, attendees: int) -> str:
    factories.store(
        graph, *(factories.youth(f"y-{i}", name=f"Jeune {i}") for i in range(attendees))
    )
    fields = {"title": "Forum", "starts_at": "2099-06-14T09:30:00+01:00", "venue": "Khouribga",
              "capacity": 50, "rounds": 3}  # fmt: skip
    event_id = events.create(graph, SYSTEM, EventCreate.model_validate(fields)).id
    for i in range(attendees):
        event_registration.register(
            graph, SYSTEM, event_id, RegistrationCreate(attendee_id=f"y-{i}")
        )
    return event_id


def test_a_schedule_job_reports_each_stage_and_the_solutions_found(graph: Graph) -> None:
    event_id = an_event(graph, 8)
    job_id = jobs.create(graph, kind=manage.KIND, actor=STAFF, subject=event_id)
    watched = Watched(graph, job_id)
    request = ScheduleRequest(time_limit_s=1.0)
    schedule.compute(graph, SYSTEM, event_id, request, rankers=default_rankers(), report=watched)

    assert watched.stages() == [
        "profiles", "scoring", "building", "hint", "solving", "checking", "comparing", "saving",
    ]  # fmt: skip
    read = watched.seen[0]
    assert read.status.value == "running" and (read.done, read.total) == (0, 0)
    pairs = 8 * 7 // 2
    scoring = [job for job in watched.seen if job.stage == "scoring"][0]
    assert (scoring.done, scoring.total) == (0, pairs)
    solving = [job for job in watched.seen if job.stage == "solving"][0]
    assert solving.value is not None and solving.value > 0  # the hint's objective
    saved = graph.read(graph_jobs.read_job, job_id)
    assert saved is not None and saved.total == len(
        schedule.schedule_view(graph, SYSTEM, event_id).meetings
    )


def test_the_schedule_task_writes_its_progress_into_its_job(graph: Graph) -> None:
    event_id = an_event(graph, 4)
    options = ScheduleRequest(time_limit_s=1.0).model_dump_json()
    job_id = jobs.create(graph, kind=manage.KIND, actor=STAFF, subject=event_id, options=options)
    manage.run_schedule(graph, job_id, rankers=default_rankers())
    job = graph.read(graph_jobs.read_job, job_id)
    meetings = schedule.schedule_view(graph, SYSTEM, event_id).meetings
    assert job is not None and job.status.value == "done"
    assert meetings and job.total == len(meetings)  # the last stage told: saving n meetings


def test_a_cohort_draft_reports_profiles_pairs_scored_and_solving(
    graph: Graph, settings: Settings
) -> None:
    factories.store(
        graph,
        *(factories.youth(f"y-{i}") for i in range(4)),
        factories.mentor("m-a", capacity=2),
        factories.mentor("m-b", capacity=2),
    )
    payload = CohortCreate(name="Promo", youth_ids=[f"y-{i}" for i in range(4)])
    cohort = cohorts.create(graph, SYSTEM, payload)
    job_id = jobs.create(graph, kind="cohort_draft", actor=STAFF, subject=cohort.id)
    watched = Watched(graph, job_id)
    cohorts.compute_draft(
        graph, cohort.id, rankers=default_rankers(), settings=settings, report=watched
    )
    assert watched.stages() == ["profiles", "scoring", "solving", "comparing", "saving"]
    assert watched.seen[0].total == 6  # four youths and two mentors to read
    assert watched.last == ("saving", 0, 4, None)
    scored = graph.read(graph_jobs.read_job, job_id)
    assert scored is not None and scored.total == 4


def test_the_job_pages_show_the_stage_and_best_score_and_refresh_without_javascript(
    graph: Graph, client: TestClient
) -> None:
    event_id = an_event(graph, 2)
    factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    job_id = jobs.create(graph, kind=manage.KIND, actor=STAFF, subject=event_id)
    jobs.Progress(graph, job_id)("solving", 3, value=12.3456)

    page = client.get(f"/staff/events/{event_id}/schedule", params={"job": job_id}, headers=FR)
    assert "Recherche de meilleures solutions" in page.text
    assert "3 meilleures solutions trouvées" in page.text
    assert "Meilleur score jusqu’ici : 12,35" in page.text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page.text
    stop = f"/staff/events/{event_id}/schedule?job={job_id}&amp;auto=0"
    assert f'href="{stop}"' in page.text
    stopped = client.get(
        f"/staff/events/{event_id}/schedule", params={"job": job_id, "auto": "0"}, headers=FR
    )
    assert "Recherche de meilleures solutions" in stopped.text
    assert 'http-equiv="refresh"' not in stopped.text and "data-poll" not in stopped.text
