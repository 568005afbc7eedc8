"""Event schedules: hand-made cases with a known optimum, and properties on random events."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matcher.scheduling import (
    Attendee,
    Meeting,
    PairValue,
    Problem,
    Schedule,
    Seat,
    greedy_schedule,
    match_value,
    meetings_of,
    objective,
    random_schedule,
    schedule,
    stats,
    synthetic_problem,
    upper_bound,
    violations,
)
from matcher.scheduling.rounds import match_by_round

FAST = 2.0  # seconds: small events are solved to optimality well within this
PROPERTIES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def event(
    rounds: int,
    people: str,
    pairs: dict[str, float],
    *,
    must: tuple[str, ...] = (),
    limit: int | None = None,
    **options: Any,
) -> Problem:
    """A small event: attendees named by one letter, available in every round.

    `pairs` maps "ab" to the value of pair a-b; `must` lists must-meet pairs the same way.
    """
    attendees = tuple(
        Attendee(who, frozenset(range(rounds)), rounds if limit is None else limit)
        for who in people
    )
    allowed = tuple(PairValue(ab[0], ab[1], value, ab in must) for ab, value in pairs.items())
    return Problem(rounds=rounds, attendees=attendees, pairs=allowed, **options)


def pairs_met(problem: Problem, s: Schedule) -> set[str]:
    return {m.a + m.b for m in meetings_of(problem, s)}


# Hand-made cases with a known optimum.


def test_greedy_takes_the_top_pair_and_blocks_two_the_optimiser_does_not() -> None:
    problem = event(1, "abcd", {"ab": 1.0, "ac": 0.9, "bd": 0.9}, fairness_weight=0.0)
    greedy = greedy_schedule(problem)
    best = schedule(problem, time_limit_s=FAST)
    assert pairs_met(problem, greedy) == {"ab"}
    assert match_value(problem, greedy) == pytest.approx(1.0)
    assert pairs_met(problem, best) == {"ac", "bd"}
    assert match_value(problem, best) == pytest.approx(1.8)
    assert (best.solver, best.status) == ("cp-sat", "OPTIMAL")
    assert upper_bound(problem) == pytest.approx(1.8, abs=1e-6)  # the LP is exact here


def test_fairness_gives_everybody_a_meeting_at_some_cost_in_value() -> None:
    pairs = {"ab": 1.0, "ac": 0.4, "bd": 0.4}  # c and d can only meet a and b
    unfair = event(1, "abcd", pairs, fairness_weight=0.0)
    fair = event(1, "abcd", pairs, fairness_weight=0.5)
    assert pairs_met(unfair, schedule(unfair, time_limit_s=FAST)) == {"ab"}
    best = schedule(fair, time_limit_s=FAST)
    assert pairs_met(fair, best) == {"ac", "bd"}
    assert stats(fair, best).meetings_min == 1 > stats(fair, greedy_schedule(fair)).meetings_min
    assert objective(fair, best) == pytest.approx(0.8 + 0.5 * 4 * 1)


def test_a_must_meet_pair_wins_over_a_better_plain_pair() -> None:
    problem = event(1, "abc", {"ab": 0.9, "ac": 0.5}, must=("ac",), fairness_weight=0.0)
    best = schedule(problem, time_limit_s=FAST)
    assert pairs_met(problem, best) == {"ac"}
    assert match_value(problem, best) == pytest.approx(1.5)
    assert stats(problem, best).must_meet_met == stats(problem, best).must_meet_total == 1


def test_limits_and_availability_are_respected() -> None:
    attendees = (
        Attendee("a", frozenset({0, 1, 2}), 2),
        Attendee("b", frozenset({0}), 3),
        Attendee("c", frozenset({1, 2}), 3),
        Attendee("d", frozenset({2}), 1),
    )
    pairs = tuple(PairValue(a, b, 1.0) for a, b in ("ab", "ac", "ad", "bc", "bd", "cd"))
    problem = Problem(rounds=3, attendees=attendees, pairs=pairs, fairness_weight=0.0)
    best = schedule(problem, time_limit_s=FAST)
    assert violations(problem, best) == []
    # slot 0 holds only a and b, slot 1 only a and c; a meets twice at most: a-b, a-c, c-d
    assert match_value(problem, best) == pytest.approx(3.0)
    assert match_value(problem, best) <= upper_bound(problem) + 1e-6


def test_tables_seat_friends_together_and_fairness_splits_them() -> None:
    pairs = {"ab": 0.9, "ac": 0.9, "bc": 0.9, "bd": 0.5, "cd": 0.1}  # a and d: no thanks
    for weight, best_value, seated in ((0.0, 2.7, {"ab", "ac", "bc"}), (0.5, 1.4, {"ac", "bd"})):
        problem = event(1, "abcd", pairs, table_size=3, tables=2, fairness_weight=weight)
        best = schedule(problem, time_limit_s=FAST)
        assert violations(problem, best) == []
        assert pairs_met(problem, best) == seated
        assert match_value(problem, best) == pytest.approx(best_value)
        assert best.solver == "local-search"


def test_re_scheduling_keeps_the_meetings_of_those_still_there() -> None:
    problem = synthetic_problem(8, 3, pairs_per_attendee=5, seed=3)
    first = schedule(problem, time_limit_s=FAST)
    gone = problem.attendees[0].id
    again = _without(problem, gone, keep=first.meetings)
    second = schedule(again, time_limit_s=FAST)
    assert first.status == second.status == "OPTIMAL"
    assert violations(again, second) == []
    still = {m for m in first.meetings if gone not in (m.a, m.b)}
    assert still <= set(second.meetings)


def test_table_re_scheduling_keeps_who_sat_with_whom() -> None:
    problem = synthetic_problem(12, 2, pairs_per_attendee=None, table_size=4, seed=1)
    first = schedule(problem, time_limit_s=FAST)
    gone = first.seats[0].attendee
    again = _without(problem, gone, keep=meetings_of(problem, first))
    second = schedule(again, time_limit_s=FAST)
    assert violations(again, second) == []
    still = {m for m in meetings_of(problem, first) if gone not in (m.a, m.b)}
    assert still <= set(meetings_of(again, second))


def test_on_a_synthetic_event_the_optimiser_serves_the_least_served_better() -> None:
    problem = synthetic_problem(60, 6, seed=2)
    best, greedy = schedule(problem, time_limit_s=FAST), greedy_schedule(problem)
    assert violations(problem, best) == []
    assert stats(problem, best).meetings_min >= stats(problem, greedy).meetings_min
    assert objective(problem, best) >= objective(problem, greedy)


# Violations: every broken hard constraint is reported.


def test_violations_of_one_to_one_meetings_are_all_reported() -> None:
    attendees = (
        Attendee("a", frozenset({0, 1}), 1),
        Attendee("b", frozenset({0, 1}), 2),
        Attendee("c", frozenset({1}), 2),
    )
    problem = Problem(
        rounds=2, attendees=attendees, pairs=(PairValue("a", "b", 0.5), PairValue("b", "c", 0.5))
    )
    bad = Schedule(
        meetings=(
            Meeting("b", "a", 0),  # fine alone...
            Meeting("a", "b", 1),  # ...but the pair meets twice and a is over the limit
            Meeting("a", "c", 1),  # no-thanks pair, and a is double-booked in slot 1
            Meeting("b", "c", 0),  # c is not available in slot 0, b double-booked in slot 0
            Meeting("b", "z", 1),  # unknown attendee
            Meeting("a", "b", 5),  # slot out of range
        )
    )
    found = "\n".join(violations(problem, bad))
    for expected in (
        "pair a-b meets 3 times",
        "a has 4 meetings, limit 1",
        "pair a-c is not allowed",
        "a is booked 2 times in slot 1",
        "b is booked 2 times in slot 0",
        "c is not available in slot 0",
        "z is not an attendee",
        "slot 5, outside 0..1",
    ):
        assert expected in found
    assert violations(problem, Schedule(meetings=(Meeting("a", "b", 0),))) == []


def test_violations_of_tables_are_all_reported() -> None:
    attendees = tuple(Attendee(who, frozenset({0, 1}), 1) for who in "abcd")
    pairs = tuple(PairValue(a, b, 0.5) for a, b in ("ab", "ac", "bc", "bd", "cd"))
    problem = Problem(rounds=2, attendees=attendees, pairs=pairs, table_size=2, tables=2)
    bad = Schedule(
        meetings=(Meeting("a", "b", 0),),
        seats=(
            Seat("a", 0, 0),
            Seat("b", 0, 0),
            Seat("c", 0, 0),  # over size
            Seat("a", 1, 1),
            Seat("b", 1, 1),  # a and b again, a over its one round
            Seat("a", 1, 0),
            Seat("d", 1, 0),  # a twice in slot 1; a-d not allowed
            Seat("c", 1, 7),  # no such table
        ),
    )
    found = "\n".join(violations(problem, bad))
    for expected in (
        "one-to-one meetings given for a table event",
        "table 0 in slot 0 seats 3, more than 2",
        "a and b share a table 2 times",
        "a and d seated together at table 0 in slot 1: pair not allowed",
        "a is seated 2 times in slot 1",
        "a has 2 rounds seated, limit 1",
        "c is at table 7 in slot 1",
    ):
        assert expected in found
    good = Schedule(meetings=(), seats=(Seat("a", 0, 1), Seat("b", 0, 1), Seat("c", 1, 0)))
    assert violations(problem, good) == []


def test_problems_are_checked_and_pairs_normalised() -> None:
    assert PairValue("z", "a", 0.3) == PairValue("a", "z", 0.3)
    assert Meeting("z", "a", 0).a == "a"
    with pytest.raises(ValueError):
        PairValue("a", "b", 1.5)
    with pytest.raises(ValueError):
        event(1, "aa", {})
    with pytest.raises(ValueError):
        event(1, "ab", {"ac": 0.5})
    with pytest.raises(ValueError):
        Problem(rounds=1, attendees=(Attendee("a", frozenset({3}), 1),), pairs=())


def test_synthetic_events_are_reproducible_and_shaped_as_asked() -> None:
    problem = synthetic_problem(200, 8, seed=5)
    assert problem == synthetic_problem(200, 8, seed=5)
    assert 0.8 * 200 * 20 / 2 <= len(problem.pairs) <= 1.2 * 200 * 20 / 2
    musts = sum(pair.must_meet for pair in problem.pairs)
    assert 200 <= musts <= 200 * 4
    partial = sum(len(a.slots) < 8 for a in problem.attendees)
    assert 10 <= partial <= 50
    tables = synthetic_problem(30, 3, pairs_per_attendee=None, table_size=5)
    assert len(tables.pairs) > 0.9 * 30 * 29 / 2 and tables.table_count == 6


# Properties on random small events, both formats.


@st.composite
def problems(draw: st.DrawFn, *, tables: bool | None = None) -> Problem:
    rounds = draw(st.integers(1, 4))
    names = [f"p{i}" for i in range(draw(st.integers(2, 10)))]
    attendees = tuple(
        Attendee(
            name,
            frozenset(draw(st.sets(st.integers(0, rounds - 1)))),
            draw(st.integers(0, rounds)),
        )
        for name in names
    )
    pairs = tuple(
        PairValue(a, b, draw(st.integers(0, 100)) / 100, draw(st.booleans()))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if draw(st.integers(0, 9)) < 6  # about 40 % no-thanks or past meetings
    )
    keep = tuple(
        Meeting(a, b, slot)
        for a, b, slot in draw(
            st.lists(
                st.tuples(st.sampled_from(names), st.sampled_from(names), st.integers(0, 3)),
                max_size=4,
            )
        )
        if a != b and slot < rounds
    )
    use_tables = draw(st.booleans()) if tables is None else tables
    return Problem(
        rounds=rounds,
        attendees=attendees,
        pairs=pairs,
        table_size=draw(st.integers(2, 4)) if use_tables else None,
        tables=draw(st.none() | st.integers(1, 3)) if use_tables else None,
        fairness_weight=draw(st.sampled_from([0.0, 0.5, 1.0])),
        keep=keep,
    )


@PROPERTIES
@given(problems())
def test_every_solver_returns_a_valid_schedule(problem: Problem) -> None:
    for s in (
        schedule(problem, time_limit_s=FAST),
        greedy_schedule(problem),
        random_schedule(problem, seed=1),
    ):
        assert violations(problem, s) == [], s.solver


@PROPERTIES
@given(problems())
def test_the_optimiser_is_never_worse_than_greedy(problem: Problem) -> None:
    best = schedule(problem, time_limit_s=FAST)
    assert objective(problem, best) >= objective(problem, greedy_schedule(problem)) - 1e-9
    if best.status == "OPTIMAL":  # CP-SAT's objective is `objective`, to the cent here
        assert best.bound == pytest.approx(objective(problem, best), abs=1e-6)


@PROPERTIES
@given(problems())
def test_no_schedule_beats_the_upper_bound(problem: Problem) -> None:
    bound = upper_bound(problem)
    for s in (
        schedule(problem, time_limit_s=FAST),
        greedy_schedule(problem),
        random_schedule(problem),
    ):
        assert match_value(problem, s) <= bound + 1e-6
        assert stats(problem, s).value == pytest.approx(match_value(problem, s))


@PROPERTIES
@given(problems(tables=False), st.data())
def test_re_scheduling_after_a_cancellation_keeps_every_other_meeting(
    problem: Problem, data: st.DataObject
) -> None:
    # With fairness off and a keep bonus of 20, dropping a kept meeting frees at most five
    # meetings of value <= 2 each, so every optimal re-schedule keeps them all.
    problem = replace(problem, fairness_weight=0.0, keep_bonus=20.0, keep=())
    first = schedule(problem, time_limit_s=FAST)
    assume(first.status == "OPTIMAL")
    gone = data.draw(st.sampled_from([a.id for a in problem.attendees]))
    again = _without(problem, gone, keep=first.meetings)
    second = schedule(again, time_limit_s=FAST)
    assume(second.status == "OPTIMAL")
    assert {m for m in first.meetings if gone not in (m.a, m.b)} <= set(second.meetings)


def _without(problem: Problem, gone: str, *, keep: tuple[Meeting, ...]) -> Problem:
    """The event after `gone` cancelled, keeping `keep` where still possible."""
    return replace(
        problem,
        attendees=tuple(a for a in problem.attendees if a.id != gone),
        pairs=tuple(p for p in problem.pairs if gone not in (p.a, p.b)),
        keep=keep,
    )


def greedy_or_matched(problem: Problem) -> Schedule:
    """The optimiser's starting point: the better of greedy and the slot-by-slot matching."""
    starts = (greedy_schedule(problem), match_by_round(problem))
    return max(starts, key=lambda s: objective(problem, s))


class Heard:
    """A progress report that keeps what it hears."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int, float | None]] = []

    def __call__(self, stage: str, done: int = 0, total: int = 0, *, value: float | None = None):
        self.calls.append((stage, done, total, value))

    def stages(self) -> list[str]:
        return list(dict.fromkeys(stage for stage, *_ in self.calls))


def test_the_optimiser_tells_its_stages_and_each_better_solution_with_its_objective() -> None:
    problem = synthetic_problem(40, 4, seed=1)
    heard = Heard()
    found = schedule(problem, time_limit_s=FAST, report=heard)
    assert heard.stages() == ["hint", "solving"]
    assert ("hint", 4, 4, None) in heard.calls  # the slot-by-slot matching, slot 4 of 4
    solving = [(done, value) for stage, done, _, value in heard.calls if stage == "solving"]
    start, cp_sat = solving[0], solving[1:]  # the hint's objective, then each solution's
    assert start == (0, pytest.approx(objective(problem, greedy_or_matched(problem))))
    assert [done for done, _ in cp_sat] == list(range(1, len(cp_sat) + 1))
    values = [value for _, value in cp_sat]
    assert values == sorted(values)  # each solution CP-SAT tells of is better
    assert values[-1] == pytest.approx(objective(problem, found), abs=1e-2)  # CP-SAT rounds


def test_the_table_search_tells_its_steps_and_best_objective() -> None:
    problem = synthetic_problem(24, 3, table_size=4, seed=1)
    heard = Heard()
    found = schedule(problem, time_limit_s=1.0, report=heard)
    assert heard.stages() == ["hint", "improving"]
    steps = [(done, total) for stage, done, total, _ in heard.calls[2:]]
    assert steps and all(0 <= done <= total for done, total in steps)
    assert heard.calls[1] == ("improving", 0, 0, objective(problem, greedy_schedule(problem)))
    assert heard.calls[-1][3] <= objective(problem, found) + 1e-9  # the best so far
