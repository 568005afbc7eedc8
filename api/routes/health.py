"""Liveness and Neo4j connectivity."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import GraphDep
from services import status as status_service

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"description": "Neo4j is not answering"}})
def health(graph: GraphDep) -> JSONResponse:
    """200 when Neo4j answers, 503 when it does not."""
    report = status_service.health(graph)
    return JSONResponse(report, status_code=200 if report["neo4j"] == "up" else 503)
