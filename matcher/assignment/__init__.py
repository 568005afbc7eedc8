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

from matcher.assignment.baseline import greedy_assignment
from matcher.assignment.checks import check_assignment, objective, stats
from matcher.assignment.model import (
    DEFAULT_RULES,
    SCALE,
    Assignment,
    AssignmentStats,
    Pair,
    Rules,
)
from matcher.assignment.solver import optimal_assignment

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
