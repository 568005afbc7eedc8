"""Networking events: /api/v1/events (registration, choices, schedule, agendas, follow-up)."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from api.deps import CurrentActor, GraphDep, RankersDep
from api.downloads import attachment
from matcher.reasons import Lang
from models.event import (
    Agenda,
    Choices,
    Event,
    EventCreate,
    EventSuggestion,
    EventUpdate,
    Feedback,
    FeedbackCreate,
    HeldRequest,
    MeetingMove,
    MeetingView,
    Registration,
    RegistrationCreate,
    RegistrationStatus,
    ScheduleRequest,
    ScheduleView,
)
from models.pages import MAX_PAGE_SIZE, Page
from services.events import core as events
from services.events import followup as event_followup
from services.events import manage as event_manage
from services.events import outputs as event_outputs
from services.events import registration as event_registration
from services.events import schedule as event_schedule
from services.events import suggestions as event_suggestions

router = APIRouter(prefix="/events", tags=["events"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Event)
def create_event(payload: EventCreate, actor: CurrentActor, graph: GraphDep) -> Event:
    """Create an event (staff): one-to-one meetings, speed networking or thematic tables."""
    return events.create(graph, actor, payload)


@router.get("", response_model=Page[Event])
def list_events(
    actor: CurrentActor,
    graph: GraphDep,
    upcoming: bool = True,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Page[Event]:
    """Events by start time (`upcoming`: from yesterday on)."""
    return events.list_events(graph, upcoming=upcoming, limit=limit, offset=offset)


@router.get("/{event_id}", response_model=Event)
def read_event(event_id: str, actor: CurrentActor, graph: GraphDep) -> Event:
    return events.get(graph, event_id)


@router.patch("/{event_id}", response_model=Event)
def update_event(event_id: str, patch: EventUpdate, actor: CurrentActor, graph: GraphDep) -> Event:
    """Edit an event (staff): title, start, venue, capacity, slot length."""
    return event_manage.update(graph, actor, event_id, patch)


@router.post("/{event_id}/cancel", response_model=Event)
def cancel_event(event_id: str, actor: CurrentActor, graph: GraphDep) -> Event:
    """Cancel an event (staff): meetings not held are cancelled, registrations kept."""
    return event_manage.cancel(graph, actor, event_id)


@router.put("/{event_id}/meetings/{meeting_id}", response_model=MeetingView)
def change_meeting(
    event_id: str,
    meeting_id: str,
    change: MeetingMove,
    actor: CurrentActor,
    graph: GraphDep,
    rankers: RankersDep,
) -> MeetingView:
    """Move a meeting to another slot or cancel it (staff); a move that breaks a rule of
    the schedule (someone busy or away, a pair not allowed) is refused (422)."""
    return event_manage.change_meeting(graph, actor, event_id, meeting_id, change, rankers=rankers)


@router.post(
    "/{event_id}/registrations", status_code=status.HTTP_201_CREATED, response_model=Registration
)
def register(
    event_id: str, payload: RegistrationCreate, actor: CurrentActor, graph: GraphDep
) -> Registration:
    """Register your profile or organisation (staff: anyone), with available slots and
    must-meet / no-thanks marks on other attendees; past capacity, on the waitlist."""
    return event_registration.register(graph, actor, event_id, payload)


@router.get("/{event_id}/registrations", response_model=list[Registration])
def list_registrations(
    event_id: str,
    actor: CurrentActor,
    graph: GraphDep,
    status: RegistrationStatus | None = None,
) -> list[Registration]:
    """Every registration in registration order (staff)."""
    return event_registration.registrations(graph, actor, event_id, status)


@router.get("/{event_id}/registrations/{attendee_id}", response_model=Registration)
def read_registration(
    event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep
) -> Registration:
    return event_registration.registration(graph, actor, event_id, attendee_id)


@router.delete("/{event_id}/registrations/{attendee_id}", response_model=Registration)
def cancel_registration(
    event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep
) -> Registration:
    """Cancel: the place goes to the first on the waitlist; scheduled meetings are cancelled."""
    return event_registration.cancel(graph, actor, event_id, attendee_id)


@router.put("/{event_id}/registrations/{attendee_id}/choices", response_model=Registration)
def set_choices(
    event_id: str, attendee_id: str, choices: Choices, actor: CurrentActor, graph: GraphDep
) -> Registration:
    """Replace availability (`slots`, all when left out) and must-meet / no-thanks marks."""
    return event_registration.set_choices(graph, actor, event_id, attendee_id, choices)


@router.get("/{event_id}/suggestions", response_model=list[EventSuggestion])
def suggestions(
    event_id: str,
    for_id: Annotated[str, Query(alias="for", min_length=1, max_length=64)],
    actor: CurrentActor,
    graph: GraphDep,
    rankers: RankersDep,
    k: Annotated[int, Query(ge=1, le=50)] = 10,
    lang: Lang = "fr",
) -> list[EventSuggestion]:
    """The other attendees you would gain most from meeting, with reasons (to mark them)."""
    return event_suggestions.suggested_attendees(
        graph, actor, event_id, for_id, rankers=rankers, k=k, lang=lang
    )


@router.post("/{event_id}/schedule", response_model=ScheduleView)
def compute_schedule(
    event_id: str,
    actor: CurrentActor,
    graph: GraphDep,
    rankers: RankersDep,
    request: Annotated[ScheduleRequest | None, Body()] = None,
) -> ScheduleView:
    """Compute or re-compute the schedule (staff); meetings already fixed are kept where
    possible and meetings held never move. Takes up to `time_limit_s`."""
    return event_schedule.compute(
        graph, actor, event_id, request or ScheduleRequest(), rankers=rankers
    )


@router.get("/{event_id}/schedule", response_model=ScheduleView)
def read_schedule(event_id: str, actor: CurrentActor, graph: GraphDep) -> ScheduleView:
    """The master schedule with its figures (staff)."""
    return event_schedule.schedule_view(graph, actor, event_id)


@router.get("/{event_id}/schedule.csv", response_class=Response)
def schedule_csv(event_id: str, actor: CurrentActor, graph: GraphDep) -> Response:
    """The master schedule as CSV, one row per meeting (staff)."""
    return attachment(
        event_outputs.master_csv(graph, actor, event_id),
        media_type="text/csv; charset=utf-8",
        filename=f"{event_id}-schedule.csv",
    )


# The .ics and .html routes come before the JSON one: "{attendee_id}" alone would match them.
@router.get("/{event_id}/agenda/{attendee_id}.ics", response_class=Response)
def agenda_ics(
    event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep, lang: Lang = "fr"
) -> Response:
    """Your agenda as a calendar file: one event per meeting."""
    return attachment(
        event_outputs.agenda_ics(graph, actor, event_id, attendee_id, lang=lang),
        media_type="text/calendar; charset=utf-8",
        filename=f"{event_id}-{attendee_id}.ics",
    )


@router.get("/{event_id}/agenda/{attendee_id}.html", response_class=Response)
def agenda_html(
    event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep, lang: Lang = "fr"
) -> Response:
    """Your agenda as a printable page (right-to-left in Arabic)."""
    page = event_outputs.agenda_html(graph, actor, event_id, attendee_id, lang=lang)
    return Response(page, media_type="text/html; charset=utf-8")


@router.get("/{event_id}/agenda/{attendee_id}", response_model=Agenda)
def agenda(event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep) -> Agenda:
    """Your meetings, slot by slot (the attendee or staff)."""
    return event_outputs.agenda(graph, actor, event_id, attendee_id)


@router.post("/{event_id}/check-in/{attendee_id}", response_model=Registration)
def check_in(event_id: str, attendee_id: str, actor: CurrentActor, graph: GraphDep) -> Registration:
    """Check in on the day (the attendee or staff)."""
    return event_registration.check_in(graph, actor, event_id, attendee_id)


@router.post("/{event_id}/meetings/held", response_model=list[MeetingView])
def meetings_held(
    event_id: str, payload: HeldRequest, actor: CurrentActor, graph: GraphDep
) -> list[MeetingView]:
    """Record several meetings as held (staff)."""
    return event_followup.mark_held(graph, actor, event_id, payload.meeting_ids)


@router.post("/{event_id}/meetings/{meeting_id}/held", response_model=MeetingView)
def meeting_held(
    event_id: str, meeting_id: str, actor: CurrentActor, graph: GraphDep
) -> MeetingView:
    """Record that a meeting took place (staff): the pair's MET relationship, and a `met`
    outcome for the recommender's training data."""
    return event_followup.mark_held(graph, actor, event_id, [meeting_id])[0]


@router.post(
    "/{event_id}/meetings/{meeting_id}/feedback",
    status_code=status.HTTP_201_CREATED,
    response_model=Feedback,
)
def give_feedback(
    event_id: str, meeting_id: str, payload: FeedbackCreate, actor: CurrentActor, graph: GraphDep
) -> Feedback:
    """Was it useful? Follow up? (a side of a held meeting); it trains the recommender."""
    return event_followup.give_feedback(graph, actor, event_id, meeting_id, payload)


@router.get("/{event_id}/feedback", response_model=list[Feedback])
def list_feedback(event_id: str, actor: CurrentActor, graph: GraphDep) -> list[Feedback]:
    """Every feedback of the event (staff)."""
    return event_followup.feedback(graph, actor, event_id)
