"""One's data from the /me page: download everything held about oneself, delete one's
account (with a confirmation), the same service functions as /api/v1/me/data and DELETE
/api/v1/me."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import GraphDep, SettingsDep
from api.web import forms
from api.web.rendering import page_lang, render
from api.web.session import Form, SignedIn
from services import privacy
from services.errors import FieldError

router = APIRouter(include_in_schema=False)


@router.get("/me/data")
def download_my_data(actor: SignedIn, graph: GraphDep) -> Response:
    """Everything held about the signed-in person, as a JSON file to keep."""
    data = privacy.my_data(graph, actor)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    headers = {"Content-Disposition": 'attachment; filename="multaqa-my-data.json"'}
    return Response(body, media_type="application/json", headers=headers)


@router.get("/me/delete", response_class=HTMLResponse)
def delete_page(request: Request, actor: SignedIn) -> HTMLResponse:
    return render(request, "delete_account.html", actor=actor, errors=[])


@router.post("/me/delete", response_class=HTMLResponse)
def delete_account(
    request: Request, actor: SignedIn, form: Form, graph: GraphDep, settings: SettingsDep
) -> HTMLResponse:
    """Erase the account and its profile once the person confirmed, then sign out."""
    if form.get("confirm") != "yes":
        lang = page_lang(request, settings.default_lang)
        errors = forms.shown_errors([FieldError("confirm", "not confirmed", "confirm")], lang)
        return render(request, "delete_account.html", status_code=422, actor=actor, errors=errors)
    privacy.erase_me(graph, actor, settings)
    request.session.clear()
    return render(request, "account_deleted.html")
