"""Introductions (double opt-in): /api/v1/introductions."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from api.deps import CurrentActor, GraphDep, SettingsDep
from api.limits import per_account
from models.introduction import Answer, Introduction, IntroductionRequest, IntroductionStatus
from models.pages import MAX_PAGE_SIZE, Page
from services import introductions

router = APIRouter(prefix="/introductions", tags=["introductions"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Introduction,
    dependencies=[Depends(per_account("introductions_per_account"))],
)
def request_introduction(
    payload: IntroductionRequest, actor: CurrentActor, graph: GraphDep, settings: SettingsDep
) -> Introduction:
    """Ask for an introduction on behalf of `from_id` (your profile or organisation): to a
    mentor, a peer, a partner organisation, apply to a job offer, or (from an offer your
    organisation posted) invite a youth to apply to it."""
    return introductions.request_and_notify(graph, actor, payload, settings)


@router.get("", response_model=Page[Introduction])
def list_introductions(
    actor: CurrentActor,
    graph: GraphDep,
    status: IntroductionStatus | None = None,
    party: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Page[Introduction]:
    """Introductions your profile or organisations take part in (staff: any `party`)."""
    return introductions.list_mine(
        graph, actor, status=status, limit=limit, offset=offset, party=party
    )


@router.get("/{intro_id}", response_model=Introduction)
def read_introduction(intro_id: str, actor: CurrentActor, graph: GraphDep) -> Introduction:
    return introductions.get(graph, actor, intro_id)


@router.post("/{intro_id}/accept", response_model=Introduction)
def accept(intro_id: str, actor: CurrentActor, graph: GraphDep) -> Introduction:
    """Accept: contact details become visible to both sides. A mentor with no free place
    is refused (409); when it is the last place, the other waiting requests are closed."""
    return introductions.answer_and_notify(graph, actor, intro_id, Answer.ACCEPT)


@router.post("/{intro_id}/decline", response_model=Introduction)
def decline(intro_id: str, actor: CurrentActor, graph: GraphDep) -> Introduction:
    return introductions.answer_and_notify(graph, actor, intro_id, Answer.DECLINE)


@router.post("/{intro_id}/withdraw", response_model=Introduction)
def withdraw(intro_id: str, actor: CurrentActor, graph: GraphDep) -> Introduction:
    """The requester takes the request back (or leaves an accepted connection)."""
    return introductions.withdraw_and_notify(graph, actor, intro_id)


@router.post("/{intro_id}/end", response_model=Introduction)
def end(intro_id: str, actor: CurrentActor, graph: GraphDep) -> Introduction:
    """Either side ends an accepted connection; contact details are hidden again."""
    return introductions.end_and_notify(graph, actor, intro_id)
