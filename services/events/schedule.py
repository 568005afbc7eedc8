"""Use cases of an event's schedule: compute, re-schedule and read it.

Pair values are the recommender's scores of the two attendees (`matcher.event_pairs`), with
the rankers in use; "no thanks", earlier declines and (when asked) earlier meetings are
removed and must-meet marks earn a bonus (`matcher.event_problem`); the optimiser
(`matcher.scheduling`) does the rest. Re-scheduling passes the current schedule as meetings to
keep, and never moves a meeting already held.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from graph import events as graph_events
from graph import recommend as graph_recommend
from graph.driver import ManagedTransaction
from graph.events import StoredEvent, StoredMeeting, StoredRegistration
from matcher import scheduling
from matcher.event_pairs import Pair, score_pairs, shortlist_pairs
from matcher.event_problem import Registrant, build_problem
from matcher.kinds import SuggestionKind
from matcher.profiles import Profile
from matcher.progress import Report, silent
from matcher.ranker import MatchRanker
from models.event import (
    EventFormat,
    MeetingState,
    MeetingView,
    RegistrationStatus,
    ScheduleFigures,
    ScheduleRequest,
    ScheduleView,
)
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Conflict, FieldError, InvalidInput
from services.events import core as events

Rankers = Mapping[SuggestionKind, MatchRanker]
# Up to this many attendees every pair is scored; above, each attendee's closest in meaning.
SCORE_EVERY_PAIR_UP_TO = 120
SHORTLIST_PER_TYPE = 25
MIN_PAIRS = 20  # one-to-one formats: allowed pairs kept per attendee (or 3 x rounds if more)
WORKERS = 2  # CP-SAT workers: one per core of the 2-core machine
BOUND_UP_TO = 20_000  # pairs x rounds up to which the figures include the upper bound


@dataclass(frozen=True)
class Instance:
    """An event as the optimiser sees it, and what the service needs to store the result."""

    event: StoredEvent
    problem: scheduling.Problem
    current: list[StoredMeeting]  # stored meetings (scheduled and held) before this run
    held: int


def compute(
    graph: Graph,
    actor: Actor,
    event_id: str,
    request: ScheduleRequest,
    *,
    rankers: Rankers,
    today: dt.date | None = None,
    report: Report = silent,
) -> ScheduleView:
    """Compute (or re-compute) and store the event's schedule (staff).

    Re-scheduling keeps the meetings of the current schedule where still possible (their
    pair still allowed, both still coming and free in that slot) and never moves a meeting
    already held; meetings of cancelled attendees are replaced. `report` hears the stages:
    profiles, scoring (pairs), building, then the optimiser's (hint, solving or improving),
    checking, comparing (greedy and the upper bound), saving.

    Raises:
        Forbidden: the actor is not staff.
        NotFound: no such event.
        InvalidInput: fewer than two attendees to schedule.
    """
    require_staff(actor, "schedule events")
    began = time.perf_counter()
    inst = instance(graph, event_id, request, rankers=rankers, today=today, report=report)
    found = scheduling.schedule(
        inst.problem,
        time_limit_s=request.time_limit_s,
        workers=WORKERS,
        seed=request.seed,
        report=report,
    )
    report("checking")
    broken = scheduling.violations(inst.problem, found)
    if broken:  # never store a schedule that breaks a rule; this is a bug in the optimiser
        raise RuntimeError("the optimiser returned an invalid schedule: " + "; ".join(broken[:5]))
    rows = meeting_rows(inst, found)
    report("comparing")
    figures = _figures(inst, found, rows)
    figures.seconds = round(time.perf_counter() - began, 3)
    report("saving", 0, len(rows))
    graph.write(_store_tx, event_id, rows, figures, inst.event.lock_seq)
    return schedule_view(graph, actor, event_id)


def instance(
    graph: Graph,
    event_id: str,
    request: ScheduleRequest,
    *,
    rankers: Rankers,
    today: dt.date | None = None,
    report: Report = silent,
) -> Instance:
    """Read registrations, choices, profiles and the current schedule; build the problem."""
    today = today or dt.date.today()
    report("profiles")
    event = events.read_event(graph, event_id)
    wanted = (
        [RegistrationStatus.CHECKED_IN.value]
        if request.only_checked_in
        else [RegistrationStatus.REGISTERED.value, RegistrationStatus.CHECKED_IN.value]
    )
    rows = graph.read(graph_events.registrations, event_id, wanted)
    profiles = profiles_of(graph, [r.attendee_id for r in rows])
    report("profiles", len(profiles), len(rows))
    registrants = [_registrant(r) for r in rows if r.attendee_id in profiles]
    if len(registrants) < 2:
        raise InvalidInput(
            [FieldError("attendees", "at least two attendees with a place are needed")]
        )
    ids = [r.id for r in registrants]
    current = graph.read(
        graph_events.meetings,
        event_id,
        states=[MeetingState.SCHEDULED.value, MeetingState.HELD.value],
    )
    held = [_meeting(m) for m in current if m.state is MeetingState.HELD]
    keep = [_meeting(m) for m in current if m.state is MeetingState.SCHEDULED]
    is_tables = event.format is EventFormat.TABLES
    must = {(r.id, o) for r in registrants for o in r.must_meet}
    if len(ids) <= SCORE_EVERY_PAIR_UP_TO:
        scored_pairs = {(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]}
    else:
        everyone = [profiles[i] for i in ids]
        always = must | {(m.a, m.b) for m in keep}
        scored_pairs = shortlist_pairs(everyone, per_type=SHORTLIST_PER_TYPE, always=always)
    present = set(ids)
    scored_pairs = {p for p in scored_pairs if p[0] in present and p[1] in present}
    values: dict[Pair, float] = {
        (s.a, s.b): s.value
        for s in score_pairs(profiles, scored_pairs, rankers, today=today, report=report)
    }
    report("building")
    if is_tables:  # everyone at a table must be an allowed pair: the others are worth 0
        ordered = sorted(ids)
        values = {
            (a, b): values.get((a, b), 0.0) for n, a in enumerate(ordered) for b in ordered[n + 1 :]
        }
    banned = graph.read(graph_events.banned_pairs, event_id, ids, avoid_past=request.avoid_past)
    problem = build_problem(
        rounds=event.rounds,
        registrants=registrants,
        values=values,
        max_meetings=event.max_meetings,
        table_size=event.table_size,
        tables=event.tables,
        banned=banned,
        held=held,
        keep=keep,
        pairs_per_attendee=None if is_tables else max(MIN_PAIRS, 3 * event.rounds),
    )
    tradeoffs = {
        name: value
        for name in ("must_meet_bonus", "fairness_weight")
        if (value := getattr(request, name)) is not None
    }
    problem = replace(problem, **tradeoffs)
    return Instance(event=event, problem=problem, current=current, held=len(held))


def meeting_id(event_id: str, slot: int, a: str, b: str) -> str:
    """A stable id per event, slot and pair: a kept meeting keeps its id (and calendar UID)."""
    digest = hashlib.sha1(f"{event_id}|{slot}|{a}|{b}".encode()).hexdigest()[:16]
    return f"mt-{digest}"


def meeting_rows(inst: Instance, found: scheduling.Schedule) -> list[dict[str, Any]]:
    """The schedule as `EventMeeting` properties, with table numbers from 1.

    Tables: the table each pair sat at. One-to-one: a numbered spot per meeting and slot; a
    kept meeting keeps its spot, so agendas already printed stay right.
    """
    event_id = inst.event.id
    problem = inst.problem
    values = {(p.a, p.b): p for p in problem.pairs}
    old_tables = {m.id: m.table for m in inst.current}
    held_tables = {(m.slot, m.table) for m in inst.current if m.state is MeetingState.HELD}
    seat_of = {(s.attendee, s.slot): s.table + 1 for s in found.seats}
    rows = []
    for m in scheduling.meetings_of(problem, found):
        mid = meeting_id(event_id, m.slot, m.a, m.b)
        pair = values[(m.a, m.b)]
        rows.append(
            {
                "id": mid,
                "event_id": event_id,
                "slot": m.slot,
                "table": seat_of.get((m.a, m.slot)) or old_tables.get(mid),
                "a": m.a,
                "b": m.b,
                "state": MeetingState.SCHEDULED.value,
                "value": pair.value,
                "must_meet": pair.must_meet,
            }
        )
    if not problem.is_tables:
        _number_spots(rows, held_tables)
    return rows


def _number_spots(rows: list[dict[str, Any]], taken: set[tuple[int, int]]) -> None:
    """Give each one-to-one meeting a spot: its old one when free, else the lowest free."""
    used = set(taken)
    for row in rows:
        if row["table"] is not None and (row["slot"], row["table"]) not in used:
            used.add((row["slot"], row["table"]))
        else:
            row["table"] = None
    for row in rows:
        if row["table"] is None:
            spot = 1
            while (row["slot"], spot) in used:
                spot += 1
            row["table"] = spot
            used.add((row["slot"], spot))


def _figures(
    inst: Instance, found: scheduling.Schedule, rows: list[dict[str, Any]]
) -> ScheduleFigures:
    """The schedule's figures, greedy's on the same problem, and the upper bound when the
    problem is small enough for it (its LP took 13 s on 500 attendees x 8 slots)."""
    problem = inst.problem
    mine = scheduling.stats(problem, found)
    greedy = scheduling.stats(problem, scheduling.greedy_schedule(problem))
    columns = len(problem.pairs) * problem.rounds
    bound = scheduling.upper_bound(problem) if columns <= BOUND_UP_TO else None
    kept_ids = {meeting_id(inst.event.id, m.slot, m.a, m.b) for m in problem.keep}
    return ScheduleFigures(
        attendees=len(problem.attendees),
        pairs=len(problem.pairs),
        meetings=len(rows),
        value=round(mine.value, 4),
        must_meet_met=mine.must_meet_met,
        must_meet_total=mine.must_meet_total,
        meetings_min=mine.meetings_min,
        meetings_median=mine.meetings_median,
        unmet_attendees=mine.unmet_attendees,
        upper_bound=None if bound is None else round(bound, 4),
        ratio_to_bound=round(mine.value / bound, 4) if bound else None,
        greedy_value=round(greedy.value, 4),
        greedy_meetings_min=greedy.meetings_min,
        greedy_must_meet_met=greedy.must_meet_met,
        kept=sum(1 for r in rows if r["id"] in kept_ids),
        kept_possible=len(problem.keep),
        held_fixed=inst.held,
        solver=found.solver,
        status=found.status,
        seconds=0.0,
    )


def _store_tx(
    tx: ManagedTransaction,
    event_id: str,
    rows: Sequence[dict[str, Any]],
    figures: ScheduleFigures,
    seen_lock_seq: int,
) -> None:
    locked = graph_events.lock(tx, event_id)
    # Every change to registrations, choices or meetings bumps the event's lock_seq: if one
    # happened while the optimiser ran, this schedule may pair someone who just cancelled.
    if locked is None or locked.lock_seq != seen_lock_seq + 1:
        raise Conflict("registrations changed while the schedule was computed: run it again")
    graph_events.replace_schedule(tx, event_id, rows)
    graph_events.update(
        tx,
        event_id,
        {"scheduled_at": events.now_utc(), "figures": figures.model_dump_json()},
    )


def schedule_view(graph: Graph, actor: Actor, event_id: str) -> ScheduleView:
    """The master schedule: every meeting with both names (staff)."""
    require_staff(actor, "see the master schedule")
    event = events.read_event(graph, event_id)
    return ScheduleView(
        event_id=event_id,
        figures=events.schedule_figures(event),
        meetings=[meeting_view(event, m) for m in graph.read(graph_events.meetings, event_id)],
    )


def meeting_view(event: StoredEvent, m: StoredMeeting) -> MeetingView:
    starts, ends = events.slot_times(event, m.slot)
    return MeetingView(
        id=m.id,
        slot=m.slot,
        table=m.table,
        starts_at=starts,
        ends_at=ends,
        a=m.a,
        a_name=m.a_name,
        b=m.b,
        b_name=m.b_name,
        state=m.state,
        must_meet=m.must_meet,
        value=m.value,
    )


def profiles_of(graph: Graph, ids: Sequence[str]) -> dict[str, Profile]:
    """The matcher profiles of the records among `ids` that exist."""
    return {p.id: p for p in graph.read(graph_recommend.profiles_facts, ids)}


def _registrant(row: StoredRegistration) -> Registrant:
    return Registrant(
        id=row.attendee_id,
        slots=frozenset(row.slots),
        must_meet=frozenset(row.must_meet),
        no_thanks=frozenset(row.no_thanks),
    )


def _meeting(row: StoredMeeting) -> scheduling.Meeting:
    return scheduling.Meeting(row.a, row.b, row.slot)
