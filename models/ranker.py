"""Trained ranker versions, as staff see them (`GET /api/v1/ranker/models`)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class RankerVersion(BaseModel):
    """One trained version of a kind's ranker and the figures that decided its promotion."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    version: int
    trained_at: dt.datetime
    rows: int
    positives: int
    auc_new: float | None = None
    auc_current: float | None = None
    active: bool
    coef: list[float]
    intercept: float
    fingerprint: str | None = None
