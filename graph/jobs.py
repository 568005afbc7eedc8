"""Background jobs in the graph, so that any process (the API, a Celery worker) can report
progress and any page can read it: (:Job {id, kind, status, stage, done, total, ...})."""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from graph.driver import ManagedTransaction, native
from models.job import Job, JobStatus

JOB_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT job_id IF NOT EXISTS FOR (n:Job) REQUIRE n.id IS UNIQUE",
)

CREATE_JOB: LiteralString = """
CREATE (j:Job {id: $id, kind: $kind, status: 'queued', stage: 'queued', done: 0, total: 0,
               created_at: datetime()})
SET j.created_by = $created_by, j.subject = $subject, j.input = $input, j.options = $options
"""

SET_PROGRESS: LiteralString = """
MATCH (j:Job {id: $id}) WHERE j.status IN ['queued', 'running']
SET j.status = 'running', j.stage = $stage, j.done = $done, j.total = $total, j.value = $value
"""

FINISH_JOB: LiteralString = """
MATCH (j:Job {id: $id})
SET j.status = $status, j.stage = $status, j.result = $result, j.error = $error,
    j.finished_at = datetime()
FOREACH (_ IN CASE WHEN $keep_input THEN [] ELSE [1] END | REMOVE j.input)
"""

_JOB_VIEW: LiteralString = """
RETURN j {.id, .kind, .status, .stage, .done, .total, .value, .created_at, .created_by,
          .subject, .result, .error, .finished_at, has_input: j.input IS NOT NULL} AS job
"""

READ_JOB: LiteralString = "MATCH (j:Job {id: $id})" + _JOB_VIEW

READ_INPUT: LiteralString = """
MATCH (j:Job {id: $id}) RETURN j.input AS input, j.options AS options, j.subject AS subject
"""

RECENT_JOBS: LiteralString = (
    "MATCH (j:Job {kind: $kind})" + _JOB_VIEW + "ORDER BY j.created_at DESC LIMIT $limit"
)

DROP_INPUT: LiteralString = "MATCH (j:Job {id: $id}) REMOVE j.input"

# A job that never finished (its process died) counts from its creation.
PURGE_JOBS: LiteralString = """
MATCH (j:Job) WHERE coalesce(j.finished_at, j.created_at) < $before
WITH j LIMIT $limit
DETACH DELETE j
RETURN count(*) AS deleted
"""


def create_job(
    tx: ManagedTransaction,
    *,
    job_id: str,
    kind: str,
    created_by: str | None,
    subject: str | None,
    job_input: bytes | None = None,
    options: str | None = None,
) -> None:
    """A queued job; `job_input` (an uploaded file) is kept until the job no longer needs it."""
    tx.run(
        CREATE_JOB,
        id=job_id,
        kind=kind,
        created_by=created_by,
        subject=subject,
        input=job_input,
        options=options,
    ).consume()


def set_progress(
    tx: ManagedTransaction,
    job_id: str,
    *,
    stage: str,
    done: int,
    total: int,
    value: float | None = None,
) -> None:
    tx.run(SET_PROGRESS, id=job_id, stage=stage, done=done, total=total, value=value).consume()


def finish_job(
    tx: ManagedTransaction,
    job_id: str,
    *,
    status: JobStatus,
    result: str | None,
    error: str | None = None,
    keep_input: bool = False,
) -> None:
    tx.run(
        FINISH_JOB,
        id=job_id,
        status=status.value,
        result=result,
        error=error,
        keep_input=keep_input,
    ).consume()


def read_job(tx: ManagedTransaction, job_id: str) -> Job | None:
    row = tx.run(READ_JOB, id=job_id).single()
    return _job(row["job"]) if row else None


def read_input(tx: ManagedTransaction, job_id: str) -> tuple[bytes | None, str | None, str | None]:
    """(input, options, subject) of a job; input is None once the job no longer keeps it."""
    row = tx.run(READ_INPUT, id=job_id).single()
    if row is None:
        return None, None, None
    return row["input"], row["options"], row["subject"]


def recent_jobs(tx: ManagedTransaction, kind: str, limit: int = 10) -> list[Job]:
    return [_job(row["job"]) for row in tx.run(RECENT_JOBS, kind=kind, limit=limit)]


def drop_input(tx: ManagedTransaction, job_id: str) -> None:
    """Forget the file a job kept (once it is no longer needed)."""
    tx.run(DROP_INPUT, id=job_id).consume()


def purge_jobs(tx: ManagedTransaction, *, before: dt.datetime, limit: int) -> int:
    """Delete up to `limit` jobs (with their files) finished before `before`; how many."""
    return int(tx.run(PURGE_JOBS, before=before, limit=limit).single(strict=True)["deleted"])


def _job(data: dict[str, Any]) -> Job:
    return Job(
        id=data["id"],
        kind=data["kind"],
        status=JobStatus(data["status"]),
        stage=data["stage"],
        done=data["done"] or 0,
        total=data["total"] or 0,
        value=data.get("value"),
        created_at=native(data["created_at"]),
        created_by=data.get("created_by"),
        subject=data.get("subject"),
        result=data.get("result"),
        error=data.get("error"),
        finished_at=native(data.get("finished_at")),
        has_input=bool(data.get("has_input")),
    )
