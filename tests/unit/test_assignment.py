"""Cohort assignment: optimal beats first come, first served, and never breaks a constraint."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.graph.python import min_cost_flow
from scipy.optimize import linear_sum_assignment

from matcher.assignment import (
    SCALE,
    Assignment,
    Pair,
    Rules,
    check_assignment,
    greedy_assignment,
    objective,
    optimal_assignment,
    stats,
)
from matcher.assignment import solver as module

# Most cases here are about scores, priority and load alone, so matching a youth is worth
# nothing on top of its score (match_reward=0); the default reward has its own tests below.
_Rules = Rules


def Rules(**kwargs: Any) -> _Rules:  # noqa: N802 - stands in for the class
    return _Rules(**({"match_reward": 0.0} | kwargs))


NO_SPREAD = Rules(load_spread=0.0)


@dataclass(frozen=True)
class Case:
    """A random cohort: what both algorithms and every check take."""

    youths: list[str]
    pairs: list[Pair]
    capacity: dict[str, int]
    rules: Rules

    def optimal(self) -> Assignment:
        return optimal_assignment(self.youths, self.pairs, self.capacity, self.rules)

    def greedy(self) -> Assignment:
        return greedy_assignment(self.youths, self.pairs, self.capacity, self.rules)

    def places(self, mentor: str) -> int:
        cap = self.rules.cohort_cap
        free = max(self.capacity.get(mentor, 0), 0)
        return free if cap is None else min(free, cap)


@st.composite
def cases(draw: st.DrawFn, max_youths: int = 12, max_mentors: int = 5, plain: bool = False) -> Case:
    """Random youths, mentors, allowed pairs, capacities and rules.

    Scores come partly from a coarse grid so that ties happen. `plain` cases have no priority and
    no load spreading: there the objective is a plain maximum-weight matching.
    """
    youths = [f"y{i}" for i in range(draw(st.integers(0, max_youths)))]
    mentors = [f"m{j}" for j in range(draw(st.integers(1, max_mentors)))]
    capacity = {
        m: c for m in mentors if (c := draw(st.one_of(st.none(), st.integers(-1, 3)))) is not None
    }
    score = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), st.floats(0, 1))
    pairs = [
        Pair(y, m, s)
        for y in youths
        for m in mentors
        if (s := draw(st.one_of(st.none(), score))) is not None
    ]
    pairs.append(Pair("stranger", mentors[0], 1.0))  # a youth outside the cohort: ignored
    if youths:
        pairs.append(Pair(youths[0], "ghost", 1.0))  # a mentor without capacity: ignored
    cohort_cap = draw(st.one_of(st.none(), st.integers(0, 3)))
    if plain:
        rules = Rules(cohort_cap=cohort_cap, load_spread=0.0)
    else:
        rules = Rules(
            cohort_cap=cohort_cap,
            priority={y: draw(st.floats(0, 1)) for y in youths if draw(st.booleans())},
            priority_weight=draw(st.floats(0, 1)),
            load_spread=draw(st.one_of(st.sampled_from([0.0, 0.05, 0.25]), st.floats(0, 0.5))),
        )
    return Case(draw(st.permutations(youths)), pairs, capacity, rules)


def _tolerance(case: Case) -> float:
    """Costs are rounded to 1/SCALE: per youth, a value and a load step on each side."""
    return 2 * len(case.youths) / SCALE + 1e-9


# --- hand-made cases ----------------------------------------------------------------------------


def test_greedy_gives_the_first_youth_its_best_mentor_and_optimal_matches_both() -> None:
    pairs = [Pair("a", "m1", 0.9), Pair("a", "m2", 0.8), Pair("b", "m1", 0.7)]
    capacity = {"m1": 1, "m2": 1}

    greedy = greedy_assignment(["a", "b"], pairs, capacity, NO_SPREAD)
    optimal = optimal_assignment(["a", "b"], pairs, capacity, NO_SPREAD)

    assert greedy == Assignment({"a": "m1"}, ("b",))
    assert optimal == Assignment({"a": "m2", "b": "m1"}, ())
    assert objective(optimal, pairs, NO_SPREAD) == pytest.approx(1.5)
    assert objective(greedy, pairs, NO_SPREAD) == pytest.approx(0.9)


def test_greedy_follows_the_given_order_of_youths() -> None:
    pairs = [Pair("a", "m", 0.9), Pair("b", "m", 0.7)]
    assert greedy_assignment(["b", "a"], pairs, {"m": 1}).matches == {"b": "m"}
    assert greedy_assignment(["a", "b"], pairs, {"m": 1}).matches == {"a": "m"}


def test_greedy_breaks_score_ties_by_mentor_id() -> None:
    pairs = [Pair("a", "m2", 0.5), Pair("a", "m1", 0.5)]
    assert greedy_assignment(["a"], pairs, {"m1": 1, "m2": 1}).matches == {"a": "m1"}


def test_cohort_cap_limits_a_mentor_below_its_capacity_and_keeps_the_best_youths() -> None:
    youths = ["a", "b", "c", "d"]
    pairs = [Pair(y, "m", s) for y, s in zip(youths, [0.2, 0.9, 0.4, 0.8], strict=True)]
    rules = Rules(cohort_cap=2, load_spread=0.0)

    optimal = optimal_assignment(youths, pairs, {"m": 5}, rules)
    greedy = greedy_assignment(youths, pairs, {"m": 5}, rules)

    assert optimal == Assignment({"b": "m", "d": "m"}, ("a", "c"))
    assert greedy == Assignment({"a": "m", "b": "m"}, ("c", "d"))


def test_capacity_limits_a_mentor_below_the_cohort_cap() -> None:
    pairs = [Pair(y, "m", 0.5) for y in "abc"]
    result = optimal_assignment(list("abc"), pairs, {"m": 1}, Rules(cohort_cap=3))
    assert len(result.matches) == 1


def test_a_priority_youth_takes_the_last_place_when_scores_tie() -> None:
    pairs = [Pair("a", "m", 0.6), Pair("b", "m", 0.6)]
    rules = Rules(priority={"b": 1.0})
    assert optimal_assignment(["a", "b"], pairs, {"m": 1}, rules).matches == {"b": "m"}


def test_priority_outweighs_a_slightly_better_score_but_not_a_much_better_one() -> None:
    capacity = {"m": 1}
    rules = Rules(priority={"b": 1.0}, priority_weight=0.5)
    close = [Pair("a", "m", 0.7), Pair("b", "m", 0.6)]  # b is worth 0.6 * 1.5 = 0.9 > 0.7
    far = [Pair("a", "m", 0.95), Pair("b", "m", 0.6)]  # 0.9 < 0.95

    assert optimal_assignment(["a", "b"], close, capacity, rules).matches == {"b": "m"}
    assert optimal_assignment(["a", "b"], close, capacity).matches == {"a": "m"}
    assert optimal_assignment(["a", "b"], far, capacity, rules).matches == {"a": "m"}


def test_load_spread_shares_youths_between_mentors_when_scores_are_close() -> None:
    pairs = [Pair(y, m, s) for y in "ab" for m, s in (("m1", 0.80), ("m2", 0.78))]
    capacity = {"m1": 2, "m2": 2}

    spread = optimal_assignment(["a", "b"], pairs, capacity, Rules(load_spread=0.05))
    packed = optimal_assignment(["a", "b"], pairs, capacity, NO_SPREAD)

    assert sorted(spread.matches.values()) == ["m1", "m2"]
    assert packed.matches == {"a": "m1", "b": "m1"}


def test_load_spread_shares_youths_when_scores_tie() -> None:
    youths = [f"y{i}" for i in range(6)]
    pairs = [Pair(y, m, 0.5) for y in youths for m in ("m1", "m2", "m3")]
    result = optimal_assignment(youths, pairs, {"m1": 6, "m2": 6, "m3": 6})
    assert Counter(result.matches.values()) == {"m1": 2, "m2": 2, "m3": 2}


def test_a_youth_is_left_unmatched_rather_than_cost_more_load_penalty_than_it_is_worth() -> None:
    pairs = [Pair("a", "m", 0.1), Pair("b", "m", 0.1)]
    rules = Rules(load_spread=0.5)  # the second youth would add 0.1 - 0.5 < 0
    result = optimal_assignment(["a", "b"], pairs, {"m": 2}, rules)
    assert len(result.matches) == 1
    assert objective(result, pairs, rules) == pytest.approx(0.1)


def test_when_the_objective_ties_more_youths_are_matched() -> None:
    zero = [Pair("a", "m", 0.0)]
    assert optimal_assignment(["a"], zero, {"m": 1}).matches == {"a": "m"}
    even = [Pair("a", "m", 0.5), Pair("b", "m", 0.5)]  # the second youth adds 0.5 - 0.5 = 0
    result = optimal_assignment(["a", "b"], even, {"m": 2}, Rules(load_spread=0.5))
    assert result == Assignment({"a": "m", "b": "m"}, ())


def test_mentors_without_free_places_and_pairs_outside_the_cohort_are_ignored() -> None:
    pairs = [
        Pair("a", "full", 1.0),
        Pair("a", "over", 1.0),
        Pair("a", "unknown", 1.0),
        Pair("stranger", "m", 1.0),
        Pair("a", "m", 0.1),
        Pair("b", "full", 1.0),
    ]
    capacity = {"full": 0, "over": -2, "m": 1}
    for solve in (optimal_assignment, greedy_assignment):
        assert solve(["b", "a"], pairs, capacity) == Assignment({"a": "m"}, ("b",))


def test_a_pair_given_twice_counts_with_its_best_score() -> None:
    pairs = [Pair("a", "m", 0.2), Pair("a", "m", 0.9)]
    result = optimal_assignment(["a"], pairs, {"m": 1})
    assert stats(result, ["a"], pairs, {"m": 1}).total_score == pytest.approx(0.9)


def test_an_empty_cohort_or_no_pairs_leaves_everyone_unmatched() -> None:
    assert optimal_assignment([], [], {"m": 1}) == Assignment({}, ())
    assert optimal_assignment(["b", "a"], [], {"m": 1}) == Assignment({}, ("a", "b"))
    assert greedy_assignment(["b", "a"], [], {}) == Assignment({}, ("a", "b"))


def test_the_result_does_not_depend_on_the_order_of_the_input() -> None:
    rng = random.Random(7)
    youths = [f"y{i:02d}" for i in range(40)]
    mentors = [f"m{j}" for j in range(8)]
    pairs = [Pair(y, m, rng.choice([0.25, 0.5, 0.75])) for y in youths for m in mentors]
    capacity = dict.fromkeys(mentors, 3)
    first = optimal_assignment(youths, pairs, capacity)

    rng.shuffle(youths)
    rng.shuffle(pairs)
    shuffled_capacity = dict(sorted(capacity.items(), reverse=True))
    assert optimal_assignment(youths, pairs, shuffled_capacity) == first


def test_a_solver_status_other_than_optimal_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    class FailingSolver:
        def __init__(self) -> None:
            self._real = min_cost_flow.SimpleMinCostFlow()

        def __getattr__(self, name: str) -> Any:
            return getattr(self._real, name)

        def solve(self) -> Any:
            return self._real.INFEASIBLE

    monkeypatch.setattr(module, "min_cost_flow", SimpleNamespace(SimpleMinCostFlow=FailingSolver))
    with pytest.raises(RuntimeError, match="INFEASIBLE"):
        optimal_assignment(["a"], [Pair("a", "m", 0.5)], {"m": 1})


# --- inputs, objective and stats ----------------------------------------------------------------


@pytest.mark.parametrize("score", [-0.1, 1.1, float("nan")])
def test_a_pair_score_outside_zero_to_one_is_refused(score: float) -> None:
    with pytest.raises(ValueError, match="score"):
        Pair("a", "m", score)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cohort_cap": -1},
        {"priority": {"a": 1.5}},
        {"priority_weight": -0.1},
        {"load_spread": float("inf")},
    ],
)
def test_rules_out_of_range_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Rules(**kwargs)


def test_rules_keep_their_own_copy_of_the_priorities() -> None:
    priority = {"a": 1.0}
    rules = Rules(priority=priority)
    priority["b"] = 1.0
    assert dict(rules.priority) == {"a": 1.0}


def test_objective_is_value_with_priority_bonus_minus_convex_load_penalty() -> None:
    pairs = [Pair("a", "m", 0.8), Pair("b", "m", 0.4), Pair("c", "m", 0.6)]
    rules = Rules(priority={"a": 0.5}, priority_weight=0.5, load_spread=0.1)
    result = Assignment({"a": "m", "b": "m", "c": "m"}, ())
    # 0.8 * 1.25 + 0.4 + 0.6 - (0 + 0.1 + 0.2)
    assert objective(result, pairs, rules) == pytest.approx(1.7)


def test_objective_refuses_a_match_that_is_not_an_allowed_pair() -> None:
    with pytest.raises(ValueError, match="not an allowed pair"):
        objective(Assignment({"a": "m"}, ()), [], Rules())


def test_stats_describe_scores_shares_and_loads() -> None:
    youths = ["a", "b", "c", "d"]
    pairs = [Pair("a", "m1", 0.9), Pair("b", "m1", 0.5), Pair("c", "m2", 0.7)]
    capacity = {"m1": 2, "m2": 1, "m3": 1, "gone": 0}
    rules = Rules(priority={"c": 1.0, "d": 0.5, "e": 1.0})
    result = Assignment({"a": "m1", "b": "m1", "c": "m2"}, ("d",))

    summary = stats(result, youths, pairs, capacity, rules)

    assert summary.total_score == pytest.approx(2.1)
    assert summary.matched_share == pytest.approx(0.75)
    assert summary.priority_matched_share == pytest.approx(0.5)  # c yes, d no; e is not in it
    assert summary.mean_score == pytest.approx(0.7)
    assert (summary.load_min, summary.load_max) == (0, 2)  # m3 has places but nobody
    assert summary.load_std == pytest.approx(float(np.std([2, 1, 0])))
    assert summary.mentors_used == 2


def test_stats_of_nobody_matched_are_zero_and_no_priority_is_none() -> None:
    summary = stats(Assignment({}, ()), [], [], {})
    assert summary.matched_share == summary.mean_score == summary.load_std == 0.0
    assert summary.priority_matched_share is None
    assert summary.load_min == summary.load_max == summary.mentors_used == 0


# --- check_assignment ---------------------------------------------------------------------------

CHECK_YOUTHS = ["a", "b", "c"]
CHECK_PAIRS = [Pair("a", "m1", 0.5), Pair("b", "m1", 0.5), Pair("c", "m2", 0.5)]
CHECK_CAPACITY = {"m1": 2, "m2": 1}


def test_check_accepts_a_valid_assignment() -> None:
    valid = Assignment({"a": "m1", "b": "m1"}, ("c",))
    assert check_assignment(valid, CHECK_YOUTHS, CHECK_PAIRS, CHECK_CAPACITY, Rules()) == []


@pytest.mark.parametrize(
    ("matches", "unmatched", "rules", "expected"),
    [
        ({"a": "m2"}, ("b", "c"), Rules(), "a -> m2 is not an allowed pair"),
        ({"a": "m1", "b": "m1"}, ("c",), Rules(cohort_cap=1), "over the cohort cap 1"),
        ({"a": "m1", "b": "m1"}, ("c",), Rules(), None),  # control: fine without the cap
        ({"a": "m1", "x": "m1"}, ("b", "c"), Rules(), "youth x is matched to m1 but is not in"),
        ({"a": "m1"}, ("b", "c", "x"), Rules(), "youth x is listed as unmatched but is not in"),
        ({"a": "m1"}, ("a", "b", "c"), Rules(), "matched to m1 and also listed as unmatched"),
        ({"a": "m1"}, ("b", "b", "c"), Rules(), "youth b is listed as unmatched 2 times"),
        ({"a": "m1"}, ("b",), Rules(), "youth c of the cohort is neither matched nor listed"),
        ({"a": "m1"}, ("c", "b"), Rules(), "unmatched youths are not sorted"),
    ],
)
def test_check_names_each_broken_constraint(
    matches: dict[str, str], unmatched: tuple[str, ...], rules: Rules, expected: str | None
) -> None:
    problems = check_assignment(
        Assignment(matches, unmatched), CHECK_YOUTHS, CHECK_PAIRS, CHECK_CAPACITY, rules
    )
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


def test_check_names_a_mentor_over_capacity_or_without_places() -> None:
    pairs = [*CHECK_PAIRS, Pair("c", "m1", 0.5), Pair("a", "m3", 0.5)]
    over = Assignment({"a": "m1", "b": "m1", "c": "m1"}, ())
    absent = Assignment({"a": "m3"}, ("b", "c"))
    assert check_assignment(over, CHECK_YOUTHS, pairs, CHECK_CAPACITY, Rules()) == [
        "mentor m1 has 3 youths but only 2 free places"
    ]
    assert check_assignment(absent, CHECK_YOUTHS, pairs, CHECK_CAPACITY, Rules()) == [
        "mentor m3 has 1 youths but only 0 free places"
    ]


# --- properties on random cohorts ---------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(cases())
def test_optimal_and_greedy_never_break_a_constraint(case: Case) -> None:
    for result in (case.optimal(), case.greedy()):
        assert check_assignment(result, case.youths, case.pairs, case.capacity, case.rules) == []


@settings(max_examples=200, deadline=None)
@given(cases())
def test_optimal_is_never_worse_than_greedy_on_the_objective(case: Case) -> None:
    optimal = objective(case.optimal(), case.pairs, case.rules)
    greedy = objective(case.greedy(), case.pairs, case.rules)
    assert optimal >= greedy - _tolerance(case)


@settings(max_examples=200, deadline=None)
@given(cases())
def test_greedy_leaves_a_youth_unmatched_only_when_all_its_mentors_are_full(case: Case) -> None:
    result = case.greedy()
    loads = Counter(result.matches.values())
    for youth in result.unmatched:
        mentors = {p.mentor for p in case.pairs if p.youth == youth}
        assert all(loads[m] >= case.places(m) for m in mentors)


@settings(max_examples=150, deadline=None)
@given(cases(max_youths=6, max_mentors=3, plain=True))
def test_optimal_equals_a_maximum_weight_matching_without_priority_or_spread(case: Case) -> None:
    result = case.optimal()
    assert objective(result, case.pairs, case.rules) == pytest.approx(
        _max_weight_matching(case), abs=1e-3
    )


@settings(max_examples=150, deadline=None)
@given(cases(max_youths=6, max_mentors=3))
def test_optimal_equals_brute_force_with_priority_and_spread(case: Case) -> None:
    result = case.optimal()
    assert objective(result, case.pairs, case.rules) == pytest.approx(
        _brute_force(case), abs=_tolerance(case)
    )


@settings(max_examples=100, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_optimal_is_the_same_for_shuffled_input(case: Case, rng: random.Random) -> None:
    pairs, capacity = list(case.pairs), list(case.capacity.items())
    rng.shuffle(pairs)
    rng.shuffle(capacity)
    shuffled = optimal_assignment(case.youths[::-1], pairs, dict(capacity), case.rules)
    assert shuffled == case.optimal()


# --- reference solutions ------------------------------------------------------------------------


def _allowed(case: Case) -> dict[tuple[str, str], float]:
    """The pairs the algorithms may use: cohort youths, mentors with places, best score."""
    cohort = set(case.youths)
    best: dict[tuple[str, str], float] = {}
    for p in case.pairs:
        if p.youth in cohort and case.places(p.mentor) > 0:
            best[p.youth, p.mentor] = max(p.score, best.get((p.youth, p.mentor), 0.0))
    return best


def _max_weight_matching(case: Case) -> float:
    """Hungarian algorithm on youths x mentor place copies; a forbidden cell is worth nothing.

    Scores are >= 0, so putting a youth on a worthless cell is the same as leaving it unmatched.
    """
    allowed = _allowed(case)
    seats = [m for m in sorted(case.capacity) for _ in range(case.places(m))]
    if not case.youths or not seats:
        return 0.0
    weight = np.array([[allowed.get((y, m), 0.0) for m in seats] for y in case.youths])
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return float(weight[rows, cols].sum())


def _brute_force(case: Case) -> float:
    """Best objective over every way to give each youth one allowed mentor or none."""
    allowed = _allowed(case)
    options: list[Sequence[str | None]] = [
        [None, *sorted(m for (y, m) in allowed if y == youth)] for youth in case.youths
    ]
    best = 0.0
    for choice in itertools.product(*options):
        loads = Counter(m for m in choice if m is not None)
        if all(load <= case.places(m) for m, load in loads.items()):
            best = max(best, _value(case.rules, case.youths, choice, allowed, loads))
    return best


def _value(
    rules: Rules,
    youths: Sequence[str],
    choice: Sequence[str | None],
    allowed: Mapping[tuple[str, str], float],
    loads: Mapping[str, int],
) -> float:
    """The objective written out again, independently of the module's `objective`."""
    value = sum(
        allowed[y, m] * (1 + rules.priority_weight * rules.priority.get(y, 0.0))
        for y, m in zip(youths, choice, strict=True)
        if m is not None
    )
    penalty = sum(
        rules.load_spread * (k - 1) for load in loads.values() for k in range(1, load + 1)
    )
    return value - penalty


def test_the_default_reward_matches_one_more_youth_before_raising_scores_or_spreading_load() -> (
    None
):
    pairs = [Pair("a", "m", 0.9), Pair("b", "m", 0.05)]
    spread_hard = _Rules(load_spread=0.5)  # the second youth costs more than its score
    assert optimal_assignment(["a", "b"], pairs, {"m": 2}, spread_hard).matches == {
        "a": "m",
        "b": "m",
    }
    assert optimal_assignment(["a", "b"], pairs, {"m": 2}, Rules(load_spread=0.5)).matches == {
        "a": "m"
    }


def test_with_the_default_reward_a_priority_youth_takes_the_last_place() -> None:
    pairs = [Pair("a", "m", 0.9), Pair("b", "m", 0.4)]
    rules = _Rules(priority={"b": 1.0}, priority_weight=0.5)
    assert optimal_assignment(["a", "b"], pairs, {"m": 1}, rules).matches == {"b": "m"}
