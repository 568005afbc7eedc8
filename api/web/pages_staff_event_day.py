"""/staff/events/{id}/...: the schedule (computed as a job, shown as a slot x table grid, a
meeting moved or cancelled), every agenda printed one per page, the check-in screen for a
phone at the door, and after the event the meetings held and the feedback."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import GraphDep, RankersDep
from api.web import forms
from api.web.pages_staff_import import reason
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from models.event import Event, MeetingMove, ScheduleRequest
from services.errors import Conflict, InvalidInput, NotFound
from services.events import core as events
from services.events import followup, manage, outputs, schedule
from services.events import registration as event_registration

router = staff_router()


@router.get("/events/{event_id}/schedule", response_class=HTMLResponse)
def schedule_page(
    request: Request, event_id: str, actor: StaffActor, graph: GraphDep, job: str = ""
) -> HTMLResponse:
    event = events.get(graph, event_id)
    view = schedule.schedule_view(graph, actor, event_id)
    running = manage.schedule_job(graph, actor, job) if job else None
    active = [m for m in view.meetings if m.state.value != "cancelled"]
    grid: dict[int, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in active:
        grid[m.slot][m.table].append(m)
        counts.update((m.a, m.b))
        names |= {m.a: m.a_name, m.b: m.b_name}
    tables = sorted({m.table for m in active})
    return render(
        request,
        "staff/schedule.html",
        actor=actor,
        event=event,
        view=view,
        job=running,
        grid=grid,
        tables=tables,
        counts=sorted(counts.items(), key=lambda item: (item[1], names[item[0]])),
        names=names,
        slot_times=slot_times(event),
        errors=[],
    )


def slot_times(event: Event) -> list[tuple[dt.datetime, dt.datetime]]:
    """When each slot starts and ends, in the event's own offset."""
    length = dt.timedelta(minutes=event.slot_minutes)
    starts = [event.starts_at + slot * length for slot in range(event.rounds)]
    return [(start, start + length) for start in starts]


@router.post("/events/{event_id}/schedule")
def compute(event_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    request = ScheduleRequest(only_checked_in=form.get("only_checked_in") == "yes")
    job_id = manage.start_schedule(graph, actor, event_id, request)
    return RedirectResponse(f"/staff/events/{event_id}/schedule?job={job_id}", status_code=303)


@router.get("/events/{event_id}/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(
    request: Request, event_id: str, meeting_id: str, actor: StaffActor, graph: GraphDep
) -> HTMLResponse:
    return _meeting(request, actor, graph, event_id, meeting_id, errors=[])


def _meeting(
    request: Request,
    actor: Any,
    graph: Any,
    event_id: str,
    meeting_id: str,
    *,
    errors: list[forms.ShownError],
    status_code: int = 200,
) -> HTMLResponse:
    event = events.get(graph, event_id)
    view = schedule.schedule_view(graph, actor, event_id)
    meeting = next((m for m in view.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}")
    return render(
        request,
        "staff/meeting.html",
        status_code=status_code,
        actor=actor,
        event=event,
        meeting=meeting,
        slot_times=slot_times(event),
        errors=errors,
    )


@router.post("/events/{event_id}/meetings/{meeting_id}", response_class=HTMLResponse)
def change_meeting(
    request: Request,
    event_id: str,
    meeting_id: str,
    actor: StaffActor,
    form: Form,
    graph: GraphDep,
    rankers: RankersDep,
) -> Response:
    """Move the meeting to the chosen slot, or cancel it; a move that breaks a rule is shown
    beside the slot."""
    slot = forms.text(form, "slot")
    change = MeetingMove(
        slot=int(slot) if slot.isdigit() else None, cancel=form.get("cancel") == "yes"
    )
    try:
        manage.change_meeting(graph, actor, event_id, meeting_id, change, rankers=rankers)
    except (InvalidInput, Conflict) as error:
        lang = page_lang(request, request.app.state.settings.default_lang)
        code = error.errors[0].code if isinstance(error, InvalidInput) else "meeting_closed"
        shown = [forms.ShownError("slot", reason(lang, code))]
        return _meeting(request, actor, graph, event_id, meeting_id, errors=shown, status_code=422)
    return RedirectResponse(f"/staff/events/{event_id}/schedule", status_code=303)


@router.get("/events/{event_id}/agendas", response_class=HTMLResponse)
def agendas(request: Request, event_id: str, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    """Every attendee's agenda, one printed page each, then the master list."""
    event = events.get(graph, event_id)
    people = [
        r
        for r in event_registration.registrations(graph, actor, event_id)
        if r.status.value in ("registered", "checked_in")
    ]
    found = [outputs.agenda(graph, actor, event_id, r.attendee_id) for r in people]
    view = schedule.schedule_view(graph, actor, event_id)
    return render(request, "staff/agendas.html", actor=actor, event=event, agendas=found, view=view)


@router.get("/events/{event_id}/master.csv")
def master_csv(event_id: str, actor: StaffActor, graph: GraphDep) -> Response:
    return Response(
        outputs.master_csv(graph, actor, event_id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{event_id}-schedule.csv"'},
    )


@router.get("/events/{event_id}/check-in", response_class=HTMLResponse)
def check_in_page(
    request: Request, event_id: str, actor: StaffActor, graph: GraphDep, q: str = "", done: str = ""
) -> HTMLResponse:
    """The door: search a name, one tap checks the person in."""
    event = events.get(graph, event_id)
    everyone = event_registration.registrations(graph, actor, event_id)
    wanted = q.strip().casefold()
    shown = [
        r
        for r in everyone
        if r.status.value in ("registered", "checked_in")
        and (not wanted or wanted in r.name.casefold() or wanted == r.attendee_id)
    ]
    just = next((r for r in everyone if r.attendee_id == done), None)
    return render(
        request,
        "staff/check_in.html",
        actor=actor,
        event=event,
        shown=shown[:30],
        more=max(0, len(shown) - 30),
        q=q,
        just=just,
    )


@router.post("/events/{event_id}/check-in/{attendee_id}")
def check_in(
    event_id: str, attendee_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    event_registration.check_in(graph, actor, event_id, attendee_id)
    query = forms.text(form, "q")
    target = f"/staff/events/{event_id}/check-in?" + urlencode(
        {"done": attendee_id} | ({"q": query} if query else {})
    )
    return RedirectResponse(target, status_code=303)


@router.get("/events/{event_id}/after", response_class=HTMLResponse)
def after_page(
    request: Request, event_id: str, actor: StaffActor, graph: GraphDep, saved: int = 0
) -> HTMLResponse:
    """Record the meetings held; what the attendees said of them."""
    event = events.get(graph, event_id)
    view = schedule.schedule_view(graph, actor, event_id)
    given = followup.feedback(graph, actor, event_id)
    summary = {
        "given": len(given),
        "useful": sum(1 for f in given if f.useful),
        "follow_up": sum(1 for f in given if f.follow_up),
    }
    return render(
        request,
        "staff/after.html",
        actor=actor,
        event=event,
        view=view,
        summary=summary,
        saved=bool(saved),
    )


@router.post("/events/{event_id}/held")
def record_held(event_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    """The ticked meetings (or, with `all`, every scheduled one) recorded as held."""
    if form.get("all") == "yes":
        view = schedule.schedule_view(graph, actor, event_id)
        chosen = [m.id for m in view.meetings if m.state.value == "scheduled"]
    else:
        chosen = forms.choices(form, "meeting")
    if chosen:
        followup.mark_held(graph, actor, event_id, chosen)
    return RedirectResponse(f"/staff/events/{event_id}/after?saved=1", status_code=303)
