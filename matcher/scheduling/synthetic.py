"""Reproducible synthetic events with structured values, for benchmarks and tests."""

from __future__ import annotations

import numpy as np

from matcher.scheduling.model import Attendee, PairValue, Problem

__all__ = ["synthetic_problem"]

THEMES = 12
ROLES = ("youth", "mentor", "company", "association")
ROLE_SHARE = (0.34, 0.33, 0.17, 0.16)  # about a third youths, mentors, company/association reps
# How much each pair of roles gains from meeting (symmetric): youths want mentors and
# employers most; two reps of the same kind least.
AFFINITY = np.array(
    [
        [0.6, 1.0, 0.9, 0.8],
        [1.0, 0.3, 0.5, 0.5],
        [0.9, 0.5, 0.4, 0.6],
        [0.8, 0.5, 0.6, 0.4],
    ]
)
SECOND_THEME = 0.4  # share of attendees with two themes rather than one
MUST_MEETS = (2, 4)  # each attendee marks 2 to 4 others "must meet" (3 on average)
NO_THANKS = 0.05  # share of pairs removed because one side said "no thanks"
PARTIAL = 0.15  # share of attendees who miss 1 to 3 slots


def synthetic_problem(
    n_attendees: int,
    rounds: int,
    *,
    pairs_per_attendee: int | None = 20,
    table_size: int | None = None,
    seed: int = 0,
) -> Problem:
    """A synthetic event shaped like a real one (same seed, same event).

    Attendees have a role (youth, mentor, company or association rep) and 1-2 of 12
    themes of uneven popularity. A pair's value is its roles' affinity times 0.3 (no common
    theme) to 0.9 (common theme), plus noise. The allowed pairs are the recommender's top
    suggestions of every attendee (seen with per-viewer noise) until there are about
    `pairs_per_attendee` per attendee, plus the must-meet marks, minus 5 % no-thanks.
    Limits equal the rounds; 15 % of attendees miss 1-3 slots.

    Args:
        n_attendees: attendees.
        rounds: slots or rounds.
        pairs_per_attendee: allowed pairs per attendee on average; None for every pair
            (tables need it: everybody at a table must be an allowed pair).
        table_size: None for one-to-one meetings, else the size of the tables.
        seed: random seed.

    Returns:
        The event, with values rounded to 1/10,000.
    """
    rng = np.random.default_rng(seed)
    roles = rng.choice(len(ROLES), size=n_attendees, p=ROLE_SHARE)
    values = _values(rng, roles, _themes(rng, n_attendees))
    must = _must_meets(rng, values)
    pairs = sorted(_recommended(rng, values, pairs_per_attendee) | must)
    kept = rng.random(len(pairs)) >= NO_THANKS
    ids = [f"{ROLES[role]}-{i:04d}" for i, role in enumerate(roles)]
    return Problem(
        rounds=rounds,
        attendees=tuple(
            Attendee(ids[i], _availability(rng, rounds), rounds) for i in range(n_attendees)
        ),
        pairs=tuple(
            PairValue(ids[i], ids[j], round(float(values[i, j]), 4), (i, j) in must)
            for (i, j), keep in zip(pairs, kept, strict=True)
            if keep
        ),
        table_size=table_size,
    )


def _themes(rng: np.random.Generator, n: int) -> np.ndarray:
    """n x THEMES booleans: one theme each, a second for some; some themes are popular."""
    popularity = 1.0 / np.sqrt(np.arange(1, THEMES + 1))
    popularity /= popularity.sum()
    themes = np.zeros((n, THEMES), dtype=bool)
    for i in range(n):
        count = 2 if rng.random() < SECOND_THEME else 1
        themes[i, rng.choice(THEMES, size=count, replace=False, p=popularity)] = True
    return themes


def _values(rng: np.random.Generator, roles: np.ndarray, themes: np.ndarray) -> np.ndarray:
    """Symmetric pair values in [0, 1]: role affinity x theme overlap, plus noise."""
    shared = themes.astype(float) @ themes.T.astype(float)
    sizes = themes.sum(axis=1)
    overlap = shared / np.minimum.outer(sizes, sizes)  # 1 when one's themes are the other's
    noise = np.triu(rng.normal(0.0, 0.08, size=overlap.shape), 1)
    values = AFFINITY[np.ix_(roles, roles)] * (0.3 + 0.6 * overlap) + noise + noise.T
    values = np.clip(values, 0.0, 1.0)
    np.fill_diagonal(values, 0.0)
    return np.asarray(values)


def _recommended(
    rng: np.random.Generator, values: np.ndarray, per_attendee: int | None
) -> set[tuple[int, int]]:
    """Everybody's next-best suggestion in turn until there are n * k / 2 pairs."""
    n = len(values)
    every = {(i, j) for i in range(n) for j in range(i + 1, n)}
    if per_attendee is None or per_attendee >= n - 1:
        return every
    seen = values + rng.normal(0.0, 0.1, size=values.shape)  # each viewer ranks differently
    np.fill_diagonal(seen, -np.inf)
    ranked = np.argsort(-seen, axis=1)
    target = n * per_attendee // 2
    pairs: set[tuple[int, int]] = set()
    for rank in range(n - 1):
        for i in range(n):
            j = int(ranked[i, rank])
            pairs.add((min(i, j), max(i, j)))
            if len(pairs) >= target:
                return pairs
    return pairs


def _must_meets(rng: np.random.Generator, values: np.ndarray) -> set[tuple[int, int]]:
    """Each attendee marks 2-4 others, mostly among their most valuable pairs."""
    n = len(values)
    marks: set[tuple[int, int]] = set()
    for i in range(n):
        weights = values[i] ** 3
        weights[i] = 0.0
        wanted = int(rng.integers(MUST_MEETS[0], MUST_MEETS[1] + 1))
        count = min(wanted, int(np.count_nonzero(weights)))
        chosen = rng.choice(n, size=count, replace=False, p=weights / weights.sum())
        marks |= {(min(i, int(j)), max(i, int(j))) for j in chosen}
    return marks


def _availability(rng: np.random.Generator, rounds: int) -> frozenset[int]:
    """All slots, except 1-3 missed by some attendees (always at least one slot left)."""
    if rounds < 2 or rng.random() >= PARTIAL:
        return frozenset(range(rounds))
    missed = rng.choice(rounds, size=min(int(rng.integers(1, 4)), rounds - 1), replace=False)
    return frozenset(range(rounds)) - {int(s) for s in missed}
