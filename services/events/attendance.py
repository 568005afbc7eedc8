"""Use cases of an attendee's own view of events (the web pages): the upcoming events with
their registration, one event with the attendees suggested to them and those they marked, and
marking one attendee "must meet" or "no thanks".

A youth or mentor attends as their profile, an organisation member as their organisation
(`attendee_of`); the access rules are those of registration (`core.require_speaks_for`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import ValidationError

from graph import events as graph_events
from graph.events import StoredRegistration
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from matcher.reasons import Lang
from models.event import (
    AttendeeChoice,
    AttendeeView,
    Choices,
    EventForAttendee,
    EventSuggestion,
    Mark,
    Registration,
    RegistrationStatus,
)
from services.access import Actor
from services.db import Graph
from services.errors import InvalidInput
from services.events import core as events
from services.events import registration as event_registration
from services.events import suggestions as event_suggestions
from services.profiles import field_errors, kind_of_role, own_record_id

SUGGESTED = 10  # attendees suggested on an event page


def attendee_of(actor: Actor) -> str | None:
    """Who the actor attends as: their profile, or their organisation (None for staff, and
    before the profile exists)."""
    kind = kind_of_role(actor.role)
    return own_record_id(actor, kind) if kind else None


def upcoming(
    graph: Graph, actor: Actor, *, limit: int = 20, now: dt.datetime | None = None
) -> list[EventForAttendee]:
    """The upcoming events by start time, each with the actor's registration (if any)."""
    found = events.list_events(graph, upcoming=True, limit=limit, offset=0, now=now).items
    attendee = attendee_of(actor)
    mine: dict[str, Registration] = {}
    if attendee and found:
        rows = graph.read(graph_events.registrations_of, attendee, [e.id for e in found])
        mine = {row.event_id: events.registration_view(row) for row in rows}
    return [EventForAttendee(event=e, registration=mine.get(e.id)) for e in found]


def attendee_view(
    graph: Graph,
    actor: Actor,
    event_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    lang: Lang = "fr",
) -> AttendeeView:
    """One event as the actor sees it: their registration (waitlist position included), and
    once registered, the attendees worth meeting (with reasons) and those they marked.

    Raises:
        NotFound: no such event.
    """
    event = events.get(graph, event_id)
    attendee = attendee_of(actor)
    if attendee is None:
        return AttendeeView(event=event, attendee_id=None)
    row = graph.read(graph_events.registration, event_id, attendee)
    if row is None:
        return AttendeeView(event=event, attendee_id=attendee)
    mine = event_registration.registration(graph, actor, event_id, attendee)
    if mine.status is RegistrationStatus.CANCELLED:
        return AttendeeView(event=event, attendee_id=attendee, registration=mine)
    suggested = event_suggestions.suggested_attendees(
        graph, actor, event_id, attendee, rankers=rankers, k=SUGGESTED, lang=lang
    )
    return AttendeeView(
        event=event,
        attendee_id=attendee,
        registration=mine,
        others=_with_marks(graph, mine, suggested),
    )


def _with_marks(
    graph: Graph, mine: Registration, suggested: list[EventSuggestion]
) -> list[AttendeeChoice]:
    """The suggested attendees with the actor's marks, then the marked ones not suggested."""
    marks: dict[str, Mark] = dict.fromkeys(mine.must_meet, "must_meet")
    marks |= dict.fromkeys(mine.no_thanks, "no_thanks")
    others = [
        AttendeeChoice(id=s.id, name=s.name, type=s.type, reasons=s.reasons, mark=marks.get(s.id))
        for s in suggested
    ]
    shown = {s.id for s in suggested}
    if set(marks) - shown:
        for row in graph.read(graph_events.registrations, mine.event_id):
            if row.attendee_id in marks and row.attendee_id not in shown:
                others.append(
                    AttendeeChoice(
                        id=row.attendee_id,
                        name=row.name or row.attendee_id,
                        type=row.type,
                        mark=marks[row.attendee_id],
                    )
                )
    return others


def mark(
    graph: Graph, actor: Actor, event_id: str, other_id: str, chosen: Mark | None
) -> Registration:
    """Mark another attendee "must meet" or "no thanks" (None: neither), keeping the other
    marks; a "no thanks" takes the pair out of the actor's schedule at once.

    Raises:
        Forbidden: the actor attends as nobody (staff, or no profile yet).
        NotFound: no such event, or the actor is not registered.
        Conflict: the registration was cancelled.
        InvalidInput: `other_id` is not another attendee, or too many marks.
    """
    attendee = attendee_of(actor) or ""

    def _marked(current: StoredRegistration) -> Choices:
        must_meet = [i for i in current.must_meet if i != other_id]
        no_thanks = [i for i in current.no_thanks if i != other_id]
        if chosen == "must_meet":
            must_meet.append(other_id)
        elif chosen == "no_thanks":
            no_thanks.append(other_id)
        try:
            return Choices(must_meet=must_meet, no_thanks=no_thanks)
        except ValidationError as error:
            raise InvalidInput(field_errors(error)) from error

    return event_registration.set_choices(graph, actor, event_id, attendee, _marked)
