"""A strong first schedule for one-to-one events: a best matching per slot, in turn."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from matcher.progress import Report, silent
from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Meeting, Problem, Schedule

__all__ = ["match_by_round"]


def match_by_round(problem: Problem, *, report: Report = silent) -> Schedule:
    """Schedule slot after slot, each time a near-best matching of the pairs still possible.

    Slot s takes a maximum-weight matching of the pairs that have not met, are both
    available in s and under their limits (see `_matching`). A pair's weight is its value
    (with must-meet and keep bonuses) plus, for each side, `fairness_weight` x the meetings
    that side has missed so far (s + 1 - meetings), so whoever fell behind is served first.
    CP-SAT starts from this: on the synthetic 500 x 8 event it reaches 98 % of the upper
    bound in about a second, where CP-SAT from the greedy hint stayed below greedy's value.

    Args:
        problem: a one-to-one event.
        report: hears ("hint", slots matched, slots) after each slot.

    Returns:
        A valid schedule (deterministic).
    """
    idx = index(problem)
    count = [0] * len(idx.ids)
    met: set[int] = set()
    meetings: list[Meeting] = []
    for slot in range(problem.rounds):
        open_pairs = [
            p
            for p, (i, j) in enumerate(idx.pairs)
            if p not in met and slot in idx.common[p] and _free(idx, count, i, j)
        ]
        weights = np.array([_weight(problem, idx, slot, count, p) for p in open_pairs])
        for p in _matching(idx, open_pairs, weights):
            i, j = idx.pairs[p]
            count[i] += 1
            count[j] += 1
            met.add(p)
            meetings.append(Meeting(idx.ids[i], idx.ids[j], slot))
        report("hint", slot + 1, problem.rounds)
    return Schedule(meetings=tuple(meetings), solver="matching", status="FEASIBLE")


def _matching(idx: Index, pairs: list[int], weights: np.ndarray) -> list[int]:
    """A matching of `pairs` close to the heaviest: the LP relaxation, rounded.

    The LP (x <= 1 per person, 0 <= x <= 1) has half-integral vertices: whole pairs plus odd
    cycles of half pairs. Taking whole pairs first, then halves, then anything left that
    fits, each by decreasing weight, loses at most one pair per odd cycle, and HiGHS'
    simplex solves 5,000 pairs in ~20 ms, where CP-SAT needed its full second per slot and
    under load returned far worse matchings.
    """
    if not pairs:
        return []
    columns = np.repeat(np.arange(len(pairs)), 2)
    people = np.array([i for p in pairs for i in idx.pairs[p]])
    matrix = coo_matrix(
        (np.ones(len(people)), (people, columns)), shape=(len(idx.ids), len(pairs))
    ).tocsr()
    result = linprog(
        -weights, A_ub=matrix, b_ub=np.ones(len(idx.ids)), bounds=(0, 1), method="highs-ds"
    )
    share = np.round(2 * result.x) if result.status == 0 else np.zeros(len(pairs))
    busy: set[int] = set()
    taken = []
    for k in sorted(range(len(pairs)), key=lambda k: (-share[k], -weights[k])):
        i, j = idx.pairs[pairs[k]]
        if i not in busy and j not in busy:
            busy.update((i, j))
            taken.append(pairs[k])
    return taken


def _free(idx: Index, count: list[int], i: int, j: int) -> bool:
    return count[i] < idx.limit[i] and count[j] < idx.limit[j]


def _weight(problem: Problem, idx: Index, slot: int, count: list[int], p: int) -> float:
    behind = sum(slot + 1 - count[i] for i in idx.pairs[p])  # meetings missed so far
    kept = problem.keep_bonus if idx.keep.get(p) == slot else 0.0
    return idx.weight[p] + kept + problem.fairness_weight * behind
