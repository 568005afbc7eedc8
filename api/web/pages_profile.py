"""/me: one's own profile (youth, mentor) or organisation, created and edited on one page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.deps import GraphDep, SettingsDep
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn
from models.places import KHOURIBGA_COMMUNES
from models.records import RecordType
from services import mentors, profiles
from services.access import Actor
from services.errors import InvalidInput

router = APIRouter(include_in_schema=False)
SPOKEN = ("ary", "ar", "fr", "en", "zgh", "es")
LIST_FIELDS = ("skills", "interests", "sectors", "needs", "offers")


def _kind(actor: Actor) -> RecordType | None:
    return profiles.kind_of_role(actor.role)


@router.get("/me", response_class=HTMLResponse)
def me_page(request: Request, actor: SignedIn, graph: GraphDep, saved: int = 0) -> HTMLResponse:
    kind = _kind(actor)
    record = profiles.get_own(graph, actor, kind) if kind else None
    values = record.model_dump(mode="json") if record else {}
    if kind is RecordType.MENTOR and record is not None:
        values["paused"] = mentors.load(graph, actor, record.id).paused
    return _render(request, actor, kind, values, errors=[], saved=bool(saved))


@router.post("/me", response_class=HTMLResponse)
def save_me(
    request: Request,
    actor: SignedIn,
    form: Form,
    graph: GraphDep,
    settings: SettingsDep,
) -> Response:
    """Create or update one's profile; errors come back beside their fields."""
    kind = _kind(actor)
    if kind is None:
        return RedirectResponse("/", status_code=303)
    data = profile_data(kind, form)
    try:
        profiles.save_own(graph, actor, kind, data, settings)
    except InvalidInput as error:
        shown = forms.shown_errors(error.errors, page_lang(request, settings.default_lang))
        return _render(request, actor, kind, _as_values(data), errors=shown, status_code=422)
    return RedirectResponse("/me?saved=1", status_code=303)


@router.post("/me/availability")
def availability(request: Request, actor: SignedIn, form: Form, graph: GraphDep) -> Response:
    """A mentor pauses (no new requests) or resumes."""
    if actor.profile_id:
        mentors.set_paused(graph, actor, actor.profile_id, paused=form.get("paused") == "yes")
    return RedirectResponse("/me?saved=1", status_code=303)


def profile_data(kind: RecordType, form: FormData) -> dict[str, Any]:
    """The form's fields as the record's create/update fields (empty optional ones left out)."""
    data: dict[str, Any] = {"name": forms.text(form, "name")}
    for name in LIST_FIELDS:
        if name in form:
            data[name] = forms.terms(form, name)
    data["languages"] = forms.choices(form, "languages")
    if commune := forms.text(form, "commune"):
        data["location"] = {"commune": commune}
    if phone := forms.text(form, "phone"):
        data["phone"] = phone
    if kind is RecordType.ORGANIZATION:
        data["description"] = forms.text(form, "description")
        data["kind"] = forms.text(form, "kind") or None
        return data
    data["bio"] = forms.text(form, "bio")
    if kind is RecordType.MENTOR:
        data["capacity"] = forms.text(form, "capacity") or 2
        return data
    data["seeking"] = forms.choices(form, "seeking")
    if birth_year := forms.text(form, "birth_year"):
        data["birth_year"] = birth_year
    if title := forms.text(form, "project-title"):
        data["project"] = {
            "title": title,
            "description": forms.text(form, "project-description"),
            "stage": forms.text(form, "project-stage") or "idea",
        }
    return data


def communes_for(lang: str) -> list[tuple[str, str]]:
    """The 31 communes as (value, label in the page's language), in the label's order."""
    return sorted(
        ((c.name_fr, c.name_ar if lang == "ar" else c.name_fr) for c in KHOURIBGA_COMMUNES),
        key=lambda pair: pair[1],
    )


def _as_values(data: dict[str, Any]) -> dict[str, Any]:
    return data


def _render(
    request: Request,
    actor: Actor,
    kind: RecordType | None,
    values: dict[str, Any],
    *,
    errors: list[forms.ShownError],
    saved: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    communes = communes_for(page_lang(request, request.app.state.settings.default_lang))
    return render(
        request,
        "me.html",
        status_code=status_code,
        actor=actor,
        kind=kind.value if kind else None,
        values=values,
        errors=errors,
        field_errors=forms.by_field(errors),
        saved=saved,
        communes=communes,
        spoken=SPOKEN,
    )
