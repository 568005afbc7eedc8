"""Fitting the ranker's prior weights on the evaluation sets.

For each query of the free-text set (a), of MELO (b) and of the ESCO-built set (c), every
candidate the recommender would score (same sources, same hard rules:
`recommendations.candidate_features`) becomes a row of features, graded by the query's labels.
The weights are fitted per kind on pairs — a relevant candidate against a lower-graded one of
the same query — by a logistic loss on their difference (a linear RankNet, `fit`), every query
and each set weighing the same and the weights kept ≥ 0 (`nonnegative_logistic`); the
intercept is fitted after, so that the scores of `matcher.ranker.MatchRanker` stay
probabilities. Two-sided kinds (mentors) score both sides with the same weights and combine
them by harmonic mean, as the recommender does. Queries are ranked offline from their
candidates' features: the same candidates and features the recommender scores, so the figures
match what `recommend` returns. `evaluation.crossval` gives every query a held-out figure.

The fitted weights are written to `matcher/data/ranker_priors.json` with how they were fitted;
`matcher.weights` reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from evaluation.sets import Task
from matcher.encoders import Encoder
from matcher.features import FEATURES
from matcher.kinds import SuggestionKind
from matcher.quality import ndcg_at_k
from matcher.weights import PRIORS_PATH
from services import recommendations
from services.db import Graph
from services.settings import Settings

C = 1.0


@dataclass
class QueryCandidates:
    """One query's candidates, their features (both sides) and what is relevant."""

    youth_id: str
    group: str  # e.g. "a:darija_latin", "b"
    ids: list[str]
    forward: np.ndarray
    backward: np.ndarray | None
    grades: dict[str, int]
    on_target: frozenset[str] = field(default_factory=frozenset)  # items of a wanted sector

    def labels(self) -> np.ndarray:
        return np.array([1 if self.grades.get(i, 0) > 0 else 0 for i in self.ids])


def collect(
    graph: Graph,
    settings: Settings,
    encoder: Encoder,
    kind: SuggestionKind,
    queries: Sequence[tuple[str, str, dict[str, int], frozenset[str]]],
    *,
    k: int,
    today: dt.date | None,
) -> list[QueryCandidates]:
    """Candidates and features of each (youth id, group, grades, on-target ids) query."""
    found = []
    width = len(FEATURES)
    for youth_id, group, grades, on_target in queries:
        rows = recommendations.candidate_features(
            graph, kind, youth_id, settings=settings, encoder=encoder, k=k, today=today
        )
        forward = np.array([r.forward for r in rows]).reshape(-1, width)
        backward = (
            np.array([r.backward for r in rows]).reshape(-1, width) if kind.two_sided else None
        )
        found.append(
            QueryCandidates(
                youth_id, group, [r.id for r in rows], forward, backward, grades, on_target
            )
        )
    return found


def within(query: QueryCandidates, pool: set[str]) -> QueryCandidates:
    """The query with only its candidates in `pool` (what it is scored on)."""
    keep = [n for n, i in enumerate(query.ids) if i in pool]
    return QueryCandidates(
        query.youth_id,
        query.group,
        [query.ids[n] for n in keep],
        query.forward[keep],
        None if query.backward is None else query.backward[keep],
        query.grades,
        query.on_target,
    )


def fit(train: Sequence[QueryCandidates], *, drop: str | None = None) -> tuple[np.ndarray, float]:
    """Weights (one per feature, ≥ 0; 0 for `drop`) and intercept.

    The weights are fitted on pairs: within a query, each relevant candidate against
    candidates of a lower grade (at most `MAX_LOWER` of them, seeded), a logistic loss on the
    difference of their features (a linear RankNet). Fitting single rows instead (relevant or
    not, across queries) put the jobs ranker below its own semantic feature on (a): what
    separates relevant items in one query is not what separates queries. The intercept is
    then fitted with the weights fixed, class-balanced, so that scores stay probabilities.
    """
    keep = [n for n, name in enumerate(FEATURES) if name != drop]
    differences, weights = _pairs(train)
    fitted, _ = nonnegative_logistic(
        differences[:, keep], np.ones(len(differences), dtype=int), weights, intercept=False
    )
    coef = np.zeros(len(FEATURES))
    coef[keep] = fitted
    return coef, _intercept(train, coef)


MAX_LOWER = 30


def _pairs(train: Sequence[QueryCandidates]) -> tuple[np.ndarray, np.ndarray]:
    """Feature differences (relevant minus lower-graded) and their weights: each query and
    each set weighing the same, as in `row_weights`."""
    rng = np.random.default_rng(0)
    per_set = Counter(q.group[:1] for q in train if len(q.ids))
    rows, weights = [], []
    for q in train:
        grades = np.array([q.grades.get(i, 0) for i in q.ids])
        if not len(grades) or grades.max() == 0:
            continue
        found = []
        for i in np.flatnonzero(grades > 0):
            lower = np.flatnonzero(grades < grades[i])
            if len(lower) > MAX_LOWER:
                lower = rng.choice(lower, MAX_LOWER, replace=False)
            found += [q.forward[i] - q.forward[j] for j in lower]
        if found:
            rows.append(np.array(found))
            weights.append(np.full(len(found), 1.0 / len(found) / per_set[q.group[:1]]))
    if not rows:
        return np.zeros((0, len(FEATURES))), np.zeros(0)
    w = np.concatenate(weights)
    return np.vstack(rows), w * len(w) / w.sum()


def _intercept(train: Sequence[QueryCandidates], coef: np.ndarray) -> float:
    """The class-balanced logistic intercept of the rows' scores with the weights fixed."""
    queries = [q for q in train if len(q.ids)]
    if not queries:
        return 0.0
    scores = np.concatenate([q.forward @ coef for q in queries])
    y = np.concatenate([q.labels() for q in queries])
    _, bias = nonnegative_logistic(scores[:, None], y, row_weights(queries), fixed=True)
    return bias


def nonnegative_logistic(
    X: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    *,
    c: float = C,
    intercept: bool = True,
    fixed: bool = False,
) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression (scikit-learn's objective) whose
    feature weights may not be negative; without `intercept` the bias stays 0, with `fixed`
    the feature weights stay 1 and only the bias is fitted.

    Every feature is built so that more is better (closer, more skills covered, same
    occupation...): a negative weight would be a confound of the training set, would make more
    evidence lower a score and would leave a reason that holds without counting. So the fit
    is bounded at 0 (L-BFGS-B).
    """
    positives, negatives = max(1, y.sum()), max(1, (1 - y).sum())
    balance = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))
    if y.min() == 1:  # pairs: one class only, nothing to balance
        balance = np.ones(len(y))
    w = weights * balance
    sign = np.where(y == 1, -1.0, 1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:-1], theta[-1]
        margin = sign * (X @ coef + bias)  # the loss of a row is log(1 + exp(margin))
        slope = w * sign / (1 + np.exp(-margin))
        value = float(w @ np.logaddexp(0.0, margin) + 0.5 / c * coef @ coef)
        return value, np.r_[X.T @ slope + coef / c, slope.sum() if intercept else 0.0]

    bounds: list[tuple[float | None, float | None]]
    if fixed:
        bounds = [(1.0, 1.0)] * X.shape[1] + [(None, None)]
        start = np.r_[np.ones(X.shape[1]), 0.0]
    else:
        bounds = [(0.0, None)] * X.shape[1] + [(None, None) if intercept else (0.0, 0.0)]
        start = np.zeros(X.shape[1] + 1)
    found = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return np.asarray(found.x[:-1]), float(found.x[-1])


def row_weights(train: Sequence[QueryCandidates]) -> np.ndarray:
    """Each query weighs the same (the metrics average over queries, whatever their number of
    candidates) and each set, (a) or (b), half: MELO's 300 titles would otherwise outweigh the
    profiles (a) is about. Within a query a grade-2 item (the wanted occupation) counts twice a
    grade-1 or irrelevant one. Mean 1, so that C keeps its meaning."""
    queries = [q for q in train if len(q.ids)]
    per_set = Counter(q.group[:1] for q in queries)
    parts = []
    for q in queries:
        w = np.array([2.0 if q.grades.get(i, 0) >= 2 else 1.0 for i in q.ids])
        parts.append(w / w.sum() / per_set[q.group[:1]])
    weights = np.concatenate(parts)
    return np.asarray(weights * len(weights) / weights.sum(), dtype=np.float64)


Kept = dict[str, dict[Task, list[QueryCandidates]]]  # set letter -> task -> queries


def candidates_path(folder: Path, letter: str) -> Path:
    """Where the candidates of one evaluation set are kept (a local cache, not shipped)."""
    return folder / f"evaluate-candidates-{letter}.pkl"


def save_candidates(kept: Kept, folder: Path) -> None:
    """Keep each set's candidates in a file of its own, so that `multaqa evaluate --refit`
    fits again without a graph, and a run of one set leaves the others' kept."""
    folder.mkdir(parents=True, exist_ok=True)
    for letter, by_task in kept.items():
        with open(candidates_path(folder, letter), "wb") as handle:
            pickle.dump(by_task, handle)


def load_candidates(folder: Path, letters: str = "abc") -> Kept:
    """What `save_candidates` kept, for those of `letters` that were kept."""
    kept: Kept = {}
    for letter in letters:
        path = candidates_path(folder, letter)
        if path.is_file():
            with open(path, "rb") as handle:
                kept[letter] = pickle.load(handle)
    return kept


def scores_of(query: QueryCandidates, coef: np.ndarray, intercept: float) -> np.ndarray:
    """The recommender's score of each candidate with these weights."""
    forward = 1 / (1 + np.exp(-(query.forward @ coef + intercept)))
    if query.backward is None:
        return forward
    backward = 1 / (1 + np.exp(-(query.backward @ coef + intercept)))
    total = forward + backward
    return np.divide(2 * forward * backward, total, out=np.zeros_like(total), where=total > 0)


def ranked(query: QueryCandidates, scores: np.ndarray) -> list[str]:
    """Candidate ids by score, best first (stable: ties keep the recommender's order)."""
    return [query.ids[i] for i in np.argsort(-scores, kind="stable")]


def metrics(query: QueryCandidates, order: Sequence[str]) -> dict[str, float]:
    """nDCG@10 (grades), precision@5 (wanted sector, set (a) only) and MRR@10."""
    gains = [query.grades.get(i, 0) for i in order[:10]]
    first = next((n for n, g in enumerate(gains, start=1) if g > 0), None)
    out = {
        "ndcg": ndcg_at_k(gains, list(query.grades.values()), k=10),
        "mrr": 1 / first if first else 0.0,
    }
    if query.on_target:
        out["p5"] = sum(1 for i in order[:5] if i in query.on_target) / 5
    return out


Scorer = Callable[[QueryCandidates], np.ndarray]


def mean_metrics(queries: Sequence[QueryCandidates], scorer: Scorer) -> dict[str, float]:
    """Mean of each metric over the queries, ranking each by `scorer`."""
    rows = [metrics(q, ranked(q, scorer(q))) for q in queries]
    keys = sorted({key for row in rows for key in row})
    return {key: float(np.mean([row[key] for row in rows if key in row])) for key in keys}


def semantic_only(query: QueryCandidates) -> np.ndarray:
    """The ranker's own semantic feature alone (the bar it must clear)."""
    return query.forward[:, FEATURES.index("semantic")]


def save_priors(
    fitted: dict[str, tuple[np.ndarray, float]],
    *,
    description: str,
    held_out: dict[str, dict[str, dict[str, float]]],
    path: Path = PRIORS_PATH,
) -> None:
    """Write the fitted weights, what they were fitted on and their cross-validated figures
    (task -> set -> metric)."""
    data = {
        "features": list(FEATURES),
        "fitted_on": description,
        "model": f"pairwise logistic regression (linear RankNet), weights >= 0 (L-BFGS-B), "
        f"C={C}, at most {MAX_LOWER} lower-graded candidates per relevant one, every query and "
        "each set weighing the same; intercept fitted after, class-balanced",
        "cross_validated": {
            task: {s: {m: round(v, 4) for m, v in found.items()} for s, found in sets.items()}
            for task, sets in held_out.items()
        },
        "kinds": {
            kind: {"weights": [round(float(w), 4) for w in coef], "bias": round(bias, 4)}
            for kind, (coef, bias) in fitted.items()
        },
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
