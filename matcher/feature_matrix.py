"""The pair features of `matcher.features`, for many pairs at once, and the hard rules as a mask.

One request ranks about a hundred candidates, the weekly refresh a hundred thousand lists: both
compute their features here, from two `ProfileTable`s and the pairs' row numbers, so that the
batched path and the one-by-one path score with the same code. `matcher.features.evidence`
stays the definition (and gives the facts behind the reasons of the few pairs shown);
tests/unit/test_feature_matrix.py checks that both give the same features.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matcher.features import (
    COMPLEMENT_BY_MEANING,
    DISTANCE_SCALE_KM,
    FEATURES,
    FRESHNESS_SCALE_DAYS,
    GRAPH_SHARED_FULL,
    haversine_km,
)
from matcher.kinds import SuggestionKind as K
from matcher.profile_table import Matrix, ProfileTable, TermRows
from matcher.rules import AgeBounds


@dataclass(frozen=True)
class Pairs:
    """Pairs of rows: `viewer[n]` of the viewers' table with `candidate[n]` of the candidates'."""

    viewer: np.ndarray
    candidate: np.ndarray

    def __len__(self) -> int:
        return len(self.viewer)

    def reversed(self) -> Pairs:
        return Pairs(self.candidate, self.viewer)

    def subset(self, keep: np.ndarray) -> Pairs:
        return Pairs(self.viewer[keep], self.candidate[keep])


@dataclass(frozen=True)
class Similarities:
    """Each pair's cosines and lexical score (`matcher.features.Similarity`, as columns)."""

    semantic: np.ndarray
    needs_offers: np.ndarray
    offers_needs: np.ndarray
    lexical: np.ndarray

    def reversed(self) -> Similarities:
        return Similarities(self.semantic, self.offers_needs, self.needs_offers, self.lexical)

    def subset(self, keep: np.ndarray) -> Similarities:
        return Similarities(
            self.semantic[keep],
            self.needs_offers[keep],
            self.offers_needs[keep],
            self.lexical[keep],
        )


def features(
    a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K, today: dt.date, sims: Similarities
) -> np.ndarray:
    """The (len(pairs), len(FEATURES)) features of each pair seen by its row of `a`."""
    i, j = pairs.viewer, pairs.candidate
    covered, needed = _coverage(a, b, pairs, kind)
    shared_sectors = _hits(a.sectors, i, b.sectors.union, j)
    complements = _complements(a, b, pairs, kind, sims)
    known = ~(np.isnan(a.lat[i]) | np.isnan(a.lon[i]) | np.isnan(b.lat[j]) | np.isnan(b.lon[j]))
    values = {
        "semantic": sims.semantic,
        "skill_coverage": _ratio(covered, needed),
        "sector_overlap": _jaccard(a.sectors.union, i, b.sectors.union, j),
        "complementarity": _complementarity(a, b, pairs, kind, sims, complements),
        "shared_language": ((a.languages[i] & b.languages[j]) != 0).astype(np.float64),
        "proximity": np.where(known, _proximity(a, b, pairs, known), 0.5),
        "graph_proximity": np.minimum(
            1.0,
            (
                covered
                + shared_sectors
                + complements
                + _dots(a.neighbours, i, b.neighbours, j)
                + ((a.place[i] == b.place[j]) & (a.place[i] >= 0))
            )
            / GRAPH_SHARED_FULL,
        ),
        "capacity_left": _capacity_left(a, b, pairs, kind),
        "freshness": _freshness(a, b, pairs, kind, today),
        "occupation_fit": _cosine(
            a.occupations, a.occupations_sq, i, b.occupations, b.occupations_sq, j
        ),
        "occupation_link": _cosine(a.linked, a.linked_sq, i, b.linked, b.linked_sq, j),
        "lexical": sims.lexical,
        "occupation_sector": np.maximum(
            _best(a.occupation_sectors, i, b.sector_keys, j),
            _best(b.occupation_sectors, j, a.sector_keys, i),
        ),
    }
    return np.column_stack([np.asarray(values[name], dtype=np.float64) for name in FEATURES])


def allowed(
    a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K, today: dt.date, ages: AgeBounds
) -> np.ndarray:
    """`matcher.rules.allowed` for each pair (the viewer's own rule stays per viewer)."""
    i, j = pairs.viewer, pairs.candidate
    keep = (a.ids[i] != b.ids[j]) & (b.kinds[j] == kind.target_type)
    keep &= _admitted(b, j, today, ages)
    if kind is K.MENTORS:
        keep &= ~b.paused[j] & (b.active[j] < b.capacity[j])
    if kind is K.JOBS:
        keep &= (b.expires[j] < 0) | (b.expires[j] >= today.toordinal())
    if kind in (K.MENTORS, K.MENTEES):
        keep &= (a.languages[i] & b.languages[j]) != 0
    for n in np.flatnonzero(keep & (a.excludes[i] | b.excludes[j])):
        viewer, candidate = a.profiles[i[n]], b.profiles[j[n]]
        keep[n] = candidate.id not in viewer.excluded and viewer.id not in candidate.excluded
    return np.asarray(keep, dtype=bool)


def _admitted(t: ProfileTable, rows: np.ndarray, today: dt.date, ages: AgeBounds) -> np.ndarray:
    age = today.year - t.birth_year[rows]
    unknown = (t.kinds[rows] != "youth") | np.isnan(age)
    with np.errstate(invalid="ignore"):
        return np.asarray(unknown | ((ages.low <= age) & (age <= ages.high)), dtype=bool)


def _coverage(
    a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K
) -> tuple[np.ndarray, np.ndarray]:
    """How many of the needed terms the other side has, and how many are needed."""
    i, j = pairs.viewer, pairs.candidate
    if kind is K.JOBS:
        return _hits(b.skills, j, a.skills.union, i), b.skills.counts[j]
    if kind in (K.CANDIDATES, K.PEERS):
        return _hits(a.skills, i, b.skills.union, j), a.skills.counts[i]
    if kind is K.MENTORS:
        return _hits(a.fields, i, b.fields.union, j), a.fields.counts[i]
    if kind is K.MENTEES:
        return _hits(b.fields, j, a.fields.union, i), b.fields.counts[j]
    zeros = np.zeros(len(pairs), dtype=np.int64)
    return zeros, zeros


def _complements(
    a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K, sims: Similarities
) -> np.ndarray:
    """How many terms `matcher.features._complements` names."""
    if kind is not K.PARTNERS:
        return np.zeros(len(pairs), dtype=np.int64)
    i, j = pairs.viewer, pairs.candidate
    by_terms = _hits(b.offers, j, a.needs.union, i) + _hits(a.offers, i, b.needs.union, j)
    by_meaning = np.where(sims.needs_offers >= COMPLEMENT_BY_MEANING, b.offers.counts[j], 0)
    return np.where(by_terms > 0, by_terms, by_meaning)


def _complementarity(
    a: ProfileTable,
    b: ProfileTable,
    pairs: Pairs,
    kind: K,
    sims: Similarities,
    complements: np.ndarray,
) -> np.ndarray:
    if kind is not K.PARTNERS:
        return np.zeros(len(pairs))
    wanted = a.needs.counts[pairs.viewer] + b.needs.counts[pairs.candidate]
    by_terms = np.minimum(1.0, _ratio(complements, wanted))
    return np.asarray(np.maximum(by_terms, np.maximum(sims.needs_offers, sims.offers_needs)))


def _capacity_left(a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K) -> np.ndarray:
    if kind not in (K.MENTORS, K.MENTEES):
        return np.zeros(len(pairs))
    mentor, rows = (b, pairs.candidate) if kind is K.MENTORS else (a, pairs.viewer)
    capacity = mentor.capacity[rows]
    left = np.maximum(0, capacity - mentor.active[rows])
    return _ratio(left, capacity)


def _freshness(
    a: ProfileTable, b: ProfileTable, pairs: Pairs, kind: K, today: dt.date
) -> np.ndarray:
    if kind not in (K.JOBS, K.CANDIDATES):
        return np.zeros(len(pairs))
    offer, rows = (b, pairs.candidate) if kind is K.JOBS else (a, pairs.viewer)
    published = offer.published[rows]
    days = np.maximum(today.toordinal() - published, 0)
    fresh = _each(days, lambda d: math.exp(-d / FRESHNESS_SCALE_DAYS))
    return np.where(published >= 0, fresh, 0.0)


def _proximity(a: ProfileTable, b: ProfileTable, pairs: Pairs, known: np.ndarray) -> np.ndarray:
    """exp(-distance / 25 km) where both places are known (computed once per two places)."""
    i, j = pairs.viewer[known], pairs.candidate[known]
    coordinates = np.column_stack([a.lat[i], a.lon[i], b.lat[j], b.lon[j]])
    out = np.zeros(len(pairs))
    if len(coordinates):
        distinct, back = np.unique(coordinates, axis=0, return_inverse=True)
        near = [math.exp(-haversine_km(*row) / DISTANCE_SCALE_KM) for row in distinct.tolist()]
        out[known] = np.asarray(near)[back.reshape(-1)]
    return out


def _cosine(
    x: Matrix, x_squares: np.ndarray, i: np.ndarray, y: Matrix, y_squares: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Cosine of two weightings (occupations), at most 1; 0 when they share nothing."""
    norms = np.sqrt(x_squares[i] * y_squares[j])
    return np.asarray(np.minimum(1.0, _ratio(_dots(x, i, y, j), norms)))


def _hits(terms: TermRows, rows: np.ndarray, union: Matrix, others: np.ndarray) -> np.ndarray:
    """For each pair (rows[n], others[n]): how many terms of the first side have an id in the
    second side's union of ids."""
    counts = terms.counts[rows]
    if not counts.any():
        return np.zeros(len(rows), dtype=np.int64)
    pair = np.repeat(np.arange(len(rows)), counts)
    first = np.repeat(terms.start[rows], counts)
    term = first + np.arange(len(pair)) - np.repeat(np.cumsum(counts) - counts, counts)
    found = _dots(terms.terms, term, union, others[pair]) > 0
    return np.bincount(pair, weights=found, minlength=len(rows)).astype(np.int64)


def _dots(x: Matrix, rows: np.ndarray, y: Matrix, others: np.ndarray) -> np.ndarray:
    """Dot product of row rows[n] of x with row others[n] of y, for each n."""
    pair, products = _products(x, rows, y, others)
    return np.bincount(pair, weights=products, minlength=len(rows)).astype(np.float64)


def _best(x: Matrix, rows: np.ndarray, y: Matrix, others: np.ndarray) -> np.ndarray:
    """Largest elementwise product of two rows (0 when they share no column; weights are not
    negative)."""
    pair, products = _products(x, rows, y, others)
    best = np.zeros(len(rows))
    np.maximum.at(best, pair, products)
    return best


def _products(
    x: Matrix, rows: np.ndarray, y: Matrix, others: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each entry of the rows rows[n] of x: n, and its value times y's at the same column
    of row others[n] (0 where y has none)."""
    counts = x.sizes[rows]
    pair = np.repeat(np.arange(len(rows)), counts)
    if not len(pair):
        return pair, np.zeros(0)
    position = (
        np.repeat(x.indptr[rows], counts)
        + np.arange(len(pair))
        - np.repeat(np.cumsum(counts) - counts, counts)
    )
    wanted = (np.asarray(others, dtype=np.int64)[pair] << 32) | x.indices[position]
    at = np.minimum(np.searchsorted(y.keys, wanted), max(len(y.keys) - 1, 0))
    found = y.keys[at] == wanted if len(y.keys) else np.zeros(len(wanted), dtype=bool)
    values = np.where(found, y.data[at] if len(y.keys) else 0.0, 0.0)
    return pair, x.data[position] * values


def _jaccard(x: Matrix, i: np.ndarray, y: Matrix, j: np.ndarray) -> np.ndarray:
    shared = _dots(x, i, y, j)
    sizes = x.sizes[i] + y.sizes[j]
    return _ratio(shared, sizes - shared)


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, 0 where bottom is 0."""
    top, bottom = np.asarray(top, dtype=np.float64), np.asarray(bottom, dtype=np.float64)
    return np.asarray(np.divide(top, bottom, out=np.zeros_like(top), where=bottom != 0))


def _each(values: np.ndarray, function: Callable[[float], float]) -> np.ndarray:
    """`function` of each value through Python's math, once per distinct value (the same
    floats as the one-pair definition in matcher.features)."""
    if not len(values):
        return np.zeros(0)
    distinct, back = np.unique(values, return_inverse=True)
    return np.asarray([function(float(v)) for v in distinct])[back.reshape(-1)]
