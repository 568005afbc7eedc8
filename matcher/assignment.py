"""Cohort assignment: give a whole cohort of youths their mentors at once.

The recommender ranks mentors for one youth at a time. When a platform opens a cohort, the
places of the best mentors are scarce, and first come, first served (`greedy_assignment`, what
platforms do today) spends them on whoever asks first. `optimal_assignment` instead solves the
cohort as one min-cost flow and maximises

    sum over matches of  (match_reward + score) * (1 + priority_weight * bonus)  -  load penalties

where a mentor's k-th youth adds `load_spread * (k - 1)` to the penalty. Among solutions with the
same objective it matches as many youths as possible.

The module is pure (no database, no I/O) so the service can run it, and staff edits can be
checked with `check_assignment` before they are published.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

__all__ = [
    "DEFAULT_RULES",
    "SCALE",
    "Assignment",
    "AssignmentStats",
    "Pair",
    "Rules",
    "check_assignment",
    "greedy_assignment",
    "objective",
    "optimal_assignment",
    "stats",
]

SCALE = 10_000
"""Costs are integers in the solver: values and penalties are multiplied by this and rounded."""


@dataclass(frozen=True)
class Pair:
    """An allowed (youth, mentor) pair and its match score in [0, 1]."""

    youth: str
    mentor: str
    score: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:  # also rejects NaN
            raise ValueError(
                f"score of {self.youth}->{self.mentor} must be in [0, 1]: {self.score}"
            )


@dataclass(frozen=True)
class Rules:
    """Platform settings of one cohort assignment.

    Attributes:
        cohort_cap: at most this many youths of this cohort per mentor, on top of capacity.
        priority: youth id -> bonus in [0, 1] (first-time or rural youths, for instance).
        match_reward: what matching a youth at all is worth, on top of its pair score. With
            the default 1 (scores are in [0, 1]), matching one more youth always beats a better
            score for another: nobody is left out to spread load or raise one pair's score.
        priority_weight: matching a youth is worth
            `(match_reward + score) * (1 + priority_weight * bonus)`.
        load_spread: a mentor's k-th youth costs `load_spread * (k - 1)`, so load spreads over
            mentors when scores are close; 0 turns it off.
    """

    cohort_cap: int | None = None
    priority: Mapping[str, float] = field(default_factory=dict)
    priority_weight: float = 0.5
    load_spread: float = 0.05
    match_reward: float = 1.0

    def __post_init__(self) -> None:
        if self.cohort_cap is not None and self.cohort_cap < 0:
            raise ValueError(f"cohort_cap must be >= 0 or None: {self.cohort_cap}")
        _require_non_negative("priority_weight", self.priority_weight)
        _require_non_negative("load_spread", self.load_spread)
        _require_non_negative("match_reward", self.match_reward)
        for youth, bonus in self.priority.items():
            if not 0.0 <= bonus <= 1.0:
                raise ValueError(f"priority bonus of {youth} must be in [0, 1]: {bonus}")
        # A frozen dataclass should not change because the caller's dict does.
        object.__setattr__(self, "priority", MappingProxyType(dict(self.priority)))

    def value(self, youth: str, score: float) -> float:
        """What matching `youth` on a pair with `score` is worth to the objective."""
        bonus = self.priority.get(youth, 0.0)
        return (self.match_reward + score) * (1.0 + self.priority_weight * bonus)

    def penalty(self, load: int) -> float:
        """Total load penalty of a mentor with `load` youths: 0 + 1 + ... + (load - 1) steps."""
        return self.load_spread * load * (load - 1) / 2


def _require_non_negative(name: str, number: float) -> None:
    if not (math.isfinite(number) and number >= 0):
        raise ValueError(f"{name} must be a finite number >= 0: {number}")


DEFAULT_RULES = Rules()
"""The rules used when none are given (a module constant: ruff's B008 forbids calls in defaults)."""


@dataclass(frozen=True)
class Assignment:
    """The outcome for one cohort.

    Attributes:
        matches: youth id -> mentor id.
        unmatched: the youths of the cohort left without a mentor, sorted.
    """

    matches: dict[str, str]
    unmatched: tuple[str, ...]


@dataclass(frozen=True)
class AssignmentStats:
    """Summary numbers of an assignment, for reports and for comparing with the greedy baseline.

    Attributes:
        total_score: sum of the raw pair scores of the matches (not the bonus-weighted value).
        matched_share: matched youths / cohort size (0 for an empty cohort).
        priority_matched_share: the same among youths with priority > 0; None when there are none.
        mean_score: mean raw score of the matches (0 when nobody is matched).
        load_min: fewest youths given to a mentor with free places.
        load_max: most youths given to a mentor with free places.
        load_std: population standard deviation of those loads.
        mentors_used: mentors given at least one youth.
    """

    total_score: float
    matched_share: float
    priority_matched_share: float | None
    mean_score: float
    load_min: int
    load_max: int
    load_std: float
    mentors_used: int


@dataclass(frozen=True)
class _Instance:
    """The cleaned-up problem both algorithms solve.

    Attributes:
        cohort: the cohort in the given order, duplicates removed.
        scores: allowed pairs (youth, mentor) -> score, sorted by (youth, mentor); only youths of
            the cohort and mentors with places.
        places: mentor -> places this cohort may take, `min(capacity, cohort_cap)`, all > 0.
    """

    cohort: tuple[str, ...]
    scores: dict[tuple[str, str], float]
    places: dict[str, int]


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
    instance = _prepare(youths, pairs, capacity, rules)
    matches = _solve_flow(instance, rules) if instance.scores else {}
    return _assignment(instance.cohort, matches)


def greedy_assignment(
    youths: Sequence[str],
    pairs: Iterable[Pair],
    capacity: Mapping[str, int],
    rules: Rules = DEFAULT_RULES,
) -> Assignment:
    """First come, first served: the baseline platforms use today.

    Youths in the given order each take their best-scoring mentor that still has a place (same
    capacity and cohort cap as `optimal_assignment`; ties go to the smaller mentor id). Priority
    and load spreading play no part: that is what the baseline lacks.

    Args:
        youths: the cohort, in arrival order.
        pairs: allowed pairs, as for `optimal_assignment`.
        capacity: mentor id -> free places, as for `optimal_assignment`.
        rules: only `cohort_cap` is used.

    Returns:
        The matches and the sorted unmatched youths.
    """
    instance = _prepare(youths, pairs, capacity, rules)
    places_left = dict(instance.places)
    ranked = _ranked_mentors(instance.scores)
    matches: dict[str, str] = {}
    for youth in instance.cohort:
        mentor = next((m for m in ranked.get(youth, ()) if places_left[m] > 0), None)
        if mentor is not None:
            matches[youth] = mentor
            places_left[mentor] -= 1
    return _assignment(instance.cohort, matches)


def objective(assignment: Assignment, pairs: Iterable[Pair], rules: Rules = DEFAULT_RULES) -> float:
    """Total value of the matches minus the load penalty: what `optimal_assignment` maximises.

    Args:
        assignment: the assignment to value.
        pairs: the allowed pairs (a pair given twice counts with its highest score).
        rules: priority bonuses and load spreading.

    Returns:
        The objective, in score units.

    Raises:
        ValueError: when a match is not an allowed pair.
    """
    scores = _best_scores(pairs)
    value = sum(
        rules.value(youth, _score_of(scores, youth, mentor))
        for youth, mentor in assignment.matches.items()
    )
    loads = Counter(assignment.matches.values())
    return value - sum(rules.penalty(load) for load in loads.values())


def check_assignment(
    assignment: Assignment,
    youths: Sequence[str],
    pairs: Iterable[Pair],
    capacity: Mapping[str, int],
    rules: Rules = DEFAULT_RULES,
) -> list[str]:
    """Every broken constraint of an assignment, e.g. after staff edited it by hand.

    Args:
        assignment: the assignment to check.
        youths: the cohort.
        pairs: the allowed pairs.
        capacity: mentor id -> free places.
        rules: only `cohort_cap` is checked; priority and load spreading are preferences.

    Returns:
        One readable message per problem, in a stable order; empty when the assignment is valid.
    """
    cohort = tuple(dict.fromkeys(youths))
    allowed = _best_scores(pairs).keys()
    return [
        *_check_youths(assignment, cohort),
        *_check_pairs(assignment, allowed),
        *_check_loads(assignment, capacity, rules.cohort_cap),
    ]


def stats(
    assignment: Assignment,
    youths: Sequence[str],
    pairs: Iterable[Pair],
    capacity: Mapping[str, int],
    rules: Rules = DEFAULT_RULES,
) -> AssignmentStats:
    """Summary numbers of a (valid) assignment.

    Args:
        assignment: the assignment to describe.
        youths: the cohort.
        pairs: the allowed pairs, for the scores.
        capacity: mentor id -> free places; loads are taken over mentors with places.
        rules: the priority youths.

    Returns:
        The stats.

    Raises:
        ValueError: when a match is not an allowed pair.
    """
    scores = _best_scores(pairs)
    cohort = tuple(dict.fromkeys(youths))
    matched = [y for y in cohort if y in assignment.matches]
    match_scores = [_score_of(scores, y, m) for y, m in assignment.matches.items()]
    prioritised = [y for y in cohort if rules.priority.get(y, 0.0) > 0]
    loads = _loads(assignment, capacity)
    return AssignmentStats(
        total_score=math.fsum(match_scores),
        matched_share=_share(len(matched), len(cohort)),
        priority_matched_share=(
            _share(sum(y in assignment.matches for y in prioritised), len(prioritised))
            if prioritised
            else None
        ),
        mean_score=math.fsum(match_scores) / len(match_scores) if match_scores else 0.0,
        load_min=int(loads.min()) if loads.size else 0,
        load_max=int(loads.max()) if loads.size else 0,
        load_std=float(loads.std()) if loads.size else 0.0,
        mentors_used=len(set(assignment.matches.values())),
    )


# --- preparing the instance ---------------------------------------------------------------------


def _prepare(
    youths: Sequence[str], pairs: Iterable[Pair], capacity: Mapping[str, int], rules: Rules
) -> _Instance:
    """Drop what cannot be matched and sort, so both algorithms see the same clean problem."""
    cohort = tuple(dict.fromkeys(youths))  # keeps arrival order for greedy
    places = _places(capacity, rules.cohort_cap)
    members = set(cohort)
    best = _best_scores(p for p in pairs if p.youth in members and p.mentor in places)
    scores = dict(sorted(best.items()))  # sorted ids: same graph, same answer, whatever the order
    used = {mentor for _, mentor in scores}
    return _Instance(cohort, scores, {m: n for m, n in sorted(places.items()) if m in used})


def _places(capacity: Mapping[str, int], cohort_cap: int | None) -> dict[str, int]:
    """Mentor -> places this cohort may take; a negative capacity (over-full mentor) is 0."""
    limit = math.inf if cohort_cap is None else cohort_cap
    places = {mentor: int(min(free, limit)) for mentor, free in capacity.items()}
    return {mentor: n for mentor, n in places.items() if n > 0}


def _best_scores(pairs: Iterable[Pair]) -> dict[tuple[str, str], float]:
    """(youth, mentor) -> score; a pair listed twice keeps its highest score."""
    best: dict[tuple[str, str], float] = {}
    for pair in pairs:
        key = (pair.youth, pair.mentor)
        best[key] = max(pair.score, best.get(key, pair.score))
    return best


def _score_of(scores: Mapping[tuple[str, str], float], youth: str, mentor: str) -> float:
    try:
        return scores[youth, mentor]
    except KeyError:
        raise ValueError(f"{youth} -> {mentor} is not an allowed pair") from None


def _ranked_mentors(scores: Mapping[tuple[str, str], float]) -> dict[str, list[str]]:
    """Youth -> their mentors, best score first, ties by mentor id."""
    ranked: dict[str, list[tuple[float, str]]] = {}
    for (youth, mentor), score in scores.items():
        ranked.setdefault(youth, []).append((-score, mentor))
    return {youth: [m for _, m in sorted(options)] for youth, options in ranked.items()}


def _assignment(cohort: Sequence[str], matches: dict[str, str]) -> Assignment:
    return Assignment(matches, tuple(sorted(y for y in cohort if y not in matches)))


# --- the min-cost flow --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Arcs:
    """Arcs to add in one vectorised call (OR-Tools wants int32 nodes and int64 numbers)."""

    tails: NDArray[np.int32]
    heads: NDArray[np.int32]
    capacities: NDArray[np.int64]
    costs: NDArray[np.int64]


def _solve_flow(instance: _Instance, rules: Rules) -> dict[str, str]:
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


def _value_units(instance: _Instance, rules: Rules) -> NDArray[np.int64]:
    """Each allowed pair's value (see `Rules.value`), in solver units."""
    scores = np.fromiter(instance.scores.values(), np.float64, len(instance.scores))
    bonus = np.fromiter(
        (rules.priority.get(y, 0.0) for y, _ in instance.scores), np.float64, len(instance.scores)
    )
    value = (rules.match_reward + scores) * (1.0 + rules.priority_weight * bonus)
    return np.rint(value * SCALE).astype(np.int64)


def _load_arcs(
    instance: _Instance,
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


# --- checks and stats ---------------------------------------------------------------------------


def _check_youths(assignment: Assignment, cohort: Sequence[str]) -> list[str]:
    """Every youth of the cohort exactly once, in `matches` or in `unmatched`; nobody else."""
    members = set(cohort)
    problems = [
        f"youth {y} is matched to {m} but is not in the cohort"
        for y, m in sorted(assignment.matches.items())
        if y not in members
    ]
    listed = Counter(assignment.unmatched)
    for youth, times in sorted(listed.items()):
        if youth not in members:
            problems.append(f"youth {youth} is listed as unmatched but is not in the cohort")
        if youth in assignment.matches:
            mentor = assignment.matches[youth]
            problems.append(f"youth {youth} is matched to {mentor} and also listed as unmatched")
        if times > 1:
            problems.append(f"youth {youth} is listed as unmatched {times} times")
    problems += [
        f"youth {y} of the cohort is neither matched nor listed as unmatched"
        for y in sorted(members)
        if y not in assignment.matches and y not in listed
    ]
    if list(assignment.unmatched) != sorted(assignment.unmatched):
        problems.append("unmatched youths are not sorted")
    return problems


def _check_pairs(assignment: Assignment, allowed: Container[tuple[str, str]]) -> list[str]:
    return [
        f"{youth} -> {mentor} is not an allowed pair"
        for youth, mentor in sorted(assignment.matches.items())
        if (youth, mentor) not in allowed
    ]


def _check_loads(
    assignment: Assignment, capacity: Mapping[str, int], cohort_cap: int | None
) -> list[str]:
    problems = []
    for mentor, load in sorted(Counter(assignment.matches.values()).items()):
        free = max(capacity.get(mentor, 0), 0)
        if load > free:
            problems.append(f"mentor {mentor} has {load} youths but only {free} free places")
        if cohort_cap is not None and load > cohort_cap:
            problems.append(f"mentor {mentor} has {load} youths, over the cohort cap {cohort_cap}")
    return problems


def _loads(assignment: Assignment, capacity: Mapping[str, int]) -> NDArray[np.int64]:
    """Youths given to each mentor that has free places, in mentor id order."""
    counts = Counter(assignment.matches.values())
    mentors = sorted(m for m, free in capacity.items() if free > 0)
    return np.array([counts[m] for m in mentors], np.int64)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
