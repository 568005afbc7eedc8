"""Profiles as columns: what the pair features and the hard rules read, encoded once.

`matcher.feature_matrix` computes the features of many (viewer, candidate) pairs at once from
two tables: the one viewer of a request and its hundred candidates, or a block of a thousand
youths and every mentor (`matcher.recommender.rank_lists`). Sets of terms become rows of sparse
0/1 matrices whose columns are numbered by a `Vocabulary` the two tables share, so that "do
these two share an ESCO skill" is a product of two rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from scipy import sparse

from matcher.profiles import Occupation, Profile, SectorWeight, Term

# scipy ships no type information (pyproject: ignore_missing_imports): Matrix is Any to mypy.
Matrix: TypeAlias = sparse.csr_matrix


class Vocabulary:
    """Column numbers of keys (term ids, occupations, sector keys, places, languages), one
    numbering per space; tables built with the same vocabulary can be compared row by row."""

    def __init__(self) -> None:
        self._spaces: dict[str, dict[Hashable, int]] = {}

    def column(self, space: str, key: Hashable) -> int:
        found = self._spaces.setdefault(space, {})
        return found.setdefault(key, len(found))

    def size(self, space: str) -> int:
        return len(self._spaces.get(space, {}))


@dataclass(frozen=True)
class TermRows:
    """The terms of every profile of a table: one 0/1 row per term over its ids (its key and
    ESCO concepts), the terms of profile i being rows `start[i]:start[i + 1]`; and each
    profile's union of ids (`union`, one row per profile)."""

    terms: Matrix
    start: np.ndarray
    union: Matrix

    @property
    def counts(self) -> np.ndarray:
        return np.diff(self.start)


@dataclass(frozen=True)
class ProfileTable:
    """The facts of many profiles as arrays (row i = `profiles[i]`)."""

    profiles: tuple[Profile, ...]
    vocabulary: Vocabulary
    ids: np.ndarray  # object array of str
    kinds: np.ndarray  # object array of str
    skills: TermRows
    sectors: TermRows
    fields: TermRows  # skills then sectors (what mentoring covers)
    needs: TermRows
    offers: TermRows
    sector_keys: Matrix  # 0/1 over the sectors' own keys
    occupation_sectors: Matrix  # weights over sector keys (SectorWeight)
    occupations: Matrix  # weights over ESCO occupations (through skills)
    occupations_sq: np.ndarray  # sum of squared weights, in the profile's order
    linked: Matrix  # weights over the occupations the text names
    linked_sq: np.ndarray
    neighbours: Matrix
    languages: np.ndarray  # uint64 bit mask
    place: np.ndarray  # column of the Place (-1: none)
    lat: np.ndarray  # nan when unknown
    lon: np.ndarray
    birth_year: np.ndarray  # nan when unknown
    capacity: np.ndarray  # int, 0 when unknown
    active: np.ndarray
    paused: np.ndarray
    published: np.ndarray  # date ordinal, -1 when unknown
    expires: np.ndarray  # date ordinal, -1 when unknown
    excludes: np.ndarray  # bool: the profile has ids it must never be paired with

    @classmethod
    def of(cls, profiles: Sequence[Profile], vocabulary: Vocabulary | None = None) -> ProfileTable:
        """Encode `profiles`, numbering new keys in `vocabulary` (a new one when None)."""
        words = vocabulary or Vocabulary()
        skills = _term_rows(words, "ids", [p.skills for p in profiles])
        sectors = _term_rows(words, "ids", [p.sectors for p in profiles])
        occupations, occupations_sq = _weights(
            words, "occupation", [p.occupations for p in profiles]
        )
        linked, linked_sq = _weights(words, "occupation", [p.linked_occupations for p in profiles])
        places = [p.place for p in profiles]
        return cls(
            profiles=tuple(profiles),
            vocabulary=words,
            ids=_objects(p.id for p in profiles),
            kinds=_objects(p.kind for p in profiles),
            skills=skills,
            sectors=sectors,
            fields=_term_rows(words, "ids", [p.skills + p.sectors for p in profiles]),
            needs=_term_rows(words, "ids", [p.needs for p in profiles]),
            offers=_term_rows(words, "ids", [p.offers for p in profiles]),
            sector_keys=_rows(
                words, "sector", [[(t.key, 1.0) for t in p.sectors] for p in profiles]
            ),
            occupation_sectors=_sector_weights(words, [p.occupation_sectors for p in profiles]),
            occupations=occupations,
            occupations_sq=occupations_sq,
            linked=linked,
            linked_sq=linked_sq,
            neighbours=_rows(
                words, "neighbour", [[(n, 1.0) for n in p.neighbours] for p in profiles]
            ),
            languages=np.array(
                [_mask(words, p.languages) for p in profiles], dtype=np.uint64
            ).reshape(-1),
            place=np.array(
                [-1 if p is None else words.column("place", p) for p in places], dtype=np.int64
            ),
            lat=_floats(p.lat if p else None for p in places),
            lon=_floats(p.lon if p else None for p in places),
            birth_year=_floats(p.birth_year for p in profiles),
            capacity=np.array([p.capacity or 0 for p in profiles], dtype=np.int64),
            active=np.array([p.active_mentees for p in profiles], dtype=np.int64),
            paused=np.array([p.paused for p in profiles], dtype=bool),
            published=_ordinals(p.published_on for p in profiles),
            expires=_ordinals(p.expires_on for p in profiles),
            excludes=np.array([bool(p.excluded) for p in profiles], dtype=bool),
        )

    def __len__(self) -> int:
        return len(self.profiles)


def widened(matrix: Matrix, width: int) -> Matrix:
    """The same rows with more (empty) columns: tables built before the vocabulary grew."""
    if matrix.shape[1] == width:
        return matrix
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), (matrix.shape[0], width))


def _term_rows(words: Vocabulary, space: str, lists: Sequence[Sequence[Term]]) -> TermRows:
    start = np.zeros(len(lists) + 1, dtype=np.int64)
    start[1:] = np.cumsum([len(terms) for terms in lists])
    terms = _rows(words, space, [[(i, 1.0) for i in t.ids] for ts in lists for t in ts])
    union = _rows(
        words, space, [[(i, 1.0) for i in frozenset().union(*(t.ids for t in ts))] for ts in lists]
    )
    return TermRows(terms, start, union)


def _weights(
    words: Vocabulary, space: str, lists: Sequence[Sequence[Occupation]]
) -> tuple[Matrix, np.ndarray]:
    # Summed in the profile's own order, as matcher.features._occupation_fit sums them.
    squares = np.array([sum(o.weight**2 for o in found) for found in lists], dtype=np.float64)
    return _rows(words, space, [[(o.id, o.weight) for o in found] for found in lists]), squares


def _sector_weights(words: Vocabulary, lists: Sequence[Sequence[SectorWeight]]) -> Matrix:
    return _rows(words, "sector", [[(s.key, s.weight) for s in found] for found in lists])


def _rows(
    words: Vocabulary, space: str, rows: Iterable[Iterable[tuple[Hashable, float]]]
) -> Matrix:
    """A CSR matrix, one row per list of (key, value), columns sorted; a key given twice in
    one row keeps its largest value (ids of one term, weights already deduplicated)."""
    indptr, indices, data = [0], [], []
    for row in rows:
        cells: dict[int, float] = {}
        for key, value in row:
            column = words.column(space, key)
            cells[column] = max(value, cells.get(column, value))
        for column in sorted(cells):
            indices.append(column)
            data.append(cells[column])
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (
            np.array(data, dtype=np.float64),
            np.array(indices, dtype=np.int32),
            np.array(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, words.size(space)),
    )


def _mask(words: Vocabulary, languages: Iterable[str]) -> int:
    mask = 0
    for code in languages:
        bit = words.column("language", code)
        if bit >= 64:
            raise ValueError("more than 64 languages: widen ProfileTable.languages")
        mask |= 1 << bit
    return mask


def _objects(values: Iterable[str]) -> np.ndarray:
    items = list(values)
    found = np.empty(len(items), dtype=object)
    found[:] = items
    return found


def _floats(values: Iterable[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _ordinals(values: Iterable[dt.date | None]) -> np.ndarray:
    return np.array([-1 if v is None else v.toordinal() for v in values], dtype=np.int64)
