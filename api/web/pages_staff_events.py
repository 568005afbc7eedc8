"""/staff/events: create, edit and cancel events; their registrations and waitlist; register
someone on their behalf."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from api.deps import GraphDep
from api.web import forms
from api.web.pages_staff_import import reason
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from models.event import EventCreate, EventFormat, EventUpdate, RegistrationCreate
from models.people import PeopleFilters
from services import people
from services.errors import Conflict, FieldError, InvalidInput
from services.events import core as events
from services.events import manage
from services.events import registration as event_registration
from services.profiles import field_errors

router = staff_router()
FIELDS = (
    "title",
    "starts_at",
    "venue",
    "capacity",
    "format",
    "rounds",
    "slot_minutes",
    "table_size",
)


def event_data(form: FormData, *, offset: str) -> dict[str, Any]:
    """The form as the event model reads it: a local date and time with the event's offset."""
    data: dict[str, Any] = {name: forms.text(form, name) for name in FIELDS}
    day, time = forms.text(form, "day"), forms.text(form, "time")
    data["starts_at"] = f"{day}T{time}:00{offset}" if day and time else ""
    return {k: v for k, v in data.items() if v != ""}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    return _list(request, actor, graph, errors=[], values={})


def _list(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    *,
    errors: list[forms.ShownError],
    values: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    found = events.list_events(graph, upcoming=False, limit=100, offset=0)
    return render(
        request,
        "staff/events.html",
        status_code=status_code,
        actor=actor,
        events=found.items,
        errors=errors,
        values=values,
        formats=[f.value for f in EventFormat],
    )


@router.post("/events", response_class=HTMLResponse)
def create_event(request: Request, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    values = {name: forms.text(form, name) for name in (*FIELDS, "day", "time")}
    try:
        payload = EventCreate.model_validate(event_data(form, offset="+01:00"))
    except ValidationError as error:
        shown = _shown(request, field_errors(error))
        return _list(request, actor, graph, errors=shown, values=values, status_code=422)
    event = events.create(graph, actor, payload)
    return RedirectResponse(f"/staff/events/{event.id}", status_code=303)


def _shown(request: Request, problems: list[FieldError]) -> list[forms.ShownError]:
    lang = page_lang(request, request.app.state.settings.default_lang)
    placed = [
        FieldError("day" if p.field == "starts_at" else p.field, p.message, p.code)
        for p in problems
    ]
    return forms.shown_errors(placed, lang)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, event_id: str, actor: StaffActor, graph: GraphDep, saved: int = 0
) -> HTMLResponse:
    return _event(request, actor, graph, event_id, errors=[], values={}, saved=bool(saved))


def _event(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    event_id: str,
    *,
    errors: list[forms.ShownError],
    values: dict[str, Any],
    saved: bool = False,
    found: Any = None,
    status_code: int = 200,
) -> HTMLResponse:
    event = events.get(graph, event_id)
    registrations = event_registration.registrations(graph, actor, event_id)
    return render(
        request,
        "staff/event.html",
        status_code=status_code,
        actor=actor,
        event=event,
        registrations=registrations,
        errors=errors,
        values=values,
        saved=saved,
        found=found,
    )


@router.post("/events/{event_id}", response_class=HTMLResponse)
def edit_event(
    request: Request, event_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    event = events.get(graph, event_id)
    offset = event.starts_at.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+01:00"
    values = {name: forms.text(form, name) for name in (*FIELDS, "day", "time")}
    data = {
        k: v for k, v in event_data(form, offset=offset).items() if k in EventUpdate.model_fields
    }
    try:
        manage.update(graph, actor, event_id, EventUpdate.model_validate(data))
    except ValidationError as error:
        return _event(
            request,
            actor,
            graph,
            event_id,
            errors=_shown(request, field_errors(error)),
            values=values,
            status_code=422,
        )
    except InvalidInput as error:
        return _event(
            request,
            actor,
            graph,
            event_id,
            errors=_shown(request, error.errors),
            values=values,
            status_code=422,
        )
    return RedirectResponse(f"/staff/events/{event_id}?saved=1", status_code=303)


@router.post("/events/{event_id}/cancel")
def cancel_event(event_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    manage.cancel(graph, actor, event_id)
    return RedirectResponse(f"/staff/events/{event_id}?saved=1", status_code=303)


@router.post("/events/{event_id}/registrations", response_class=HTMLResponse)
def register(
    request: Request, event_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    """Register a person on their behalf: by id, or the first found by a name search."""
    wanted = forms.text(form, "attendee")
    found = people.search(graph, actor, PeopleFilters(name=wanted or None)) if wanted else None
    if found is None or found.total == 0:
        return _attendee_refused(request, actor, graph, event_id, wanted, "attendee_unknown")
    if found.total > 1 and not any(row.id == wanted for row in found.rows):
        return _event(
            request, actor, graph, event_id, errors=[], values={"attendee": wanted}, found=found
        )
    attendee = next((row.id for row in found.rows if row.id == wanted), found.rows[0].id)
    try:
        event_registration.register(
            graph, actor, event_id, RegistrationCreate(attendee_id=attendee)
        )
    except (InvalidInput, Conflict):
        return _attendee_refused(request, actor, graph, event_id, wanted, "attendee_refused")
    return RedirectResponse(f"/staff/events/{event_id}?saved=1#registrations", status_code=303)


def _attendee_refused(
    request: Request, actor: StaffActor, graph: GraphDep, event_id: str, wanted: str, code: str
) -> HTMLResponse:
    """The event page again, with the reason (by its code) next to the attendee field."""
    problem = [FieldError("attendee", code, code)]
    return _event(
        request,
        actor,
        graph,
        event_id,
        errors=_reasons(request, problem),
        values={"attendee": wanted},
        status_code=422,
    )


def _reasons(request: Request, problems: list[FieldError]) -> list[forms.ShownError]:
    lang = page_lang(request, request.app.state.settings.default_lang)
    return [forms.ShownError(p.field, reason(lang, p.code)) for p in problems]


@router.post("/events/{event_id}/registrations/{attendee_id}/cancel")
def cancel_registration(
    event_id: str, attendee_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    event_registration.cancel(graph, actor, event_id, attendee_id)
    return RedirectResponse(f"/staff/events/{event_id}?saved=1#registrations", status_code=303)
