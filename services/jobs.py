"""Background jobs with progress a page can show: created by a use case, advanced by the task
that runs it (in a Celery worker, or a thread of the API without Redis), read by staff."""

from __future__ import annotations

import datetime as dt
import time
import uuid

from graph import jobs as graph_jobs
from models.job import Job, JobStatus
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import NotFound
from services.settings import Settings

# Progress is written at most this often: a page polls every two seconds.
PROGRESS_EVERY_S = 0.5
PURGE_BATCH = 1000  # jobs deleted per transaction (each may hold a 20 MB file)


def create(
    graph: Graph,
    *,
    kind: str,
    actor: Actor,
    subject: str | None = None,
    job_input: bytes | None = None,
    options: str | None = None,
) -> str:
    """A queued job; its id."""
    job_id = f"job-{uuid.uuid4().hex[:16]}"
    graph.write(
        graph_jobs.create_job,
        job_id=job_id,
        kind=kind,
        created_by=actor.user_id,
        subject=subject,
        job_input=job_input,
        options=options,
    )
    return job_id


def get(graph: Graph, actor: Actor, job_id: str, *, kind: str) -> Job:
    """A job of this kind, for staff."""
    require_staff(actor, "follow background jobs")
    job = graph.read(graph_jobs.read_job, job_id)
    if job is None or job.kind != kind:
        raise NotFound(f"no {kind} job {job_id}")
    return job


def recent(graph: Graph, actor: Actor, *, kind: str, limit: int = 10) -> list[Job]:
    require_staff(actor, "follow background jobs")
    return graph.read(graph_jobs.recent_jobs, kind, limit)


class Progress:
    """Reports a job's stage, count and best value so far, writing at most every
    PROGRESS_EVERY_S seconds (and always when the stage changes). It is a
    `matcher.progress.Report`: the pure computations call it as they go."""

    def __init__(self, graph: Graph, job_id: str) -> None:
        self.graph = graph
        self.job_id = job_id
        self.stage = ""
        self.done = 0
        self.total = 0
        self.value: float | None = None
        self._written_at = 0.0

    def __call__(
        self, stage: str, done: int = 0, total: int = 0, *, value: float | None = None
    ) -> None:
        changed = stage != self.stage
        self.stage, self.done, self.total = stage, done, total
        self.value = None if changed else self.value
        self.value = value if value is not None else self.value
        if changed or time.monotonic() - self._written_at >= PROGRESS_EVERY_S:
            self._write()

    def start(self, stage: str, total: int = 0) -> None:
        self(stage, 0, total)

    def advance(self, n: int) -> None:
        self(self.stage, self.done + n, self.total)

    def _write(self) -> None:
        self._written_at = time.monotonic()
        self.graph.write(
            graph_jobs.set_progress,
            self.job_id,
            stage=self.stage,
            done=self.done,
            total=self.total,
            value=self.value,
        )


def finish(
    graph: Graph,
    job_id: str,
    status: JobStatus,
    *,
    result: str | None = None,
    error: str | None = None,
    keep_input: bool = False,
) -> None:
    graph.write(
        graph_jobs.finish_job,
        job_id,
        status=status,
        result=result,
        error=error,
        keep_input=keep_input,
    )


def drop_input(graph: Graph, job_id: str) -> None:
    """Forget a job's uploaded file once no job needs it any more."""
    graph.write(graph_jobs.drop_input, job_id)


def purge_expired(graph: Graph, settings: Settings, *, now: dt.datetime | None = None) -> int:
    """Delete the jobs, and the files kept with them, finished more than the retention period
    ago (`MULTAQA_JOB_RETENTION_DAYS`); how many. A periodic task calls this."""
    now = now or dt.datetime.now(dt.UTC)
    before = now - dt.timedelta(days=settings.job_retention_days)
    deleted = 0
    while True:
        batch = graph.write(graph_jobs.purge_jobs, before=before, limit=PURGE_BATCH)
        deleted += batch
        if batch < PURGE_BATCH:
            return deleted
