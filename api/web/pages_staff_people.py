"""/staff/people: search profiles, see one in full, suspend or restore an account."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.deps import GraphDep
from api.web import forms
from api.web.pages_profile import SPOKEN, communes_for
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from models.people import PEOPLE_PAGE, PeopleFilters
from models.youth import ServiceAxis
from services import people
from services.profiles import field_errors

router = staff_router()
FILTERS = ("name", "type", "commune", "skill", "sector", "language", "axis")


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    values = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    lang = page_lang(request, request.app.state.settings.default_lang)
    offset = request.query_params.get("offset", "0")
    try:
        filters = PeopleFilters.model_validate(
            {k: v for k, v in values.items() if v} | {"offset": offset or 0}
        )
    except ValidationError as error:
        errors = forms.shown_errors(field_errors(error), lang)
        found = None
    else:
        errors = []
        found = people.search(graph, actor, filters)
    query = urlencode({k: v for k, v in values.items() if v})
    return render(
        request,
        "staff/people.html",
        status_code=422 if errors else 200,
        actor=actor,
        errors=errors,
        values=values,
        found=found,
        query=query,
        page_size=PEOPLE_PAGE,
        communes=communes_for(lang),
        spoken=SPOKEN,
        axes=[axis.value for axis in ServiceAxis],
    )


@router.get("/people/{record_id}", response_class=HTMLResponse)
def person_page(
    request: Request, record_id: str, actor: StaffActor, graph: GraphDep, saved: int = 0
) -> HTMLResponse:
    view = people.person(graph, actor, record_id)
    record = view.record.model_dump(mode="json", exclude_none=True)
    lang = page_lang(request, request.app.state.settings.default_lang)
    return render(
        request,
        "staff/person.html",
        actor=actor,
        view=view,
        record=record,
        communes=dict(communes_for(lang)),
        saved=bool(saved),
        errors=[],
    )


@router.post("/people/{record_id}/accounts/{user_id}/suspend")
def suspend(
    record_id: str, user_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    people.set_suspended(graph, actor, user_id, suspended=True)
    return RedirectResponse(f"/staff/people/{record_id}?saved=1", status_code=303)


@router.post("/people/{record_id}/accounts/{user_id}/restore")
def restore(
    record_id: str, user_id: str, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    people.set_suspended(graph, actor, user_id, suspended=False)
    return RedirectResponse(f"/staff/people/{record_id}?saved=1", status_code=303)
