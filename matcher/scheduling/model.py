"""The data of an event schedule: who is available when, which pairs may meet, and the result."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "Attendee",
    "Meeting",
    "PairValue",
    "Problem",
    "Schedule",
    "ScheduleStats",
    "Seat",
]


@dataclass(frozen=True)
class Attendee:
    """One attendee of the event.

    Attributes:
        id: the attendee's id (a profile id).
        slots: the rounds (0..rounds-1) the attendee is available for.
        max_meetings: at most this many meetings over the event; for tables, at most this
            many rounds seated.
    """

    id: str
    slots: frozenset[int]
    max_meetings: int


@dataclass(frozen=True)
class PairValue:
    """A pair allowed to meet, with the recommender's score; stored with `a < b`.

    Attributes:
        a: one attendee id (the smaller one after normalisation).
        b: the other attendee id.
        value: the recommender's score in [0, 1].
        must_meet: either side marked the other "must meet".
    """

    a: str
    b: str
    value: float
    must_meet: bool = False

    def __post_init__(self) -> None:
        if self.a == self.b:
            raise ValueError(f"a pair needs two attendees, got {self.a!r} twice")
        if not 0.0 <= self.value <= 1.0:  # also rejects NaN
            raise ValueError(f"pair {self.a}-{self.b}: value {self.value} is not in [0, 1]")
        _normalise(self)


@dataclass(frozen=True)
class Meeting:
    """A one-to-one meeting in one slot; stored with `a < b`.

    Table formats describe their result with `Seat`s; `Meeting`s there only name the pairs
    seated together (see `scheduling.meetings_of`) and the meetings to keep.
    """

    a: str
    b: str
    slot: int

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class Seat:
    """An attendee seated at one table in one round."""

    attendee: str
    slot: int
    table: int


@dataclass(frozen=True)
class Problem:
    """One event to schedule.

    Attributes:
        rounds: number of slots (one-to-one, speed networking) or rounds (tables).
        attendees: who comes, when, and how many meetings they want at most.
        pairs: the only pairs that may meet: no-thanks and past meetings already removed.
        table_size: None for one-to-one meetings; else tables of at most this many people.
        tables: tables per round (table formats); None means ceil(attendees / table_size).
        must_meet_bonus: added to a must-meet pair's value when the pair meets.
        fairness_weight: what raising the least-served attendee's meeting count by one is
            worth per eligible attendee (the objective is described in `evaluate.objective`).
        keep: meetings of a previous schedule to keep where still possible (re-scheduling
            after late cancellations); for tables, pairs seated together in that round.
        keep_bonus: added for each meeting of `keep` scheduled again in the same slot.

    Raises:
        ValueError: on inconsistent data (duplicate ids or pairs, unknown attendees in pairs,
            slots outside 0..rounds-1, negative limits or weights, tables smaller than 2).
    """

    rounds: int
    attendees: tuple[Attendee, ...]
    pairs: tuple[PairValue, ...]
    table_size: int | None = None
    tables: int | None = None
    must_meet_bonus: float = 1.0
    fairness_weight: float = 0.5
    keep: tuple[Meeting, ...] = ()
    keep_bonus: float = 2.0

    def __post_init__(self) -> None:
        _check_attendees(self)
        _check_pairs(self)
        if self.table_size is not None and self.table_size < 2:
            raise ValueError(f"table_size must be at least 2, got {self.table_size}")
        if self.tables is not None and self.tables < 1:
            raise ValueError(f"tables must be at least 1, got {self.tables}")
        if min(self.must_meet_bonus, self.fairness_weight, self.keep_bonus) < 0:
            raise ValueError("bonuses and weights must not be negative")

    @property
    def is_tables(self) -> bool:
        """True for thematic tables, False for one-to-one meetings and speed networking."""
        return self.table_size is not None

    @property
    def table_count(self) -> int:
        """Tables per round: `tables`, or enough tables of `table_size` for everyone."""
        if self.table_size is None:
            return 0
        if self.tables is not None:
            return self.tables
        return max(1, math.ceil(len(self.attendees) / self.table_size))


@dataclass(frozen=True)
class Schedule:
    """A schedule and how it was found.

    Attributes:
        meetings: one-to-one formats: the meetings.
        seats: table formats: who sits at which table in which round.
        solver: "cp-sat", "local-search", "matching", "greedy" or "random".
        status: the solver's status, e.g. OPTIMAL or FEASIBLE; FALLBACK when the optimiser
            found nothing in time and returned its starting schedule.
        bound: the solver's proven upper bound on its objective (`evaluate.objective`, up to
            the rounding of values to 1/10,000), when it has one.
    """

    meetings: tuple[Meeting, ...]
    seats: tuple[Seat, ...] = ()
    solver: str = ""
    status: str = ""
    bound: float | None = None


@dataclass(frozen=True)
class ScheduleStats:
    """Summary of a schedule; meeting counts are over the eligible attendees.

    An attendee is eligible when they have an allowed pair that can meet (a common slot and
    both limits at least one). For tables a meeting is a person seated with you.

    Attributes:
        value: `match_value` of the schedule.
        meetings_min: fewest meetings of an eligible attendee.
        meetings_median: median meetings of the eligible attendees.
        meetings_mean: mean meetings of the eligible attendees.
        must_meet_met: must-meet pairs that meet.
        must_meet_total: must-meet pairs in the problem.
        unmet_attendees: eligible attendees with no meeting at all.
    """

    value: float
    meetings_min: int
    meetings_median: float
    meetings_mean: float
    must_meet_met: int
    must_meet_total: int
    unmet_attendees: int


def _normalise(pair: PairValue | Meeting) -> None:
    """Store the smaller id in `a`: one spelling per pair, so pairs can be looked up."""
    if pair.b < pair.a:
        a, b = pair.b, pair.a
        object.__setattr__(pair, "a", a)
        object.__setattr__(pair, "b", b)


def _check_attendees(problem: Problem) -> None:
    if problem.rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {problem.rounds}")
    ids = [attendee.id for attendee in problem.attendees]
    if len(set(ids)) != len(ids):
        raise ValueError("attendee ids must be unique")
    for attendee in problem.attendees:
        if attendee.max_meetings < 0:
            raise ValueError(f"{attendee.id}: max_meetings must not be negative")
        if any(not 0 <= slot < problem.rounds for slot in attendee.slots):
            raise ValueError(f"{attendee.id}: slots must be in 0..{problem.rounds - 1}")


def _check_pairs(problem: Problem) -> None:
    known = {attendee.id for attendee in problem.attendees}
    seen: set[tuple[str, str]] = set()
    for pair in problem.pairs:
        if pair.a not in known or pair.b not in known:
            raise ValueError(f"pair {pair.a}-{pair.b} names an unknown attendee")
        if (pair.a, pair.b) in seen:
            raise ValueError(f"pair {pair.a}-{pair.b} is given twice")
        seen.add((pair.a, pair.b))
