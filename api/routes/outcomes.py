"""Learning from outcomes: report outcomes, retrain the ranker, see model versions."""

from typing import Any

from fastapi import APIRouter, Response, status

from api.deps import CurrentActor, GraphDep
from graph import outcomes as graph_outcomes
from models.outcome import OutcomeReport
from services import outcomes
from services.access import require_staff
from workers import tasks

router = APIRouter(tags=["learning"])


@router.post("/outcomes", status_code=status.HTTP_204_NO_CONTENT)
def report_outcome(report: OutcomeReport, actor: CurrentActor, graph: GraphDep) -> Response:
    """Record that a suggested pair met, or led to a hire or a funded project."""
    outcomes.report(graph, actor, report)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/ranker/retrain", status_code=status.HTTP_202_ACCEPTED)
def retrain(actor: CurrentActor) -> dict[str, Any]:
    """Queue a retraining of the rankers from the outcomes recorded so far (staff)."""
    require_staff(actor, "retrain the ranker")
    result = tasks.retrain_ranker.delay()  # an error to queue it is the caller's to see
    return {"task_id": result.id}


@router.get("/ranker/models")
def models(actor: CurrentActor, graph: GraphDep) -> list[dict[str, Any]]:
    """Every trained ranker version with its figures, newest first per kind (staff)."""
    require_staff(actor, "see the ranker versions")
    rows = graph.read(graph_outcomes.model_history, 200)
    return [
        {k: (v.iso_format() if hasattr(v, "iso_format") else v) for k, v in r.items()} for r in rows
    ]
