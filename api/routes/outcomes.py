"""Learning from outcomes: report outcomes, retrain the ranker, see model versions."""

from typing import Any

from fastapi import APIRouter, Response, status

from api.deps import CurrentActor, GraphDep
from models.outcome import OutcomeReport
from models.ranker import RankerVersion
from services import outcomes, training

router = APIRouter(tags=["learning"])


@router.post("/outcomes", status_code=status.HTTP_204_NO_CONTENT)
def report_outcome(report: OutcomeReport, actor: CurrentActor, graph: GraphDep) -> Response:
    """Record that a suggested pair met, or led to a hire or a funded project."""
    outcomes.report(graph, actor, report)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/ranker/retrain", status_code=status.HTTP_202_ACCEPTED)
def retrain(actor: CurrentActor) -> dict[str, Any]:
    """Queue a retraining of the rankers from the outcomes recorded so far (staff)."""
    return {"task_id": training.queue_retrain(actor)}


@router.get("/ranker/models", response_model=list[RankerVersion])
def models(actor: CurrentActor, graph: GraphDep) -> list[RankerVersion]:
    """Every trained ranker version with its figures, newest first per kind (staff)."""
    return training.model_history(graph, actor)
