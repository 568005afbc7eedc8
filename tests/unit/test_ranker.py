"""MatchRanker keeps scikit-learn's contract: priors until fit, learned weights after."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from matcher.features import FEATURES
from matcher.ranker import MatchRanker
from matcher.weights import PRIORS, default_rankers


def test_before_fit_the_priors_score_and_more_evidence_scores_higher() -> None:
    ranker = MatchRanker(prior_weights=(1.0,) * len(FEATURES), prior_bias=-2.0)
    low, high = np.zeros(len(FEATURES)), np.ones(len(FEATURES))
    p_low, p_high = ranker.predict_proba(np.stack([low, high]))
    assert p_low == pytest.approx(1 / (1 + np.exp(2.0)))
    assert p_high > p_low


def test_fit_returns_self_learns_weights_and_clone_forgets_them() -> None:
    rng = np.random.default_rng(0)
    X = rng.random((400, len(FEATURES)))
    y = (X[:, 1] > 0.5).astype(int)  # only skill coverage decides the outcome
    ranker = MatchRanker(prior_weights=(0.0,) * len(FEATURES))
    assert ranker.fit(X, y) is ranker
    coef, _ = ranker.weights()
    assert np.argmax(coef) == FEATURES.index("skill_coverage")
    assert not hasattr(clone(ranker), "coef_")


def test_contributions_are_weight_times_value() -> None:
    ranker = MatchRanker(prior_weights=tuple(float(i) for i in range(len(FEATURES))))
    features = np.full(len(FEATURES), 0.5)
    assert ranker.contributions(features).tolist() == [i * 0.5 for i in range(len(FEATURES))]


def test_every_kind_has_a_prior_for_every_feature() -> None:
    assert set(default_rankers()) == set(PRIORS)
    assert all(len(weights) == len(FEATURES) for weights, _ in PRIORS.values())
