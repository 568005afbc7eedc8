"""/staff/cohorts: make a cohort from a search or a file, compute its draft in the background,
compare it with first come first served, change a match (checked as the API checks it),
publish."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.deps import GraphDep, SettingsDep
from api.web import forms
from api.web.pages_profile import communes_for
from api.web.pages_staff_import import reason
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from matcher.i18n import N_, gettext
from models.cohort import CohortRules, Solver
from models.people import PeopleFilters
from models.youth import ServiceAxis
from services import cohort_console, cohorts
from services.errors import Conflict, FieldError, InvalidInput, NotFound
from services.profiles import field_errors

router = staff_router()
MAX_FILE = 2 * 1024 * 1024
NO_YOUTH = N_("No youth matches: change the search or the file")
MATCH_REFUSED = N_("This mentor cannot take this youth: no shared language, or no free place")
MENTOR_FULL = N_("This mentor has no place left in this cohort")


@router.get("/cohorts", response_class=HTMLResponse)
def cohorts_page(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    return _list(request, actor, graph, errors=[], values={})


def _list(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    *,
    errors: list[forms.ShownError],
    values: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    lang = page_lang(request, request.app.state.settings.default_lang)
    return render(
        request,
        "staff/cohorts.html",
        status_code=status_code,
        actor=actor,
        cohorts=cohort_console.list_cohorts(graph, actor),
        errors=errors,
        values=values,
        communes=communes_for(lang),
        axes=[axis.value for axis in ServiceAxis],
    )


@router.post("/cohorts", response_class=HTMLResponse)
async def create_cohort(
    request: Request, actor: StaffActor, form: Form, graph: GraphDep
) -> Response:
    """A cohort from a file of youth ids when one is given, else from the search."""
    names = ("name", "commune", "axis", "skill", "cohort_cap")
    values = {name: forms.text(form, name) for name in names}
    upload = form.get("file")
    try:
        rules = CohortRules(cohort_cap=int(values["cohort_cap"]) if values["cohort_cap"] else None)
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(MAX_FILE)
            cohort = cohort_console.create_from_file(
                graph,
                actor,
                name=values["name"],
                file_name=upload.filename,
                content=content,
                rules=rules,
            )
        else:
            search = {k: values[k] for k in ("commune", "axis", "skill") if values[k]}
            cohort = cohort_console.create_from_search(
                graph,
                actor,
                name=values["name"],
                filters=PeopleFilters.model_validate(search),
                rules=rules,
            )
    except ValidationError as error:
        problems = [FieldError(_field(e.field), e.message, e.code) for e in field_errors(error)]
        return _refused(request, actor, graph, problems, values)
    except ValueError:
        return _refused(
            request, actor, graph, [FieldError("cohort_cap", "not a number", "int_parsing")], values
        )
    except InvalidInput as error:
        return _refused(request, actor, graph, error.errors, values)
    return RedirectResponse(f"/staff/cohorts/{cohort.id}", status_code=303)


def _field(name: str) -> str:
    if name.startswith("rules"):
        return "cohort_cap"
    return "name" if name in ("name", "record") else name


def _refused(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    problems: list[FieldError],
    values: dict[str, str],
) -> HTMLResponse:
    lang = page_lang(request, request.app.state.settings.default_lang)
    shown = [forms.ShownError(p.field, _message(lang, p.code)) for p in problems]
    return _list(request, actor, graph, errors=shown, values=values, status_code=422)


def _message(lang: str, code: str | None) -> str:
    return gettext(lang, NO_YOUTH) if code == "no_youth" else reason(lang, code)


@router.get("/cohorts/{cohort_id}", response_class=HTMLResponse)
def cohort_page(
    request: Request,
    cohort_id: str,
    actor: StaffActor,
    graph: GraphDep,
    job: str = "",
    saved: int = 0,
) -> HTMLResponse:
    cohort = cohorts.get(graph, actor, cohort_id)
    running = cohort_console.draft_job(graph, actor, job) if job else None
    return render(
        request,
        "staff/cohort.html",
        actor=actor,
        cohort=cohort,
        job=running,
        saved=bool(saved),
        errors=[],
    )


@router.post("/cohorts/{cohort_id}/compute")
def compute(cohort_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    use = Solver.GREEDY if forms.text(form, "solver") == "greedy" else Solver.OPTIMAL
    job_id = cohort_console.start_draft(graph, actor, cohort_id, use=use)
    return RedirectResponse(f"/staff/cohorts/{cohort_id}?job={job_id}", status_code=303)


@router.get("/cohorts/{cohort_id}/matches/{youth_id}", response_class=HTMLResponse)
def match_page(
    request: Request, cohort_id: str, youth_id: str, actor: StaffActor, graph: GraphDep
) -> HTMLResponse:
    return _match(request, actor, graph, cohort_id, youth_id, errors=[])


def _match(
    request: Request,
    actor: StaffActor,
    graph: GraphDep,
    cohort_id: str,
    youth_id: str,
    *,
    errors: list[forms.ShownError],
    status_code: int = 200,
) -> HTMLResponse:
    cohort = cohorts.get(graph, actor, cohort_id)
    match = next((m for m in cohort.matches if m.youth_id == youth_id), None)
    if match is None:
        raise NotFound(f"youth {youth_id} is not in cohort {cohort_id}")
    return render(
        request,
        "staff/cohort_match.html",
        status_code=status_code,
        actor=actor,
        cohort=cohort,
        match=match,
        mentors=cohort_console.mentor_choices(graph, actor, cohort),
        errors=errors,
    )


@router.post("/cohorts/{cohort_id}/matches/{youth_id}", response_class=HTMLResponse)
def change_match(
    request: Request,
    cohort_id: str,
    youth_id: str,
    actor: StaffActor,
    form: Form,
    graph: GraphDep,
    settings: SettingsDep,
) -> Response:
    """Give the youth another mentor, or none: refused beside the field if a rule forbids it."""
    mentor_id = forms.text(form, "mentor_id") or None
    try:
        cohorts.change(graph, actor, cohort_id, youth_id, mentor_id, settings=settings)
    except (InvalidInput, Conflict) as error:
        lang = page_lang(request, settings.default_lang)
        message = gettext(lang, MATCH_REFUSED if isinstance(error, InvalidInput) else MENTOR_FULL)
        shown = [forms.ShownError("mentor_id", message)]
        return _match(request, actor, graph, cohort_id, youth_id, errors=shown, status_code=422)
    return RedirectResponse(f"/staff/cohorts/{cohort_id}?saved=1", status_code=303)


@router.post("/cohorts/{cohort_id}/publish")
def publish(cohort_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    cohorts.publish_and_queue(graph, actor, cohort_id)
    return RedirectResponse(f"/staff/cohorts/{cohort_id}?saved=1", status_code=303)
