"""Use cases of cohort assignment: create, compute a draft, review and change it, publish.

The draft maximises the cohort's total match score under mentor capacities, the shared-
language rule and the cohort's fairness rules (matcher.assignment, a min-cost flow); the
figures of first-come-first-served on the same cohort are kept beside it for comparison.
Publishing turns each drafted pair into an accepted mentoring introduction (`MENTORS` in the
graph, notifications to both), one idempotent task per youth.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph import cohorts as graph_cohorts
from graph import recommend as graph_recommend
from graph.cohorts import StoredCohort
from graph.driver import ManagedTransaction
from matcher import assignment as solver
from matcher.kinds import SuggestionKind
from matcher.profiles import Profile
from matcher.progress import Report, silent
from matcher.ranker import MatchRanker
from matcher.recommender import rank_many
from matcher.rules import AgeBounds, allowed
from models.cohort import (
    AssignmentFigures,
    Cohort,
    CohortCreate,
    CohortRules,
    CohortStatus,
    Solver,
)
from services import followups, introductions
from services.access import SYSTEM, Actor, require_staff
from services.db import Graph
from services.errors import Conflict, FieldError, InvalidInput, NotFound
from services.settings import Settings

RURAL_BONUS = 1.0
FIRST_TIME_BONUS = 1.0


def create(graph: Graph, actor: Actor, payload: CohortCreate) -> Cohort:
    """Register a cohort (staff only); its draft is computed by `compute_draft`."""
    require_staff(actor, "manage cohorts")
    youth_ids = list(dict.fromkeys(payload.youth_ids))
    _check_types(graph, "youth_ids", youth_ids, "youth")
    if payload.mentor_ids is not None:
        _check_types(graph, "mentor_ids", list(dict.fromkeys(payload.mentor_ids)), "mentor")
    cohort_id = f"c-{uuid.uuid4().hex[:12]}"
    props = {
        "id": cohort_id,
        "name": payload.name,
        "status": CohortStatus.DRAFT.value,
        "rules": payload.rules.model_dump_json(),
        "youth_ids": youth_ids,
        "mentor_ids": payload.mentor_ids,
        "created_at": dt.datetime.now(dt.UTC),
    }
    graph.write(graph_cohorts.create, props)
    return get(graph, actor, cohort_id)


@dataclass(frozen=True)
class Instance:
    """A cohort as the solver sees it."""

    youths: list[str]
    pairs: list[solver.Pair]
    capacity: dict[str, int]
    rules: solver.Rules
    profiles: dict[str, Profile]


def build_instance(
    graph: Graph,
    youth_ids: Sequence[str],
    mentor_ids: Sequence[str] | None,
    rules: CohortRules,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    today: dt.date | None = None,
    report: Report = silent,
) -> Instance:
    """Read the cohort's profiles and score every allowed youth–mentor pair."""
    mentor_ids = list(mentor_ids or graph.read(graph_cohorts.available_mentors))
    wanted = [*youth_ids, *mentor_ids]
    report("profiles", 0, len(wanted))
    found = graph.read(graph_recommend.profiles_facts, wanted)
    profiles = {p.id: p for p in found}
    report("profiles", len(profiles), len(wanted))
    youths = [profiles[i] for i in youth_ids if i in profiles]
    mentors = [profiles[i] for i in mentor_ids if i in profiles]
    ages = AgeBounds(settings.youth_min_age, settings.youth_max_age)
    ranked = rank_many(
        youths, mentors, SuggestionKind.MENTORS, rankers, today=today, ages=ages, report=report
    )
    pairs = [
        solver.Pair(youth=youth_id, mentor=s.id, score=min(1.0, max(0.0, s.score)))
        for youth_id, suggestions in ranked.items()
        for s in suggestions
    ]
    capacity = {
        m.id: 0 if m.paused else max(0, (m.capacity or 0) - m.active_mentees) for m in mentors
    }
    return Instance(
        youths=[y.id for y in youths],
        pairs=pairs,
        capacity=capacity,
        rules=_solver_rules(graph, rules, [y.id for y in youths]),
        profiles=profiles,
    )


def _solver_rules(graph: Graph, rules: CohortRules, youth_ids: list[str]) -> solver.Rules:
    priority: dict[str, float] = {}
    for row in graph.read(graph_cohorts.priority_facts, youth_ids):
        bonus = 0.0
        if rules.priority_first_time and not row.mentored_before:
            bonus += FIRST_TIME_BONUS
        if rules.priority_rural and row.commune_kind == "rural":
            bonus += RURAL_BONUS
        if bonus:
            priority[row.id] = min(1.0, bonus / 2)
    return solver.Rules(
        cohort_cap=rules.cohort_cap,
        priority=priority,
        priority_weight=rules.priority_weight,
        load_spread=rules.load_spread,
    )


def compute(
    graph: Graph,
    actor: Actor,
    cohort_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    use: Solver = Solver.OPTIMAL,
    background: bool = False,
) -> tuple[Cohort, bool]:
    """Compute the draft (staff), now or, with `background`, queued for a worker.

    Returns:
        The cohort (as it is now when queued) and whether the work was queued.
    """
    require_staff(actor, "manage cohorts")
    if background:
        cohort = get(graph, actor, cohort_id)
        followups.compute_cohort(cohort_id, use.value)
        return cohort, True
    return compute_draft(graph, cohort_id, rankers=rankers, settings=settings, use=use), False


def compute_draft(
    graph: Graph,
    cohort_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    use: Solver = Solver.OPTIMAL,
    report: Report = silent,
) -> Cohort:
    """Compute the draft (replacing any earlier draft, staff edits included); `report` hears
    the stages: profiles (read of asked), scoring (pairs), solving, comparing, saving."""
    cohort = _read(graph, cohort_id)
    if cohort.status is not CohortStatus.DRAFT:
        raise Conflict(f"cohort {cohort_id} is already published")
    rules = CohortRules.model_validate_json(cohort.rules)
    inst = build_instance(
        graph,
        cohort.youth_ids,
        cohort.mentor_ids,
        rules,
        rankers=rankers,
        settings=settings,
        report=report,
    )
    solve: Callable[..., solver.Assignment] = (
        solver.optimal_assignment if use is Solver.OPTIMAL else solver.greedy_assignment
    )
    report("solving", 0, len(inst.pairs))
    chosen = solve(inst.youths, inst.pairs, inst.capacity, inst.rules)
    report("comparing")
    greedy = solver.greedy_assignment(inst.youths, inst.pairs, inst.capacity, inst.rules)
    scores = {(p.youth, p.mentor): p.score for p in inst.pairs}
    rows = [
        {
            "id": f"{cohort_id}|{youth}",
            "cohort_id": cohort_id,
            "youth_id": youth,
            "mentor_id": chosen.matches.get(youth),
            "score": scores.get((youth, chosen.matches.get(youth, "")), None),
            "edited": False,
            "state": "draft",
        }
        for youth in inst.youths
    ]
    props = {
        "computed_at": dt.datetime.now(dt.UTC),
        "solver": use.value,
        "figures": _figures_json(chosen, inst),
        "greedy_figures": _figures_json(greedy, inst),
    }
    report("saving", 0, len(rows))
    graph.write(_store_draft_tx, cohort_id, rows, props)
    return get(graph, SYSTEM, cohort_id)


def _store_draft_tx(
    tx: ManagedTransaction, cohort_id: str, rows: list[dict[str, Any]], props: dict[str, Any]
) -> None:
    _still_draft(tx, cohort_id)  # staff may have published while the solver ran
    graph_cohorts.replace_draft(tx, cohort_id, rows)
    graph_cohorts.update(tx, cohort_id, props)


def _still_draft(tx: ManagedTransaction, cohort_id: str) -> None:
    status = graph_cohorts.lock(tx, cohort_id)
    if status is None:
        raise NotFound(f"no cohort {cohort_id}")
    if status != CohortStatus.DRAFT.value:
        raise Conflict(f"cohort {cohort_id} is already published")


def change(
    graph: Graph,
    actor: Actor,
    cohort_id: str,
    youth_id: str,
    mentor_id: str | None,
    *,
    settings: Settings,
) -> Cohort:
    """A staff edit of the draft, checked against languages, capacities and the cohort cap."""
    require_staff(actor, "manage cohorts")
    cohort = _read(graph, cohort_id)
    if cohort.status is not CohortStatus.DRAFT:
        raise Conflict(f"cohort {cohort_id} is already published")
    match_id = f"{cohort_id}|{youth_id}"
    if graph.read(graph_cohorts.read_match, match_id) is None:
        raise NotFound(f"youth {youth_id} is not in cohort {cohort_id}")
    places = (
        None if mentor_id is None else _check_edit(graph, cohort, youth_id, mentor_id, settings)
    )
    graph.write(_change_tx, cohort_id, match_id, youth_id, mentor_id, places)
    return get(graph, actor, cohort_id)


def _change_tx(
    tx: ManagedTransaction,
    cohort_id: str,
    match_id: str,
    youth_id: str,
    mentor_id: str | None,
    places: int | None,
) -> None:
    _still_draft(tx, cohort_id)
    if mentor_id is not None and places is not None:
        # Counted under the cohort's lock: two edits at once cannot both take the last place.
        drafted = [
            m
            for m in graph_cohorts.matches(tx, cohort_id)
            if m.mentor_id == mentor_id and m.youth_id != youth_id
        ]
        if len(drafted) >= places:
            raise Conflict(f"mentor {mentor_id} has no place left in this cohort")
    graph_cohorts.set_match(tx, match_id, {"mentor_id": mentor_id, "score": None, "edited": True})


def _check_edit(
    graph: Graph, cohort: StoredCohort, youth_id: str, mentor_id: str, settings: Settings
) -> int:
    """Refuse a pair the rules forbid; the mentor's places in this cohort otherwise."""
    found = graph.read(graph_recommend.profiles_facts, [youth_id, mentor_id])
    profiles = {p.id: p for p in found}
    mentor = profiles.get(mentor_id)
    if mentor is None or mentor.kind != "mentor":
        raise InvalidInput([FieldError("mentor_id", f"no mentor {mentor_id}")])
    if youth_id not in profiles:
        raise NotFound(f"youth {youth_id} no longer exists")
    ages = AgeBounds(settings.youth_min_age, settings.youth_max_age)
    today = dt.date.today()
    if not allowed(profiles[youth_id], mentor, SuggestionKind.MENTORS, today, ages):
        raise InvalidInput(
            [FieldError("mentor_id", "this mentor cannot take this youth (language, place)")]
        )
    rules = CohortRules.model_validate_json(cohort.rules)
    free = 0 if mentor.paused else (mentor.capacity or 0) - mentor.active_mentees
    return min(free, rules.cohort_cap) if rules.cohort_cap else free


def publish(graph: Graph, actor: Actor, cohort_id: str) -> list[str]:
    """Freeze the draft as published; returns the youths whose match must still be made
    real (the caller runs `publish_match` for each, as background tasks). Publishing again
    returns those not done yet, so a publication cut short can be finished."""
    require_staff(actor, "manage cohorts")
    return graph.write(_publish_tx, cohort_id)


def publish_and_queue(graph: Graph, actor: Actor, cohort_id: str) -> tuple[Cohort, int]:
    """Publish the draft (staff) and queue what makes it real: one task per youth, then the
    notifications (done at once when no Redis is configured). Returns the cohort and how many
    matches were queued."""
    youth_ids = publish(graph, actor, cohort_id)
    for youth_id in youth_ids:
        followups.publish_cohort_match(cohort_id, youth_id)
    followups.send_notifications()
    return get(graph, actor, cohort_id), len(youth_ids)


def _publish_tx(tx: ManagedTransaction, cohort_id: str) -> list[str]:
    status = graph_cohorts.lock(tx, cohort_id)
    cohort = graph_cohorts.read(tx, cohort_id)
    if status is None or cohort is None:
        raise NotFound(f"no cohort {cohort_id}")
    if status == CohortStatus.DRAFT.value:
        if cohort.computed_at is None:
            raise Conflict(f"cohort {cohort_id} has no draft yet")
        now = dt.datetime.now(dt.UTC)
        props = {"status": CohortStatus.PUBLISHED.value, "published_at": now}
        graph_cohorts.update(tx, cohort_id, props)
    return [
        m.youth_id
        for m in graph_cohorts.matches(tx, cohort_id)
        if m.mentor_id and m.state == "draft"
    ]


def unfinished_publications(graph: Graph, limit: int = 10_000) -> list[tuple[str, str]]:
    """(cohort, youth) pairs of published cohorts still to be made real. The graph, not the
    broker, is the record of what remains: a sweep re-queues these (`publish_match` is
    idempotent), so a task the broker lost is still done."""
    return graph.read(graph_cohorts.unfinished_publications, limit)


def requeue_unfinished(graph: Graph) -> int:
    """Queue again every match published but not made real (the periodic sweep)."""
    pending = unfinished_publications(graph)
    for cohort_id, youth_id in pending:
        followups.publish_cohort_match(cohort_id, youth_id, strict=True)
    return len(pending)


def publish_match(graph: Graph, cohort_id: str, youth_id: str) -> bool:
    """Make one drafted pair of a published cohort real; running it twice changes nothing."""
    return graph.write(_publish_match_tx, cohort_id, f"{cohort_id}|{youth_id}")


def _publish_match_tx(tx: ManagedTransaction, cohort_id: str, match_id: str) -> bool:
    cohort = graph_cohorts.read(tx, cohort_id)
    match = graph_cohorts.read_match(tx, match_id)
    if cohort is None or cohort.status is not CohortStatus.PUBLISHED:
        return False
    if match is None or not match.mentor_id or match.state != "draft":
        return False
    now = dt.datetime.now(dt.UTC)
    intro_id = f"i-{match_id.replace('|', '-')}"
    made = introductions.connect_directly(
        tx, intro_id=intro_id, mentor_id=match.mentor_id, mentee_id=match.youth_id, now=now
    )
    already = not made and introductions.has_introduction(tx, intro_id)
    state = "published" if made or already else "skipped"
    graph_cohorts.set_match(tx, match_id, {"state": state, "published_at": now})
    return made


def get(graph: Graph, actor: Actor, cohort_id: str) -> Cohort:
    require_staff(actor, "manage cohorts")
    cohort = _read(graph, cohort_id)
    return Cohort(
        id=cohort.id,
        name=cohort.name,
        status=cohort.status,
        rules=CohortRules.model_validate_json(cohort.rules),
        youth_count=len(cohort.youth_ids),
        mentor_ids=None if cohort.mentor_ids is None else list(cohort.mentor_ids),
        created_at=cohort.created_at,
        computed_at=cohort.computed_at,
        published_at=cohort.published_at,
        solver=None if cohort.solver is None else Solver(cohort.solver),
        figures=_figures(cohort.figures),
        greedy_figures=_figures(cohort.greedy_figures),
        matches=graph.read(graph_cohorts.matches, cohort_id),
    )


def figures(assignment: solver.Assignment, inst: Instance) -> AssignmentFigures:
    s = solver.stats(assignment, inst.youths, inst.pairs, inst.capacity, inst.rules)
    return AssignmentFigures(
        total_score=round(s.total_score, 4),
        matched_share=round(s.matched_share, 4),
        priority_matched_share=s.priority_matched_share,
        mean_score=round(s.mean_score, 4),
        load_min=s.load_min,
        load_max=s.load_max,
        load_std=round(s.load_std, 4),
    )


def _figures_json(assignment: solver.Assignment, inst: Instance) -> str:
    return figures(assignment, inst).model_dump_json()


def _figures(raw: str | None) -> AssignmentFigures | None:
    return AssignmentFigures.model_validate(json.loads(raw)) if raw else None


def _read(graph: Graph, cohort_id: str) -> StoredCohort:
    cohort = graph.read(graph_cohorts.read, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id}")
    return cohort


def _check_types(graph: Graph, field: str, ids: list[str], kind: str) -> None:
    facts = {r.id: r.type for r in graph.read(graph_recommend.profiles_types, ids)}
    wrong = [i for i in ids if facts.get(i) != kind]
    if wrong:
        shown = ", ".join(wrong[:5]) + (" ..." if len(wrong) > 5 else "")
        raise InvalidInput([FieldError(field, f"not {kind} ids: {shown}")])
