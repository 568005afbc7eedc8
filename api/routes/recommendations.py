"""Suggestions: GET /api/v1/recommendations/{kind}?for=ID&k=10&lang=fr."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import CurrentActor, EncoderDep, GraphDep, RankersDep, SettingsDep
from api.limits import per_account
from matcher.kinds import SuggestionKind
from matcher.reasons import Lang
from models.recommendation import RecommendationList
from services import recommendations
from services.errors import NotFound

router = APIRouter(prefix="/recommendations", tags=["recommendations"])
MAX_K = 50


@router.get(
    "/{kind}",
    response_model=RecommendationList,
    response_model_by_alias=True,
    dependencies=[Depends(per_account("recommendations_per_account"))],
)
def recommend(
    kind: str,
    for_id: Annotated[str, Query(alias="for", min_length=1, max_length=64)],
    actor: CurrentActor,
    graph: GraphDep,
    settings: SettingsDep,
    encoder: EncoderDep,
    rankers: RankersDep,
    k: Annotated[int, Query(ge=1, le=MAX_K)] = 10,
    lang: Lang = "fr",
) -> RecommendationList:
    """Mentors, jobs, partners or peers for a youth or organisation, mentees for a mentor,
    candidates for a job offer; each with one to four reasons in `lang` (ar, fr, en).
    A youth may ask only for themself; staff for anyone."""
    return recommendations.recommend(
        graph,
        actor,
        _kind(kind),
        for_id,
        rankers=rankers,
        settings=settings,
        encoder=encoder,
        k=k,
        lang=lang,
        record_shown=True,
    )


def _kind(kind: str) -> SuggestionKind:
    try:
        return SuggestionKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in SuggestionKind)
        raise NotFound(f"no suggestions of kind {kind!r}; the kinds are {known}") from None
