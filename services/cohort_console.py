"""Cohorts from the staff console: made from a search of youths or a file of ids, drafted as a
background job with progress, listed. The rules of a draft, an edit and a publication stay in
`services.cohorts`, which the API calls too."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from graph import cohorts as graph_cohorts
from graph import jobs as graph_jobs
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from models.cohort import MAX_COHORT, Cohort, CohortCreate, CohortRow, CohortRules, Solver
from models.job import Job, JobStatus
from models.people import PeopleFilters
from services import cohorts, followups, jobs, people
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import FieldError, InvalidInput
from services.record_files import read_bytes
from services.settings import Settings

log = logging.getLogger("multaqa.cohorts")
KIND = "cohort_draft"


def list_cohorts(graph: Graph, actor: Actor) -> list[CohortRow]:
    require_staff(actor, "manage cohorts")
    return graph.read(graph_cohorts.list_cohorts)


def create_from_search(
    graph: Graph, actor: Actor, *, name: str, filters: PeopleFilters, rules: CohortRules
) -> Cohort:
    """A cohort of every youth the search finds (staff)."""
    require_staff(actor, "manage cohorts")
    found: list[str] = []
    offset = 0
    while True:
        page = people.search(
            graph, actor, filters.model_copy(update={"type": "youth", "offset": offset})
        )
        found += [row.id for row in page.rows]
        offset += len(page.rows)
        if not page.rows or offset >= page.total or len(found) > MAX_COHORT:
            break
    return _create(graph, actor, name=name, youth_ids=found, rules=rules, field="filters")


def create_from_file(
    graph: Graph, actor: Actor, *, name: str, file_name: str, content: bytes, rules: CohortRules
) -> Cohort:
    """A cohort of the youths a file names: an `id` column (CSV, .xlsx) or field (JSON Lines)."""
    require_staff(actor, "manage cohorts")
    ids = [
        str(raw.data["id"]).strip()
        for raw in read_bytes(file_name or "ids.csv", content)
        if raw.data and raw.data.get("id")
    ]
    return _create(graph, actor, name=name, youth_ids=ids, rules=rules, field="file")


def _create(
    graph: Graph, actor: Actor, *, name: str, youth_ids: list[str], rules: CohortRules, field: str
) -> Cohort:
    if not youth_ids:
        raise InvalidInput([FieldError(field, "no youth found", "no_youth")])
    if len(youth_ids) > MAX_COHORT:
        raise InvalidInput([FieldError(field, f"more than {MAX_COHORT} youths", "too_long")])
    payload = CohortCreate.model_validate({"name": name, "youth_ids": youth_ids, "rules": rules})
    return cohorts.create(graph, actor, payload)


def start_draft(graph: Graph, actor: Actor, cohort_id: str, *, use: Solver) -> str:
    """Queue the computation of a cohort's draft (staff); the id of the job to follow."""
    cohort = cohorts.get(graph, actor, cohort_id)  # staff only; NotFound
    job_id = jobs.create(graph, kind=KIND, actor=actor, subject=cohort.id, options=use.value)
    followups.run_cohort_draft(job_id)
    return job_id


def run_draft(
    graph: Graph,
    job_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
) -> JobStatus:
    """The task: compute the draft of the job's cohort, then mark the job done (or failed)."""
    job = graph.read(graph_jobs.read_job, job_id)
    if job is None or job.status.finished or job.subject is None:
        return job.status if job else JobStatus.FAILED
    _, options, _ = graph.read(graph_jobs.read_input, job_id)
    try:
        cohorts.compute_draft(
            graph,
            job.subject,
            rankers=rankers,
            settings=settings,
            use=Solver(options or "optimal"),
            report=jobs.Progress(graph, job_id),
        )
    except Exception as error:
        log.exception("cohort draft job %s failed", job_id)
        jobs.finish(graph, job_id, JobStatus.FAILED, error=str(error)[:300])
        raise
    jobs.finish(graph, job_id, JobStatus.DONE)
    return JobStatus.DONE


def draft_job(graph: Graph, actor: Actor, job_id: str) -> Job:
    return jobs.get(graph, actor, job_id, kind=KIND)


def mentor_choices(graph: Graph, actor: Actor, cohort: Cohort) -> list[tuple[str, str]]:
    """The mentors a youth of this cohort may be given: the cohort's, else every one with a
    free place (the edit itself is checked by `services.cohorts.change`)."""
    require_staff(actor, "manage cohorts")
    ids = cohort.mentor_ids or graph.read(graph_cohorts.available_mentors)
    return graph.read(graph_cohorts.mentor_names, ids)
