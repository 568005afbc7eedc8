"""The fused multiply-add of matcher.neo4j_cosine rounds once, as Java's Math.fma does."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from matcher import neo4j_cosine

F32 = np.float32


def rounded_once(a: F32, b: F32, c: F32) -> F32:
    """a * b + c computed exactly, then rounded to the nearest float32 (ties to even)."""
    exact = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    near = F32(float(exact))
    options = [np.nextafter(near, F32(-np.inf)), near, np.nextafter(near, F32(np.inf))]
    distance = [abs(Fraction(float(x)) - exact) for x in options]
    best = min(distance)
    ties = [x for x, d in zip(options, distance, strict=True) if d == best]
    return min(ties, key=lambda x: int(np.array(x).view(np.int32)) % 2)


def fma(a: F32, b: F32, c: F32) -> F32:
    as_double = [np.array([float(x)]) for x in (a, b, c)]
    return F32(neo4j_cosine._fma(*as_double)[0])


def test_a_sum_rounded_to_a_float32_halfway_point_in_double_still_rounds_once() -> None:
    a, b, c = F32(1 + 2**-23), F32(2**-24 - 2**-47), F32(1 + 2**-23)
    twice = F32(float(a) * float(b) + float(c))  # double, then float32: the even neighbour
    assert twice == F32(1 + 2**-22)
    assert fma(a, b, c) == rounded_once(a, b, c) == F32(1 + 2**-23)


def test_random_fused_multiply_adds_equal_the_exact_sum_rounded_once() -> None:
    rng = np.random.default_rng(5)
    values = rng.normal(scale=0.05, size=(2000, 3)).astype(F32)
    for a, b, c in values:
        assert fma(a, b, c) == rounded_once(a, b, c)


def test_zero_and_non_finite_vectors_are_not_scored() -> None:
    rows = np.array([[0.0, 0.0], [3.0, 4.0], [np.nan, 1.0]])
    units, valid = neo4j_cosine.unit_rows(rows)
    assert valid.tolist() == [False, True, False]
    assert units[1].tolist() == [F32(0.6), F32(0.8)]
    found = neo4j_cosine.cypher_cosines(
        (units, valid), np.array([0, 1, 2]), (units, valid), np.array([1, 1, 1]), fma=True
    )
    assert found.tolist() == [0.0, 1.0, 0.0]
