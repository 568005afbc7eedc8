"""The web pages: server-rendered from the same app, calling the same services as the API.

`install(app, settings)` adds the signed session cookie, the static files (content-hashed URLs,
cached a year), the page routers and the error pages. The security headers, the body cap and
the throttling are the app's, shared with the API (api/middleware.py, api/limits.py).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from api.web import (
    pages_account,
    pages_events,
    pages_introductions,
    pages_offers,
    pages_privacy,
    pages_profile,
    pages_skills,
    pages_staff_accounts,
    pages_staff_choices,
    pages_staff_cohorts,
    pages_staff_event_day,
    pages_staff_events,
    pages_staff_import,
    pages_staff_people,
    pages_staff_report,
    pages_suggestions,
)
from api.web.rendering import render, static_file
from api.web.session import CsrfRefused, SignInRequired, actor_if_any, landing
from services.settings import Settings

SESSION_COOKIE = "multaqa_session"
YEAR = 365 * 24 * 3600


def is_page(request: Request) -> bool:
    """True for the web pages (not the JSON API, the health check or the API docs)."""
    path = request.url.path
    return not path.startswith(("/api/", "/health", "/docs", "/redoc", "/openapi.json"))


def install(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.jwt_secret.get_secret_value(),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        # Secure outside development: tests and production are https (or loopback, which
        # browsers treat as secure); `multaqa up` serves plain http on 127.0.0.1.
        https_only=settings.env != "development",
    )

    @app.get("/static/{digest}/{name:path}", include_in_schema=False)
    def static(digest: str, name: str) -> Response:
        path = static_file(digest, name)
        if path is None:
            return Response(status_code=404)
        headers = {"Cache-Control": f"public, max-age={YEAR}, immutable"}
        return FileResponse(path, headers=headers)

    # pages_privacy's /me/data and /me/delete come before pages_profile's /me/{step}.
    for module in (
        pages_account,
        pages_privacy,
        pages_profile,
        pages_suggestions,
        pages_introductions,
        pages_offers,
        pages_events,
        pages_skills,
        pages_staff_import,
        pages_staff_report,
        pages_staff_people,
        pages_staff_cohorts,
        pages_staff_events,
        pages_staff_choices,
        pages_staff_event_day,
        pages_staff_accounts,
    ):
        app.include_router(module.router)

    @app.exception_handler(SignInRequired)
    async def _sign_in(_: Request, error: SignInRequired) -> Response:
        return RedirectResponse(f"/login?next={error.next_path}", status_code=303)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _: CsrfRefused) -> Response:
        return error_page(request, 403, "csrf")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        if is_page(request) and error.status_code in (404, 405):
            return error_page(request, error.status_code, "not_found")
        return await http_exception_handler(request, error)


def error_page(request: Request, status_code: int, reason: str) -> Response:
    """The page shown for a refused, missing or throttled request, in the page's language,
    with the menu of whoever is signed in and the way back to their own landing page."""
    actor = actor_if_any(request) if reason != "unavailable" else None
    home = landing(actor.role) if actor else "/"
    return render(
        request, "error.html", status_code=status_code, reason=reason, actor=actor, home=home
    )
