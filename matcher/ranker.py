"""The scoring model: a logistic model over pair features, in scikit-learn's style.

Before any feedback exists, `MatchRanker` scores with prior weights chosen by hand for each
kind of suggestion (matcher/weights.py). `fit` on recorded outcomes (accepted, hired: 1;
declined: 0) learns the weights instead; learned state ends in an underscore.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from matcher.features import FEATURES


class MatchRanker(BaseEstimator):  # type: ignore[misc]
    """Probability that a pair turns out well, from its features.

    Args:
        prior_weights: one weight per feature of `matcher.features.FEATURES`, used until fit.
        prior_bias: intercept used until fit.
        C: inverse regularisation strength of the fitted logistic regression.
    """

    def __init__(
        self,
        prior_weights: tuple[float, ...] | None = None,
        prior_bias: float = 0.0,
        C: float = 1.0,
    ) -> None:
        self.prior_weights = prior_weights
        self.prior_bias = prior_bias
        self.C = C

    def fit(self, X: np.ndarray, y: np.ndarray) -> MatchRanker:
        """Learn weights from labelled pairs (needs both outcomes among `y`)."""
        model = LogisticRegression(C=self.C, max_iter=1000).fit(X, y)
        self.coef_ = model.coef_[0].astype(np.float64)
        self.intercept_ = float(model.intercept_[0])
        self.n_features_in_ = X.shape[1]
        return self

    @classmethod
    def from_weights(
        cls, coef: list[float], intercept: float, version: int | None = None
    ) -> MatchRanker:
        """A ranker with stored learned weights (a saved model version)."""
        ranker = cls()
        ranker.coef_ = np.asarray(coef, dtype=np.float64)
        ranker.intercept_ = float(intercept)
        ranker.n_features_in_ = len(coef)
        ranker.version_ = version
        return ranker

    def weights(self) -> tuple[np.ndarray, float]:
        """The weights in use: learned ones when fitted, else the priors."""
        try:
            check_is_fitted(self, "coef_")
        except NotFittedError:
            prior = self.prior_weights or tuple(1.0 for _ in FEATURES)
            return np.asarray(prior, dtype=np.float64), self.prior_bias
        return self.coef_, self.intercept_

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(good match) for each row of features."""
        coef, intercept = self.weights()
        return np.asarray(1.0 / (1.0 + np.exp(-(np.atleast_2d(X) @ coef + intercept))))

    def contributions(self, features: np.ndarray) -> np.ndarray:
        """How much each feature pushed this pair's score up (weight × value)."""
        coef, _ = self.weights()
        return np.asarray(coef * features)
