"""Liveness, Neo4j connectivity and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import GraphDep
from services import status as status_service

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"description": "Neo4j is not answering"}})
def health(graph: GraphDep) -> JSONResponse:
    """200 when Neo4j answers, 503 when it does not."""
    report = status_service.health(graph)
    return JSONResponse(report, status_code=200 if report["neo4j"] == "up" else 503)


@router.get("/health/ready", responses={503: {"description": "still keeping the candidates"}})
def ready(request: Request) -> JSONResponse:
    """200 once this process keeps the candidates it serves suggestions from, 503 before (its
    first requests would cost several times a warm one's): where several processes serve, a
    load balancer sends them requests once ready. A process serves requests either way."""
    preloading = getattr(request.app.state, "preloading", None)
    if preloading is None or preloading.ready:
        return JSONResponse({"ready": True})
    return JSONResponse({"ready": False, "detail": "keeping the candidates"}, status_code=503)
