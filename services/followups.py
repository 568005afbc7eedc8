"""Follow-up work a use case queues for a worker, named by what it does.

Services queue their own follow-ups (an entry point never does), through these functions:
`workers.tasks` imports the services, so the tasks are looked up when queued, not imported
here at load time. Without Redis the task runs at once in this process.

After a request's own work is committed, a broker that is down must not turn it into an error
(`strict=False`, the default: logged; the periodic sweeps catch up). A sweep or a task queues
with `strict=True`: an error makes it retry.
"""

from __future__ import annotations

from typing import Any


def _queue(name: str, *args: Any, strict: bool) -> None:
    from workers import tasks

    task = getattr(tasks, name)
    if strict:
        task.delay(*args)
    else:
        tasks.enqueue(task, *args)


def _queue_job(name: str, *args: Any) -> None:
    """Queue a long job that a page follows: to a worker, or (without Redis) to a thread of
    this process, so that the request answers at once and the page shows the progress."""
    from workers import tasks

    tasks.enqueue_job(getattr(tasks, name), *args)


def refresh_record(record_id: str, *, strict: bool = False) -> None:
    """Re-embed a record just written, link it to ESCO, then refresh its suggestions."""
    _queue("embed_profile", record_id, strict=strict)


def refresh_suggestions(record_id: str, *, strict: bool = True) -> None:
    """Recompute a record's suggestions and announce the new ones."""
    _queue("refresh_suggestions", record_id, strict=strict)


def send_notifications(*, strict: bool = False) -> None:
    """E-mail the notifications written by the move just committed (the outbox)."""
    _queue("send_pending_notifications", strict=strict)


def send_notification(notification_id: str, *, strict: bool = True) -> None:
    """E-mail one notification (once: a second run sends nothing)."""
    _queue("send_notification", notification_id, strict=strict)


def compute_cohort(cohort_id: str, solver: str, *, strict: bool = False) -> None:
    """Compute a cohort's draft assignment in the background."""
    _queue("run_cohort_assignment", cohort_id, solver, strict=strict)


def publish_cohort_match(cohort_id: str, youth_id: str, *, strict: bool = False) -> None:
    """Make one drafted pair of a published cohort real."""
    _queue("publish_cohort_match", cohort_id, youth_id, strict=strict)


def run_import(job_id: str) -> None:
    """Validate, write and embed an uploaded file (a job with progress)."""
    _queue_job("run_import", job_id)


def run_cohort_draft(job_id: str) -> None:
    """Compute a cohort's draft (a job with progress, followed from the staff console)."""
    _queue_job("run_cohort_draft", job_id)


def run_event_schedule(job_id: str) -> None:
    """Compute an event's schedule (a job with progress, followed from the staff console)."""
    _queue_job("run_event_schedule", job_id)


def retrain_ranker() -> str:
    """Queue a retraining of the rankers; returns the task id. An error to queue it is raised:
    the caller asked for this work alone."""
    from workers import tasks

    return str(tasks.retrain_ranker.delay().id)
