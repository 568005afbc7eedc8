"""Retraining the rankers from recorded outcomes, with versioned models.

Each run fits a new ranker per suggestion kind on the older 80% of the labelled pairs and
compares it with the model in use on the newest 20% (ROC AUC: does it rank the pairs that
went well above those that did not?). The new version is saved either way, with its figures,
and becomes the active one only when it is not worse.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from graph import outcomes as graph_outcomes
from graph.driver import ManagedTransaction
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from matcher.weights import default_rankers
from models.ranker import RankerVersion
from services import followups, outcomes
from services.access import Actor, require_staff
from services.db import Graph

MIN_ROWS = 40  # fewer labelled pairs (or one class only) and the priors stay
HOLDOUT_SHARE = 0.2


@dataclass(frozen=True)
class TrainingReport:
    """What one retraining did for one kind."""

    kind: str
    rows: int
    positives: int
    version: int | None = None
    auc_new: float | None = None
    auc_current: float | None = None
    promoted: bool = False
    note: str = ""


def retrain(graph: Graph, *, now: dt.datetime | None = None) -> list[TrainingReport]:
    """Fit, compare and maybe promote one new ranker per kind with enough outcomes."""
    now = now or dt.datetime.now(dt.UTC)
    current = active_rankers(graph)
    return [_retrain_kind(graph, kind, current[kind], now) for kind in SuggestionKind]


def _retrain_kind(
    graph: Graph, kind: SuggestionKind, current: MatchRanker, now: dt.datetime
) -> TrainingReport:
    X, y, times = outcomes.labelled_rows(graph, kind, now=now)
    positives = int(y.sum())
    if len(y) < MIN_ROWS or positives in (0, len(y)):
        return TrainingReport(kind.value, len(y), positives, note="not enough outcomes yet")
    order = np.argsort(times, kind="stable")
    cut = int(len(order) * (1 - HOLDOUT_SHARE))
    train, test = order[:cut], order[cut:]
    if len(set(y[train])) < 2 or len(set(y[test])) < 2:
        return TrainingReport(kind.value, len(y), positives, note="one outcome only in a split")
    # The same labelled rows as a version already trained: nothing to learn (a retried task,
    # or a day without new outcomes).
    fingerprint = f"{len(y)}:{positives}:{times.max():.3f}"
    same = graph.read(graph_outcomes.version_with_data, kind.value, fingerprint)
    if same is not None:
        return TrainingReport(kind.value, len(y), positives, same, note="no new outcomes")
    model = MatchRanker(C=1.0).fit(X[train], y[train])
    auc_new = float(roc_auc_score(y[test], model.predict_proba(X[test])))
    auc_current = float(roc_auc_score(y[test], current.predict_proba(X[test])))
    promoted = auc_new >= auc_current
    coef, intercept = model.weights()
    props = {
        "kind": kind.value,
        "coef": [float(c) for c in coef],
        "intercept": float(intercept),
        "trained_at": now,
        "rows": len(y),
        "positives": positives,
        "fingerprint": fingerprint,
        "auc_new": auc_new,
        "auc_current": auc_current,
        "active": promoted,
    }
    version = graph.write(_save_tx, props)
    return TrainingReport(
        kind.value,
        len(y),
        positives,
        version,
        auc_new,
        auc_current,
        promoted,
        note="promoted" if promoted else "kept the current model: the new one ranks worse",
    )


def _save_tx(tx: ManagedTransaction, props: dict[str, Any]) -> int:
    """Number and save a new version under the kind's lock; returns its number."""
    kind = str(props["kind"])
    graph_outcomes.lock_kind(tx, kind)
    version = graph_outcomes.next_version(tx, kind)
    model_id = f"ranker-{kind}-{version}-{uuid.uuid4().hex[:6]}"
    graph_outcomes.save_model(tx, props | {"id": model_id, "version": version})
    return version


def active_rankers(graph: Graph) -> dict[SuggestionKind, MatchRanker]:
    """The rankers in use: the active trained version of each kind, else its priors."""
    rankers = default_rankers()
    for model in graph.read(graph_outcomes.active_models):
        rankers[SuggestionKind(model.kind)] = MatchRanker.from_weights(
            model.coef, model.intercept, model.version
        )
    return rankers


class RankerStore:
    """The active rankers, re-read at most every `ttl` seconds (a new version is picked up
    by every API process without a restart)."""

    def __init__(self, graph: Graph, ttl: float = 60.0) -> None:
        self._graph = graph
        self._ttl = ttl
        self._loaded_at = -float("inf")
        self._rankers: Mapping[SuggestionKind, MatchRanker] = default_rankers()

    def current(self) -> Mapping[SuggestionKind, MatchRanker]:
        if time.monotonic() - self._loaded_at > self._ttl:
            self._rankers = active_rankers(self._graph)
            self._loaded_at = time.monotonic()
        return self._rankers


def model_history(graph: Graph, actor: Actor, limit: int = 200) -> list[RankerVersion]:
    """Every trained ranker version with its figures, newest first per kind (staff)."""
    require_staff(actor, "see the ranker versions")
    return graph.read(graph_outcomes.model_history, limit)


def queue_retrain(actor: Actor) -> str:
    """Queue a retraining from the outcomes recorded so far (staff); returns the task id."""
    require_staff(actor, "retrain the ranker")
    return followups.retrain_ranker()
