"""What a schedule is worth and whether it is valid: match value, objective, stats, violations."""

from __future__ import annotations

import statistics
from collections import defaultdict
from itertools import combinations

from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Meeting, Problem, Schedule, ScheduleStats

__all__ = ["match_value", "meeting_counts", "meetings_of", "objective", "stats"]


def meetings_of(problem: Problem, s: Schedule) -> tuple[Meeting, ...]:
    """The pairs that meet: the meetings, or for tables every pair seated at one table.

    Args:
        problem: the event (tells the format).
        s: a schedule of that event.

    Returns:
        One `Meeting` per pair and round they meet in, sorted by slot then ids; pass them
        as `Problem.keep` to re-schedule a table event while keeping who sits with whom.
    """
    if not problem.is_tables:
        return tuple(sorted(s.meetings, key=lambda m: (m.slot, m.a, m.b)))
    tables: dict[tuple[int, int], list[str]] = defaultdict(list)
    for seat in s.seats:
        tables[seat.slot, seat.table].append(seat.attendee)
    met = [
        Meeting(a, b, slot)
        for (slot, _), people in tables.items()
        for a, b in combinations(sorted(set(people)), 2)
    ]
    return tuple(sorted(met, key=lambda m: (m.slot, m.a, m.b)))


def match_value(problem: Problem, s: Schedule) -> float:
    """Sum of the values of the allowed pairs that meet, plus the must-meet bonuses.

    A pair counts once even if it (invalidly) meets twice; pairs that are not allowed count
    nothing (`violations` reports them).
    """
    idx = index(problem)
    return sum(idx.weight[p] for p in _met(idx, problem, s))


def meeting_counts(problem: Problem, s: Schedule) -> list[int]:
    """Per attendee (by position in `problem.attendees`), the allowed partners they meet."""
    idx = index(problem)
    counts = [0] * len(idx.ids)
    for p in _met(idx, problem, s):
        for i in idx.pairs[p]:
            counts[i] += 1
    return counts


def objective(problem: Problem, s: Schedule) -> float:
    """What the optimiser maximises.

    match value
    + fairness_weight x (eligible attendees) x (fewest meetings of an eligible attendee)
    + keep_bonus x (meetings of `keep` still possible and held in the same slot)

    Eligible attendees have an allowed pair with a common slot; at tables, each person
    seated with you is a meeting.

    Fairness is the max-min share: raising the least-served attendee by one meeting is worth
    `fairness_weight` per eligible attendee; at the default 0.5 that is as much as everybody
    getting one more meeting of value 1, so the optimiser gives up some value to lift the
    bottom. The bottleneck term is one integer variable in CP-SAT, and the match value then
    fills the rest. Its limit: one attendee who can hardly meet anybody (one possible
    partner) caps the minimum for the whole event, and the term then stops steering.
    """
    idx = index(problem)
    met = _met(idx, problem, s)
    counts = meeting_counts(problem, s)
    fewest = min((counts[i] for i in idx.eligible), default=0)
    kept = sum(1 for p, slot in idx.keep.items() if slot in met.get(p, ()))
    return (
        sum(idx.weight[p] for p in met)
        + problem.fairness_weight * len(idx.eligible) * fewest
        + problem.keep_bonus * kept
    )


def stats(problem: Problem, s: Schedule) -> ScheduleStats:
    """Value, meetings per eligible attendee, must-meets satisfied and unmet attendees."""
    idx = index(problem)
    met = _met(idx, problem, s)
    all_counts = meeting_counts(problem, s)
    counts = [all_counts[i] for i in sorted(idx.eligible)] or [0]
    return ScheduleStats(
        value=sum(idx.weight[p] for p in met),
        meetings_min=min(counts),
        meetings_median=float(statistics.median(counts)),
        meetings_mean=float(statistics.fmean(counts)),
        must_meet_met=sum(1 for p in met if idx.must[p]),
        must_meet_total=sum(idx.must),
        unmet_attendees=sum(1 for i in idx.eligible if all_counts[i] == 0),
    )


def _met(idx: Index, problem: Problem, s: Schedule) -> dict[int, set[int]]:
    """Allowed pairs that meet -> the slots they meet in (more than one only if invalid)."""
    met: dict[int, set[int]] = defaultdict(set)
    for meeting in meetings_of(problem, s):
        i, j = idx.pos.get(meeting.a), idx.pos.get(meeting.b)
        p = None if i is None or j is None else idx.pair_index(i, j)
        if p is not None:
            met[p].add(meeting.slot)
    return met
