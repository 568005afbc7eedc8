"""First come, first served: the cohort assignment platforms make today."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from matcher.assignment.model import (
    DEFAULT_RULES,
    Assignment,
    Pair,
    Rules,
    assignment_of,
    prepare,
)


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
    instance = prepare(youths, pairs, capacity, rules)
    places_left = dict(instance.places)
    ranked = _ranked_mentors(instance.scores)
    matches: dict[str, str] = {}
    for youth in instance.cohort:
        mentor = next((m for m in ranked.get(youth, ()) if places_left[m] > 0), None)
        if mentor is not None:
            matches[youth] = mentor
            places_left[mentor] -= 1
    return assignment_of(instance.cohort, matches)


def _ranked_mentors(scores: Mapping[tuple[str, str], float]) -> dict[str, list[str]]:
    """Youth -> their mentors, best score first, ties by mentor id."""
    ranked: dict[str, list[tuple[float, str]]] = {}
    for (youth, mentor), score in scores.items():
        ranked.setdefault(youth, []).append((-score, mentor))
    return {youth: [m for _, m in sorted(options)] for youth, options in ranked.items()}
