"""/me: one's own profile (youth, mentor) or organisation, created and edited in steps.

`/me/<step>` shows one step's fields and saves them (the first step creates the record);
`/me` is the "check your answers" summary, each section with its "change" link, which comes
back to the summary once saved. Errors are shown beside their fields, in the page's language.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import GraphDep, SettingsDep
from api.web import forms, profile_steps
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn
from models.places import KHOURIBGA_COMMUNES
from models.records import RecordType
from services import mentors, profiles
from services.access import Actor
from services.errors import InvalidInput

router = APIRouter(include_in_schema=False)
SPOKEN = ("ary", "ar", "fr", "en", "zgh", "es")
CHECK = "check"  # ?from=check: a change made from the summary goes back to it


def _kind(actor: Actor) -> RecordType | None:
    return profiles.kind_of_role(actor.role)


@router.get("/me", response_class=HTMLResponse)
def me_page(request: Request, actor: SignedIn, graph: GraphDep, saved: int = 0) -> Response:
    """The summary of one's answers; before the profile exists, its first step."""
    kind = _kind(actor)
    record = profiles.get_own(graph, actor, kind) if kind else None
    if kind is not None and record is None:
        return RedirectResponse(f"/me/{profile_steps.ABOUT}", status_code=303)
    values = record.model_dump(mode="json") if record else {}
    if kind is RecordType.MENTOR and record is not None:
        values["paused"] = mentors.load(graph, actor, record.id).paused
    return render(
        request,
        "me.html",
        actor=actor,
        kind=kind.value if kind else None,
        values=values,
        steps=profile_steps.steps_of(kind) if kind else (),
        communes=dict(communes_for(_lang(request))),
        saved=bool(saved),
    )


# Before /me/{slug}, which would take "availability" for a step.
@router.post("/me/availability")
def availability(request: Request, actor: SignedIn, form: Form, graph: GraphDep) -> Response:
    """A mentor pauses (no new requests) or resumes."""
    if actor.profile_id:
        mentors.set_paused(graph, actor, actor.profile_id, paused=form.get("paused") == "yes")
    return RedirectResponse("/me?saved=1", status_code=303)


@router.get("/me/{slug}", response_class=HTMLResponse)
def step_page(
    request: Request, slug: str, actor: SignedIn, graph: GraphDep, back: str = ""
) -> Response:
    kind = _kind(actor)
    found = profile_steps.find(kind, slug) if kind else None
    if kind is None or found is None:
        return RedirectResponse("/me", status_code=303)
    record = profiles.get_own(graph, actor, kind)
    if record is None and found[0] > 0:  # the first step creates the record
        return RedirectResponse(f"/me/{profile_steps.ABOUT}", status_code=303)
    values = record.model_dump(mode="json") if record else {}
    return _render_step(request, actor, kind, slug, values, errors=[], back=back)


@router.post("/me/{slug}", response_class=HTMLResponse)
def save_step(
    request: Request,
    slug: str,
    actor: SignedIn,
    form: Form,
    graph: GraphDep,
    settings: SettingsDep,
) -> Response:
    """Save one step; then the next step, or the summary (after the last step, or a change
    made from the summary)."""
    kind = _kind(actor)
    found = profile_steps.find(kind, slug) if kind else None
    if kind is None or found is None:
        return RedirectResponse("/me", status_code=303)
    position, step = found
    data = profile_steps.step_data(step, form)
    try:
        profiles.save_own(graph, actor, kind, data, settings)
    except InvalidInput as error:
        shown = forms.in_form_order(forms.shown_errors(error.errors, _lang(request)), step.fields)
        back = forms.text(form, "back")
        return _render_step(
            request, actor, kind, slug, data, errors=shown, back=back, status_code=422
        )
    steps = profile_steps.steps_of(kind)
    if forms.text(form, "back") == CHECK or position + 1 == len(steps):
        return RedirectResponse("/me?saved=1", status_code=303)
    return RedirectResponse(f"/me/{steps[position + 1].slug}", status_code=303)


def communes_for(lang: str) -> list[tuple[str, str]]:
    """The 31 communes as (value, label in the page's language), in the label's order."""
    return sorted(
        ((c.name_fr, c.name_ar if lang == "ar" else c.name_fr) for c in KHOURIBGA_COMMUNES),
        key=lambda pair: pair[1],
    )


def _lang(request: Request) -> str:
    return page_lang(request, request.app.state.settings.default_lang)


def _render_step(
    request: Request,
    actor: Actor,
    kind: RecordType,
    slug: str,
    values: dict[str, Any],
    *,
    errors: list[forms.ShownError],
    back: str,
    status_code: int = 200,
) -> HTMLResponse:
    steps = profile_steps.steps_of(kind)
    position, step = profile_steps.find(kind, slug) or (0, steps[0])
    return render(
        request,
        "me_step.html",
        status_code=status_code,
        actor=actor,
        kind=kind.value,
        step=step,
        number=position + 1,
        total=len(steps),
        previous=steps[position - 1].slug if position else None,
        back=CHECK if back == CHECK else "",
        values=values,
        errors=errors,
        communes=communes_for(_lang(request)),
        spoken=SPOKEN,
    )
