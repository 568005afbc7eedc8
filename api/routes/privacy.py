"""Privacy rights and the audit log: /api/v1/me/data, /api/v1/me, /erasures, /audit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from api.deps import CurrentActor, GraphDep, SettingsDep
from models.audit import AuditAction, AuditEntry, ErasureReport, ErasureRequest
from models.pages import MAX_PAGE_SIZE, Page
from services import audit, privacy

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
    report = privacy.erase_on_request(
        graph,
        actor,
        settings,
        reference=payload.reference,
        user_id=payload.user_id,
        record_id=payload.record_id,
    )
    return ErasureReport(**report)


@router.get("/audit", response_model=Page[AuditEntry])
def read_audit(
    actor: CurrentActor,
    graph: GraphDep,
    action: AuditAction | None = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Page[AuditEntry]:
    """The audit log, newest first (staff only)."""
    return audit.read(graph, actor, limit=limit, offset=offset, action=action,
                      target_id=target_id, actor_id=actor_id)  # fmt: skip
