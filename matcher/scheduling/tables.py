"""Thematic tables: the greedy seating improved by simulated annealing over moves and swaps.

CP-SAT over seat variables needs one boolean per attendee, round and table plus one per
pair, round and table (570,000 for 120 attendees at 20 tables over 4 rounds, with symmetric
tables), so tables use a local search instead. Every step keeps every hard constraint, so
any state is a valid schedule; `upper_bound` shows how far from optimal it can be.
"""

from __future__ import annotations

import math
import random
import time

from matcher.progress import Report, silent
from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Problem, Schedule, Seat

__all__ = ["improve_tables"]

UNSEATED = -1
# About one pair's value at first (a worse step passes often), a hundredth at the end.
# Tried on the synthetic 120 x 4 tables of 6: 1.0 -> 0.01 beat 0.3 -> 0.003 and 0.1 -> 0.001.
_START_TEMPERATURE = 1.0
_END_TEMPERATURE = 0.01
# Step budget: this many passes over the neighbourhood (everyone x everyone, per round).
_PASSES = 200
_CALIBRATION = 16_384  # steps between checks that the budget still fits in the time limit
_REPORT_EVERY = 4_096  # steps between two progress reports
_MOVE_SHARE = 0.2  # moves rarely fit (tables are usually full); swaps do most of the work


def improve_tables(
    problem: Problem,
    start: Schedule,
    *,
    time_limit_s: float,
    seed: int,
    report: Report = silent,
) -> Schedule:
    """Improve a valid table seating on `evaluate.objective` by simulated annealing.

    Steps: move one attendee to another table of the same round (or off the tables), or
    swap two attendees of one round. A step is taken if it keeps every hard constraint and,
    Metropolis-style, if it does not lose much: the temperature falls from 1.0 to 0.01
    over the budget (`_PASSES` x the neighbourhood size, or the time limit).

    Args:
        problem: a table event.
        start: a valid seating of it (normally the greedy one with the meetings to keep).
        time_limit_s: wall-clock budget of the search.
        seed: seed of the random steps.
        report: hears ("improving", steps taken, step budget, value=best objective) now
            and then.

    Returns:
        The best seating seen (at least as good as `start`), without lone diners.
    """
    idx = index(problem)
    state = _Tables(problem, idx, start)
    steps = _PASSES * max(1, sum(len(people) ** 2 for people in state.available))
    best_where = _anneal(state, random.Random(seed), steps, time_limit_s, report)
    return Schedule(
        meetings=(), seats=_seats(idx, best_where), solver="local-search", status="FEASIBLE"
    )


def _anneal(
    state: _Tables, rng: random.Random, steps: int, time_limit_s: float, report: Report
) -> list[list[int]]:
    """Run the annealing; returns the best seating seen (as `_Tables.where`).

    The temperature follows the step count, so a seed gives the same seating whenever the
    budget fits in the time limit. When it does not (measured every `_CALIBRATION` steps),
    the budget becomes what fits at the speed so far, and the result depends on the
    machine's speed and load.
    """
    began, budget = time.perf_counter(), steps
    best, best_where = state.objective(), state.snapshot()
    temperature = _START_TEMPERATURE
    step = 0
    while step < steps:
        if step % 256 == 0:
            elapsed = time.perf_counter() - began
            if elapsed > time_limit_s:
                break
            if step >= _CALIBRATION and step % _CALIBRATION == 0:
                steps = min(budget, int(step * time_limit_s / max(elapsed, 1e-9)))
            cooled = (_END_TEMPERATURE / _START_TEMPERATURE) ** (step / steps)
            temperature = _START_TEMPERATURE * cooled
            if step % _REPORT_EVERY == 0:
                report("improving", step, steps, value=best)
        if state.random_step(rng, temperature) and state.objective() > best + 1e-9:
            best, best_where = state.objective(), state.snapshot()
        step += 1
    return best_where


def _seats(idx: Index, where: list[list[int]]) -> tuple[Seat, ...]:
    """Seats of a snapshot; someone alone at a table meets nobody, so they are not seated."""
    size: dict[tuple[int, int], int] = {}
    for slot, tables in enumerate(where):
        for table in tables:
            if table != UNSEATED:
                size[slot, table] = size.get((slot, table), 0) + 1
    return tuple(
        Seat(idx.ids[i], slot, table)
        for slot, tables in enumerate(where)
        for i, table in enumerate(tables)
        if table != UNSEATED and size[slot, table] > 1
    )


class _Tables:
    """A valid seating with its objective, updated incrementally by moves and swaps."""

    def __init__(self, problem: Problem, idx: Index, start: Schedule) -> None:
        n = len(idx.ids)
        self.size = problem.table_size or 2
        self.tables = problem.table_count
        self.limit = idx.limit
        self.weight: list[dict[int, float]] = [{} for _ in range(n)]  # allowed partners only
        for p, (i, j) in enumerate(idx.pairs):
            self.weight[i][j] = self.weight[j][i] = idx.weight[p]
        self.keep: dict[tuple[int, int], int] = {idx.pairs[p]: s for p, s in idx.keep.items()}
        self.keep_bonus = problem.keep_bonus
        self.available = [
            [i for i, a in enumerate(problem.attendees) if s in a.slots and idx.limit[i] > 0]
            for s in range(problem.rounds)
        ]
        self.where = [[UNSEATED] * n for _ in range(problem.rounds)]
        self.members: list[list[list[int]]] = [
            [[] for _ in range(self.tables)] for _ in range(problem.rounds)
        ]
        self.met: list[dict[int, int]] = [{} for _ in range(n)]  # partner -> round together
        self.rounds_seated = [0] * n
        self.count = [0] * n
        self.value = 0.0
        self.eligible = [i in idx.eligible for i in range(n)]
        self.fairness = problem.fairness_weight * len(idx.eligible)
        self.histogram = [0] * (n + 1)  # eligible attendees by meeting count
        self.histogram[0] = len(idx.eligible)
        self.fewest = 0
        for seat in start.seats:
            self._sit(idx.pos[seat.attendee], seat.slot, seat.table)

    def objective(self) -> float:
        return self.value + self.fairness * self.fewest

    def snapshot(self) -> list[list[int]]:
        return [list(tables) for tables in self.where]

    def random_step(self, rng: random.Random, temperature: float) -> bool:
        """Try one random move or swap; True if it was taken."""
        slot = rng.randrange(len(self.where))
        people = self.available[slot]
        if len(people) < 2:
            return False
        i = rng.choice(people)
        if rng.random() < _MOVE_SHARE:
            table = rng.randrange(-1, self.tables)  # -1: leave the tables this round
            return self._try_move(i, slot, table, rng, temperature)
        k = rng.choice(people)
        return self._try_swap(i, k, slot, rng, temperature)

    def _try_move(
        self, i: int, slot: int, table: int, rng: random.Random, temperature: float
    ) -> bool:
        old = self.where[slot][i]
        if table == old or (old == UNSEATED and self.rounds_seated[i] >= self.limit[i]):
            return False
        leaving = self._others(slot, old, i)
        joining = self._others(slot, table, i)
        if table != UNSEATED and (len(joining) >= self.size or not self._fits(i, joining)):
            return False
        delta = self._gain(i, joining, slot) - self._gain(i, leaving, slot)
        changes = [(i, len(joining) - len(leaving))]
        changes += [(j, -1) for j in leaving] + [(j, 1) for j in joining]
        if not self._accept(delta, changes, rng, temperature):
            return False
        self._stand(i, slot)
        if table != UNSEATED:
            self._sit(i, slot, table)
        return True

    def _try_swap(self, i: int, k: int, slot: int, rng: random.Random, temperature: float) -> bool:
        ti, tk = self.where[slot][i], self.where[slot][k]
        if ti == tk:
            return False
        for who in (i, k):  # whoever comes onto a table (from off it) needs a round left
            if self.where[slot][who] == UNSEATED and self.rounds_seated[who] >= self.limit[who]:
                return False
        at_i, at_k = self._others(slot, ti, i), self._others(slot, tk, k)
        if not (self._fits(i, at_k) and self._fits(k, at_i)):
            return False
        delta = (
            self._gain(i, at_k, slot)
            + self._gain(k, at_i, slot)
            - self._gain(i, at_i, slot)
            - self._gain(k, at_k, slot)
        )
        moved = len(at_k) - len(at_i)  # everybody else loses one partner and gains one
        if not self._accept(delta, [(i, moved), (k, -moved)], rng, temperature):
            return False
        self._stand(i, slot)
        self._stand(k, slot)
        if tk != UNSEATED:
            self._sit(i, slot, tk)
        if ti != UNSEATED:
            self._sit(k, slot, ti)
        return True

    def _others(self, slot: int, table: int, i: int) -> list[int]:
        if table == UNSEATED:
            return []
        return [j for j in self.members[slot][table] if j != i]

    def _fits(self, i: int, people: list[int]) -> bool:
        """i may join `people`: every pair allowed and never at one table before."""
        weight, met = self.weight[i], self.met[i]
        return all(j in weight and j not in met for j in people)

    def _gain(self, i: int, people: list[int], slot: int) -> float:
        gain = sum(self.weight[i][j] for j in people)
        if self.keep:
            gain += self.keep_bonus * sum(
                1 for j in people if self.keep.get((min(i, j), max(i, j))) == slot
            )
        return gain

    def _accept(
        self,
        delta: float,
        changes: list[tuple[int, int]],
        rng: random.Random,
        temperature: float,
    ) -> bool:
        delta += self.fairness * (self._fewest_after(changes) - self.fewest)
        return delta >= 0 or rng.random() < math.exp(delta / temperature)

    def _fewest_after(self, changes: list[tuple[int, int]]) -> int:
        """The fewest meetings of an eligible attendee if `changes` (who, +/-n) happened."""
        if not self.fairness:
            return 0
        moved = [(self.count[i], self.count[i] + d) for i, d in changes if d and self.eligible[i]]
        for before, after in moved:  # try the change on the histogram, then undo it
            self.histogram[before] -= 1
            self.histogram[after] += 1
        fewest = min([self.fewest] + [after for _, after in moved])
        while self.histogram[fewest] == 0:
            fewest += 1
        for before, after in moved:
            self.histogram[before] += 1
            self.histogram[after] -= 1
        return fewest

    def _sit(self, i: int, slot: int, table: int) -> None:
        people = self.members[slot][table]
        for j in people:
            self._pair(i, j, slot, 1)
        people.append(i)
        self.where[slot][i] = table
        self.rounds_seated[i] += 1
        self._refresh_fewest()

    def _stand(self, i: int, slot: int) -> None:
        table = self.where[slot][i]
        if table == UNSEATED:
            return
        people = self.members[slot][table]
        people.remove(i)
        for j in people:
            self._pair(i, j, slot, -1)
        self.where[slot][i] = UNSEATED
        self.rounds_seated[i] -= 1
        self._refresh_fewest()

    def _pair(self, i: int, j: int, slot: int, sign: int) -> None:
        """Count pair (i, j) sitting together in `slot` (sign 1) or no longer (sign -1)."""
        self.value += sign * self._gain(i, [j], slot)
        if sign > 0:
            self.met[i][j] = self.met[j][i] = slot
        else:
            del self.met[i][j], self.met[j][i]
        for who in (i, j):
            if self.eligible[who]:
                self.histogram[self.count[who]] -= 1
                self.histogram[self.count[who] + sign] += 1
            self.count[who] += sign

    def _refresh_fewest(self) -> None:
        if self.fairness:
            self.fewest = next(c for c, n in enumerate(self.histogram) if n)
