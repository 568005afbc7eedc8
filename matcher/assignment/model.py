"""The cohort-assignment problem: allowed pairs, rules, results, and the clean instance the
optimiser (`solver`) and the baseline (`baseline`) both solve."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

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
class Instance:
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


def prepare(
    youths: Sequence[str], pairs: Iterable[Pair], capacity: Mapping[str, int], rules: Rules
) -> Instance:
    """Drop what cannot be matched and sort, so both algorithms see the same clean problem."""
    cohort = tuple(dict.fromkeys(youths))  # keeps arrival order for greedy
    places = _places(capacity, rules.cohort_cap)
    members = set(cohort)
    best = best_scores(p for p in pairs if p.youth in members and p.mentor in places)
    scores = dict(sorted(best.items()))  # sorted ids: same graph, same answer, whatever the order
    used = {mentor for _, mentor in scores}
    return Instance(cohort, scores, {m: n for m, n in sorted(places.items()) if m in used})


def _places(capacity: Mapping[str, int], cohort_cap: int | None) -> dict[str, int]:
    """Mentor -> places this cohort may take; a negative capacity (over-full mentor) is 0."""
    limit = math.inf if cohort_cap is None else cohort_cap
    places = {mentor: int(min(free, limit)) for mentor, free in capacity.items()}
    return {mentor: n for mentor, n in places.items() if n > 0}


def best_scores(pairs: Iterable[Pair]) -> dict[tuple[str, str], float]:
    """(youth, mentor) -> score; a pair listed twice keeps its highest score."""
    best: dict[tuple[str, str], float] = {}
    for pair in pairs:
        key = (pair.youth, pair.mentor)
        best[key] = max(pair.score, best.get(key, pair.score))
    return best


def score_of(scores: Mapping[tuple[str, str], float], youth: str, mentor: str) -> float:
    try:
        return scores[youth, mentor]
    except KeyError:
        raise ValueError(f"{youth} -> {mentor} is not an allowed pair") from None


def assignment_of(cohort: Sequence[str], matches: dict[str, str]) -> Assignment:
    return Assignment(matches, tuple(sorted(y for y in cohort if y not in matches)))
