"""Background work on a real Celery worker with a real Redis broker and the real Neo4j."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery

from matcher.weights import default_rankers
from models.cohort import CohortCreate
from services import cohorts
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.processes import Worker, worker_env
from workers.app import make_celery

pytestmark = pytest.mark.neo4j

YOUTHS = 120
MENTORS = 30  # capacity 4 each: every youth can be placed


@pytest.fixture
def broker(redis_url: str, settings: Settings) -> Iterator[Celery]:
    """A producer app on the test Redis (the workers are separate processes)."""
    redis.Redis.from_url(redis_url).flushdb()
    app = make_celery(settings.model_copy(update={"redis_url": redis_url}))
    yield app
    app.close()


def published_cohort(graph: Graph, settings: Settings) -> tuple[str, list[str]]:
    """A cohort whose draft is computed and published: the tasks to run, one per youth."""
    youths = [factories.youth(f"y-{i:03d}", email=f"y{i}@example.ma") for i in range(YOUTHS)]
    mentors = [factories.mentor(f"m-{i:03d}", capacity=4) for i in range(MENTORS)]
    factories.store(graph, *youths, *mentors)
    cohort = cohorts.create(
        graph, SYSTEM, CohortCreate(name="Promo 2026", youth_ids=[y["id"] for y in youths])
    )
    cohorts.compute_draft(graph, cohort.id, rankers=default_rankers(), settings=settings)
    return cohort.id, cohorts.publish(graph, SYSTEM, cohort.id)


def relationship_counts(graph: Graph) -> tuple[int, int, int, int]:
    """(MENTORS relationships, distinct mentored pairs, introductions, notifications)."""
    rows, _, _ = graph.driver.execute_query(
        """
        MATCH (:Mentor)-[r:MENTORS]->(y:Youth)
        WITH count(r) AS rels, count(DISTINCT y) AS pairs
        RETURN rels, pairs, COUNT { (:Introduction) } AS intros,
               COUNT { (:Notification) } AS notes
        """,
        database_=graph.database,
    )
    row = rows[0]
    return row["rels"], row["pairs"], row["intros"], row["notes"]


def broker_state(redis_url: str) -> dict[str, object]:
    """What Redis holds for Celery: the queue, the unacknowledged tasks and their index."""
    client = redis.Redis.from_url(redis_url)
    return {
        "queued": client.llen("celery"),
        "unacked": [v[:160] for v in client.hvals("unacked")],
        "unacked_index": client.zrange("unacked_index", 0, -1, withscores=True),
        "mutex": client.get("unacked_mutex"),
    }


def wait_until(condition, timeout: float, step: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def test_a_worker_killed_mid_batch_loses_no_task_and_duplicates_nothing(
    graph: Graph, settings: Settings, redis_url: str, broker: Celery, tmp_path: Path
) -> None:
    cohort_id, youth_ids = published_cohort(graph, settings)
    assert len(youth_ids) == YOUTHS
    # Redis hands unacknowledged tasks to another worker after the visibility timeout: short
    # here, so that the test does not wait an hour.
    env = worker_env(settings, redis_url, MULTAQA_TASK_VISIBILITY_TIMEOUT="5")
    first = Worker(env, tmp_path / "worker-1.log")
    for youth_id in youth_ids:
        broker.send_task("multaqa.publish_cohort_match", args=[cohort_id, youth_id])
    assert wait_until(lambda: relationship_counts(graph)[0] >= 5, timeout=120)
    first.kill()
    done_at_kill = relationship_counts(graph)[0]
    assert done_at_kill < YOUTHS, "the batch finished before the kill: nothing was tested"

    second = Worker(env, tmp_path / "worker-2.log")

    def done_or_swept() -> bool:
        # What beat does every few minutes: re-queue what the graph says is not done. A task
        # Redis handed to the killed worker just before it died would otherwise be lost.
        if relationship_counts(graph)[0] >= YOUTHS:
            return True
        if time.monotonic() - swept[0] > 15:
            broker.send_task("multaqa.finish_publications")
            swept[0] = time.monotonic()
        return False

    swept = [time.monotonic()]
    try:
        finished = wait_until(done_or_swept, timeout=180)
        time.sleep(6)  # let any re-delivered duplicate run too
        queues = broker_state(redis_url)
    finally:
        second.stop()
    rels, pairs, intros, notes = relationship_counts(graph)
    missing = sorted(
        m.youth_id for m in cohorts.get(graph, SYSTEM, cohort_id).matches if m.state != "published"
    )
    assert finished, (
        f"only {rels} of {YOUTHS} done; not published: {missing}; broker: {queues}; "
        f"first worker log: {first.log.read_text()[-4000:]}"
    )
    assert (rels, pairs, intros, notes) == (YOUTHS, YOUTHS, YOUTHS, 2 * YOUTHS)
    states = {m.state for m in cohorts.get(graph, SYSTEM, cohort_id).matches}
    assert states == {"published"}
    print(f"killed with {done_at_kill}/{YOUTHS} done; all {YOUTHS} done once after restart")


def test_a_worker_retrains_the_ranker_from_outcomes(
    graph: Graph, settings: Settings, redis_url: str, broker: Celery, tmp_path: Path
) -> None:
    from tests.integration.test_training import seed_outcomes

    seed_outcomes(graph, pairs=200)
    worker = Worker(worker_env(settings, redis_url), tmp_path / "worker.log")
    try:
        result = broker.send_task("multaqa.retrain_ranker").get(timeout=120)
    finally:
        worker.stop()
    mentors = next(r for r in result if r["kind"] == "mentors")
    assert mentors["version"] == 1 and mentors["promoted"], mentors


def test_a_task_that_always_fails_stops_after_its_retries(
    settings: Settings, redis_url: str, broker: Celery, tmp_path: Path
) -> None:
    from graph.embedded_server import free_port

    # A worker whose Neo4j is unreachable: every attempt fails with a transient error.
    env = worker_env(
        settings,
        redis_url,
        NEO4J_URI=f"bolt://127.0.0.1:{free_port()}",
        MULTAQA_TASK_MAX_RETRIES="3",
        MULTAQA_TASK_RETRY_BACKOFF_MAX="1",
    )
    # One child process: with two, an attempt whose jittered countdown is near 0 can run, fail
    # and store FAILURE in the other child before the previous attempt has stored its RETRY,
    # leaving RETRY as the task's last state (seen once in CI).
    worker = Worker(env, tmp_path / "worker.log", concurrency=1)
    try:
        result = broker.send_task("multaqa.expire_requests")
        gave_up = wait_until(lambda: "raised unexpected" in worker.log.read_text(), timeout=120)
        time.sleep(3)  # a fifth attempt, if there were one, would show by now
    finally:
        worker.stop()
    log = worker.log.read_text()
    assert gave_up, log[-3000:]
    assert result.state == "FAILURE" and "cannot reach Neo4j" in str(result.result)
    assert log.count("Retry in") == 3, log[-3000:]
    assert "multaqa.expire_requests" in log and "raised unexpected" in log
