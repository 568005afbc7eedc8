"""Domain errors to HTTP responses, in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from graph.driver import GraphUnavailable
from services.accounts import InvalidCredentials
from services.errors import Conflict, Forbidden, InvalidInput, LimitReached, NotFound


def install_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its status code and a JSON body with `detail`."""

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
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(InvalidCredentials)
    async def _unauthorised(_: Request, error: InvalidCredentials) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(GraphUnavailable)
    async def _unavailable(_: Request, error: GraphUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)
