"""The periodic jobs without Redis: a daemon thread in the API process runs each job of
`BEAT_SCHEDULE` when it is due (eagerly, in-process). With REDIS_URL set, Celery beat does it."""

from __future__ import annotations

import logging
import threading
import time

from workers.app import BEAT_SCHEDULE, celery_app

log = logging.getLogger("multaqa.beat")
TICK_S = 5.0


class LocalBeat:
    """Runs due periodic tasks until stopped; a failing job is logged and tried next period."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        now = time.monotonic()
        self._due = {
            name: now + entry["schedule"].total_seconds() for name, entry in BEAT_SCHEDULE.items()
        }
        self._thread = threading.Thread(target=self._run, name="multaqa-local-beat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(TICK_S):
            for name, entry in BEAT_SCHEDULE.items():
                if time.monotonic() < self._due[name]:
                    continue
                self._due[name] = time.monotonic() + entry["schedule"].total_seconds()
                try:
                    celery_app.tasks[entry["task"]].apply()
                except Exception:  # a periodic job must not stop the others
                    log.exception("periodic job %s failed", name)
