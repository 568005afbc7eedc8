"""Judging a cohort assignment: its objective, its broken constraints, its summary numbers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.model import (
    DEFAULT_RULES,
    Assignment,
    AssignmentStats,
    Pair,
    Rules,
    best_scores,
    score_of,
)


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
    scores = best_scores(pairs)
    value = sum(
        rules.value(youth, score_of(scores, youth, mentor))
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
    allowed = best_scores(pairs).keys()
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
    scores = best_scores(pairs)
    cohort = tuple(dict.fromkeys(youths))
    matched = [y for y in cohort if y in assignment.matches]
    match_scores = [score_of(scores, y, m) for y, m in assignment.matches.items()]
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
