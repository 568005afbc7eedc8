"""Every broken hard constraint of a schedule, in words staff can act on."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Meeting, Problem, Schedule

__all__ = ["violations"]


def violations(problem: Problem, s: Schedule) -> list[str]:
    """List every broken hard constraint of `s`; [] when the schedule is valid.

    Checked: only allowed pairs meet (no-thanks, past and unknown pairs are not in
    `problem.pairs`); no pair meets twice (tables: two people share a table at most once);
    nobody is booked twice in a slot; nobody is scheduled outside their availability or
    outside 0..rounds-1; per-person limits (tables: rounds seated); table size and count.

    Args:
        problem: the event.
        s: a schedule of that event.

    Returns:
        One readable sentence per violation.
    """
    idx = index(problem)
    if problem.is_tables:
        found = ["one-to-one meetings given for a table event"] if s.meetings else []
        return found + _table_violations(problem, idx, s)
    found = ["table seats given for a one-to-one event"] if s.seats else []
    return found + _meeting_violations(problem, idx, s)


def _meeting_violations(problem: Problem, idx: Index, s: Schedule) -> list[str]:
    found: list[str] = []
    for m in s.meetings:
        if m.a == m.b:
            found.append(f"{m.a} meets themself in slot {m.slot}")
            continue
        found += _presence(problem, idx, m.a, m.slot) + _presence(problem, idx, m.b, m.slot)
        found += _pair_allowed(idx, m)
    pair_slots: dict[tuple[str, str], list[int]] = defaultdict(list)
    for m in s.meetings:
        pair_slots[m.a, m.b].append(m.slot)
    found += [
        f"pair {a}-{b} meets {len(slots)} times (slots {sorted(slots)})"
        for (a, b), slots in sorted(pair_slots.items())
        if len(slots) > 1
    ]
    bookings = Counter((who, m.slot) for m in s.meetings for who in {m.a, m.b})
    found += [
        f"{who} is booked {n} times in slot {slot}"
        for (who, slot), n in sorted(bookings.items())
        if n > 1
    ]
    counts = Counter(who for m in s.meetings for who in {m.a, m.b})
    return found + _over_limit(problem, counts, "meetings")


def _table_violations(problem: Problem, idx: Index, s: Schedule) -> list[str]:
    found: list[str] = []
    tables: dict[tuple[int, int], list[str]] = defaultdict(list)
    for seat in s.seats:
        found += _presence(problem, idx, seat.attendee, seat.slot)
        if not 0 <= seat.table < problem.table_count:
            found.append(
                f"{seat.attendee} is at table {seat.table} in slot {seat.slot}; "
                f"tables are 0..{problem.table_count - 1}"
            )
        tables[seat.slot, seat.table].append(seat.attendee)
    size = problem.table_size or 0
    for (slot, table), people in sorted(tables.items()):
        if len(people) > size:
            found.append(f"table {table} in slot {slot} seats {len(people)}, more than {size}")
        found += [
            f"{a} and {b} seated together at table {table} in slot {slot}: pair not allowed "
            "(no-thanks, past meeting or unknown)"
            for a, b in combinations(sorted(set(people)), 2)
            if _pair_index(idx, a, b) is None
        ]
    found += _tables_shared_twice(tables)
    bookings = Counter((seat.attendee, seat.slot) for seat in s.seats)
    found += [
        f"{who} is seated {n} times in slot {slot}"
        for (who, slot), n in sorted(bookings.items())
        if n > 1
    ]
    rounds_seated = Counter(who for who, _ in bookings)
    return found + _over_limit(problem, rounds_seated, "rounds seated")


def _tables_shared_twice(tables: dict[tuple[int, int], list[str]]) -> list[str]:
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (slot, _), people in tables.items():
        for a, b in combinations(sorted(set(people)), 2):
            shared[a, b].append(slot)
    return [
        f"{a} and {b} share a table {len(slots)} times (slots {sorted(slots)})"
        for (a, b), slots in sorted(shared.items())
        if len(slots) > 1
    ]


def _presence(problem: Problem, idx: Index, who: str, slot: int) -> list[str]:
    """The attendee exists, the slot exists and the attendee is available in it."""
    if who not in idx.pos:
        return [f"{who} is not an attendee (slot {slot})"]
    if not 0 <= slot < problem.rounds:
        return [f"{who} is scheduled in slot {slot}, outside 0..{problem.rounds - 1}"]
    if slot not in problem.attendees[idx.pos[who]].slots:
        return [f"{who} is not available in slot {slot}"]
    return []


def _pair_allowed(idx: Index, m: Meeting) -> list[str]:
    if m.a not in idx.pos or m.b not in idx.pos or _pair_index(idx, m.a, m.b) is not None:
        return []  # unknown attendees are reported by _presence
    return [f"pair {m.a}-{m.b} is not allowed (no-thanks, past meeting or unknown)"]


def _pair_index(idx: Index, a: str, b: str) -> int | None:
    i, j = idx.pos.get(a), idx.pos.get(b)
    return None if i is None or j is None else idx.pair_index(i, j)


def _over_limit(problem: Problem, counts: Counter[str], what: str) -> list[str]:
    return [
        f"{attendee.id} has {counts[attendee.id]} {what}, limit {attendee.max_meetings}"
        for attendee in problem.attendees
        if counts[attendee.id] > attendee.max_meetings
    ]
