"""/events: upcoming events, register or cancel (the waitlist shown), must-meet / no-thanks
among the suggested attendees, one's agenda as a page (printable) and as a calendar file.

Each handler calls the service function the API's `api/routes/events.py` calls (registration,
choices, agenda), or the attendee's view of them (`services.events.attendance`).
"""

from __future__ import annotations

from typing import cast
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import GraphDep, RankersDep, SettingsDep
from api.downloads import attachment
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn
from models.event import Mark, RegistrationCreate
from services.events import attendance
from services.events import outputs as event_outputs
from services.events import registration as event_registration

router = APIRouter(include_in_schema=False)
MARKS = ("must_meet", "no_thanks")


def _back(event_id: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/events/{quote(event_id, safe='')}{anchor}", status_code=303)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, actor: SignedIn, graph: GraphDep) -> HTMLResponse:
    items = attendance.upcoming(graph, actor)
    attendee = attendance.attendee_of(actor)
    return render(request, "events.html", actor=actor, items=items, attendee=attendee)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request,
    event_id: str,
    actor: SignedIn,
    graph: GraphDep,
    settings: SettingsDep,
    rankers: RankersDep,
) -> HTMLResponse:
    lang = page_lang(request, settings.default_lang)
    view = attendance.attendee_view(graph, actor, event_id, rankers=rankers, lang=lang)
    notice = request.session.pop("notice", None)
    return render(request, "event.html", actor=actor, view=view, notice=notice)


@router.post("/events/{event_id}/register")
def register(
    request: Request, event_id: str, actor: SignedIn, form: Form, graph: GraphDep
) -> Response:
    """Register one's profile (or organisation); past capacity, on the waitlist."""
    attendee = attendance.attendee_of(actor)
    if attendee is None:
        return RedirectResponse("/me", status_code=303)
    found = event_registration.register(
        graph, actor, event_id, RegistrationCreate(attendee_id=attendee)
    )
    request.session["notice"] = found.status.value
    return _back(event_id)


@router.post("/events/{event_id}/cancel")
def cancel(
    request: Request, event_id: str, actor: SignedIn, form: Form, graph: GraphDep
) -> Response:
    """Cancel one's registration (or leave the waitlist): the place goes to the next."""
    event_registration.cancel(graph, actor, event_id, attendance.attendee_of(actor) or "")
    request.session["notice"] = "cancelled"
    return _back(event_id)


@router.post("/events/{event_id}/marks")
def mark(event_id: str, actor: SignedIn, form: Form, graph: GraphDep) -> Response:
    """Mark another attendee "must meet" or "no thanks", or take the mark back."""
    other = forms.text(form, "attendee_id")
    chosen = forms.text(form, "mark")
    attendance.mark(graph, actor, event_id, other, cast(Mark, chosen) if chosen in MARKS else None)
    return _back(event_id, f"#attendee-{quote(other, safe='')}")


@router.get("/events/{event_id}/agenda", response_class=HTMLResponse)
def agenda_page(request: Request, event_id: str, actor: SignedIn, graph: GraphDep) -> HTMLResponse:
    """One's meetings, slot by slot: a page that prints cleanly (the print stylesheet)."""
    found = event_outputs.agenda(graph, actor, event_id, attendance.attendee_of(actor) or "")
    return render(request, "agenda.html", actor=actor, agenda=found)


@router.get("/events/{event_id}/agenda.ics")
def agenda_calendar(
    request: Request, event_id: str, actor: SignedIn, graph: GraphDep, settings: SettingsDep
) -> Response:
    """One's meetings as a calendar file, in the page's language."""
    attendee = attendance.attendee_of(actor) or ""
    lang = page_lang(request, settings.default_lang)
    body = event_outputs.agenda_ics(graph, actor, event_id, attendee, lang=lang)
    name = quote(f"{event_id}-{attendee}.ics", safe="")
    return attachment(body, media_type="text/calendar; charset=utf-8", filename=name)
