"""The Celery app: Redis broker when REDIS_URL is set, else tasks run at once in-process.

Run a worker with `multaqa worker` (or `celery -A workers.app worker`), the periodic jobs with
`multaqa beat`. Delivery is at-least-once: a task is acknowledged only after it ran
(`acks_late`), and one whose worker died is handed to another (`task_reject_on_worker_lost`,
and Redis re-delivers unacknowledged tasks after the visibility timeout), so every task is
written to be idempotent.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

from services import heap
from services.settings import Settings, get_settings
from workers import runtime

# Periodic jobs (Celery beat; `multaqa serve` runs them itself when there is no Redis).
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "expire-requests": {"task": "multaqa.expire_requests", "schedule": timedelta(minutes=15)},
    "send-notifications": {
        "task": "multaqa.send_pending_notifications",
        "schedule": timedelta(minutes=1),
    },
    "finish-publications": {
        "task": "multaqa.finish_publications",
        "schedule": timedelta(minutes=5),
    },
    "mark-long-mentoring": {"task": "multaqa.mark_long_mentoring", "schedule": timedelta(days=1)},
    "retrain-ranker": {"task": "multaqa.retrain_ranker", "schedule": timedelta(days=1)},
    "refresh-suggestions": {
        "task": "multaqa.refresh_all_suggestions",
        "schedule": timedelta(days=7),
    },
    "purge-jobs": {"task": "multaqa.purge_jobs", "schedule": timedelta(hours=1)},
}


def make_celery(settings: Settings) -> Celery:
    """The app configured from the settings."""
    eager = settings.redis_url is None
    app = Celery("multaqa", include=["workers.tasks"])
    app.conf.update(
        broker_url=settings.redis_url or "memory://",
        result_backend=settings.redis_url,
        task_always_eager=eager,
        task_eager_propagates=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker holds one task beyond those it runs
        broker_transport_options={
            "visibility_timeout": settings.task_visibility_timeout,
            # Look for tasks of dead workers every few seconds (kombu's default sweeps about
            # every 100 s), so that one comes back soon after its visibility timeout.
            "unacked_restore_interval": min(10, settings.task_visibility_timeout),
            "unacked_restore_throttle": 1,
        },
        result_expires=timedelta(days=1),
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        beat_schedule=BEAT_SCHEDULE,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


celery_app = make_celery(get_settings())


@worker_process_init.connect
def _open_per_process(**_: Any) -> None:
    runtime.configure(get_settings())
    heap.settle()


@worker_process_shutdown.connect
def _close_per_process(**_: Any) -> None:
    runtime.close()


def use_settings(settings: Settings) -> Celery:
    """Reconfigure the app for other settings (tests, `multaqa serve` with a REDIS_URL)."""
    fresh = make_celery(settings)
    celery_app.conf.update(fresh.conf)
    return celery_app
