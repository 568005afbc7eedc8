"""Fitting the priors: the same objective as scikit-learn where weights are positive, never a
negative weight, every query and each evaluation set weighing the same."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation.fitting import QueryCandidates, nonnegative_logistic, row_weights
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
