"""A bounded load test on loopback (issue 13): N users for S seconds against a real uvicorn
process and a private embedded Neo4j. Each user signs in (the users start one after another
over the first `--ramp` seconds), then, over and over, asks for mentor suggestions, asks the
first one for an introduction, and signs in again every `--sign-in-every` rounds.

    .venv/bin/python benchmarks/load_api.py                        # 50 users x 60 s
    .venv/bin/python benchmarks/load_api.py --users 10 --seconds 10

Prints p50/p95/max per step beside GET /health measured in the same run (what the machine
gives a request that does almost nothing). Errors are 5xx answers and failed connections;
409 and 429 from the introduction rules (five requests waiting per person, ten a day) are
counted apart: they are the rules working. The per-address throttling is off for the run
(every user comes from 127.0.0.1; in production they come from their own addresses).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph import schema
from graph.embedded_server import free_port
from matcher.encoders import load_encoder
from models.common import Location
from models.mentor import MentorCreate
from models.records import RecordType
from models.user import Role
from models.youth import YouthCreate
from services import accounts, profiles
from services.access import SYSTEM
from services.db import Graph, scratch_graph
from services.settings import Settings, get_settings
from workers import runtime
from workers.app import use_settings

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "load test passphrase"
SKILLS = ["comptabilité", "soudure", "développement web", "agriculture", "marketing"]
COMMUNES = ["Khouribga", "Oued Zem", "Boujniba", "Hattane"]


@dataclass
class Tally:
    """Seconds per step and outcomes ("ok", "rule" for 409/429, "error" for 5xx)."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, step: str, started: float, status: int | None) -> None:
        self.seconds[step].append(time.perf_counter() - started)
        kind = "error" if status is None or status >= 500 else "ok"
        kind = "rule" if status in (409, 429) else kind
        self.outcomes[f"{step} {kind}"] += 1


def seed(graph: Graph, settings: Settings, *, users: int, mentors: int) -> list[str]:
    """`mentors` mentors and `users` youth accounts with a profile each, all embedded (the
    follow-up tasks run in this process: no Redis)."""
    use_settings(settings)
    runtime.configure(settings, graph, load_encoder(settings.encoder))
    for number in range(mentors):
        mentor = MentorCreate(
            name=f"Mentor {number}",
            bio=f"Mentor en {SKILLS[number % 5]} depuis {5 + number % 10} ans.",
            skills=[SKILLS[number % 5], SKILLS[(number + 2) % 5]],
            languages=["ar", "fr"],
            location=Location(commune=COMMUNES[number % 4]),
            capacity=50,
        )
        profiles.create(graph, SYSTEM, RecordType.MENTOR, mentor, settings)
    youth_ids = []
    for number in range(users):
        user = accounts.create_account(
            graph, email=f"youth{number}@load.example", password=PASSWORD, role=Role.YOUTH
        )
        youth = YouthCreate(
            name=f"Youth {number}",
            bio=f"Je cherche un mentor en {SKILLS[number % 5]}.",
            skills=[SKILLS[number % 5]],
            languages=["ar", "fr"],
            location=Location(commune=COMMUNES[number % 4]),
            seeking=["mentor"],
        )
        actor = accounts.actor_of(user)
        youth_ids.append(profiles.create(graph, actor, RecordType.YOUTH, youth, settings).id)
    return youth_ids


def server(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """`multaqa serve`'s app under uvicorn, in its own process."""
    env = os.environ | {
        "MULTAQA_ENV": "test",
        "NEO4J_URI": settings.bolt_uri,
        "MULTAQA_JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "MULTAQA_RATE_LIMITS_ENABLED": "false",
    }
    env.pop("REDIS_URL", None)
    env.pop("NEO4J_PASSWORD", None)
    command = [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
    command += ["--port", str(port), "--log-level", "warning", "--no-server-header"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


@dataclass(frozen=True)
class Plan:
    deadline: float
    start_after: float  # seconds: this user's place in the ramp
    sign_in_every: int  # rounds


async def one_user(
    client: httpx.AsyncClient, number: int, youth_id: str, plan: Plan, tally: Tally
) -> None:
    await asyncio.sleep(plan.start_after)
    form = {"username": f"youth{number}@load.example", "password": PASSWORD}
    headers: dict[str, str] = {}
    rounds = 0
    while time.monotonic() < plan.deadline:
        if rounds % plan.sign_in_every == 0:
            started = time.perf_counter()
            signed = await _send(client, "POST", "/api/v1/auth/token", data=form)
            tally.add("sign-in", started, _status(signed))
            if signed is None or signed.status_code != 200:
                continue
            headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
        rounds += 1
        started = time.perf_counter()
        path = f"/api/v1/recommendations/mentors?for={youth_id}&k=5"
        suggested = await _send(client, "GET", path, headers=headers)
        tally.add("suggestions", started, _status(suggested))
        items = suggested.json()["items"] if suggested and suggested.is_success else []
        if items:
            body = {"from_id": youth_id, "to_id": items[0]["id"], "message": "salam"}
            started = time.perf_counter()
            asked = await _send(client, "POST", "/api/v1/introductions", json=body, headers=headers)
            tally.add("introduction", started, _status(asked))
        started = time.perf_counter()
        tally.add("baseline /health", started, _status(await _send(client, "GET", "/health")))


async def _send(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    data: dict[str, str] | None = None,
    json: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response | None:
    """The answer, or None when the connection failed (counted as an error)."""
    try:
        return await client.request(method, path, data=data, json=json, headers=headers)
    except httpx.HTTPError:
        return None


def _status(response: httpx.Response | None) -> int | None:
    return response.status_code if response is not None else None


async def run(base_url: str, youth_ids: list[str], args: argparse.Namespace) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + args.seconds
    limits = httpx.Limits(max_connections=len(youth_ids))
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        users = [
            one_user(
                client,
                n,
                youth,
                Plan(deadline, n * args.ramp / len(youth_ids), args.sign_in_every),
                tally,
            )
            for n, youth in enumerate(youth_ids)
        ]
        await asyncio.gather(*users)
    return tally


def report(tally: Tally, args: argparse.Namespace, load: tuple[float, float]) -> None:
    print(
        f"{args.users} users x {args.seconds:.0f} s on loopback (one uvicorn process, "
        f"{os.cpu_count()} cores, load average {load[0]:.1f} before, {load[1]:.1f} after)"
    )
    print(f"{'step':<18} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in sorted(tally.seconds.items()):
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{name:<18} {len(ms):>7} {statistics.median(ms):>8.1f} {p95:>8.1f} {ms[-1]:>8.1f}")
    errors = sum(n for key, n in tally.outcomes.items() if key.endswith(" error"))
    rules = sum(n for key, n in tally.outcomes.items() if key.endswith(" rule"))
    print(f"errors (5xx or no answer): {errors}; refused by the rules (409/429): {rules}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--mentors", type=int, default=40)
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds to start every user")
    parser.add_argument("--sign-in-every", type=int, default=10, help="rounds per sign-in")
    args = parser.parse_args()
    base = get_settings().model_copy(update={"env": "test"})
    with scratch_graph(base, pagecache="256m") as (graph, settings):
        schema.migrate(graph.driver, database=graph.database)
        youth_ids = seed(graph, settings, users=args.users, mentors=args.mentors)
        port = free_port()
        process = server(settings, port)
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base_url, process)
            before = os.getloadavg()[0]
            tally = asyncio.run(run(base_url, youth_ids, args))
            after = os.getloadavg()[0]
        finally:
            process.terminate()
            process.wait(timeout=30)
    report(tally, args, (before, after))
    return 1 if any(key.endswith(" error") for key in tally.outcomes) else 0


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer")


if __name__ == "__main__":
    sys.exit(main())
