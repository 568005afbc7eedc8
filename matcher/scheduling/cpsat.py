"""One-to-one meetings and speed networking as a CP-SAT model over (pair, slot) booleans."""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from matcher.progress import Report, silent
from matcher.scheduling.evaluate import meeting_counts
from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Meeting, Problem, Schedule

__all__ = ["SCALE", "solve_meetings"]

# CP-SAT needs integer coefficients: values to 1/10,000 are finer than any recommender score.
SCALE = 10_000


def solve_meetings(
    problem: Problem,
    hint: Schedule,
    *,
    time_limit_s: float,
    workers: int,
    seed: int,
    report: Report = silent,
) -> Schedule | None:
    """Maximise `evaluate.objective` for a one-to-one event with CP-SAT.

    One boolean per allowed pair and slot where both are available, so infeasible pairs and
    slots cost nothing. The hint, a complete valid schedule, is CP-SAT's first solution.

    Args:
        problem: a one-to-one event.
        hint: a valid schedule to start from.
        time_limit_s: budget of the call, model building included.
        workers: CP-SAT's search workers.
        seed: CP-SAT's random seed.
        report: hears ("solving", solutions found, 0, value=objective) at each solution.

    Returns:
        The best schedule found with CP-SAT's status and bound (in objective units), or None
        when CP-SAT found no solution in time.
    """
    began = time.perf_counter()
    idx = index(problem)
    model = cp_model.CpModel()
    x = {
        (p, s): model.new_bool_var(f"x{p}_{s}") for p, slots in enumerate(idx.common) for s in slots
    }
    _add_constraints(model, idx, x)
    fewest = _add_fairness(model, idx, x)
    _set_objective(model, problem, idx, x, fewest)
    _add_hint(model, problem, idx, x, fewest, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit_s - (time.perf_counter() - began))
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    # The feasibility pump took half of the second core on 500 x 8 without ever improving
    # on the (complete, feasible) hint; LNS and local search do better with that time.
    solver.parameters.ignore_subsolvers.append("feasibility_pump")
    status = solver.solve(model, _Solutions(report))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    meetings = tuple(
        Meeting(idx.ids[idx.pairs[p][0]], idx.ids[idx.pairs[p][1]], s)
        for (p, s), var in x.items()
        if solver.boolean_value(var)
    )
    return Schedule(
        meetings=meetings,
        solver="cp-sat",
        status=solver.status_name(status),
        bound=solver.best_objective_bound / SCALE,
    )


class _Solutions(cp_model.CpSolverSolutionCallback):
    """Tells `report` of each better solution CP-SAT finds, with its objective."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self._report = report
        self._found = 0

    def on_solution_callback(self) -> None:
        self._found += 1
        self._report("solving", self._found, value=self.objective_value / SCALE)


def _add_constraints(
    model: cp_model.CpModel, idx: Index, x: dict[tuple[int, int], cp_model.IntVar]
) -> None:
    by_pair: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    by_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    slots_of: dict[int, set[int]] = defaultdict(set)
    for (p, s), var in x.items():
        by_pair[p].append(var)
        for i in idx.pairs[p]:
            by_person_slot[i, s].append(var)
            slots_of[i].add(s)
    for group in [*by_pair.values(), *by_person_slot.values()]:
        if len(group) > 1:  # a pair meets once; nobody is double-booked
            model.add_at_most_one(group)
    for i, slots in slots_of.items():
        if idx.limit[i] < len(slots):  # else one meeting per slot already enforces the limit
            model.add(cp_model.LinearExpr.sum(_person_vars(idx, x, i)) <= idx.limit[i])


def _add_fairness(
    model: cp_model.CpModel, idx: Index, x: dict[tuple[int, int], cp_model.IntVar]
) -> cp_model.IntVar:
    """An integer `fewest` at most every eligible attendee's meeting count."""
    most = min((idx.limit[i] for i in idx.eligible), default=0)
    fewest = model.new_int_var(0, most, "fewest")
    for i in idx.eligible:
        model.add(fewest <= cp_model.LinearExpr.sum(_person_vars(idx, x, i)))
    return fewest


def _set_objective(
    model: cp_model.CpModel,
    problem: Problem,
    idx: Index,
    x: dict[tuple[int, int], cp_model.IntVar],
    fewest: cp_model.IntVar,
) -> None:
    variables: list[cp_model.IntVar] = []
    coefficients: list[int] = []
    for (p, s), var in x.items():
        bonus = problem.keep_bonus if idx.keep.get(p) == s else 0.0
        variables.append(var)
        coefficients.append(round(SCALE * (idx.weight[p] + bonus)))
    variables.append(fewest)
    coefficients.append(round(SCALE * problem.fairness_weight * len(idx.eligible)))
    model.maximize(cp_model.LinearExpr.weighted_sum(variables, coefficients))


def _add_hint(
    model: cp_model.CpModel,
    problem: Problem,
    idx: Index,
    x: dict[tuple[int, int], cp_model.IntVar],
    fewest: cp_model.IntVar,
    hint: Schedule,
) -> None:
    """Hint every variable (a complete hint is checked at once and becomes a solution)."""
    hinted = set()
    for m in hint.meetings:
        p = idx.pair_index(idx.pos[m.a], idx.pos[m.b])
        hinted.add((p, m.slot))
    for key, var in x.items():
        model.add_hint(var, key in hinted)
    counts = meeting_counts(problem, hint)
    model.add_hint(fewest, min((counts[i] for i in idx.eligible), default=0))


def _person_vars(
    idx: Index, x: dict[tuple[int, int], cp_model.IntVar], i: int
) -> list[cp_model.IntVar]:
    return [x[p, s] for p in idx.pairs_of[i] for s in idx.common[p]]
