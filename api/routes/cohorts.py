"""Cohort assignment for staff: /api/v1/cohorts (create, compute, edit, publish)."""

from fastapi import APIRouter, Response, status

from api.deps import CurrentActor, GraphDep, RankersDep, SettingsDep
from models.cohort import Cohort, CohortCreate, MatchChange, Solver
from services import cohorts

router = APIRouter(prefix="/cohorts", tags=["cohorts"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Cohort)
def create_cohort(payload: CohortCreate, actor: CurrentActor, graph: GraphDep) -> Cohort:
    """Register a cohort of youths (and optionally the mentors to use)."""
    return cohorts.create(graph, actor, payload)


@router.post("/{cohort_id}/compute", response_model=Cohort)
def compute(
    cohort_id: str,
    actor: CurrentActor,
    graph: GraphDep,
    settings: SettingsDep,
    rankers: RankersDep,
    response: Response,
    solver: Solver = Solver.OPTIMAL,
    background: bool = False,
) -> Cohort:
    """Compute the draft: the best total match under capacities, languages and the rules;
    the response also gives first-come-first-served's figures on the same cohort. With
    `background=true` it is queued for a worker (202); `GET` shows it once `computed_at`
    changes."""
    cohort, queued = cohorts.compute(
        graph,
        actor,
        cohort_id,
        rankers=rankers,
        settings=settings,
        use=solver,
        background=background,
    )
    if queued:
        response.status_code = status.HTTP_202_ACCEPTED
    return cohort


@router.get("/{cohort_id}", response_model=Cohort)
def read_cohort(cohort_id: str, actor: CurrentActor, graph: GraphDep) -> Cohort:
    return cohorts.get(graph, actor, cohort_id)


@router.put("/{cohort_id}/matches/{youth_id}", response_model=Cohort)
def change_match(
    cohort_id: str,
    youth_id: str,
    change: MatchChange,
    actor: CurrentActor,
    graph: GraphDep,
    settings: SettingsDep,
) -> Cohort:
    """Give this youth another mentor, or none; refused if it breaks a rule."""
    return cohorts.change(graph, actor, cohort_id, youth_id, change.mentor_id, settings=settings)


@router.post("/{cohort_id}/publish", response_model=Cohort)
def publish(cohort_id: str, actor: CurrentActor, graph: GraphDep) -> Cohort:
    """Make the draft real: mentoring relationships and notifications, one background task
    per youth (done at once when no Redis is configured)."""
    return cohorts.publish_and_queue(graph, actor, cohort_id)[0]
