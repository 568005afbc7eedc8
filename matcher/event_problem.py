"""From registrations and choices to the optimiser's `Problem` (plain data, no database).

The rules that make a pair allowed, in order:

1. both attendees hold a place and are in the problem;
2. neither marked the other "no thanks" — a "no thanks" always wins over the other side's
   "must meet";
3. the pair is not banned: met at an earlier event (when asked to avoid that), or one side
   declined the other before;
4. the pair has not already met at this event (a meeting recorded as held is fixed: it is
   not scheduled again, and its slot is taken for both sides).

Must meet: either side marked the other, and the pair is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from matcher.scheduling import Attendee, Meeting, PairValue, Problem

__all__ = ["Registrant", "build_problem"]

Pair = tuple[str, str]


@dataclass(frozen=True)
class Registrant:
    """One attendee holding a place, with their availability and marks."""

    id: str
    slots: frozenset[int]
    must_meet: frozenset[str] = field(default_factory=frozenset)
    no_thanks: frozenset[str] = field(default_factory=frozenset)


def build_problem(
    *,
    rounds: int,
    registrants: Iterable[Registrant],
    values: Mapping[Pair, float],
    max_meetings: int,
    table_size: int | None = None,
    tables: int | None = None,
    banned: Iterable[Pair] = (),
    held: Iterable[Meeting] = (),
    keep: Iterable[Meeting] = (),
    pairs_per_attendee: int | None = None,
) -> Problem:
    """The problem to schedule.

    Args:
        rounds: slots of the event.
        registrants: who is scheduled (ids unique).
        values: the value of each scored pair (either order); pairs without a value are not
            allowed, except must-meet pairs, which are worth 0 plus the bonus.
        max_meetings: per attendee, at most this many meetings (tables: rounds seated).
        table_size: None for one-to-one meetings.
        tables: tables per round (tables format).
        banned: pairs that must not meet (past meetings, earlier declines).
        held: meetings of this event already held: fixed, never scheduled again.
        keep: meetings of the current schedule to keep where still possible.
        pairs_per_attendee: keep only the pairs among each attendee's this many most
            valuable allowed pairs (plus must-meet pairs and meetings to keep), so that the
            optimiser works on what matters; None keeps every allowed pair (tables need
            that: everyone at a table must be an allowed pair).

    Returns:
        A valid `Problem` (pairs sorted, `a < b`).
    """
    people = {r.id: r for r in registrants}
    held = [m for m in held if m.a in people or m.b in people]
    busy: dict[str, set[int]] = {}
    for m in held:
        for who in (m.a, m.b):
            busy.setdefault(who, set()).add(m.slot)
    refused = {_ordered(a, b) for a, b in banned} | {_ordered(m.a, m.b) for m in held}
    for r in people.values():
        refused |= {_ordered(r.id, other) for other in r.no_thanks}
    wanted = {_ordered(r.id, other) for r in people.values() for other in r.must_meet}
    scored = {_ordered(a, b): v for (a, b), v in values.items()}
    keep = [m for m in keep if m.a in people and m.b in people]
    allowed = [
        (a, b)
        for a, b in sorted(set(scored) | wanted)
        if a != b and a in people and b in people and (a, b) not in refused
    ]
    if pairs_per_attendee is not None:
        kept = wanted | {_ordered(m.a, m.b) for m in keep}
        allowed = _best_pairs(allowed, scored, pairs_per_attendee, kept)
    pairs = [
        PairValue(a, b, min(1.0, max(0.0, scored.get((a, b), 0.0))), (a, b) in wanted)
        for a, b in allowed
    ]
    attendees = tuple(
        Attendee(
            id=r.id,
            slots=frozenset(s for s in r.slots if 0 <= s < rounds) - busy.get(r.id, set()),
            max_meetings=max(0, max_meetings - len(busy.get(r.id, ()))),
        )
        for r in sorted(people.values(), key=lambda r: r.id)
    )
    return Problem(
        rounds=rounds,
        attendees=attendees,
        pairs=tuple(pairs),
        table_size=table_size,
        tables=tables,
        keep=tuple(keep),
    )


def _best_pairs(
    allowed: list[Pair], scored: Mapping[Pair, float], k: int, always: set[Pair]
) -> list[Pair]:
    """The pairs among either side's `k` most valuable, and those in `always`; order kept."""
    by_person: dict[str, list[tuple[float, Pair]]] = {}
    for pair in allowed:
        for who in pair:
            by_person.setdefault(who, []).append((scored.get(pair, 0.0), pair))
    chosen = set(always)
    for options in by_person.values():
        options.sort(key=lambda item: (-item[0], item[1]))  # ties: by ids, reproducibly
        chosen |= {pair for _, pair in options[:k]}
    return [pair for pair in allowed if pair in chosen]


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)
