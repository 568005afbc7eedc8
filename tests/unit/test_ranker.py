"""MatchRanker keeps scikit-learn's contract: priors until fit, learned weights after."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from matcher.features import FEATURES
from matcher.kinds import SuggestionKind as K
from matcher.ranker import MatchRanker
from matcher.weights import HAND_PRIORS, PRIORS, PRIORS_PATH, default_rankers


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


def test_fitted_priors_are_read_from_their_file_for_the_kinds_they_were_fitted_for(
    tmp_path: Path,
) -> None:
    jobs = [round(0.1 * n, 1) for n in range(len(FEATURES))]
    path = tmp_path / "priors.json"
    path.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "kinds": {"jobs": {"weights": jobs, "bias": -3.5}},
            }
        ),
        encoding="utf-8",
    )
    rankers = default_rankers(path)
    for kind in (K.JOBS, K.CANDIDATES):
        weights, bias = rankers[kind].weights()
        assert weights.tolist() == jobs and bias == -3.5
    assert rankers[K.MENTORS].weights()[0].tolist() == list(HAND_PRIORS[K.MENTORS][0])


def test_priors_fitted_for_other_features_are_not_used(tmp_path: Path) -> None:
    path = tmp_path / "priors.json"
    stale = {"features": ["semantic"], "kinds": {"jobs": {"weights": [1.0], "bias": 0.0}}}
    path.write_text(json.dumps(stale), encoding="utf-8")
    assert default_rankers(path)[K.JOBS].weights()[0].tolist() == list(HAND_PRIORS[K.JOBS][0])


def test_the_shipped_priors_are_fitted_for_jobs_and_mentors_and_say_how() -> None:
    data = json.loads(PRIORS_PATH.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert {"jobs", "mentors"} <= set(data["kinds"])
    assert "multaqa evaluate" in data["fitted_on"] and data["cross_validated"]
    rankers = default_rankers()
    assert rankers[K.JOBS].weights()[0].tolist() == data["kinds"]["jobs"]["weights"]
    assert rankers[K.MENTEES].weights()[0].tolist() == data["kinds"]["mentors"]["weights"]
