"""/staff/import: upload JSON Lines, CSV or Excel; follow the background job; see every
invalid row (sheet, row, field, reason) in the page's language, or the counts."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from api.deps import GraphDep
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from matcher.i18n import N_, gettext
from services import imports
from services.errors import InvalidInput

router = staff_router()

# Reasons of an invalid row, by code (pydantic's types, the importer's rules); others fall back
# on the form messages.
REASONS: dict[str, str] = {
    "record_type": N_("Give the record type: youth, mentor, organization or job_offer"),
    "duplicate_id": N_("This id is already used on an earlier row"),
    "id_kind": N_("This id already belongs to another kind of record"),
    "owned_id": N_(
        "This id is a profile that a person created or owns: an import may not change it"
    ),
    "unknown_organization": N_("No organisation has this id, in the file or on the platform"),
    "unreadable": N_("This row cannot be read"),
    "extra_forbidden": N_("This column is not part of the import format"),
    "date_parsing": N_("Enter a date like 2026-05-31"),
    "date_from_datetime_parsing": N_("Enter a date like 2026-05-31"),
    "float_parsing": N_("Enter a number"),
    "list_type": N_("Separate the items with |"),
    "file_missing": N_("Choose a file"),
    "file_type": N_("The file must be .xlsx, .csv or .jsonl"),
    "file_empty": N_("The file is empty"),
    "file_too_large": N_("The file must be smaller than 20 MB"),
    # The other staff pages say their reasons through the same table.
    "attendee_unknown": N_("Nobody has this name or id"),
    "attendee_refused": N_("This person cannot be registered for this event"),
    "schedule_rule": N_("This move breaks a rule of the schedule: someone is busy or away then"),
    "capacity": N_("More places are already taken"),
    "no_slot": N_("Tick at least one slot"),
    "tables_recompute": N_(
        "At thematic tables a meeting is part of a whole table: change the choices or the "
        "registrations, then compute the schedule again"
    ),
    "meeting_closed": N_("This meeting was held or cancelled: it can no longer move"),
    "marked_both": N_("Nobody can be both “must meet” and “no thanks”"),
}


def reason(lang: str, code: str | None) -> str:
    """The reason of an invalid row in the reader's language."""
    code = code or ""
    message = REASONS.get(code) or forms.MESSAGES.get(code) or forms.MESSAGES["value_error"]
    return gettext(lang, message)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    recent = imports.recent_imports(graph, actor)
    return render(request, "staff/import.html", actor=actor, recent=recent, errors=[], values={})


@router.post("/import", response_class=HTMLResponse)
async def upload(request: Request, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    """Queue the file's import and go to its job page."""
    upload = form.get("file")
    name, content = "", b""
    if isinstance(upload, UploadFile):
        name = upload.filename or ""
        content = await upload.read(imports.MAX_UPLOAD_BYTES + 1)
    encoding = forms.text(form, "encoding") or "auto"
    try:
        job_id = imports.start_import(
            graph,
            actor,
            name=name,
            content=content,
            encoding=encoding,
            skip_invalid=form.get("skip_invalid") == "yes",
        )
    except InvalidInput as error:
        lang = page_lang(request, request.app.state.settings.default_lang)
        shown = [forms.ShownError(e.field, reason(lang, e.code)) for e in error.errors]
        recent = imports.recent_imports(graph, actor)
        values = {"encoding": encoding}
        return render(
            request,
            "staff/import.html",
            status_code=422,
            actor=actor,
            recent=recent,
            errors=shown,
            values=values,
        )
    return RedirectResponse(f"/staff/import/{job_id}", status_code=303)


@router.get("/import/{job_id}", response_class=HTMLResponse)
def import_job_page(
    request: Request, job_id: str, actor: StaffActor, graph: GraphDep
) -> HTMLResponse:
    job, outcome = imports.import_job(graph, actor, job_id)
    lang = page_lang(request, request.app.state.settings.default_lang)
    problems = outcome.errors if outcome else []
    return render(
        request,
        "staff/import_job.html",
        actor=actor,
        job=job,
        outcome=outcome,
        problems=[(p, reason(lang, p.code)) for p in problems],
        kinds=("organization", "mentor", "youth", "job_offer"),
        errors=[],
    )


@router.post("/import/{job_id}/valid-rows")
def import_valid_rows(job_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    """Import the file of a rejected job again, leaving its invalid rows out."""
    new_id = imports.import_valid_rows(graph, actor, job_id)
    return RedirectResponse(f"/staff/import/{new_id}", status_code=303)
