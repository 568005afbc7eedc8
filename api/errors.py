"""Domain errors to HTTP responses, in one place."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.limits import RateLimited
from graph.driver import GraphUnavailable
from services.accounts import InvalidCredentials
from services.errors import Conflict, Forbidden, InvalidInput, LimitReached, NotFound


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

# A 422 names what is wrong; it never sends the input back (a 5 MB bio, 300,000 keys).
MAX_ERRORS_SHOWN = 20
MAX_EXCERPT_CHARS = 80


def excerpt(value: Any) -> str:
    """A short excerpt of an input value, for an error message."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"


def printable(value: Any) -> Any:
    """The value with lone surrogates (which UTF-8 cannot encode) replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    return value


def validation_details(errors: Any) -> list[dict[str, Any]]:
    """FastAPI's validation errors, at most MAX_ERRORS_SHOWN, each input cut to an excerpt."""
    shown = []
    for error in list(errors)[:MAX_ERRORS_SHOWN]:
        entry = {key: error[key] for key in ("type", "loc", "msg") if key in error}
        if "input" in error and error["type"] != "missing":
            entry["input"] = excerpt(error["input"])
        shown.append(entry)
    return printable(jsonable_encoder(shown))


def install_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its status code and a JSON body with `detail`."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        errors = error.errors()
        body: dict[str, Any] = {"detail": validation_details(errors)}
        if len(errors) > MAX_ERRORS_SHOWN:
            body["more_errors"] = len(errors) - MAX_ERRORS_SHOWN
        return JSONResponse(body, status_code=422)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, error: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND)

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, error: Forbidden) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_403_FORBIDDEN)

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, error: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)

    @app.exception_handler(LimitReached)
    async def _limit(_: Request, error: LimitReached) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_429_TOO_MANY_REQUESTS)

    @app.exception_handler(InvalidInput)
    async def _invalid(_: Request, error: InvalidInput) -> JSONResponse:
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
    async def _unavailable(_: Request, error: GraphUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(RateLimited)
    async def _throttled(_: Request, error: RateLimited) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(error.retry_after)},
        )
