"""/suggestions: tabs by kind, each card with its reasons, an action and "not for me"."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.deps import EncoderDep, GraphDep, RankersDep, SettingsDep
from api.limits import per_account
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn, required_actor
from matcher.kinds import SuggestionKind
from models.job_offer import JobOffer
from models.user import Role
from services import mentors, outcomes, recommendations
from services.access import Actor
from services.db import Graph
from services.errors import FieldError, InvalidInput, NotFound
from services.offers import is_closed
from services.profiles import kind_of_role, own_offer, own_record_id

router = APIRouter(include_in_schema=False)
TABS: dict[Role, tuple[SuggestionKind, ...]] = {
    Role.YOUTH: (
        SuggestionKind.MENTORS,
        SuggestionKind.JOBS,
        SuggestionKind.PARTNERS,
        SuggestionKind.PEERS,
    ),
    Role.MENTOR: (SuggestionKind.MENTEES,),
    Role.ORGANIZATION_MEMBER: (SuggestionKind.PARTNERS, SuggestionKind.CANDIDATES),
}


def _viewer(actor: Actor) -> str | None:
    kind = kind_of_role(actor.role)
    return own_record_id(actor, kind) if kind else None


@router.get(
    "/suggestions",
    response_class=HTMLResponse,
    dependencies=[Depends(per_account("recommendations_per_account", required_actor))],
)
def suggestions_page(
    request: Request,
    actor: SignedIn,
    graph: GraphDep,
    settings: SettingsDep,
    encoder: EncoderDep,
    rankers: RankersDep,
    tab: str = "",
    offer: str = "",
) -> HTMLResponse:
    tabs = TABS.get(actor.role, ())
    viewer = _viewer(actor)
    current = next((t for t in tabs if t.value == tab), tabs[0] if tabs else None)
    if current is SuggestionKind.CANDIDATES:
        viewer = offer or None  # the service checks that the actor speaks for this offer
    cards = []
    if viewer and current and actor.approved:  # unvetted accounts see no one (safeguarding)
        cards = recommendations.suggestion_cards(
            graph,
            actor,
            current,
            viewer,
            rankers=rankers,
            settings=settings,
            encoder=encoder,
            lang=page_lang(request, settings.default_lang),
        )
    offer_shown = own_offer(graph, actor, offer) if offer else None
    return render(
        request,
        "suggestions.html",
        actor=actor,
        viewer=viewer,
        cards=cards,
        why_none=_why_none(graph, actor, current, viewer, offer_shown)
        if viewer and actor.approved and not cards
        else None,
        notice=request.session.pop("notice", None),
        hidden=request.session.pop("hidden", None),
        restored=request.session.pop("restored", None),
        offer=offer,
        offer_title=offer_shown.title if offer_shown else None,
        tabs=[t.value for t in tabs],
        tab=current.value if current else None,
    )


def _why_none(
    graph: Graph, actor: Actor, kind: SuggestionKind | None, viewer: str, offer: JobOffer | None
) -> str:
    """Why a list is empty, so that the page gives the advice that fits: a closed offer has no
    candidates, a paused mentor no mentees; otherwise a fuller profile (or offer) finds more."""
    if kind is SuggestionKind.CANDIDATES:
        return "closed_offer" if offer and is_closed(offer, dt.date.today()) else "offer"
    if kind is SuggestionKind.MENTEES:
        try:
            return "paused" if mentors.load(graph, actor, viewer).paused else "profile"
        except NotFound:  # deleted while the session lasts: the general advice
            return "profile"
    return "profile"


def _pair(form: FormData) -> tuple[str, str, SuggestionKind]:
    """The viewer, the suggestion and its kind named by a "not for me" or undo form."""
    try:
        kind = SuggestionKind(forms.text(form, "kind"))
    except ValueError:
        raise InvalidInput([FieldError("kind", "unknown kind of suggestion")]) from None
    return forms.text(form, "viewer_id"), forms.text(form, "target_id"), kind


@router.post("/suggestions/dismiss")
def dismiss(request: Request, actor: SignedIn, form: Form, graph: GraphDep) -> Response:
    """ "Not for me": recorded as an outcome, and the suggestion is not shown again; the next
    page says so and offers to undo it."""
    viewer_id, target_id, kind = _pair(form)
    name = outcomes.dismiss(graph, actor, viewer_id=viewer_id, target_id=target_id, kind=kind)
    request.session["hidden"] = {
        "viewer_id": viewer_id,
        "target_id": target_id,
        "kind": kind.value,
        "name": name,
    }
    return RedirectResponse(f"/suggestions?tab={kind.value}", status_code=303)


@router.post("/suggestions/undo")
def undo_dismiss(request: Request, actor: SignedIn, form: Form, graph: GraphDep) -> Response:
    """Undo a "not for me": the suggestion may be shown again."""
    viewer_id, target_id, kind = _pair(form)
    name = outcomes.undo_dismiss(graph, actor, viewer_id=viewer_id, target_id=target_id, kind=kind)
    request.session["restored"] = name
    return RedirectResponse(f"/suggestions?tab={kind.value}", status_code=303)
