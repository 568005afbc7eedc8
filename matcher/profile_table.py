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

from matcher.languages import understood
from matcher.lexicon import sector_keys
from matcher.profiles import Occupation, Profile, SectorWeight, Term


@dataclass(frozen=True)
class Rows:
    """Sparse rows (CSR): row i has the columns `indices[indptr[i]:indptr[i + 1]]`, sorted,
    with `data` as values; `keys` = (row << 32) | column of each entry, ascending, to find
    entries by searchsorted. Plain numpy rather than scipy.sparse: a request works on a
    hundred rows, where scipy's checks on each new matrix cost more than the arithmetic."""

    indptr: np.ndarray  # int64, one more than the rows
    indices: np.ndarray  # int64 column numbers
    data: np.ndarray  # float64
    keys: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.indptr)


Matrix: TypeAlias = Rows


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

    def columns(self, space: str) -> dict[Hashable, int]:
        """The numbering of `space` itself, for loops that number many keys (see `_binary`)."""
        return self._spaces.setdefault(space, {})


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
        # Each term's columns once: the fields are the skills then the sectors.
        skill_columns = _term_columns(words, [p.skills for p in profiles])
        sector_columns = _term_columns(words, [p.sectors for p in profiles])
        skills = _term_rows(words, skill_columns)
        sectors = _term_rows(words, sector_columns)
        fields = _term_rows(
            words, [a + b for a, b in zip(skill_columns, sector_columns, strict=True)]
        )
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
            fields=fields,
            needs=_term_rows(words, _term_columns(words, [p.needs for p in profiles])),
            offers=_term_rows(words, _term_columns(words, [p.offers for p in profiles])),
            sector_keys=_binary(words, "sector", [sector_keys(p.sectors) for p in profiles]),
            occupation_sectors=_sector_weights(words, [p.occupation_sectors for p in profiles]),
            occupations=occupations,
            occupations_sq=occupations_sq,
            linked=linked,
            linked_sq=linked_sq,
            neighbours=_binary(words, "neighbour", [p.neighbours for p in profiles]),
            languages=np.array(
                [_mask(words, understood(p.languages)) for p in profiles], dtype=np.uint64
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


def _term_columns(words: Vocabulary, lists: Sequence[Sequence[Term]]) -> list[list[list[int]]]:
    """For each profile, each term's columns (its key and ESCO concepts, in the ids space)."""
    numbered = words.columns("ids")
    return [
        [[numbered.setdefault(i, len(numbered)) for i in term.ids] for term in terms]
        for terms in lists
    ]


def _term_rows(words: Vocabulary, columns: Sequence[Sequence[list[int]]]) -> TermRows:
    per_profile = [len(terms) for terms in columns]
    start = np.zeros(len(columns) + 1, dtype=np.int64)
    start[1:] = np.cumsum(per_profile)
    flat = [term for terms in columns for term in terms]
    term_of, column = _cells(flat)
    profile_of_term = np.repeat(np.arange(len(columns), dtype=np.int64), per_profile)
    terms = _csr(len(flat), term_of, column)
    union = _csr(len(columns), profile_of_term[term_of], column)
    return TermRows(terms, start, union)


def _binary(words: Vocabulary, space: str, rows: Iterable[Iterable[Hashable]]) -> Matrix:
    """0/1 rows, one per collection of keys."""
    numbered = words.columns(space)
    found = [[numbered.setdefault(key, len(numbered)) for key in row] for row in rows]
    return _csr(len(found), *_cells(found))


def _cells(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """The (row, column) of every entry of `rows`, as two arrays."""
    sizes = [len(row) for row in rows]
    total = sum(sizes)
    row_of = np.repeat(np.arange(len(rows), dtype=np.int64), sizes)
    column = np.fromiter((c for row in rows for c in row), dtype=np.int64, count=total)
    return row_of, column


def _csr(count: int, row_of: np.ndarray, column: np.ndarray) -> Matrix:
    """0/1 rows from the (row, column) of their entries, in any order, repeats allowed: one
    numpy sort for the whole matrix (a request's tables have thousands of tiny rows, where
    sorting each in Python was most of their cost)."""
    keys = np.unique((row_of << 32) | column)
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys >> 32, minlength=count), out=indptr[1:])
    indices = keys & 0xFFFFFFFF
    return Rows(indptr, indices, np.ones(len(indices), dtype=np.float64), keys)


def _weights(
    words: Vocabulary, space: str, lists: Sequence[Sequence[Occupation]]
) -> tuple[Matrix, np.ndarray]:
    # Summed in the profile's own order, as matcher.features._occupation_fit sums them.
    squares = np.array([sum(o.weight**2 for o in found) for found in lists], dtype=np.float64)
    return _rows(words, space, [[(o.id, o.weight) for o in found] for found in lists]), squares


def _sector_weights(words: Vocabulary, lists: Sequence[Sequence[SectorWeight]]) -> Matrix:
    return _rows(words, "sector", [[(s.key, s.weight) for s in found] for found in lists])


def _rows(
    words: Vocabulary, space: str, rows: Sequence[Sequence[tuple[Hashable, float]]]
) -> Matrix:
    """Sparse rows, one per list of (key, value), columns sorted; a key given twice in
    one row keeps its largest value (ids of one term, weights already deduplicated)."""
    numbered = words.columns(space)
    row_of = np.repeat(np.arange(len(rows), dtype=np.int64), [len(row) for row in rows])
    column = np.array(
        [numbered.setdefault(key, len(numbered)) for row in rows for key, _ in row],
        dtype=np.int64,
    )
    value = np.array([v for row in rows for _, v in row], dtype=np.float64)
    keys = (row_of << 32) | column
    order = np.lexsort((value, keys))  # by key, then value: a key's largest value last
    keys, value = keys[order], value[order]
    last = np.ones(len(keys), dtype=bool)
    last[:-1] = keys[1:] != keys[:-1]
    keys, value = keys[last], value[last]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys >> 32, minlength=len(rows)), out=indptr[1:])
    return Rows(indptr, keys & 0xFFFFFFFF, value, keys)


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
