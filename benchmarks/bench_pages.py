"""Page weight and server time of the web pages, on a running Multaqa with the demo data.

    make up                                   # in another terminal (demo data and accounts)
    .venv/bin/python benchmarks/bench_pages.py --url http://127.0.0.1:8000 --requests 40
    .venv/bin/python benchmarks/bench_pages.py --url http://127.0.0.1:8000 --who staff

Signs in as the demo youth (and mentor, and staff) through the sign-in form, then requests each page
`--requests` times, one after another, on loopback. Prints per page: the bytes transferred
(the HTML as sent, plus the CSS and JavaScript it links to, fetched once; no photos, no fonts
are served) and the server time p50/p95 (wall time of a request on loopback), beside the
same figures for `/health` measured in the same run as the baseline.
Targets (issue 10): each page under 100 KB; server time p95 under 100 ms.

The suggestion pages are throttled per account (120 a minute by default): serve the demo with
`MULTAQA_RATE_LIMITS__RECOMMENDATIONS_PER_ACCOUNT=10000/minute multaqa serve` for `--requests 40`.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

import httpx

from demo.accounts import DEMO_PASSWORD

# {event}: the first upcoming event listed on /events (the demo's, made by `multaqa up`).
PAGES = {
    "youth@demo.multaqa.ma": [
        "/",
        "/me",
        "/me/about",
        "/suggestions?tab=mentors",
        "/suggestions?tab=jobs",
        "/suggestions?tab=partners",
        "/suggestions?tab=peers",
        "/introductions",
        "/notifications",
        "/events",
        "/events/{event}",
    ],
    "mentor@demo.multaqa.ma": ["/me", "/suggestions?tab=mentees", "/introductions"],
    # The staff console (issue 12): the report over the whole demo, and the lists.
    "staff@demo.multaqa.ma": [
        "/staff",
        "/staff/report/print",
        "/staff/import",
        "/staff/people",
        "/staff/people?commune=Khouribga&axis=employability",
        "/staff/cohorts",
        "/staff/events",
        "/staff/accounts",
        "/staff/audit",
    ],
}
EVENT = re.compile(r'href="/events/(ev-[^"/]+)"')
ANONYMOUS = ["/", "/signup", "/login", "/password-reset"]
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def sign_in(client: httpx.Client, email: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token on /login"
    answer = client.post(
        "/login", data={"csrf_token": token.group(1), "email": email, "password": DEMO_PASSWORD}
    )
    assert answer.status_code in (200, 303) and "/login" not in str(answer.url), answer.text[:300]


def measure(client: httpx.Client, path: str, requests: int) -> tuple[int, float, float]:
    """(bytes with linked assets, p50 ms, p95 ms) of one page."""
    client.get(path)  # warm: the first request of a kind loads the ranker
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    weight = len(answer.content) + sum(
        len(client.get(asset).content) for asset in set(ASSET.findall(answer.text))
    )
    times.sort()
    return weight, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--who", help="only the pages of this demo account (youth, mentor, staff), and /health"
    )
    args = parser.parse_args()
    rows = []
    with httpx.Client(base_url=args.url, timeout=60) as client:
        rows.append(("(baseline) /health", "-", *measure(client, "/health", args.requests)))
        for path in ANONYMOUS if args.who is None else []:
            rows.append((path, "anonymous", *measure(client, path, args.requests)))
    for email, paths in PAGES.items():
        if args.who is not None and not email.startswith(args.who + "@"):
            continue
        with httpx.Client(base_url=args.url, timeout=60, follow_redirects=True) as client:
            sign_in(client, email)
            event = EVENT.search(client.get("/events").text)
            for path in paths:
                if "{event}" in path and event is None:
                    continue  # no upcoming event (run `multaqa up` again)
                url = path.format(event=event.group(1) if event else "")
                rows.append((path, email.split("@")[0], *measure(client, url, args.requests)))
    print(f"{'page':30} {'as':10} {'KB':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for path, who, weight, p50, p95 in rows:
        print(f"{path:30} {who:10} {weight / 1024:7.1f} {p50:8.1f} {p95:8.1f}")
    heaviest = max(r[2] for r in rows[1:]) / 1024
    slowest = max(r[4] for r in rows[1:])
    print(f"heaviest page {heaviest:.1f} KB (target < 100); worst p95 {slowest:.1f} ms (< 100)")


if __name__ == "__main__":
    main()
