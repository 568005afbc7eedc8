"""Schedules for networking events: one-to-one meetings, speed networking, thematic tables.

Pure functions of a `Problem` (no database, no I/O). `schedule` is the optimiser;
`greedy_schedule` and `random_schedule` are baselines; `upper_bound` bounds the match value
of any valid schedule; `violations`, `match_value`, `objective` and `stats` judge a result.
"""

from matcher.scheduling.baselines import greedy_schedule, random_schedule
from matcher.scheduling.bound import upper_bound
from matcher.scheduling.checks import violations
from matcher.scheduling.evaluate import (
    match_value,
    meeting_counts,
    meetings_of,
    objective,
    stats,
)
from matcher.scheduling.model import (
    Attendee,
    Meeting,
    PairValue,
    Problem,
    Schedule,
    ScheduleStats,
    Seat,
)
from matcher.scheduling.solve import schedule
from matcher.scheduling.synthetic import synthetic_problem

__all__ = [
    "Attendee",
    "Meeting",
    "PairValue",
    "Problem",
    "Schedule",
    "ScheduleStats",
    "Seat",
    "greedy_schedule",
    "match_value",
    "meeting_counts",
    "meetings_of",
    "objective",
    "random_schedule",
    "schedule",
    "stats",
    "synthetic_problem",
    "upper_bound",
    "violations",
]
