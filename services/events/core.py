"""Use cases of networking events: create, read and list; the views and access rules every
event use case shares (registrations: `services.events.registration`).

Who may do what: staff create events and act for anyone; a person registers, chooses,
cancels, checks in and reads their agenda for their own profile, an organisation member for
their organisation.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from graph import events as graph_events
from graph.events import StoredEvent, StoredRegistration
from models.event import (
    Event,
    EventCreate,
    Registration,
    RegistrationStatus,
    ScheduleFigures,
)
from models.pages import Page
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Forbidden, NotFound
from services.introductions import parties_of

Status = RegistrationStatus


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create(
    graph: Graph, actor: Actor, payload: EventCreate, *, event_id: str | None = None
) -> Event:
    """Create an event (staff only); `event_id` for a known id (the demo's), else a new one.

    Raises:
        Forbidden: the actor is not staff.
    """
    require_staff(actor, "create events")
    event_id = event_id or f"ev-{uuid.uuid4().hex[:12]}"
    props = payload.model_dump(mode="python")
    props.update(
        id=event_id,
        format=payload.format.value,
        max_meetings=payload.max_meetings or payload.rounds,
        created_at=now_utc(),
        created_by=actor.user_id,
    )
    graph.write(graph_events.create, props)
    return get(graph, event_id)


def get(graph: Graph, event_id: str) -> Event:
    """An event with its counts and the figures of its schedule (anyone signed in)."""
    return event_view(read_event(graph, event_id))


def list_events(
    graph: Graph, *, upcoming: bool, limit: int, offset: int, now: dt.datetime | None = None
) -> Page[Event]:
    """Events by start time; `upcoming` leaves out those that started more than a day ago."""
    since = (now or now_utc()) - dt.timedelta(days=1) if upcoming else None
    rows, total = graph.read(graph_events.list_events, since=since, limit=limit, offset=offset)
    return Page(items=[event_view(r) for r in rows], total=total, limit=limit, offset=offset)


def read_event(graph: Graph, event_id: str) -> StoredEvent:
    """The stored event, or NotFound."""
    event = graph.read(graph_events.read, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    return event


def slot_times(event: StoredEvent, slot: int) -> tuple[dt.datetime, dt.datetime]:
    """When a slot starts and ends, in the event's own UTC offset."""
    start = event.starts_at + dt.timedelta(minutes=slot * event.slot_minutes)
    return start, start + dt.timedelta(minutes=event.slot_minutes)


def schedule_figures(event: StoredEvent) -> ScheduleFigures | None:
    """The figures of the event's stored schedule; None before the first schedule."""
    return ScheduleFigures.model_validate(json.loads(event.figures)) if event.figures else None


def event_view(event: StoredEvent) -> Event:
    return Event(
        id=event.id,
        title=event.title,
        starts_at=event.starts_at,
        ends_at=slot_times(event, event.rounds)[0],
        venue=event.venue,
        capacity=event.capacity,
        format=event.format,
        rounds=event.rounds,
        slot_minutes=event.slot_minutes,
        table_size=event.table_size,
        tables=event.tables,
        max_meetings=event.max_meetings,
        created_at=event.created_at,
        registered=event.registered,
        waitlisted=event.waitlisted,
        checked_in=event.checked_in,
        scheduled_at=event.scheduled_at,
        figures=schedule_figures(event),
        cancelled_at=event.cancelled_at,
    )


def registration_view(row: StoredRegistration, position: int | None = None) -> Registration:
    return Registration(
        event_id=row.event_id,
        attendee_id=row.attendee_id,
        name=row.name or row.attendee_id,
        type=row.type,
        status=row.status,
        slots=list(row.slots),
        must_meet=list(row.must_meet),
        no_thanks=list(row.no_thanks),
        registered_at=row.registered_at,
        waitlist_position=position,
        checked_in_at=row.checked_in_at,
        cancelled_at=row.cancelled_at,
    )


def require_speaks_for(actor: Actor, attendee_id: str) -> None:
    """Staff, or the account the attendee's profile or organisation belongs to."""
    if not actor.is_staff and attendee_id not in parties_of(actor):
        raise Forbidden(f"you do not speak for {attendee_id}")
