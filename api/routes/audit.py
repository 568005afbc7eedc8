"""The audit log, read by staff: /api/v1/audit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentActor, GraphDep
from models.audit import AuditAction, AuditEntry
from models.pages import MAX_PAGE_SIZE, Page
from services import audit

router = APIRouter(tags=["audit"])


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
