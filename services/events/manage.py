"""Staff manage an event after creating it: edit it, cancel it, compute its schedule as a
background job, and move or cancel one meeting — a move checked by the optimiser's own
checker (`matcher.scheduling.violations`), so a hand edit obeys the rules a computed
schedule obeys."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from graph import events as graph_events
from graph import introductions as graph_intro
from graph import jobs as graph_jobs
from graph.events import StoredMeeting
from matcher import scheduling
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from models.event import (
    Event,
    EventUpdate,
    MeetingMove,
    MeetingState,
    MeetingView,
    RegistrationStatus,
    ScheduleRequest,
)
from models.job import Job, JobStatus
from services import followups, jobs
from services.access import SYSTEM, Actor, require_staff
from services.db import Graph
from services.errors import Conflict, FieldError, InvalidInput, NotFound
from services.events import core as events
from services.events import schedule

log = logging.getLogger("multaqa.events")
KIND = "event_schedule"
Rankers = Mapping[SuggestionKind, MatchRanker]
TOLD_OF_CANCELLATION = [
    RegistrationStatus.REGISTERED.value,
    RegistrationStatus.WAITLISTED.value,
    RegistrationStatus.CHECKED_IN.value,
]


def update(graph: Graph, actor: Actor, event_id: str, patch: EventUpdate) -> Event:
    """Change an event's title, start, venue, capacity or slot length (staff).

    Raises:
        Conflict: the event is cancelled, or the capacity is below the places already taken.
    """
    require_staff(actor, "edit events")
    props = patch.model_dump(exclude_unset=True, exclude_none=True)
    graph.write(_update_tx, event_id, props)
    return events.get(graph, event_id)


def _update_tx(tx: Any, event_id: str, props: dict[str, Any]) -> None:
    event = graph_events.lock(tx, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    if event.cancelled_at:
        raise Conflict(f"event {event_id} is cancelled")
    if "capacity" in props and props["capacity"] < event.taken:
        raise InvalidInput(
            [FieldError("capacity", f"{event.taken} places are already taken", "capacity")]
        )
    graph_events.update(tx, event_id, props)


def cancel(graph: Graph, actor: Actor, event_id: str) -> Event:
    """Cancel an event (staff): its meetings not held are cancelled; registrations stay, so
    that attendees see it. Everyone with a place or on the waitlist is told (in-app, then by
    e-mail from the notification outbox). Cancelling twice changes nothing."""
    require_staff(actor, "cancel events")
    graph.write(_cancel_tx, event_id, events.now_utc())
    followups.send_notifications()
    return events.get(graph, event_id)


def _cancel_tx(tx: Any, event_id: str, now: Any) -> None:
    event = graph_events.lock(tx, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    if event.cancelled_at:
        return
    graph_events.update(tx, event_id, {"cancelled_at": now})
    graph_events.cancel_future_meetings(tx, event_id, now)
    for row in graph_events.registrations(tx, event_id, TOLD_OF_CANCELLATION):
        # Written in the same transaction as the cancellation, with one id per attendee: a
        # retried transaction writes each notice once.
        graph_intro.merge_notification(
            tx,
            {
                "id": f"{event_id}:cancelled:{row.attendee_id}",
                "party_id": row.attendee_id,
                "event": "event_cancelled",
                "about_id": event_id,
                "about_name": event.title,
                "created_at": now,
            },
        )


def start_schedule(graph: Graph, actor: Actor, event_id: str, request: ScheduleRequest) -> str:
    """Queue the computation of the schedule (staff); the id of the job to follow."""
    require_staff(actor, "schedule events")
    event = events.get(graph, event_id)
    if event.cancelled_at:
        raise Conflict(f"event {event_id} is cancelled")
    job_id = jobs.create(
        graph, kind=KIND, actor=actor, subject=event_id, options=request.model_dump_json()
    )
    followups.run_event_schedule(job_id)
    return job_id


def run_schedule(graph: Graph, job_id: str, *, rankers: Rankers) -> JobStatus:
    """The task: compute the schedule of the job's event, then mark the job done or failed
    (with the reason when the event cannot be scheduled: fewer than two attendees...)."""
    job = graph.read(graph_jobs.read_job, job_id)
    if job is None or job.status.finished or job.subject is None:
        return job.status if job else JobStatus.FAILED
    _, options, _ = graph.read(graph_jobs.read_input, job_id)
    request = ScheduleRequest.model_validate_json(options or "{}")
    progress = jobs.Progress(graph, job_id)
    try:
        schedule.compute(graph, SYSTEM, job.subject, request, rankers=rankers, report=progress)
    except (InvalidInput, Conflict, NotFound) as refused:
        jobs.finish(graph, job_id, JobStatus.REJECTED, error=str(refused)[:300])
        return JobStatus.REJECTED
    except Exception as error:
        log.exception("schedule job %s failed", job_id)
        jobs.finish(graph, job_id, JobStatus.FAILED, error=type(error).__name__)
        raise
    jobs.finish(graph, job_id, JobStatus.DONE)
    return JobStatus.DONE


def schedule_job(graph: Graph, actor: Actor, job_id: str) -> Job:
    return jobs.get(graph, actor, job_id, kind=KIND)


def change_meeting(
    graph: Graph,
    actor: Actor,
    event_id: str,
    meeting_id: str,
    change: MeetingMove,
    *,
    rankers: Rankers,
) -> MeetingView:
    """Move a scheduled meeting to another slot, or cancel it (staff).

    A move is refused when the schedule it gives breaks a rule the optimiser keeps: either
    person busy or away in that slot, a pair not allowed, a limit passed.

    Raises:
        InvalidInput: the move breaks a rule (the checker's reasons are in the message), or
            the event seats people at tables (a table moves as a whole: compute again).
        Conflict: the meeting was held or cancelled.
    """
    require_staff(actor, "change an event's schedule")
    meeting = graph.read(graph_events.read_meeting, event_id, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id} in event {event_id}")
    if meeting.state is not MeetingState.SCHEDULED:
        raise Conflict(f"meeting {meeting_id} is {meeting.state.value}")
    if change.cancel:
        props: dict[str, Any] = {"state": MeetingState.CANCELLED.value}
    else:
        props = _moved(graph, event_id, meeting, change, rankers)
    graph.write(graph_events.update_meeting, event_id, meeting_id, props)
    event = events.read_event(graph, event_id)
    found = graph.read(graph_events.read_meeting, event_id, meeting_id)
    return schedule.meeting_view(event, found or meeting)


def _moved(
    graph: Graph, event_id: str, meeting: StoredMeeting, change: MeetingMove, rankers: Rankers
) -> dict[str, Any]:
    if change.slot is None:
        raise InvalidInput([FieldError("slot", "choose a slot", "missing")])
    inst = schedule.instance(graph, event_id, ScheduleRequest(), rankers=rankers)
    if inst.problem.is_tables:
        # A meeting at a table is one pair of a whole table's seating: moving it alone would
        # split the table. Staff change choices or registrations, then compute again.
        raise InvalidInput(
            [FieldError("slot", "meetings at tables move by computing again", "tables_recompute")]
        )
    active = [m for m in inst.current if m.state in (MeetingState.SCHEDULED, MeetingState.HELD)]
    moved = [
        scheduling.Meeting(m.a, m.b, change.slot if m.id == meeting.id else m.slot) for m in active
    ]
    broken = scheduling.violations(inst.problem, scheduling.Schedule(meetings=tuple(moved)))
    if broken:
        raise InvalidInput([FieldError("slot", "; ".join(broken[:3]), "schedule_rule")])
    taken = {(m.slot, m.table) for m in active if m.id != meeting.id}
    spot = 1
    while (change.slot, spot) in taken:
        spot += 1
    return {"slot": change.slot, "table": spot}
