"""Baselines: place pairs one by one, best first (greedy) or in random order (random)."""

from __future__ import annotations

import random
from collections.abc import Iterable

from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Meeting, Problem, Schedule, Seat

__all__ = ["greedy_schedule", "random_schedule"]


def greedy_schedule(problem: Problem) -> Schedule:
    """Take pairs by decreasing value, must-meet pairs first, placing each where it fits.

    Meetings of `problem.keep` that are still possible are placed first, in their slot, so
    the greedy schedule is also a re-scheduling baseline and a complete hint for CP-SAT.
    Each pair goes to the first slot where both are free and under their limits (tables:
    the first round where they can sit together, see `_Seating.seat_together`).
    """
    idx = index(problem)
    order = sorted(
        range(len(idx.pairs)),
        key=lambda p: (not idx.must[p], -idx.weight[p], idx.ids[idx.pairs[p][0]], p),
    )
    kept = sorted(idx.keep.items())
    return _place(problem, idx, kept, order, solver="greedy")


def random_schedule(problem: Problem, seed: int = 0) -> Schedule:
    """Take the allowed pairs in a random order (seeded), placing each like the greedy one."""
    idx = index(problem)
    order = list(range(len(idx.pairs)))
    random.Random(seed).shuffle(order)
    return _place(problem, idx, [], order, solver="random")


def _place(
    problem: Problem, idx: Index, kept: list[tuple[int, int]], order: list[int], solver: str
) -> Schedule:
    if problem.is_tables:
        seating = _Seating(problem, idx)
        for p, slot in kept:
            seating.seat_together(p, (slot,))
        for p in order:
            seating.seat_together(p, idx.common[p])
        return Schedule(meetings=(), seats=seating.seats(), solver=solver, status="FEASIBLE")
    meetings = _place_meetings(idx, kept + [(p, -1) for p in order])
    return Schedule(meetings=meetings, solver=solver, status="FEASIBLE")


def _place_meetings(idx: Index, wanted: Iterable[tuple[int, int]]) -> tuple[Meeting, ...]:
    """Put each pair in its given slot (-1: its first common slot) where both are free."""
    busy: list[set[int]] = [set() for _ in idx.ids]
    count = [0] * len(idx.ids)
    placed: set[int] = set()
    meetings = []
    for p, wanted_slot in wanted:
        i, j = idx.pairs[p]
        if p in placed or count[i] >= idx.limit[i] or count[j] >= idx.limit[j]:
            continue
        slots = idx.common[p] if wanted_slot < 0 else (wanted_slot,)
        slot = next((s for s in slots if s not in busy[i] and s not in busy[j]), None)
        if slot is None:
            continue
        busy[i].add(slot)
        busy[j].add(slot)
        count[i] += 1
        count[j] += 1
        placed.add(p)
        meetings.append(Meeting(idx.ids[i], idx.ids[j], slot))
    return tuple(meetings)


class _Seating:
    """Tables filled pair by pair, keeping every hard constraint at each step."""

    def __init__(self, problem: Problem, idx: Index) -> None:
        self.idx = idx
        self.size = problem.table_size or 2
        self.count = problem.table_count
        self.table_of: list[dict[int, int]] = [{} for _ in range(problem.rounds)]
        self.members: list[list[list[int]]] = [[] for _ in range(problem.rounds)]
        self.together: set[int] = set()  # pairs that already shared a table
        self.rounds_seated = [0] * len(idx.ids)

    def seat_together(self, p: int, slots: Iterable[int]) -> None:
        """Seat pair p together in the first of `slots` where that breaks nothing."""
        if p in self.together:
            return
        i, j = self.idx.pairs[p]
        for slot in slots:
            if self._try(i, j, slot):
                return

    def seats(self) -> tuple[Seat, ...]:
        return tuple(
            Seat(self.idx.ids[i], slot, table)
            for slot, tables in enumerate(self.members)
            for table, people in enumerate(tables)
            for i in people
        )

    def _try(self, i: int, j: int, slot: int) -> bool:
        table_of = self.table_of[slot]
        ti, tj = table_of.get(i), table_of.get(j)
        if ti is None and tj is None:
            if len(self.members[slot]) >= self.count or not (self._free(i) and self._free(j)):
                return False
            self.members[slot].append([])
            table = len(self.members[slot]) - 1
            self._sit(i, slot, table)
            self._sit(j, slot, table)
            return True
        if ti is not None and tj is None:
            return self._join(j, slot, ti)
        if tj is not None and ti is None:
            return self._join(i, slot, tj)
        return False  # both seated elsewhere already: moving people is the local search's job

    def _join(self, newcomer: int, slot: int, table: int) -> bool:
        people = self.members[slot][table]
        if len(people) >= self.size or not self._free(newcomer):
            return False
        pairs = [self.idx.pair_index(newcomer, k) for k in people]
        if any(p is None or p in self.together for p in pairs):
            return False
        self._sit(newcomer, slot, table)
        return True

    def _free(self, i: int) -> bool:
        return self.rounds_seated[i] < self.idx.limit[i]

    def _sit(self, i: int, slot: int, table: int) -> None:
        for k in self.members[slot][table]:
            p = self.idx.pair_index(i, k)
            assert p is not None  # callers only seat allowed pairs together
            self.together.add(p)
        self.members[slot][table].append(i)
        self.table_of[slot][i] = table
        self.rounds_seated[i] += 1
