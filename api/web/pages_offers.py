"""/offers: an organisation member posts, edits and closes its offers; candidates by offer.
/offers/{id}: one offer's page, with what the viewer has done with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.deps import GraphDep, SettingsDep
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn
from models.job_offer import JobOffer
from services import offers as offer_pages
from services import profiles
from services.errors import InvalidInput, NotFound

router = APIRouter(include_in_schema=False)
CONTRACTS = ("job", "internship", "apprenticeship", "volunteering", "freelance")


@router.get("/offers", response_class=HTMLResponse)
def offers_page(
    request: Request, actor: SignedIn, graph: GraphDep, edit: str = "", saved: int = 0
) -> HTMLResponse:
    offers = profiles.own_offers(graph, actor)
    editing = next((o for o in offers if o.id == edit), None)
    values = editing.model_dump(mode="json") if editing else {}
    notice = request.session.pop("notice", None)
    return _render(request, actor, offers, values, errors=[], saved=bool(saved), notice=notice)


@router.get("/offers/{offer_id}", response_class=HTMLResponse)
def offer_page(
    request: Request, offer_id: str, actor: SignedIn, graph: GraphDep, settings: SettingsDep
) -> HTMLResponse:
    """The whole offer, its poster, and the viewer's application, invitation or candidates."""
    from api.web.pages_profile import communes_for

    page = offer_pages.offer_page(graph, actor, offer_id)
    return render(
        request,
        "offer.html",
        actor=actor,
        page=page,
        communes=dict(communes_for(page_lang(request, settings.default_lang))),
        notice=request.session.pop("notice", None),
    )


@router.post("/offers", response_class=HTMLResponse)
def save_offer(
    request: Request, actor: SignedIn, form: Form, graph: GraphDep, settings: SettingsDep
) -> Response:
    """Post a new offer, or save the one being edited (`offer_id`)."""
    data = offer_data(form)
    try:
        profiles.save_offer(
            graph, actor, data, settings, offer_id=forms.text(form, "offer_id") or None
        )
    except InvalidInput as error:
        shown = forms.in_form_order(
            forms.shown_errors(error.errors, page_lang(request, settings.default_lang)), FIELDS
        )
        offers = profiles.own_offers(graph, actor)
        values = data | {"id": forms.text(form, "offer_id")}
        return _render(request, actor, offers, values, errors=shown, status_code=422)
    return RedirectResponse("/offers?saved=1", status_code=303)


@router.get("/offers/{offer_id}/close", response_class=HTMLResponse)
def confirm_close(request: Request, offer_id: str, actor: SignedIn, graph: GraphDep) -> Response:
    """What closing does, before it is done: it cannot be undone."""
    offer = _own_offer(graph, actor, offer_id)
    if offer_pages.is_closed(offer, dt.date.today()):
        return RedirectResponse("/offers", status_code=303)
    return render(request, "offer_close.html", actor=actor, offer=offer)


@router.post("/offers/{offer_id}/close")
def close_offer(
    request: Request,
    offer_id: str,
    actor: SignedIn,
    form: Form,
    graph: GraphDep,
    settings: SettingsDep,
) -> Response:
    profiles.close_offer(graph, actor, offer_id, settings)
    request.session["notice"] = "closed"
    return RedirectResponse(f"/offers#offer-{offer_id}", status_code=303)


def _own_offer(graph: GraphDep, actor: SignedIn, offer_id: str) -> JobOffer:
    found = profiles.own_offer(graph, actor, offer_id)
    if found is None:
        raise NotFound(f"no offer {offer_id} of your organisation")
    return found


# The offer form's fields, in the page's order.
FIELDS = ("title", "description", "required_skills", "contract", "commune", "languages")


def offer_data(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": forms.text(form, "title"),
        "description": forms.text(form, "description"),
        "required_skills": forms.terms(form, "required_skills"),
        "contract": forms.text(form, "contract") or "job",
        "languages": forms.choices(form, "languages"),
    }
    if commune := forms.text(form, "commune"):
        data["location"] = {"commune": commune}
    return data


def _render(
    request: Request,
    actor: Any,
    offers: list[Any],
    values: dict[str, Any],
    *,
    errors: list[forms.ShownError],
    saved: bool = False,
    notice: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    from api.web.pages_profile import SPOKEN, communes_for

    lang = page_lang(request, request.app.state.settings.default_lang)
    return render(
        request,
        "offers.html",
        status_code=status_code,
        actor=actor,
        offers=offers,
        values=values,
        errors=errors,
        saved=saved,
        notice=notice,
        contracts=CONTRACTS,
        communes=communes_for(lang),
        spoken=SPOKEN,
        today=dt.date.today(),
    )
