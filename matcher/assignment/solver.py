"""The optimal cohort assignment, solved as one min-cost flow (OR-Tools)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from matcher.assignment.model import (
    DEFAULT_RULES,
    SCALE,
    Assignment,
    Instance,
    Pair,
    Rules,
    assignment_of,
    prepare,
)


def optimal_assignment(
    youths: Sequence[str],
    pairs: Iterable[Pair],
    capacity: Mapping[str, int],
    rules: Rules = DEFAULT_RULES,
) -> Assignment:
    """The assignment that maximises total value minus load penalty, as a min-cost flow.

    Args:
        youths: the cohort.
        pairs: allowed pairs; pairs of youths outside the cohort or of mentors without places are
            ignored, and a pair given twice keeps its highest score.
        capacity: mentor id -> free places (already reduced by current mentees); a mentor missing
            here, or with 0 or fewer, takes nobody.
        rules: cohort cap, priority bonuses and load spreading.

    Returns:
        The matches and the sorted unmatched youths. Deterministic: the same input in any order
        gives the same result.

    Raises:
        RuntimeError: when the solver does not report an optimal solution.
    """
    instance = prepare(youths, pairs, capacity, rules)
    matches = _solve_flow(instance, rules) if instance.scores else {}
    return assignment_of(instance.cohort, matches)


@dataclass(frozen=True)
class _Arcs:
    """Arcs to add in one vectorised call (OR-Tools wants int32 nodes and int64 numbers)."""

    tails: NDArray[np.int32]
    heads: NDArray[np.int32]
    capacities: NDArray[np.int64]
    costs: NDArray[np.int64]


def _solve_flow(instance: Instance, rules: Rules) -> dict[str, str]:
    """Solve the instance as a min-cost flow and read the matches off the youth -> mentor arcs.

    Nodes: youths with at least one allowed pair, their mentors, one sink. Each youth supplies one
    unit, which reaches the sink either through a mentor (a match) or through its own overflow
    arc (unmatched, cost 0), so leaving a youth unmatched is always feasible.
    """
    keys = list(instance.scores)
    youth_ids = sorted({y for y, _ in keys})
    mentor_ids = sorted({m for _, m in keys})
    youth_node = {y: i for i, y in enumerate(youth_ids)}
    mentor_node = {m: len(youth_ids) + j for j, m in enumerate(mentor_ids)}
    sink = len(youth_ids) + len(mentor_ids)
    # Costs are (n + 1) * scaled cost - 1 per match: the -1s add up to at most n, less than one
    # weighted unit, so they never trade objective away; they only break ties (of the rounded
    # objective) in favour of matching more youths.
    weight = len(youth_ids) + 1

    tails = np.fromiter((youth_node[y] for y, _ in keys), np.int32, len(keys))
    heads = np.fromiter((mentor_node[m] for _, m in keys), np.int32, len(keys))
    values = _value_units(instance, rules)
    match_arcs = _unit_arcs(tails, heads, -(values * weight + 1))
    load_arcs = _load_arcs(instance, rules, (heads, values), mentor_node, sink, weight)
    youths = np.arange(len(youth_ids), dtype=np.int32)
    overflow_arcs = _unit_arcs(youths, np.full(len(youths), sink), np.zeros(len(youths)))

    solver = min_cost_flow.SimpleMinCostFlow()
    match_ids = _add(solver, match_arcs)
    _add(solver, load_arcs)
    _add(solver, overflow_arcs)
    solver.set_nodes_supplies(
        np.append(youths, np.int32(sink)),
        np.append(np.ones(len(youths), np.int64), np.int64(-len(youths))),
    )
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not find the optimal assignment: status {status!r}")
    used = np.flatnonzero(solver.flows(match_ids) > 0)
    return {keys[i][0]: keys[i][1] for i in used}


def _value_units(instance: Instance, rules: Rules) -> NDArray[np.int64]:
    """Each allowed pair's value (see `Rules.value`), in solver units."""
    scores = np.fromiter(instance.scores.values(), np.float64, len(instance.scores))
    bonus = np.fromiter(
        (rules.priority.get(y, 0.0) for y, _ in instance.scores), np.float64, len(instance.scores)
    )
    value = (rules.match_reward + scores) * (1.0 + rules.priority_weight * bonus)
    return np.rint(value * SCALE).astype(np.int64)


def _load_arcs(
    instance: Instance,
    rules: Rules,
    pair_heads_values: tuple[NDArray[np.int32], NDArray[np.int64]],
    mentor_node: Mapping[str, int],
    sink: int,
    weight: int,
) -> _Arcs:
    """Mentor -> sink: one arc of capacity 1 per place, the k-th costing `load_spread * (k - 1)`.

    Increasing costs make the flow fill a mentor's cheap arcs first, so the penalty is convex in
    the load. A mentor never needs more arcs than it has candidate youths, nor an arc whose
    penalty exceeds its best pair value: in an optimal solution, dropping that mentor's worst
    youth would then gain, so such an arc is never used (keeping the graph and costs small).
    """
    heads, values = pair_heads_values
    degree = np.bincount(heads, minlength=sink)  # candidate youths per mentor node
    best = np.zeros(sink, np.int64)  # best pair value per mentor node
    np.maximum.at(best, heads, values)

    tails: list[int] = []
    costs: list[int] = []
    for mentor, node in mentor_node.items():
        for k in range(min(instance.places[mentor], int(degree[node]))):
            penalty = round(rules.load_spread * k * SCALE)  # the (k + 1)-th youth
            if penalty > best[node]:
                break
            tails.append(node)
            costs.append(penalty * weight)
    return _unit_arcs(np.array(tails), np.full(len(tails), sink), np.array(costs))


def _unit_arcs(tails: NDArray[Any], heads: NDArray[Any], costs: NDArray[Any]) -> _Arcs:
    """Arcs of capacity 1, in the integer types OR-Tools wants."""
    return _Arcs(
        tails.astype(np.int32),
        heads.astype(np.int32),
        np.ones(len(tails), np.int64),
        costs.astype(np.int64),
    )


def _add(solver: min_cost_flow.SimpleMinCostFlow, arcs: _Arcs) -> NDArray[np.int32]:
    ids = solver.add_arcs_with_capacity_and_unit_cost(
        arcs.tails, arcs.heads, arcs.capacities, arcs.costs
    )
    return np.asarray(ids, np.int32)
