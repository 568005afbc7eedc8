"""Neo4j's `vector.similarity.cosine`, to the last bit, for many pairs at once in numpy.

A request scores its candidates in Neo4j (the vectors stay where they are); everyone's lists
score a block's pairs here, from vectors read once per run. The ranking compares scores to the
last bit (a list made by blocks must equal the one a request makes), so every rounding of
Neo4j 5.26 is reproduced: each vector is scaled to unit length in double precision and
rounded to float32, then Lucene's DOT_PRODUCT scores the pair: a float32 dot product in four
interleaved accumulators (vectors longer than 32), each step a fused multiply-add where the
JVM has a fast one (`fma=True`) or a product then a sum, then max((1 + dot) / 2, 0) clamped to
1. Which of the two the server uses depends on its CPU: services.suggestion_lists compares a
sample with Neo4j's own scores before trusting either.
"""

from __future__ import annotations

from typing import Any

import numpy as np

F32, F64 = np.float32, np.float64
UNROLL_ABOVE = 32  # Lucene unrolls the dot product of vectors longer than this
LANES = 4
CHUNK = 2048


def unit_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row scaled to unit length as Neo4j does (float32), and whether it is a vector
    Neo4j scores at all (finite, not all zeros); rows that are not are left as zeros."""
    rows = np.asarray(vectors, dtype=F64)
    if rows.size == 0:
        return np.zeros(rows.shape, dtype=F32), np.zeros(len(rows), dtype=bool)
    # Java sums the squares one after the other: so does cumsum (sum() would pair them).
    with np.errstate(all="ignore"):
        squares = np.cumsum(rows * rows, axis=1)[:, -1]
        scale = 1.0 / np.sqrt(squares)
        scaled = (rows * scale[:, None]).astype(F32)
    valid = (
        (squares > 0)
        & np.isfinite(squares)
        & np.isfinite(scale)
        & np.isfinite(rows).all(axis=1)
        & np.isfinite(scaled).all(axis=1)
    )
    scaled[~valid] = 0
    return scaled, valid


def scores(
    a: np.ndarray, a_rows: np.ndarray, b: np.ndarray, b_rows: np.ndarray, *, fma: bool
) -> np.ndarray:
    """`vector.similarity.cosine` of row a_rows[n] of `a` with row b_rows[n] of `b` (both from
    `unit_rows`), as float32 in [0, 1]."""
    dot = np.zeros(len(a_rows), dtype=F32)
    for start in range(0, len(a_rows), CHUNK):  # a few thousand pairs at a time stay in cache
        part = slice(start, start + CHUNK)
        dot[part] = _dot(a[a_rows[part]].T, b[b_rows[part]].T, fma=fma)
    with np.errstate(all="ignore"):
        found = np.maximum((F32(1) + dot) / F32(2), F32(0))
    return np.asarray(np.minimum(found, F32(1)), dtype=F32)


def cypher_cosines(
    a: tuple[np.ndarray, np.ndarray],
    a_rows: np.ndarray,
    b: tuple[np.ndarray, np.ndarray],
    b_rows: np.ndarray,
    *,
    fma: bool,
) -> np.ndarray:
    """`2 * coalesce(vector.similarity.cosine(x, y), 0.5) - 1` as Cypher computes it (in
    doubles) for x = row a_rows[n] and y = row b_rows[n] of `a` and `b` (`unit_rows` results:
    rows and validity); 0.0 where either vector is not valid."""
    valid = a[1][a_rows] & b[1][b_rows]
    found = np.zeros(len(a_rows), dtype=F64)
    if valid.any():
        found[valid] = 2 * scores(a[0], a_rows[valid], b[0], b_rows[valid], fma=fma).astype(F64) - 1
    return found


def _dot(at: np.ndarray, bt: np.ndarray, *, fma: bool) -> np.ndarray:
    """Lucene's DefaultVectorUtilSupport.dotProduct, columns of `at` with those of `bt`."""
    kind: type[np.floating[Any]] = F64 if fma else F32
    step = _fma if fma else _mul_add
    if fma:  # float32 values held in doubles: one conversion instead of one per step
        at, bt = at.astype(F64), bt.astype(F64)
    dims, count = at.shape
    done = 0
    result = np.zeros(count, dtype=kind)
    if dims > UNROLL_ABOVE:
        done = dims - dims % LANES
        acc = np.zeros((LANES, count), dtype=kind)
        for start in range(0, done, LANES):
            acc = step(at[start : start + LANES], bt[start : start + LANES], acc)
        # res += acc1 + acc2 + acc3 + acc4, from the left, in float32
        total = acc[0]
        for lane in range(1, LANES):
            total = _float32(total + acc[lane], kind)
        result = _float32(result + total, kind)
    for dim in range(done, dims):
        result = step(at[dim], bt[dim], result)
    return result.astype(F32)


def _float32(values: np.ndarray, kind: type[np.floating[Any]]) -> np.ndarray:
    """Round to float32 (values of `kind`, kept in `kind`)."""
    return values.astype(F32).astype(kind) if kind is F64 else values


def _mul_add(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    return np.asarray((a * b) + c)  # float32: each operation rounded, as Java's float arithmetic


# Of a double's 52 fraction bits, float32 keeps 23: the 29 others decide its rounding.
_DROPPED = np.int64((1 << 29) - 1)
_HALF = np.int64(1 << 28)
_SMALLEST_NORMAL = float(np.finfo(F32).tiny)


def _fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Math.fma(a, b, c) of float32 values (held in doubles): a * b + c rounded once to
    float32. The product of two float32 is exact in double; the sum is rounded to double,
    then to float32, which differs from one rounding only when the double lands exactly
    halfway between two float32 and was itself rounded: there the exact remainder of the sum
    (TwoSum) says which way to go."""
    product = a * b
    total = product + c
    rounded: np.ndarray = total.astype(F32).astype(F64)
    halfway = (total.view(np.int64) & _DROPPED) == _HALF
    halfway |= np.abs(total) < _SMALLEST_NORMAL  # float32's own precision is smaller there
    if halfway.any():
        at = np.flatnonzero(halfway.reshape(-1))
        flat = rounded.reshape(-1)
        flat[at] = _fma_exact(product.reshape(-1)[at], c.reshape(-1)[at], total.reshape(-1)[at])
    return rounded


def _fma_exact(product: np.ndarray, addend: np.ndarray, total: np.ndarray) -> np.ndarray:
    virtual = total - product
    remainder = (product - (total - virtual)) + (addend - virtual)
    rounded = total.astype(F32)
    near = rounded.astype(F64)
    up = total > near
    other = np.nextafter(rounded, np.where(up, F32(np.inf), F32(-np.inf)).astype(F32))
    halfway = (total != near) & (total == (near + other.astype(F64)) / 2) & (remainder != 0)
    away = halfway & ((remainder > 0) == up)
    return np.asarray(np.where(away, other, rounded), dtype=F64)
