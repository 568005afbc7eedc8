"""Outcomes reported after an introduction (met, hired, funded)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from matcher.kinds import SuggestionKind
from models.common import ExternalId


class Outcome(StrEnum):
    """What staff or the two sides report after an introduction."""

    MET = "met"
    HIRED = "hired"
    FUNDED = "funded"


class OutcomeReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    viewer_id: ExternalId
    target_id: ExternalId
    kind: SuggestionKind
    outcome: Outcome
