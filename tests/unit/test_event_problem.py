"""Building an event's Problem from registrations: whatever people choose, no "no thanks" pair,
no banned or held pair is ever allowed, and nobody is scheduled outside their availability."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import scheduling
from matcher.event_problem import Registrant, build_problem
from matcher.scheduling import Meeting

ROUNDS = 5


@st.composite
def events(draw: st.DrawFn) -> dict:
    n = draw(st.integers(min_value=2, max_value=12))
    ids = [f"p-{i:02d}" for i in range(n)]
    others = st.sampled_from(ids)
    registrants = [
        Registrant(
            id=i,
            slots=frozenset(draw(st.sets(st.integers(0, ROUNDS + 1), max_size=ROUNDS + 2))),
            must_meet=frozenset(draw(st.sets(others, max_size=4))) - {i},
            no_thanks=frozenset(draw(st.sets(others, max_size=3))) - {i},
        )
        for i in ids
    ]
    pairs = [(a, b) for n_, a in enumerate(ids) for b in ids[n_ + 1 :]]
    scored = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs)))
    values = {pair: draw(st.floats(0.0, 1.0)) for pair in scored}
    banned = draw(st.sets(st.sampled_from(pairs), max_size=4))
    held = [
        Meeting(a, b, draw(st.integers(0, ROUNDS - 1)))
        for a, b in draw(st.sets(st.sampled_from(pairs), max_size=2))
    ]
    return {
        "registrants": registrants,
        "values": values,
        "banned": banned,
        "held": held,
        "max_meetings": draw(st.integers(0, ROUNDS)),
        "pairs_per_attendee": draw(st.one_of(st.none(), st.integers(1, 4))),
    }


@settings(max_examples=300, deadline=None)
@given(events())
def test_no_refused_pair_is_ever_allowed_and_availability_holds(case: dict) -> None:
    problem = build_problem(
        rounds=ROUNDS,
        registrants=case["registrants"],
        values=case["values"],
        max_meetings=case["max_meetings"],
        banned=case["banned"],
        held=case["held"],
        pairs_per_attendee=case["pairs_per_attendee"],
    )
    people = {r.id: r for r in case["registrants"]}
    held_pairs = {tuple(sorted((m.a, m.b))) for m in case["held"]}
    banned = {tuple(sorted(p)) for p in case["banned"]}
    for pair in problem.pairs:
        a, b = people[pair.a], people[pair.b]
        assert pair.b not in a.no_thanks and pair.a not in b.no_thanks  # "no thanks" wins
        assert (pair.a, pair.b) not in banned | held_pairs
        assert pair.must_meet == (pair.b in a.must_meet or pair.a in b.must_meet)
    allowed = {(p.a, p.b) for p in problem.pairs}
    for r in people.values():  # every allowed must-meet pair is kept, pruned or not
        for other in r.must_meet:
            pair = tuple(sorted((r.id, other)))
            refused = other in r.no_thanks or r.id in people[other].no_thanks
            if not refused and pair not in banned | held_pairs:
                assert pair in allowed
    for attendee in problem.attendees:
        busy = {m.slot for m in case["held"] if attendee.id in (m.a, m.b)}
        assert attendee.slots <= people[attendee.id].slots - busy
        assert attendee.slots <= set(range(ROUNDS))
        assert attendee.max_meetings == max(0, case["max_meetings"] - len(busy))
    greedy = scheduling.greedy_schedule(problem)
    assert scheduling.violations(problem, greedy) == []


def test_pruning_keeps_each_attendees_best_pairs_and_the_must_meets() -> None:
    registrants = [
        Registrant("a", frozenset({0, 1}), must_meet=frozenset({"d"})),
        Registrant("b", frozenset({0, 1})),
        Registrant("c", frozenset({0, 1})),
        Registrant("d", frozenset({0, 1})),
    ]
    values = {("a", "b"): 0.9, ("a", "c"): 0.5, ("a", "d"): 0.1, ("b", "c"): 0.2}
    problem = build_problem(
        rounds=2, registrants=registrants, values=values, max_meetings=2, pairs_per_attendee=1
    )
    assert {(p.a, p.b) for p in problem.pairs} == {("a", "b"), ("a", "c"), ("a", "d")}
    assert [p.must_meet for p in problem.pairs] == [False, False, True]


def test_a_must_meet_pair_without_a_score_is_allowed_with_value_zero() -> None:
    registrants = [
        Registrant("a", frozenset({0}), must_meet=frozenset({"b"})),
        Registrant("b", frozenset({0})),
    ]
    problem = build_problem(rounds=1, registrants=registrants, values={}, max_meetings=1)
    assert [(p.a, p.b, p.value, p.must_meet) for p in problem.pairs] == [("a", "b", 0.0, True)]


def test_meetings_to_keep_that_name_someone_gone_are_dropped() -> None:
    registrants = [Registrant("a", frozenset({0})), Registrant("b", frozenset({0}))]
    problem = build_problem(
        rounds=1,
        registrants=registrants,
        values={("a", "b"): 0.5},
        max_meetings=1,
        keep=[Meeting("a", "b", 0), Meeting("a", "gone", 0)],
    )
    assert problem.keep == (Meeting("a", "b", 0),)
