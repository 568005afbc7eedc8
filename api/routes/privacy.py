"""Privacy rights (law 09-08): /api/v1/me/data, DELETE /api/v1/me, staff /erasures."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from api.deps import CurrentActor, GraphDep, SettingsDep
from models.audit import ErasureReport, ErasureRequest
from services import privacy

router = APIRouter(tags=["privacy"])


@router.get("/me/data", response_model=dict[str, Any])
def my_data(actor: CurrentActor, graph: GraphDep) -> dict[str, Any]:
    """Everything the service holds about you: account, profile, relationships, and every
    other record that mentions you (law 09-08, right of access)."""
    return privacy.my_data(graph, actor)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def erase_me(actor: CurrentActor, graph: GraphDep, settings: SettingsDep) -> Response:
    """Erase your account and profile; nothing that names you is kept (right of erasure)."""
    privacy.erase_me(graph, actor, settings)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/erasures", response_model=ErasureReport)
def erase_on_request(
    payload: ErasureRequest, actor: CurrentActor, graph: GraphDep, settings: SettingsDep
) -> ErasureReport:
    """Staff erase an account or a record on a written request (its reference is logged)."""
    return privacy.erase_on_request(
        graph,
        actor,
        settings,
        reference=payload.reference,
        user_id=payload.user_id,
        record_id=payload.record_id,
    )
