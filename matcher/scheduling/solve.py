"""The optimiser: CP-SAT for one-to-one meetings, local search for tables, greedy as a floor."""

from __future__ import annotations

import time
from dataclasses import replace

from matcher.progress import Report, silent
from matcher.scheduling.baselines import greedy_schedule
from matcher.scheduling.cpsat import solve_meetings
from matcher.scheduling.evaluate import objective
from matcher.scheduling.model import Problem, Schedule
from matcher.scheduling.rounds import match_by_round
from matcher.scheduling.tables import improve_tables

__all__ = ["schedule"]


def schedule(
    problem: Problem,
    *,
    time_limit_s: float = 20.0,
    workers: int = 2,
    seed: int = 0,
    report: Report = silent,
) -> Schedule:
    """The best schedule found for `problem` within the time limit; always valid.

    One-to-one meetings and speed networking: CP-SAT over (pair, slot) booleans, warm-started
    (a complete hint) from the better of the greedy schedule and a slot-by-slot matching
    (`rounds.match_by_round`, which counts the keep bonus); greedy places the meetings to
    keep first. Tables: simulated annealing from the greedy
    seating (`tables.improve_tables`). Both maximise `evaluate.objective` (match value,
    max-min fairness, kept meetings); the starting schedule is returned instead when the
    solver finds nothing better in time, so the result is never worse than greedy's on
    that objective.

    Args:
        problem: the event.
        time_limit_s: wall-clock budget of the whole call, model building included (the
            result and its checks take a little more: ~0.3 s at 500 x 8).
        workers: CP-SAT search workers (one per core is best).
        seed: random seed of the searches. Runs repeat exactly only when no time limit
            cuts a search short (small events), and CP-SAT with several workers may still
            pick another optimum.

    Returns:
        The schedule, with the solver that found it, its status and CP-SAT's bound on the
        objective when there is one.
    """
    began = time.perf_counter()
    report("hint")
    greedy = greedy_schedule(problem)
    if problem.is_tables:
        left = time_limit_s - (time.perf_counter() - began)
        report("improving", value=objective(problem, greedy))
        found = improve_tables(problem, greedy, time_limit_s=left, seed=seed, report=report)
        return _no_worse_than(problem, found, greedy)
    matched = match_by_round(problem, report=report)
    start = max(greedy, matched, key=lambda s: objective(problem, s))
    left = time_limit_s - (time.perf_counter() - began)
    report("solving", value=objective(problem, start))
    solved = solve_meetings(
        problem, start, time_limit_s=left, workers=workers, seed=seed, report=report
    )
    return _no_worse_than(problem, solved, start)


def _no_worse_than(problem: Problem, found: Schedule | None, start: Schedule) -> Schedule:
    """`found` unless the start's objective is higher (values are rounded inside CP-SAT)."""
    if found is not None and objective(problem, found) >= objective(problem, start) - 1e-9:
        return found
    return replace(
        start,
        status="FALLBACK" if found is None else f"{found.status}, greedy kept",
        bound=None if found is None else found.bound,
    )
