"""Fitting the priors: the same objective as scikit-learn where weights are positive, never a
negative weight, every query and each evaluation set weighing the same."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation import crossval
from evaluation.fitting import QueryCandidates, Scorer, nonnegative_logistic, row_weights
from matcher.features import FEATURES


def test_the_bounded_fit_agrees_with_scikit_learn_and_clips_what_would_be_negative() -> None:
    rng = np.random.default_rng(1)
    X = rng.random((3000, 5))
    y = (X[:, 0] + 0.5 * X[:, 1] - 0.4 * X[:, 2] + rng.normal(0, 0.3, 3000) > 0.7).astype(int)
    coef, _ = nonnegative_logistic(X, y, np.ones(len(y)))
    free = LogisticRegression(C=1.0, class_weight="balanced").fit(X, y).coef_[0]
    assert free[2] < 0 and coef[2] == 0.0
    assert np.all(coef >= 0)
    assert abs(coef[0] - free[0]) / free[0] < 0.1 and coef[0] > coef[1] > 0


def query(name: str, group: str, n: int) -> QueryCandidates:
    ids = [f"{name}-{k}" for k in range(n)]
    features = np.zeros((n, len(FEATURES)))
    return QueryCandidates(name, group, ids, features, None, {ids[0]: 2, ids[1]: 1})


def test_each_query_and_each_set_weighs_the_same_and_the_wanted_occupation_twice() -> None:
    queries = [query(f"a{i}", "a:msa", 20) for i in range(4)] + [query("b0", "b", 200)]
    weights = row_weights(queries)
    assert abs(weights.mean() - 1.0) < 1e-9
    first_set = weights[:80]
    assert abs(first_set.sum() - weights[80:].sum()) < 1e-6
    assert abs(first_set[:20].sum() - first_set[20:40].sum()) < 1e-6
    assert first_set[0] == 2 * first_set[1] == 2 * first_set[2]


def test_cross_validation_scores_every_query_by_weights_fitted_without_it() -> None:
    queries = [query(f"{g}{i}", g, 12) for g in ("a:msa", "a:french", "b") for i in range(10)]
    folds = crossval.folds(queries, k=5)
    for group in ("a:msa", "a:french", "b"):
        dealt = [folds[q.youth_id] for q in queries if q.group == group]
        assert sorted(dealt) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]  # a fifth of each group per fold
    seen_with: dict[str, set[str]] = {}

    def fitter(train: Sequence[QueryCandidates]) -> Scorer:
        names = {q.youth_id for q in train}

        def score(q: QueryCandidates) -> np.ndarray:
            seen_with[q.youth_id] = names
            return np.zeros(len(q.ids))

        return score

    found = crossval.held_out(queries, fitter, k=5)
    assert set(found) == {q.youth_id for q in queries}
    assert all(name not in seen_with[name] for name in found)
    assert all(len(seen_with[name]) == 24 for name in found)
