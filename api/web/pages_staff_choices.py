"""/staff/events/{id}/registrations/{attendee}: staff change an attendee's slots and their
"must meet" / "no thanks" marks on their behalf, through the service (and the checks) the
attendee's own choices go through."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.deps import GraphDep
from api.web import forms
from api.web.pages_staff_event_day import slot_times
from api.web.pages_staff_import import reason
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from models.event import Choices, Registration, RegistrationStatus
from services.errors import FieldError, InvalidInput
from services.events import core as events
from services.events import registration as event_registration
from services.profiles import field_errors

router = staff_router()
MARKS = ("must_meet", "no_thanks")


@router.get("/events/{event_id}/registrations/{attendee_id}", response_class=HTMLResponse)
def choices_page(
    request: Request, event_id: str, attendee_id: str, actor: StaffActor, graph: GraphDep
) -> HTMLResponse:
    return _render(request, actor, graph, event_id, attendee_id, errors=[], given=None)


@router.post("/events/{event_id}/registrations/{attendee_id}", response_class=HTMLResponse)
def save_choices(
    request: Request,
    event_id: str,
    attendee_id: str,
    actor: StaffActor,
    form: Form,
    graph: GraphDep,
) -> Response:
    given = {name: forms.choices(form, name) for name in ("slots", *MARKS)}
    try:
        choices = Choices.model_validate(given)
        event_registration.set_choices(graph, actor, event_id, attendee_id, choices)
    except ValidationError as error:
        problems = [_placed(p) for p in field_errors(error)]
        return _render(request, actor, graph, event_id, attendee_id, errors=problems, given=given)
    except InvalidInput as error:
        return _render(
            request, actor, graph, event_id, attendee_id, errors=error.errors, given=given
        )
    return RedirectResponse(f"/staff/events/{event_id}?saved=1#registrations", status_code=303)


def _placed(problem: FieldError) -> FieldError:
    """The model's errors beside their field, with the page's own reasons."""
    if problem.field == "slots" and problem.code == "too_short":
        return FieldError("slots", problem.message, "no_slot")
    if problem.field == "record":  # the model's check that no one is marked twice
        return FieldError("no_thanks", problem.message, "marked_both")
    return problem


def _render(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    event_id: str,
    attendee_id: str,
    *,
    errors: list[FieldError],
    given: dict[str, list[str]] | None,
) -> HTMLResponse:
    event = events.get(graph, event_id)
    mine = event_registration.registration(graph, actor, event_id, attendee_id)
    others = [
        r
        for r in event_registration.registrations(graph, actor, event_id)
        if r.status is not RegistrationStatus.CANCELLED and r.attendee_id != attendee_id
    ]
    lang = page_lang(request, request.app.state.settings.default_lang)
    shown = [forms.ShownError(e.field.split(".")[0], reason(lang, e.code)) for e in errors]
    return render(
        request,
        "staff/choices.html",
        status_code=422 if errors else 200,
        actor=actor,
        event=event,
        registration=mine,
        others=others,
        chosen=given or _chosen(mine),
        slot_times=slot_times(event),
        errors=shown,
        field_errors=forms.by_field(shown),
    )


def _chosen(registration: Registration) -> dict[str, list[str]]:
    return {
        "slots": [str(slot) for slot in registration.slots],
        "must_meet": registration.must_meet,
        "no_thanks": registration.no_thanks,
    }
