"""Home, sign-up, sign-in, sign-out, the language switch and password reset."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.deps import GraphDep, SettingsDep
from api.limits import ThrottleDep, guarded_sign_in, per_address
from api.web import forms
from api.web.rendering import LANG_COOKIE, page_lang, render
from api.web.session import Form, PageActor, landing, sign_in
from matcher.i18n import LANGS
from models.user import SELF_SERVICE_ROLES, UserCreate
from services import accounts, passwords
from services.errors import AccountSuspended, FieldError, InvalidCredentials, InvalidInput
from services.profiles import field_errors

router = APIRouter(include_in_schema=False)
SIGNUP_ROLES = [role.value for role in SELF_SERVICE_ROLES]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, actor: PageActor) -> HTMLResponse:
    return render(request, "home.html", actor=actor)


@router.get("/lang/{code}")
def switch_language(
    request: Request, code: str, actor: PageActor, graph: GraphDep, next: str = "/"
) -> Response:
    """Remember the chosen language in a cookie (a year) and, when signed in, on the account
    (its e-mails are written in it); then go back to the page."""
    back = forms.local_path(next, "/suggestions") if next != "/" else "/"
    response = RedirectResponse(back, status_code=303)
    if code in LANGS:
        _remember_lang(response, code)
        if actor is not None:
            accounts.set_language(graph, actor, code)  # type: ignore[arg-type]  # checked above
    return response


def _remember_lang(response: Response, code: str) -> None:
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax")


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request, actor: PageActor) -> HTMLResponse:
    return render(request, "signup.html", actor=actor, roles=SIGNUP_ROLES, values={}, errors=[])


@router.post(
    "/signup",
    response_class=HTMLResponse,
    dependencies=[Depends(per_address("sign_up_per_address"))],
)
def signup(request: Request, form: Form, graph: GraphDep, settings: SettingsDep) -> Response:
    """Create an account (youth, mentor or organisation member) and sign in. An address that
    already has an account is told so by e-mail, not on the page."""
    values = {name: forms.text(form, name) for name in ("email", "role")}
    errors = []
    lang = page_lang(request, settings.default_lang)
    if form.get("privacy") != "yes":
        errors.append(FieldError("privacy", "not accepted", "privacy"))
    try:
        payload = UserCreate(
            email=values["email"],
            password=forms.text(form, "password"),
            role=values["role"] or "youth",  # type: ignore[arg-type]  # pydantic parses it
            privacy_notice_version=settings.privacy_notice_version,
            lang=lang,  # the page's language: the person's e-mails are written in it
        )
    except ValidationError as error:
        errors = _signup_errors(field_errors(error)) + errors
    if errors:
        shown = forms.shown_errors(errors, lang)
        return render(
            request, "signup.html", status_code=422, roles=SIGNUP_ROLES, values=values, errors=shown
        )
    registration = accounts.register(graph, payload, settings, lang=lang)
    if not registration.created:
        return render(request, "signup_sent.html", email=payload.email)
    sign_in(request, registration.user.id, token_version=0)
    return RedirectResponse("/me", status_code=303)


def _signup_errors(errors: list[FieldError]) -> list[FieldError]:
    return [
        FieldError(e.field, e.message, "password_short")
        if e.field == "password" and e.code == "string_too_short"
        else FieldError(e.field, e.message, "email" if e.field == "email" else e.code)
        for e in errors
    ]


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, actor: PageActor, next: str = "") -> HTMLResponse:
    return render(request, "login.html", actor=actor, next=next, values={}, errors=[])


@router.post(
    "/login",
    response_class=HTMLResponse,
    dependencies=[Depends(per_address("sign_in_per_address"))],
)
def login(
    request: Request, form: Form, graph: GraphDep, settings: SettingsDep, throttle: ThrottleDep
) -> Response:
    """Sign in with e-mail and password; a wrong pair says so without telling which. Failed
    attempts are counted per account and per address, as for the API."""
    email = forms.text(form, "email")
    password = forms.text(form, "password")
    try:
        user = guarded_sign_in(
            request, throttle, email, lambda: accounts.authenticate(graph, email, password)
        )
    except InvalidCredentials as refused:
        lang = page_lang(request, settings.default_lang)
        code = "suspended" if isinstance(refused, AccountSuspended) else "credentials"
        errors = forms.shown_errors([FieldError("email", "wrong", code)], lang)
        context = {"next": forms.text(form, "next"), "values": {"email": email}, "errors": errors}
        return render(request, "login.html", status_code=401, **context)
    sign_in(request, user.id, user.token_version)
    landing_path = landing(user.role)
    back = forms.local_path(forms.text(form, "next"), landing_path)
    response = RedirectResponse(back, status_code=303)
    if user.lang and LANG_COOKIE not in request.cookies:
        # A device that never chose a language: the pages speak the one the account chose.
        _remember_lang(response, user.lang)
    return response


@router.post("/logout")
def logout(request: Request, actor: PageActor, form: Form, graph: GraphDep) -> Response:
    """Sign out on every device: this session, the others and the account's API tokens."""
    if actor is not None:
        accounts.sign_out(graph, actor)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/password-reset", response_class=HTMLResponse)
def reset_page(request: Request, actor: PageActor) -> HTMLResponse:
    return render(request, "password_reset.html", actor=actor, sent=False, errors=[])


@router.post(
    "/password-reset",
    response_class=HTMLResponse,
    dependencies=[Depends(per_address("password_reset_per_address"))],
)
def reset_request(
    request: Request, form: Form, graph: GraphDep, settings: SettingsDep
) -> HTMLResponse:
    """E-mail a reset link; the page says the same whether or not the address has an account."""
    lang = page_lang(request, settings.default_lang)
    passwords.request_reset(graph, settings, forms.text(form, "email"), lang)
    return render(request, "password_reset.html", sent=True, errors=[])


@router.get("/password-reset/{token}", response_class=HTMLResponse)
def reset_form(request: Request, token: str) -> HTMLResponse:
    return render(request, "password_reset_new.html", token=token, errors=[])


@router.post(
    "/password-reset/{token}",
    response_class=HTMLResponse,
    dependencies=[Depends(per_address("password_reset_per_address"))],
)
def reset_password(
    request: Request, token: str, form: Form, graph: GraphDep, settings: SettingsDep
) -> Response:
    lang = page_lang(request, settings.default_lang)
    try:
        user = passwords.reset(graph, settings, token, forms.text(form, "password"))
    except InvalidInput as error:
        errors = forms.shown_errors(_signup_errors(error.errors), lang)
        return render(
            request, "password_reset_new.html", status_code=422, token=token, errors=errors
        )
    except InvalidCredentials:
        errors = forms.shown_errors([FieldError("password", "link", "reset_link")], lang)
        return render(
            request, "password_reset_new.html", status_code=400, token=token, errors=errors
        )
    sign_in(request, user.id, user.token_version)
    return RedirectResponse("/me", status_code=303)
