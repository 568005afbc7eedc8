"""Domain errors to HTTP responses, in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse, Response

from graph.driver import GraphUnavailable
from services.accounts import InvalidCredentials
from services.errors import Conflict, Forbidden, InvalidInput, LimitReached, NotFound


def _page(request: Request, status_code: int, reason: str) -> Response | None:
    """On a web page, the error page instead of JSON."""
    from api.web import error_page, is_page  # the pages import the API's dependencies

    return error_page(request, status_code, reason) if is_page(request) else None


def install_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its status code and a JSON body with `detail` (an error page
    on the web pages)."""

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, error: NotFound) -> Response:
        return _page(request, 404, "not_found") or JSONResponse(
            {"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND
        )

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden) -> Response:
        return _page(request, 403, "forbidden") or JSONResponse(
            {"detail": str(error)}, status_code=status.HTTP_403_FORBIDDEN
        )

    @app.exception_handler(Conflict)
    async def _conflict(request: Request, error: Conflict) -> Response:
        return _page(request, 409, "conflict") or JSONResponse(
            {"detail": str(error)}, status_code=status.HTTP_409_CONFLICT
        )

    @app.exception_handler(LimitReached)
    async def _limit(request: Request, error: LimitReached) -> Response:
        return _page(request, 429, "throttled") or JSONResponse(
            {"detail": str(error)}, status_code=status.HTTP_429_TOO_MANY_REQUESTS
        )

    @app.exception_handler(InvalidInput)
    async def _invalid(request: Request, error: InvalidInput) -> Response:
        if page := _page(request, 422, "invalid"):
            return page
        # The same shape as FastAPI's own validation errors, so clients parse one format.
        detail = [
            {"loc": ["body", *e.field.split(".")], "msg": e.message, "type": "value_error"}
            for e in error.errors
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(InvalidCredentials)
    async def _unauthorised(_: Request, error: InvalidCredentials) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(GraphUnavailable)
    async def _unavailable(request: Request, error: GraphUnavailable) -> Response:
        return _page(request, 503, "unavailable") or JSONResponse(
            {"detail": str(error)}, status_code=503
        )
