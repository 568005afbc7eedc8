"""Past one machine: the walk-through against TWO uvicorn processes sharing Redis and a Celery
worker, each request going to the other process than the one before. A session signed in on
one process holds on the other, the sign-in throttling counts across both, and a new ranker
version reaches both within their cache's lifetime."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph import outcomes as graph_outcomes
from graph.driver import ManagedTransaction
from graph.embedded_server import free_port
from matcher.features import FEATURES
from models.user import Role
from services import accounts
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.conftest import ROOT, _wait_until_up, server_env
from tests.e2e import test_connection_flow as flow
from tests.processes import Worker, worker_env

pytestmark = pytest.mark.neo4j

# Failed sign-ins allowed per account and minute, counted across the processes (in Redis).
FAILURES_PER_MINUTE = 5
FAILURES_RULE = f"{FAILURES_PER_MINUTE}/minute"
RANKER_TTL_S = 2.0


class Alternating(httpx.BaseTransport):
    """Sends each request to the next server in turn; counts what each one answered."""

    def __init__(self, urls: list[str]) -> None:
        self.targets = [httpx.URL(url) for url in urls]
        self.turn = itertools.cycle(range(len(urls)))
        self.answered = [0] * len(urls)
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        n = next(self.turn)
        target = self.targets[n]
        request.url = request.url.copy_with(host=target.host, port=target.port)
        self.answered[n] += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(scope="module")
def servers(
    settings: Settings, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """Two uvicorn processes on the test Neo4j and Redis (throttling counted in Redis, a short
    ranker cache), and a Celery worker for the tasks they queue."""
    logs = tmp_path_factory.mktemp("two-servers")
    worker = Worker(worker_env(settings, redis_url), logs / "worker.log")
    started: list[subprocess.Popen[bytes]] = []
    urls = []
    try:
        for n in range(2):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            env = server_env(settings, url) | {
                "MULTAQA_REDIS_URL": redis_url,
                "MULTAQA_RATE_LIMITS_ENABLED": "true",
                # Every test signs in from 127.0.0.1: only the per-account rule is tight.
                "MULTAQA_RATE_LIMITS__SIGN_IN_PER_ADDRESS": "1000/minute",
                "MULTAQA_RATE_LIMITS__SIGN_IN_FAILURES_PER_ACCOUNT": FAILURES_RULE,
                "MULTAQA_RANKER_TTL_S": str(RANKER_TTL_S),
            }
            log_path = logs / f"server-{n}.log"
            started.append(_server(port, env, log_path))
            _wait_until_up(started[-1], url, log_path)
            urls.append(url)
        yield urls
    finally:
        for server in started:
            server.terminate()
            server.wait(timeout=30)
        worker.stop()


def _server(port: int, env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        *("-m", "uvicorn", "--factory", "api.main:create_app"),
        *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
    ]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


@pytest.fixture
def both(servers: list[str], graph: Graph) -> Iterator[tuple[httpx.Client, Alternating]]:
    transport = Alternating(servers)
    with httpx.Client(base_url=servers[0], transport=transport, timeout=300) as client:
        yield client, transport


def test_the_walk_through_holds_across_two_processes_sharing_redis(
    both: tuple[httpx.Client, Alternating], graph: Graph
) -> None:
    client, transport = both
    flow.test_a_youth_meets_a_mentor_through_a_double_opt_in(client, graph)
    assert min(transport.answered) > 10  # both processes served the walk-through


def test_a_page_session_and_the_sign_in_throttling_hold_across_both_processes(
    both: tuple[httpx.Client, Alternating], graph: Graph
) -> None:
    client, _ = both
    accounts.create_account(graph, email="page@example.ma", password=flow.PASSWORD, role=Role.YOUTH)
    answers = [sign_in(client, "page@example.ma", "wrong password").status_code]
    answers += [sign_in(client, "page@example.ma", "wrong password").status_code]
    signed = sign_in(client, "page@example.ma", flow.PASSWORD)  # on the first process again
    answers.append(signed.status_code)
    cookie = signed.headers["set-cookie"].split(";")[0]
    for _ in range(2):  # signed on one process, honoured by both: the first step, not /login
        page = client.get("/me", headers={"cookie": cookie}, follow_redirects=False)
        assert page.headers["location"] == "/me/about", page.headers.get("location")
    while len(answers) < FAILURES_PER_MINUTE + 3:  # the failures, the success, two more
        answers.append(sign_in(client, "page@example.ma", "wrong password").status_code)
    # Each process saw about half the attempts: alone, neither would have refused any.
    assert answers[: FAILURES_PER_MINUTE + 1] == [401, 401, 303] + [401] * (FAILURES_PER_MINUTE - 2)
    assert answers[FAILURES_PER_MINUTE + 1 :] == [429, 429]


def sign_in(client: httpx.Client, email: str, password: str) -> httpx.Response:
    """Post the sign-in form with the token and session cookie of the sign-in page, fetched
    first (hence from the other process). The cookie is Secure (https in production): httpx
    keeps it off plain http, so it is sent by hand."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {"csrf_token": token.group(1), "email": email, "password": password}
    cookie = {"cookie": page.headers["set-cookie"].split(";")[0]}
    return client.post("/login", data=form, headers=cookie, follow_redirects=False)


def test_a_new_ranker_version_reaches_both_processes_within_their_cache_lifetime(
    both: tuple[httpx.Client, Alternating], graph: Graph
) -> None:
    client, _ = both
    youth = factories.account(client, graph, "y@example.ma", Role.YOUTH)
    mentor = factories.account(client, graph, "m@example.ma", Role.MENTOR)
    youth_id = factories.create_own(
        client, "youths", factories.youth("y-1", email="y@example.ma"), youth
    )
    mentor_id = factories.create_own(
        client, "mentors", factories.mentor("m-1", email="m@example.ma"), mentor
    )

    def scores() -> list[float]:
        url = f"/api/v1/recommendations/mentors?for={youth_id}"
        found = [client.get(url, headers=youth).json()["items"] for _ in range(2)]
        return [items[0]["score"] for items in found if items]

    # The worker embeds the new profiles meanwhile: a suggestion found before (by the graph or
    # the text alone) scores otherwise than after, so the scores are compared once both are.
    deadline = time.monotonic() + 120
    while graph.read(_embedded, [youth_id, mentor_id]) < 2:
        assert time.monotonic() < deadline, "the worker did not embed the new profiles"
        time.sleep(1)
    before = scores()
    assert len(before) == 2, "no suggestion after the worker's embedding"
    for kind in ("mentors", "mentees"):  # two-sided: both directions score the pair
        props = {
            "id": f"ranker-{kind}-99",
            "kind": kind,
            "version": 99,
            "coef": [0.0] * len(FEATURES),
            "intercept": 0.0,  # every pair scores 0.5
            "trained_at": dt.datetime.now(dt.UTC),
            "rows": 10,
            "positives": 5,
            "active": True,
        }
        graph.write(graph_outcomes.save_model, props)
    time.sleep(RANKER_TTL_S + 0.5)
    assert before[0] == before[1] != 0.5
    assert scores() == [0.5, 0.5]


def test_a_profile_changed_through_one_process_is_suggested_as_changed_by_both(
    both: tuple[httpx.Client, Alternating], graph: Graph
) -> None:
    """Each process keeps its candidates' content (services.candidate_facts): a mentor's new
    skill, written through one process, is in the reasons both give at once."""
    client, _ = both
    youth = factories.account(client, graph, "y2@example.ma", Role.YOUTH)
    mentor = factories.account(client, graph, "m2@example.ma", Role.MENTOR)
    seamstress = factories.youth("y-2", email="y2@example.ma", skills=["خياطة تقليدية"])
    youth_id = factories.create_own(client, "youths", seamstress, youth)
    mentor_id = factories.create_own(
        client, "mentors", factories.mentor("m-2", email="m2@example.ma"), mentor
    )

    def reasons() -> list[str]:  # the first suggestion's, from each process in turn
        url = f"/api/v1/recommendations/mentors?for={youth_id}"
        found = [client.get(url, headers=youth).json()["items"] for _ in range(2)]
        return [" ".join(items[0]["reasons"]) for items in found if items]

    deadline = time.monotonic() + 120
    while len(before := reasons()) < 2:  # the worker embeds the new profiles meanwhile
        assert time.monotonic() < deadline, "no suggestion after the worker's embedding"
        time.sleep(1)
    assert not any("خياطة تقليدية" in r for r in before)
    skills = {"skills": ["خياطة تقليدية", "comptabilité"]}
    changed = client.patch(f"/api/v1/mentors/{mentor_id}", json=skills, headers=mentor)
    assert changed.status_code == 200, changed.text
    after = reasons()
    assert len(after) == 2 and all("خياطة تقليدية" in r for r in after), after


def _embedded(tx: ManagedTransaction, ids: list[str]) -> int:
    """How many of the records `ids` are embedded from their current content."""
    row = tx.run(
        "UNWIND $ids AS id MATCH (n:Entity {id: id}) "
        "WHERE n.embedding_hash = n.content_hash RETURN count(n) AS n",
        ids=ids,
    ).single()
    return int(row["n"]) if row else 0
