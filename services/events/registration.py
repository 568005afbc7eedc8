"""Use cases of event registration: register (with a waitlist), choices, cancel, check in.

Places go first come, first served: past capacity a registration joins the waitlist, and each
place freed by a cancellation goes to the earliest registration on it, in the same
transaction (the event is locked first, so two registrations never take one last place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from graph import events as graph_events
from graph import introductions as graph_intro
from graph.driver import ManagedTransaction
from graph.events import StoredEvent, StoredRegistration
from models.event import Choices, Registration, RegistrationCreate, RegistrationStatus
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Conflict, FieldError, InvalidInput, NotFound
from services.events.core import (
    now_utc,
    read_event,
    registration_view,
    require_speaks_for,
)

Status = RegistrationStatus
ATTENDEE_TYPES = frozenset({"youth", "mentor", "organization"})


def register(
    graph: Graph, actor: Actor, event_id: str, payload: RegistrationCreate
) -> Registration:
    """Register an attendee, with their availability and marks.

    Registering again while registered or waitlisted keeps the place (or the waitlist
    position) and changes the choices given, so a retried request changes nothing more.

    Raises:
        NotFound: no such event or record.
        Forbidden: the actor does not speak for the attendee.
        InvalidInput: a job offer, slots outside the event, marks on non-attendees.
    """
    require_speaks_for(actor, payload.attendee_id)
    graph.write(_register_tx, event_id, payload, actor.user_id, now_utc())
    return registration(graph, actor, event_id, payload.attendee_id)


def _register_tx(
    tx: ManagedTransaction,
    event_id: str,
    payload: RegistrationCreate,
    user_id: str | None,
    now: dt.datetime,
) -> None:
    event = _lock(tx, event_id)
    person = graph_events.entity(tx, payload.attendee_id)
    if person is None:
        raise NotFound(f"no record with id {payload.attendee_id}")
    if person.type not in ATTENDEE_TYPES:
        raise InvalidInput(
            [FieldError("attendee_id", "youths, mentors and organisations attend events")]
        )
    current = graph_events.registration(tx, event_id, payload.attendee_id)
    if current is not None and current.status is Status.CANCELLED:
        current = None  # registering again starts afresh
    props = _choice_props(tx, event, payload.attendee_id, payload, current)
    if current is None:
        full = event.taken >= event.capacity
        props |= {
            "status": (Status.WAITLISTED if full else Status.REGISTERED).value,
            "registered_at": now,
            "registered_by": user_id,
            "cancelled_at": None,
            "checked_in_at": None,
        }
    graph_events.upsert_registration(tx, event_id, payload.attendee_id, props)
    _cancel_ruled_out(tx, event_id, payload.attendee_id, props, now)


# A change of choices computed from the stored registration, inside the transaction that
# writes it: two marks given at the same moment (two tabs) both count.
ChoiceChange = Callable[[StoredRegistration], Choices]


def set_choices(
    graph: Graph, actor: Actor, event_id: str, attendee_id: str, choices: Choices | ChoiceChange
) -> Registration:
    """Change an attendee's availability and marks (fields left out stay as they are), or
    apply `choices` to the stored registration when it is a function.

    Scheduled meetings that the new choices rule out (a "no thanks", a slot given up) are
    cancelled at once; the next re-scheduling fills the gaps.

    Raises:
        NotFound: no such event or registration.
        Forbidden: the actor does not speak for the attendee.
        Conflict: the registration was cancelled.
        InvalidInput: slots outside the event, marks on non-attendees or oneself.
    """
    require_speaks_for(actor, attendee_id)
    graph.write(_choices_tx, event_id, attendee_id, choices, now_utc())
    return registration(graph, actor, event_id, attendee_id)


def _choices_tx(
    tx: ManagedTransaction,
    event_id: str,
    attendee_id: str,
    choices: Choices | ChoiceChange,
    now: dt.datetime,
) -> None:
    event = _lock(tx, event_id)
    current = _active_registration(tx, event_id, attendee_id)
    if callable(choices):
        choices = choices(current)
    props = _choice_props(tx, event, attendee_id, choices, current)
    graph_events.set_registration(tx, event_id, attendee_id, props)
    _cancel_ruled_out(tx, event_id, attendee_id, props, now)


def _cancel_ruled_out(
    tx: ManagedTransaction,
    event_id: str,
    attendee_id: str,
    props: dict[str, Any],
    now: dt.datetime,
) -> None:
    """Cancel the scheduled meetings the attendee's choices now rule out (a slot given up, a
    "no thanks"): they leave both agendas at once."""
    ruled_out = [
        m.id
        for m in graph_events.meetings(tx, event_id, attendee_id=attendee_id, states=["scheduled"])
        if m.slot not in props["slots"]
        or (m.b if m.a == attendee_id else m.a) in props["no_thanks"]
    ]
    graph_events.cancel_meetings(tx, event_id, ruled_out, now)


def cancel(graph: Graph, actor: Actor, event_id: str, attendee_id: str) -> Registration:
    """Cancel a registration; the place goes to the first on the waitlist.

    The attendee's scheduled meetings are cancelled (their partners see it on their agenda);
    staff re-schedule to fill the gaps. Cancelling twice changes nothing.

    Raises:
        NotFound: no such event or registration.
        Forbidden: the actor does not speak for the attendee.
    """
    require_speaks_for(actor, attendee_id)
    graph.write(_cancel_tx, event_id, attendee_id, now_utc())
    return registration(graph, actor, event_id, attendee_id)


def _cancel_tx(tx: ManagedTransaction, event_id: str, attendee_id: str, now: dt.datetime) -> None:
    event = _lock(tx, event_id)
    current = graph_events.registration(tx, event_id, attendee_id)
    if current is None:
        raise NotFound(f"{attendee_id} is not registered for event {event_id}")
    if current.status is Status.CANCELLED:
        return
    graph_events.set_registration(
        tx, event_id, attendee_id, {"status": Status.CANCELLED.value, "cancelled_at": now}
    )
    if not current.status.has_place:
        return
    graph_events.cancel_meetings_of(tx, event_id, attendee_id, now)
    free = event.capacity - (event.taken - 1)
    for promoted in graph_events.first_waitlisted(tx, event_id, max(0, free)):
        graph_events.set_registration(
            tx, event_id, promoted, {"status": Status.REGISTERED.value, "promoted_at": now}
        )
        # Told at once (in-app, then e-mail from the outbox), in the same transaction.
        graph_intro.merge_notification(
            tx,
            {
                "id": f"{event_id}:place:{promoted}",
                "party_id": promoted,
                "event": "event_place",
                "about_id": event_id,
                "about_name": event.title,
                "created_at": now,
            },
        )


def check_in(graph: Graph, actor: Actor, event_id: str, attendee_id: str) -> Registration:
    """Check an attendee in on the day (the attendee or staff); twice is the same as once.

    Raises:
        NotFound: no such event or registration.
        Forbidden: the actor does not speak for the attendee.
        Conflict: the attendee is on the waitlist or cancelled.
    """
    require_speaks_for(actor, attendee_id)
    graph.write(_check_in_tx, event_id, attendee_id, now_utc())
    return registration(graph, actor, event_id, attendee_id)


def _check_in_tx(tx: ManagedTransaction, event_id: str, attendee_id: str, now: dt.datetime) -> None:
    _lock(tx, event_id)
    current = _active_registration(tx, event_id, attendee_id)
    if current.status is Status.CHECKED_IN:
        return
    if current.status is Status.WAITLISTED:
        raise Conflict(f"{attendee_id} is on the waitlist and has no place yet")
    graph_events.set_registration(
        tx, event_id, attendee_id, {"status": Status.CHECKED_IN.value, "checked_in_at": now}
    )


def registration(graph: Graph, actor: Actor, event_id: str, attendee_id: str) -> Registration:
    """One registration, for the attendee or staff.

    Raises:
        Forbidden: the actor does not speak for the attendee.
        NotFound: no such registration.
    """
    require_speaks_for(actor, attendee_id)
    found = graph.read(graph_events.registration, event_id, attendee_id)
    if found is None:
        read_event(graph, event_id)  # a clear message when the event itself is unknown
        raise NotFound(f"{attendee_id} is not registered for event {event_id}")
    position = None
    if found.status is Status.WAITLISTED:
        position = graph.read(graph_events.waitlist_position, event_id, attendee_id)
    return registration_view(found, position)


def registrations(
    graph: Graph, actor: Actor, event_id: str, status: RegistrationStatus | None = None
) -> list[Registration]:
    """Every registration of the event in registration order (staff)."""
    require_staff(actor, "list an event's registrations")
    read_event(graph, event_id)
    rows = graph.read(graph_events.registrations, event_id, [status.value] if status else None)
    waiting = (r for r in rows if r.status is Status.WAITLISTED)
    positions = {r.attendee_id: n for n, r in enumerate(waiting, start=1)}
    return [registration_view(r, positions.get(r.attendee_id)) for r in rows]


def _choice_props(
    tx: ManagedTransaction,
    event: StoredEvent,
    attendee_id: str,
    choices: Choices,
    current: StoredRegistration | None,
) -> dict[str, Any]:
    """The choices as registration properties: what is given, checked, else what is stored
    (for a new registration: every slot, no marks). Marks name other attendees only."""
    rounds = event.rounds
    stored: dict[str, list[Any]] = (
        {"slots": list(range(rounds)), "must_meet": [], "no_thanks": []}
        if current is None
        else {
            "slots": list(current.slots),
            "must_meet": list(current.must_meet),
            "no_thanks": list(current.no_thanks),
        }
    )
    props = {
        field: given if (given := getattr(choices, field)) is not None else stored[field]
        for field in ("slots", "must_meet", "no_thanks")
    }
    errors = []
    outside = [s for s in props["slots"] if s >= rounds]
    if outside:
        errors.append(FieldError("slots", f"slots are 0..{rounds - 1}; got {outside}"))
    others = {
        r.attendee_id
        for r in graph_events.registrations(tx, event.id)
        if r.status is not Status.CANCELLED and r.attendee_id != attendee_id
    }
    for field in ("must_meet", "no_thanks"):
        unknown = [i for i in getattr(choices, field) or [] if i not in others]
        if unknown:
            errors.append(
                FieldError(field, f"not other attendees of this event: {', '.join(unknown[:10])}")
            )
    both = sorted(set(props["must_meet"]) & set(props["no_thanks"]))
    if both and not errors:
        errors.append(
            FieldError("no_thanks", f"marked both must meet and no thanks: {', '.join(both)}")
        )
    if errors:
        raise InvalidInput(errors)
    return props


def _lock(tx: ManagedTransaction, event_id: str) -> StoredEvent:
    event = graph_events.lock(tx, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    return event


def _active_registration(
    tx: ManagedTransaction, event_id: str, attendee_id: str
) -> StoredRegistration:
    current = graph_events.registration(tx, event_id, attendee_id)
    if current is None:
        raise NotFound(f"{attendee_id} is not registered for event {event_id}")
    if current.status is Status.CANCELLED:
        raise Conflict(f"the registration of {attendee_id} was cancelled; register again")
    return current
