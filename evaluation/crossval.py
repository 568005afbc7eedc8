"""Cross-validated figures of the ranker's priors: every query gets a held-out score.

The queries of every kept set — (a) the hand-written profiles, (b) MELO, (c) the ESCO-built
set — are dealt into `FOLDS` folds by a seeded shuffle within each group (a language form of
(a), MELO, a language pair of (c)), so that each fold holds a fifth of every group. Each fold is
ranked by weights fitted on the other four; the figures of a group are the means of its
queries' held-out figures. The shipped weights are fitted once on everything
(`evaluation.fitting.fit`): these figures are their estimate, the in-sample ones are not.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from evaluation.fitting import QueryCandidates, Scorer, metrics, ranked

FOLDS = 5
SEED = 0
# Fits a scorer on training queries (e.g. `fitting.fit` wrapped in a scorer).
Fitter = Callable[[Sequence[QueryCandidates]], Scorer]
PerQuery = dict[str, dict[str, float]]  # query id -> metric -> value


def folds(queries: Sequence[QueryCandidates], k: int = FOLDS, seed: int = SEED) -> dict[str, int]:
    """The fold of each query id: shuffled (seeded) within its group, then dealt in turn."""
    by_group: dict[str, list[str]] = defaultdict(list)
    for query in queries:
        by_group[query.group].append(query.youth_id)
    fold: dict[str, int] = {}
    for group in sorted(by_group):
        ids = sorted(set(by_group[group]))
        random.Random(f"{seed}:{group}").shuffle(ids)
        fold.update({query_id: n % k for n, query_id in enumerate(ids)})
    return fold


def held_out(
    queries: Sequence[QueryCandidates], fitter: Fitter, *, k: int = FOLDS, seed: int = SEED
) -> PerQuery:
    """Each query's figures when ranked by a scorer fitted on the other folds."""
    fold = folds(queries, k, seed)
    found: PerQuery = {}
    for f in range(k):
        scorer = fitter([q for q in queries if fold[q.youth_id] != f])
        for query in queries:
            if fold[query.youth_id] == f:
                found[query.youth_id] = metrics(query, ranked(query, scorer(query)))
    return found


def scored(queries: Sequence[QueryCandidates], scorer: Scorer) -> PerQuery:
    """Each query's figures with one scorer (a baseline, or weights fitted on everything)."""
    return {q.youth_id: metrics(q, ranked(q, scorer(q))) for q in queries}


def means(
    queries: Sequence[QueryCandidates], per_query: PerQuery, key: Callable[[str], str]
) -> dict[str, dict[str, float]]:
    """Mean of each metric per group of queries, the group named by `key(query.group)`."""
    rows: dict[str, list[dict[str, float]]] = defaultdict(list)
    for query in queries:
        rows[key(query.group)].append(per_query[query.youth_id])
    return {
        name: {
            metric: float(np.mean([r[metric] for r in found if metric in r]))
            for metric in sorted({m for r in found for m in r})
        }
        | {"queries": float(len(found))}
        for name, found in rows.items()
    }


def by_group(group: str) -> str:
    """Groups as they are: a language form of (a), MELO, a language pair of (c)."""
    return group


def by_set(group: str) -> str:
    """The set a group belongs to: "a", "b" or "c"."""
    return group[:1]
