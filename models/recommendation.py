"""Suggestions as the API and the CLI return them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from matcher.kinds import SuggestionKind


class Recommendation(BaseModel):
    """One suggested record (by its external id), its score in [0, 1] and 1–4 reasons."""

    id: str
    score: float
    reasons: list[str]


class RecommendationList(BaseModel):
    """The suggestions of one kind for one record, best first."""

    model_config = ConfigDict(populate_by_name=True)

    for_id: str = Field(serialization_alias="for", validation_alias="for")
    kind: SuggestionKind
    items: list[Recommendation]
