"""Event scheduling benchmark: random and greedy baselines against the optimiser.

Prints, in one run, for each synthetic event (see `matcher.scheduling.synthetic_problem`):
total match value, the objective the optimiser maximises, meetings per attendee (min and
median), must-meet pairs satisfied, the ratio of the value to the LP upper bound, the wall
time and whether the schedule is valid; then PASS/FAIL for the issue's targets.

    .venv/bin/python benchmarks/bench_schedule.py
    .venv/bin/python benchmarks/bench_schedule.py --sizes 50x8 --tables none --time-limit 5

Targets: the optimiser schedules 500 attendees x 8 slots (one-to-one, ~20 allowed pairs
each) in under 30 s on 2 cores, and its match value beats greedy's on every event.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from matcher.scheduling import (
    Problem,
    Schedule,
    ScheduleStats,
    greedy_schedule,
    objective,
    random_schedule,
    schedule,
    stats,
    synthetic_problem,
    upper_bound,
    violations,
)
from matcher.scheduling.index import index

TARGET_SECONDS = 30.0
TARGET_EVENT = "500x8"

console = Console(width=120)  # the table is wider than the 80 columns of a pipe


@dataclass(frozen=True)
class Run:
    """One solver on one event, judged."""

    solver: str
    schedule: Schedule
    seconds: float
    stats: ScheduleStats
    objective: float
    violations: list[str]


def main() -> None:
    args = _arguments()
    events = [(size, _one_to_one(size, args)) for size in args.sizes.split(",") if size]
    if args.tables != "none":
        events.append((f"tables {args.tables}", _tables(args.tables, args)))
    results = {name: _bench(name, problem, args) for name, problem in events}
    _verdicts(dict(events), results)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50x8,500x8", help="one-to-one events, ATTENDEESxROUNDS")
    parser.add_argument(
        "--tables", default="120x4x6", help="a table event ATTENDEESxROUNDSxSIZE, or none"
    )
    parser.add_argument("--pairs-per-attendee", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=20.0, help="optimiser budget, s")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def _one_to_one(size: str, args: argparse.Namespace) -> Problem:
    attendees, rounds = (int(part) for part in size.split("x"))
    return synthetic_problem(
        attendees, rounds, pairs_per_attendee=args.pairs_per_attendee, seed=args.seed
    )


def _tables(size: str, args: argparse.Namespace) -> Problem:
    attendees, rounds, table_size = (int(part) for part in size.split("x"))
    # Everybody at a table must be an allowed pair: the recommender scores every pair.
    return synthetic_problem(
        attendees, rounds, pairs_per_attendee=None, table_size=table_size, seed=args.seed
    )


def _bench(name: str, problem: Problem, args: argparse.Namespace) -> dict[str, Run]:
    idx = index(problem)
    variables = sum(len(slots) for slots in idx.common)
    console.print(
        f"\n[bold]{name}[/]: {len(problem.attendees)} attendees, {problem.rounds} rounds, "
        f"{len(problem.pairs):,} allowed pairs ({sum(idx.must):,} must-meet), "
        f"{variables:,} (pair, slot) variables",
        highlight=False,
    )
    began = time.perf_counter()
    bound = upper_bound(problem)
    console.print(f"LP upper bound on the match value: {bound:,.1f} ({_since(began):.1f} s)")
    solvers: list[tuple[str, Callable[[], Schedule]]] = [
        ("random", lambda: random_schedule(problem, seed=args.seed)),
        ("greedy", lambda: greedy_schedule(problem)),
        (
            "scheduler",
            lambda: schedule(
                problem, time_limit_s=args.time_limit, workers=args.workers, seed=args.seed
            ),
        ),
    ]
    runs = {label: _timed(problem, label, solve) for label, solve in solvers}
    console.print(_table(runs, bound))
    return runs


def _timed(problem: Problem, label: str, solve: Callable[[], Schedule]) -> Run:
    began = time.perf_counter()
    result = solve()
    seconds = _since(began)
    return Run(
        label,
        result,
        seconds,
        stats(problem, result),
        objective(problem, result),
        violations(problem, result),
    )


def _table(runs: dict[str, Run], bound: float) -> Table:
    table = Table(show_edge=False)
    for header in ("solver", "value", "objective", "min", "median", "must-meet", "value/UB"):
        table.add_column(header, justify="right")
    for header in ("wall s", "valid", "how"):
        table.add_column(header, justify="right" if header != "how" else "left")
    for run in runs.values():
        s = run.stats
        how = " ".join(part for part in (run.schedule.solver, run.schedule.status) if part)
        table.add_row(
            run.solver,
            f"{s.value:,.1f}",
            f"{run.objective:,.1f}",
            str(s.meetings_min),
            f"{s.meetings_median:g}",
            f"{s.must_meet_met}/{s.must_meet_total}",
            f"{s.value / bound:.3f}" if bound else "-",
            f"{run.seconds:.2f}",
            "yes" if not run.violations else f"NO ({len(run.violations)})",
            how,
        )
    return table


def _verdicts(problems: dict[str, Problem], results: dict[str, dict[str, Run]]) -> None:
    console.print()
    if TARGET_EVENT in results:
        seconds = results[TARGET_EVENT]["scheduler"].seconds
        _verdict(
            seconds < TARGET_SECONDS,
            f"scheduler < {TARGET_SECONDS:g} s on {TARGET_EVENT} ({seconds:.1f} s)",
        )
    for name, runs in results.items():
        best, greedy = runs["scheduler"].stats, runs["greedy"].stats
        _verdict(
            best.value > greedy.value,
            f"scheduler value > greedy on {name} ({best.value:,.1f} vs {greedy.value:,.1f})",
        )
        cap = _fewest_possible(problems[name])
        _verdict(
            best.meetings_min > greedy.meetings_min or best.meetings_min == cap,
            f"scheduler min meetings > greedy's (or the most possible) on {name} "
            f"({best.meetings_min} vs {greedy.meetings_min}; at most {cap} possible)",
        )
    valid = all(not run.violations for runs in results.values() for run in runs.values())
    _verdict(valid, "every schedule is valid")


def _fewest_possible(problem: Problem) -> int:
    """The most meetings the least-served eligible attendee could have (limits, partners)."""
    idx = index(problem)
    per_round = (problem.table_size or 2) - 1
    return min(
        (
            min(idx.limit[i] * per_round, sum(1 for p in idx.pairs_of[i] if idx.common[p]))
            for i in idx.eligible
        ),
        default=0,
    )


def _verdict(ok: bool, label: str) -> None:
    console.print(f"{'[green]PASS[/]' if ok else '[red]FAIL[/]'} {label}", highlight=False)


def _since(began: float) -> float:
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
