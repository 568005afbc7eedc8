"""Cohorts: staff assign a group of youths to mentors at once (draft, review, publish)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from models.common import ExternalId, Name

MAX_COHORT = 5000


class CohortRules(BaseModel):
    """Optional fairness rules on top of capacities and the shared-language rule."""

    model_config = ConfigDict(extra="forbid")

    cohort_cap: int | None = Field(default=None, ge=1, le=100)  # per mentor, in this cohort
    priority_first_time: bool = True  # youths never mentored before come first on a tie
    priority_rural: bool = True  # and youths of rural communes
    priority_weight: float = Field(default=0.5, ge=0, le=5)
    load_spread: float = Field(default=0.05, ge=0, le=1)


class CohortCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    youth_ids: list[ExternalId] = Field(min_length=1, max_length=MAX_COHORT)
    # The mentors to assign among; none given: every mentor with a free place.
    mentor_ids: list[ExternalId] | None = Field(default=None, max_length=MAX_COHORT)
    rules: CohortRules = CohortRules()


class CohortStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Solver(StrEnum):
    OPTIMAL = "optimal"
    GREEDY = "greedy"


class MatchChange(BaseModel):
    """A staff edit of the draft: this youth gets this mentor, or none (null)."""

    model_config = ConfigDict(extra="forbid")

    mentor_id: ExternalId | None


class CohortMatch(BaseModel):
    youth_id: str
    youth_name: str | None = None
    mentor_id: str | None = None
    mentor_name: str | None = None
    score: float | None = None
    edited: bool = False
    state: str = "draft"  # draft | published | skipped (the mentor filled up meanwhile)


class AssignmentFigures(BaseModel):
    total_score: float
    matched_share: float
    priority_matched_share: float | None
    mean_score: float
    load_min: int
    load_max: int
    load_std: float


class Cohort(BaseModel):
    id: str
    name: str
    status: CohortStatus
    rules: CohortRules
    youth_count: int
    mentor_ids: list[str] | None = None
    created_at: dt.datetime
    computed_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    solver: Solver | None = None
    # The draft's figures, and first-come-first-served on the same cohort for comparison.
    figures: AssignmentFigures | None = None
    greedy_figures: AssignmentFigures | None = None
    matches: list[CohortMatch] = []


@dataclass(frozen=True)
class CohortRow:
    """One cohort in the staff console's list."""

    id: str
    name: str
    status: str
    youths: int
    created_at: dt.datetime | None
    computed_at: dt.datetime | None
