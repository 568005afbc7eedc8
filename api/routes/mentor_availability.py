"""Mentor capacity and availability: load, pause, resume."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentActor, GraphDep
from models.mentor import MentorLoad
from models.pages import MAX_PAGE_SIZE
from services import mentors

router = APIRouter(tags=["mentors"])


@router.get("/mentor-loads", response_model=list[MentorLoad])
def mentor_loads(
    actor: CurrentActor,
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[MentorLoad]:
    """Every mentor's mentees, waiting requests and free places, fullest first (staff)."""
    return mentors.loads(graph, actor, limit=limit, offset=offset)


@router.get("/mentors/{mentor_id}/load", response_model=MentorLoad)
def mentor_load(mentor_id: str, actor: CurrentActor, graph: GraphDep) -> MentorLoad:
    return mentors.load(graph, actor, mentor_id)


@router.post("/mentors/{mentor_id}/pause", response_model=MentorLoad)
def pause(mentor_id: str, actor: CurrentActor, graph: GraphDep) -> MentorLoad:
    """No new requests or mentees until resumed; current mentees stay."""
    return mentors.set_paused(graph, actor, mentor_id, paused=True)


@router.post("/mentors/{mentor_id}/resume", response_model=MentorLoad)
def resume(mentor_id: str, actor: CurrentActor, graph: GraphDep) -> MentorLoad:
    return mentors.set_paused(graph, actor, mentor_id, paused=False)
