"""Domain errors to HTTP responses, in one place: JSON for the API, an error page for pages."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.limits import RateLimited
from api.validation import printable, validation_body
from graph.driver import GraphUnavailable
from services.errors import (
    Conflict,
    Forbidden,
    InvalidCredentials,
    InvalidInput,
    LimitReached,
    NotFound,
)


class ErrorBody(BaseModel):
    """Every error but a validation error: what went wrong, in `detail`."""

    detail: str


_ERROR = {"model": ErrorBody}
# Every status an /api/v1 route may answer besides its success, declared in the OpenAPI so that
# clients (and schemathesis' status-code check) know them all.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {**_ERROR, "description": "No token, or an invalid, expired or revoked one"},
    403: {**_ERROR, "description": "Signed in, but not allowed to do this"},
    404: {**_ERROR, "description": "No such record"},
    409: {**_ERROR, "description": "Conflicts with what is stored"},
    413: {**_ERROR, "description": "The request body is too large"},
    429: {**_ERROR, "description": "Too many requests: see the Retry-After header"},
    503: {**_ERROR, "description": "The database is not answering: try again shortly"},
}
RETRY_AFTER_OUTAGE = "5"  # seconds: a Neo4j restart or a network blip


def _page(request: Request, status_code: int, reason: str) -> Response | None:
    """On a web page, the error page instead of JSON."""
    from api.web import error_page, is_page  # the pages import the API's dependencies

    return error_page(request, status_code, reason) if is_page(request) else None


def _json_or_page(
    request: Request,
    status_code: int,
    reason: str,
    detail: str,
    headers: dict[str, str] | None = None,
) -> Response:
    response = _page(request, status_code, reason) or JSONResponse(
        {"detail": detail}, status_code=status_code
    )
    response.headers.update(headers or {})
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its status code and a JSON body with `detail` (an error page
    on the web pages)."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(validation_body(list(error.errors())), status_code=422)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, error: NotFound) -> Response:
        return _json_or_page(request, status.HTTP_404_NOT_FOUND, "not_found", str(error))

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden) -> Response:
        return _json_or_page(request, status.HTTP_403_FORBIDDEN, "forbidden", str(error))

    @app.exception_handler(Conflict)
    async def _conflict(request: Request, error: Conflict) -> Response:
        return _json_or_page(request, status.HTTP_409_CONFLICT, "conflict", str(error))

    @app.exception_handler(LimitReached)
    async def _limit(request: Request, error: LimitReached) -> Response:
        return _json_or_page(request, status.HTTP_429_TOO_MANY_REQUESTS, "throttled", str(error))

    @app.exception_handler(RateLimited)
    async def _throttled(request: Request, error: RateLimited) -> Response:
        return _json_or_page(
            request, 429, "throttled", str(error), {"Retry-After": str(error.retry_after)}
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
        return JSONResponse({"detail": printable(detail)}, status_code=422)

    @app.exception_handler(InvalidCredentials)
    async def _unauthorised(_: Request, error: InvalidCredentials) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(GraphUnavailable)
    async def _unavailable(request: Request, error: GraphUnavailable) -> Response:
        return _json_or_page(
            request, 503, "unavailable", str(error), {"Retry-After": RETRY_AFTER_OUTAGE}
        )
