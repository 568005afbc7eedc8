"""A bounded load test on loopback (issue 13): N users for S seconds against a real uvicorn
and a private embedded Neo4j, each user signing in, asking for suggestions and asking for an
introduction, over and over.

    .venv/bin/python benchmarks/load_api.py                  # 50 users x 60 s
    .venv/bin/python benchmarks/load_api.py --users 10 --seconds 10

Prints p50/p95/max per step, and the same for GET /health measured in the same run as the
baseline (what the machine gives a request that does almost nothing). Errors are 5xx answers
and failed connections; 429s from the rules (five pending requests per person, the per-day
limit) are counted apart: they are the rules working, not errors.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections import defaultdict

import httpx
import uvicorn

from api.main import create_app
from graph import schema
from graph.embedded_server import free_port
from matcher.encoders import load_encoder
from models.user import Role
from services import accounts, profiles
from services.access import SYSTEM
from services.db import scratch_graph
from services.settings import get_settings

PASSWORD = "load test passphrase"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--mentors", type=int, default=40)
    args = parser.parse_args()
    base = get_settings().model_copy(update={"env": "test", "rate_limits_enabled": False})
    with scratch_graph(base, pagecache="256m") as (graph, settings):
        schema.migrate(graph.driver, database=graph.database)
        encoder = load_encoder(settings.encoder)
        youth_ids = seed(graph, settings, encoder, users=args.users, mentors=args.mentors)
        app = create_app(settings.model_copy(update={"rate_limits_enabled": False}), graph)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=port, log_level="warning", server_header=False
            )  # fmt: skip
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            report(run(f"http://127.0.0.1:{port}", youth_ids, args.users, args.seconds), args)
        finally:
            server.should_exit = True
            thread.join(timeout=30)


SKILLS = ["comptabilité", "soudure", "développement web", "agriculture", "marketing"]
COMMUNES = ["Khouribga", "Oued Zem", "Boujniba", "Hattane"]


def seed(graph, settings, encoder, *, users: int, mentors: int) -> list[str]:  # type: ignore[no-untyped-def]
    """`users` youth accounts with a profile each, and `mentors` mentors, all embedded (the
    follow-up tasks run in this process: no Redis here)."""
    from workers import runtime
    from workers.app import use_settings

    use_settings(settings)
    runtime.configure(settings, graph, encoder)
    from models.common import Location
    from models.mentor import MentorCreate
    from models.records import RecordType
    from models.youth import YouthCreate

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
        record = profiles.create(graph, actor, RecordType.YOUTH, youth, settings)
        youth_ids.append(record.id)
    return youth_ids


def run(base_url: str, youth_ids: list[str], users: int, seconds: float) -> dict[str, list]:
    timings: dict[str, list[float]] = defaultdict(list)
    outcomes: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(number: int) -> None:
        email = f"youth{number}@load.example"
        youth_id = youth_ids[number]
        with httpx.Client(base_url=base_url, timeout=30) as client:
            while time.monotonic() < deadline:
                steps = []
                started = time.perf_counter()
                token = client.post(
                    "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
                )
                steps.append(("sign-in", token, time.perf_counter() - started))
                if token.status_code != 200:
                    record(steps)
                    continue
                headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
                started = time.perf_counter()
                suggested = client.get(
                    f"/api/v1/recommendations/mentors?for={youth_id}&k=5", headers=headers
                )
                steps.append(("suggestions", suggested, time.perf_counter() - started))
                items = suggested.json().get("items", []) if suggested.is_success else []
                if items:
                    started = time.perf_counter()
                    body = {"from_id": youth_id, "to_id": items[0]["id"], "message": "salam"}
                    asked = client.post("/api/v1/introductions", json=body, headers=headers)
                    steps.append(("introduction", asked, time.perf_counter() - started))
                started = time.perf_counter()
                health = client.get("/health")
                steps.append(("baseline /health", health, time.perf_counter() - started))
                record(steps)

    def record(steps: list) -> None:  # type: ignore[type-arg]
        with lock:
            for name, response, elapsed in steps:
                timings[name].append(elapsed)
                code = response.status_code
                kind = "error" if code >= 500 else "rule" if code in (409, 429) else "ok"
                outcomes[f"{name} {kind}"] += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"timings": [timings], "outcomes": [outcomes]}


def report(result: dict[str, list], args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    timings, outcomes = result["timings"][0], result["outcomes"][0]
    print(f"{args.users} users x {args.seconds:.0f} s on loopback")
    print(f"{'step':<18} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in sorted(timings.items()):
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{name:<18} {len(ms):>7} {statistics.median(ms):>8.1f} {p95:>8.1f} {ms[-1]:>8.1f}")
    errors = sum(n for key, n in outcomes.items() if key.endswith(" error"))
    rules = sum(n for key, n in outcomes.items() if key.endswith(" rule"))
    print(f"errors (5xx): {errors}; refused by the rules (409/429): {rules}")


if __name__ == "__main__":
    main()
