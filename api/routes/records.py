"""Create, read, update, delete and list routes, built once for each kind of record.

The four kinds share one set of rules (services.profiles), so their routes are built by one
function rather than written four times. No `from __future__ import annotations` here: FastAPI
reads the body types from the annotations at definition time.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from api.deps import CurrentActor, GraphDep, SettingsDep
from models.pages import MAX_PAGE_SIZE, Page
from models.records import RecordType
from services import profiles


def build_router(kind: RecordType, *, prefix: str) -> APIRouter:
    """The CRUD routes of one kind of record under `prefix`."""
    router = APIRouter(prefix=prefix, tags=[prefix.strip("/")])
    create_model = kind.create_model
    update_model = kind.update_model
    full_model = kind.full_model
    view_model = full_model | kind.public_model
    noun = kind.value.replace("_", " ")

    @router.post(
        "",
        status_code=status.HTTP_201_CREATED,
        response_model=full_model,
        summary=f"Create a {noun}",
    )
    def create_record(
        payload: create_model,  # type: ignore[valid-type]
        actor: CurrentActor,
        graph: GraphDep,
        settings: SettingsDep,
    ) -> Any:
        return profiles.create(graph, actor, kind, payload, settings)

    @router.get("", response_model=Page[view_model], summary=f"List {noun}s")  # type: ignore[valid-type]
    def list_records(
        actor: CurrentActor,
        graph: GraphDep,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        commune: Annotated[str | None, Query(max_length=120)] = None,
        sector: Annotated[str | None, Query(max_length=100)] = None,
        skill: Annotated[str | None, Query(max_length=100)] = None,
    ) -> Any:
        return profiles.list_views(
            graph,
            actor,
            kind,
            limit=limit,
            offset=offset,
            commune=commune,
            sector=sector,
            skill=skill,
        )

    @router.get("/{record_id}", response_model=view_model, summary=f"Read a {noun}")
    def read_record(record_id: str, actor: CurrentActor, graph: GraphDep) -> Any:
        return profiles.get_view(graph, actor, kind, record_id)

    @router.patch("/{record_id}", response_model=full_model, summary=f"Update a {noun}")
    def update_record(
        record_id: str,
        patch: update_model,  # type: ignore[valid-type]
        actor: CurrentActor,
        graph: GraphDep,
        settings: SettingsDep,
    ) -> Any:
        return profiles.update(graph, actor, kind, record_id, patch, settings)

    @router.delete(
        "/{record_id}", status_code=status.HTTP_204_NO_CONTENT, summary=f"Delete a {noun}"
    )
    def delete_record(record_id: str, actor: CurrentActor, graph: GraphDep) -> Response:
        profiles.delete(graph, actor, kind, record_id)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
