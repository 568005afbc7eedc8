"""An upper bound on the match value of any valid schedule: an LP relaxation solved by HiGHS."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix

from matcher.scheduling.index import Index, index
from matcher.scheduling.model import Problem

__all__ = ["upper_bound"]

# Covers the floating-point rounding of the dual bound's own sums.
_MARGIN = 1e-9


class _Rows:
    """Sparse `A_ub x <= b_ub` rows, built one row at a time."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.coefs: list[float] = []
        self.rhs: list[float] = []

    def add(self, cols: list[int], rhs: float, coefs: list[float] | None = None) -> None:
        row = len(self.rhs)
        self.rows += [row] * len(cols)
        self.cols += cols
        self.coefs += coefs if coefs is not None else [1.0] * len(cols)
        self.rhs.append(rhs)


def upper_bound(problem: Problem) -> float:
    """A valid upper bound on `match_value` over every valid schedule of `problem`.

    The LP relaxation of a slot-indexed model, x[p, s] in [0, 1] for each allowed pair p and
    common slot s, maximising sum weight[p] x[p, s]. Every valid schedule, written as x in
    {0, 1} (x[p, s] = 1 when p meets / shares a table in s), satisfies all the rows below, so
    the LP optimum is at least its match value; the LP may only be larger (fractional
    meetings, tables that need not be cliques of allowed pairs). Rows:

    - both formats: a pair meets at most once, sum_s x[p, s] <= 1;
    - one-to-one: one meeting per person and slot, and per-person limits;
    - tables: with z[i, s] in [0, 1] "i is seated in round s", at most table_size - 1
      tablemates, sum_p x[p, s] <= (table_size - 1) z[i, s]; rounds seated
      sum_s z[i, s] <= limit; per round at most tables x table_size seats and
      tables x table_size (table_size - 1) / 2 pairs.

    The LP is bounded through a dual feasible solution (see `_dual_bound`), so solver
    tolerances cannot make the bound invalid; the result is also capped by the sum of the
    weights of all pairs that could meet. About 4 s for 500 attendees x 8 slots.
    """
    idx = index(problem)
    cols = [(p, s) for p, slots in enumerate(idx.common) for s in slots]
    if not cols:
        return 0.0
    weights = np.array([idx.weight[p] for p, _ in cols])
    if problem.is_tables:
        rows, n_extra = _table_rows(problem, idx, cols)
    else:
        rows, n_extra = _meeting_rows(idx, cols), 0
    gains = np.concatenate([weights, np.zeros(n_extra)])
    matrix = coo_matrix(
        (rows.coefs, (rows.rows, rows.cols)), shape=(len(rows.rhs), len(gains))
    ).tocsr()
    trivial = float(sum(idx.weight[p] for p, slots in enumerate(idx.common) if slots))
    return min(_dual_bound(gains, matrix, np.array(rows.rhs)), trivial)


def _dual_bound(gains: np.ndarray, matrix: csr_matrix, rhs: np.ndarray) -> float:
    """max gains.x s.t. matrix x <= rhs, 0 <= x <= 1, bounded through LP duality.

    Any y >= 0 with u = max(0, gains - matrix^T y) is feasible for the dual
    min rhs.y + sum(u), so rhs.y + sum(u) bounds the LP from above however accurately
    HiGHS solved it: the solver's tolerances cannot make the bound invalid. Interior point
    (with crossover) is ~10x faster than the dual simplex on these degenerate LPs.
    """
    result = linprog(-gains, A_ub=matrix, b_ub=rhs, bounds=(0, 1), method="highs-ipm")
    if result.status != 0:
        return float("inf")  # the caller's trivial bound applies
    y = np.maximum(0.0, -result.ineqlin.marginals)  # marginals of the minimisation are <= 0
    u = np.maximum(0.0, gains - matrix.T @ y)
    return float(rhs @ y + u.sum()) * (1 + _MARGIN)


def _meeting_rows(idx: Index, cols: list[tuple[int, int]]) -> _Rows:
    rows = _pair_rows(cols)
    by_person_slot: dict[tuple[int, int], list[int]] = {}
    by_person: dict[int, list[int]] = {}
    for c, (p, s) in enumerate(cols):
        for i in idx.pairs[p]:
            by_person_slot.setdefault((i, s), []).append(c)
            by_person.setdefault(i, []).append(c)
    for members in by_person_slot.values():
        rows.add(members, 1.0)
    for i, members in by_person.items():
        rows.add(members, float(idx.limit[i]))
    return rows


def _table_rows(problem: Problem, idx: Index, cols: list[tuple[int, int]]) -> tuple[_Rows, int]:
    """Rows of the table relaxation; returns them and the number of z[i, s] columns."""
    size, tables = problem.table_size or 2, problem.table_count
    rows = _pair_rows(cols)
    by_person_slot: dict[tuple[int, int], list[int]] = {}
    by_slot: dict[int, list[int]] = {}
    for c, (p, s) in enumerate(cols):
        by_slot.setdefault(s, []).append(c)
        for i in idx.pairs[p]:
            by_person_slot.setdefault((i, s), []).append(c)
    z_of_person: dict[int, list[int]] = {}
    z_of_slot: dict[int, list[int]] = {}
    for z, ((i, s), members) in enumerate(by_person_slot.items(), start=len(cols)):
        rows.add(members + [z], 0.0, [1.0] * len(members) + [1.0 - size])
        z_of_person.setdefault(i, []).append(z)
        z_of_slot.setdefault(s, []).append(z)
    for i, zs in z_of_person.items():
        rows.add(zs, float(idx.limit[i]))
    for s, members in by_slot.items():
        rows.add(members, tables * size * (size - 1) / 2)
        rows.add(z_of_slot[s], float(tables * size))
    return rows, len(by_person_slot)


def _pair_rows(cols: list[tuple[int, int]]) -> _Rows:
    rows = _Rows()
    by_pair: dict[int, list[int]] = {}
    for c, (p, _) in enumerate(cols):
        by_pair.setdefault(p, []).append(c)
    for members in by_pair.values():
        if len(members) > 1:
            rows.add(members, 1.0)
    return rows
