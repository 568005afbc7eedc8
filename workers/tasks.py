"""Celery tasks: thin entry points that take ids, re-read the graph and call the services.

Each task is idempotent (it may run twice: at-least-once delivery), retries a few times with
backoff on the errors that go away by themselves (Neo4j or Redis briefly unavailable, a
deadlock), and then stops.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from celery import Task

from graph.driver import TRANSIENT_ERRORS
from models.cohort import Solver
from services import (
    cohort_console,
    cohorts,
    digest,
    imports,
    introductions,
    jobs,
    notifications,
    outcomes,
    refresh,
    training,
)
from services.events import manage as manage_events
from services.settings import get_settings
from workers import runtime
from workers.app import celery_app

log = logging.getLogger("multaqa.tasks")
RETRYABLE = (*TRANSIENT_ERRORS, ConnectionError)
_config = get_settings()
TASK_OPTIONS: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": RETRYABLE,
    "retry_backoff": 2,
    "retry_backoff_max": _config.task_retry_backoff_max,
    "retry_jitter": True,
    "max_retries": _config.task_max_retries,
}


def enqueue(task: Task, *args: Any) -> None:  # type: ignore[type-arg]
    """Queue a task after the request's own work is committed. If the broker is down (or, in
    eager mode, the task itself fails), the committed work must not turn into an error: log
    it; the periodic jobs (e-mail sweep, expiry) catch up."""
    try:
        task.delay(*args)
    except Exception:
        log.exception("could not queue %s%r", task.name, args)


# Without Redis, jobs a page follows run here one at a time, after the request has answered.
_local_jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="multaqa-job")


def enqueue_job(task: Task, *args: Any) -> None:  # type: ignore[type-arg]
    """Queue a long job: to Redis, or (eager mode) to this process's job thread."""
    if not celery_app.conf.task_always_eager:
        enqueue(task, *args)
        return

    def _run() -> None:
        try:
            task.apply(args=args)
        except Exception:
            log.exception("job %s%r failed", task.name, args)

    _local_jobs.submit(_run)


@celery_app.task(name="multaqa.run_import", **TASK_OPTIONS)
def run_import(job_id: str) -> str:
    """Validate, write and embed an uploaded file, reporting progress on its job."""
    return str(imports.run_import(runtime.graph(), runtime.encoder(), runtime.settings(), job_id))


@celery_app.task(name="multaqa.run_cohort_draft", **TASK_OPTIONS)
def run_cohort_draft(job_id: str) -> str:
    """Compute the draft of a cohort for a job the staff console follows."""
    return str(
        cohort_console.run_draft(
            runtime.graph(), job_id, rankers=runtime.rankers(), settings=runtime.settings()
        )
    )


@celery_app.task(name="multaqa.run_event_schedule", **TASK_OPTIONS)
def run_event_schedule(job_id: str) -> str:
    """Compute an event's schedule for a job the staff console follows."""
    return str(manage_events.run_schedule(runtime.graph(), job_id, rankers=runtime.rankers()))


@celery_app.task(name="multaqa.purge_jobs", **TASK_OPTIONS)
def purge_jobs() -> int:
    """Delete the staff console's jobs (and their files) past the retention period (hourly)."""
    return jobs.purge_expired(runtime.graph(), runtime.settings())


@celery_app.task(name="multaqa.embed_profile", **TASK_OPTIONS)
def embed_profile(record_id: str) -> bool:
    """(Re-)embed one record and link its new skills to ESCO; nothing if unchanged."""
    return refresh.refresh_record(runtime.graph(), runtime.encoder(), record_id)


@celery_app.task(name="multaqa.refresh_suggestions", **TASK_OPTIONS)
def refresh_suggestions(record_id: str) -> list[str]:
    """Recompute a record's suggestions and announce the new ones (once each)."""
    return digest.refresh_suggestions(
        runtime.graph(), record_id, rankers=runtime.rankers(), settings=runtime.settings()
    )


@celery_app.task(name="multaqa.refresh_all_suggestions", **TASK_OPTIONS)
def refresh_all_suggestions() -> int:
    """Refresh every youth's suggestions at once, by blocks (weekly); how many heard news."""
    return digest.refresh_all(
        runtime.graph(), rankers=runtime.rankers(), settings=runtime.settings()
    )


@celery_app.task(name="multaqa.run_cohort_assignment", **TASK_OPTIONS)
def run_cohort_assignment(cohort_id: str, solver: str = "optimal") -> dict[str, Any]:
    """Compute (or recompute) a cohort's draft assignment."""
    cohort = cohorts.compute_draft(
        runtime.graph(),
        cohort_id,
        rankers=runtime.rankers(),
        settings=runtime.settings(),
        use=Solver(solver),
    )
    return {"id": cohort.id, "computed_at": str(cohort.computed_at)}


@celery_app.task(name="multaqa.publish_cohort_match", **TASK_OPTIONS)
def publish_cohort_match(cohort_id: str, youth_id: str) -> bool:
    """Make one drafted youth–mentor pair of a published cohort real (idempotent)."""
    return cohorts.publish_match(runtime.graph(), cohort_id, youth_id)


@celery_app.task(name="multaqa.finish_publications", **TASK_OPTIONS)
def finish_publications() -> int:
    """Re-queue every cohort match published but not made real yet (periodic).

    Redis hands a task over (BRPOP) before the worker records it as unacknowledged: a worker
    killed in between loses it at the broker. The graph still says what is left to do.
    """
    return cohorts.requeue_unfinished(runtime.graph())


@celery_app.task(name="multaqa.retrain_ranker", **TASK_OPTIONS)
def retrain_ranker() -> list[dict[str, Any]]:
    """Fit new ranker versions from outcomes; promote those not worse than the current ones."""
    return [vars(report) for report in training.retrain(runtime.graph())]


@celery_app.task(name="multaqa.expire_requests", **TASK_OPTIONS)
def expire_requests() -> int:
    return introductions.expire_due(runtime.graph())


@celery_app.task(name="multaqa.mark_long_mentoring", **TASK_OPTIONS)
def mark_long_mentoring() -> int:
    return outcomes.mark_long_mentoring(runtime.graph())


@celery_app.task(name="multaqa.send_notification", **TASK_OPTIONS)
def send_notification(notification_id: str) -> bool:
    return notifications.send_email(runtime.graph(), runtime.settings(), notification_id)


@celery_app.task(name="multaqa.send_pending_notifications", **TASK_OPTIONS)
def send_pending_notifications() -> int:
    """Send every notification not e-mailed yet (the outbox), one task each."""
    return notifications.queue_unsent(runtime.graph())
