"""/introductions (received and sent, with their moves) and /notifications."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import GraphDep, SettingsDep
from api.limits import per_account
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn, required_actor
from models.introduction import MAX_MESSAGE, Answer, IntroductionRequest
from services import introductions, notifications
from services.errors import Conflict, Forbidden, InvalidInput, LimitReached

router = APIRouter(include_in_schema=False)
MOVES = ("accept", "decline", "withdraw", "end")


@router.get("/introductions", response_class=HTMLResponse)
def introductions_page(request: Request, actor: SignedIn, graph: GraphDep) -> HTMLResponse:
    cards = introductions.list_cards(graph, actor)
    notice = request.session.pop("notice", None)
    return render(request, "introductions.html", actor=actor, cards=cards, notice=notice)


@router.post(
    "/introductions",
    dependencies=[Depends(per_account("introductions_per_account", required_actor))],
)
def request_introduction(
    request: Request, actor: SignedIn, form: Form, graph: GraphDep, settings: SettingsDep
) -> Response:
    """Ask for an introduction, apply to an offer, or invite a candidate to apply to one's
    offer, from a suggestion card."""
    back = forms.local_path(forms.text(form, "back"), "/suggestions")
    try:
        payload = IntroductionRequest(
            from_id=forms.text(form, "from_id"),
            to_id=forms.text(form, "to_id"),
            message=forms.text(form, "message")[:MAX_MESSAGE] or None,
        )
        introductions.request_and_notify(graph, actor, payload, settings)
    except (Conflict, Forbidden, LimitReached, InvalidInput, ValueError):
        request.session["notice"] = "refused"
        return RedirectResponse(back, status_code=303)
    request.session["notice"] = "requested"
    # An offer's page asks to come back to it (`done`); a suggestion card, to the requests.
    done = forms.local_path(forms.text(form, "done"), "/introductions")
    return RedirectResponse(done, status_code=303)


@router.post("/introductions/{intro_id}/{move}")
def move(
    request: Request, intro_id: str, move: str, actor: SignedIn, form: Form, graph: GraphDep
) -> Response:
    """Accept, decline, withdraw or end one introduction, then back to the page it was made on
    (an offer's page says `back`; else the introductions)."""
    back = forms.local_path(forms.text(form, "back"), "/introductions")
    try:
        if move in ("accept", "decline"):
            introductions.answer_and_notify(graph, actor, intro_id, Answer(move))
        elif move == "withdraw":
            introductions.withdraw_and_notify(graph, actor, intro_id)
        elif move == "end":
            introductions.end_and_notify(graph, actor, intro_id)
        request.session["notice"] = move if move in MOVES else None
    except Conflict:
        request.session["notice"] = "refused"
    return RedirectResponse(back, status_code=303)


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(
    request: Request, actor: SignedIn, graph: GraphDep, settings: SettingsDep
) -> HTMLResponse:
    lang = page_lang(request, settings.default_lang)
    items = notifications.read_all(graph, actor, lang=lang)
    return render(request, "notifications.html", actor=actor, items=items)
