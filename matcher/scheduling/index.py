"""A compiled view of a `Problem` shared by the solvers and the checks: integer indices."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matcher.scheduling.model import Problem

__all__ = ["Index", "index"]


@dataclass(frozen=True)
class Index:
    """Attendees and pairs by position, with what each pair can actually do.

    Attributes:
        ids: attendee ids by position.
        pos: position of each attendee id.
        limit: per attendee, max_meetings capped by the slots they are available for.
        pairs: per pair, the positions (i, j) of its two attendees.
        weight: per pair, its value plus the must-meet bonus when it is a must-meet pair.
        must: per pair, whether it is a must-meet pair.
        common: per pair, the slots both attendees are available for (none if a limit is 0).
        pair_of: pair index of each allowed (i, j) with i < j.
        pairs_of: per attendee, the indices of their pairs.
        eligible: attendees with at least one pair that has a common slot.
        keep: pair index -> slot of the meetings of `keep` that are still possible.
    """

    ids: tuple[str, ...]
    pos: dict[str, int]
    limit: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]
    weight: tuple[float, ...]
    must: tuple[bool, ...]
    common: tuple[tuple[int, ...], ...]
    pair_of: dict[tuple[int, int], int]
    pairs_of: tuple[tuple[int, ...], ...]
    eligible: frozenset[int]
    keep: dict[int, int]

    def pair_index(self, i: int, j: int) -> int | None:
        """The pair index of attendees i and j in either order, None if not allowed."""
        return self.pair_of.get((i, j) if i < j else (j, i))


@lru_cache(maxsize=8)  # checks, bounds and solvers of one problem share one index
def index(problem: Problem) -> Index:
    """Compile `problem` into integer indices (cached: problems are immutable)."""
    ids = tuple(attendee.id for attendee in problem.attendees)
    pos = {attendee_id: i for i, attendee_id in enumerate(ids)}
    limit = tuple(min(a.max_meetings, len(a.slots)) for a in problem.attendees)
    pairs, weight, must, common = [], [], [], []
    for pair in problem.pairs:
        i, j = sorted((pos[pair.a], pos[pair.b]))
        pairs.append((i, j))
        weight.append(pair.value + (problem.must_meet_bonus if pair.must_meet else 0.0))
        must.append(pair.must_meet)
        both = problem.attendees[i].slots & problem.attendees[j].slots
        common.append(tuple(sorted(both)) if min(limit[i], limit[j]) > 0 else ())
    pair_of = {pair: p for p, pair in enumerate(pairs)}
    pairs_of: list[list[int]] = [[] for _ in ids]
    for p, (i, j) in enumerate(pairs):
        pairs_of[i].append(p)
        pairs_of[j].append(p)
    eligible = frozenset(i for p, pair in enumerate(pairs) if common[p] for i in pair)
    keep = _possible_keeps(problem, pos, pair_of, common)
    return Index(
        ids,
        pos,
        limit,
        tuple(pairs),
        tuple(weight),
        tuple(must),
        tuple(common),
        pair_of,
        tuple(tuple(ps) for ps in pairs_of),
        eligible,
        keep,
    )


def _possible_keeps(
    problem: Problem,
    pos: dict[str, int],
    pair_of: dict[tuple[int, int], int],
    common: list[tuple[int, ...]],
) -> dict[int, int]:
    """Meetings to keep whose pair is still allowed and both are still free in that slot.

    Cancelled attendees, withdrawn pairs and lost availability silently drop a meeting:
    keeping only what is still possible is the point of re-scheduling.
    """
    keep: dict[int, int] = {}
    for meeting in problem.keep:
        if meeting.a not in pos or meeting.b not in pos:
            continue
        i, j = sorted((pos[meeting.a], pos[meeting.b]))
        p = pair_of.get((i, j))
        if p is not None and meeting.slot in common[p]:
            keep.setdefault(p, meeting.slot)  # a pair meets once: the first listed slot wins
    return keep
