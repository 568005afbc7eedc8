"""The FastAPI application: routers under /api/v1, the graph opened once in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from api import web
from api.errors import COMMON_RESPONSES, install_error_handlers
from api.limits import Throttle
from api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from api.routes import (
    audit,
    auth,
    cohorts,
    events,
    health,
    introductions,
    job_offers,
    mentor_availability,
    mentors,
    notifications,
    organizations,
    outcomes,
    privacy,
    recommendations,
    reports,
    youths,
)
from matcher.encoders import load_encoder
from services import heap
from services.candidate_preload import Preloading
from services.db import Graph, connect
from services.recommendations import warm_up
from services.settings import Settings, get_settings
from services.training import RankerStore
from workers import runtime as worker_runtime
from workers.app import use_settings
from workers.local_beat import LocalBeat

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    """Build the app; tests pass their own settings and graph, the server reads the env."""
    config = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = config
        owns_graph = graph is None
        app.state.graph = graph or connect(app.state.settings)
        app.state.encoder = load_encoder(app.state.settings.encoder)
        app.state.rankers = RankerStore(app.state.graph, ttl=app.state.settings.ranker_ttl_s)
        # The first requests after a start cost no more than later ones (issue 14).
        warm_up(
            app.state.graph,
            rankers=app.state.rankers.current(),
            settings=app.state.settings,
            encoder=app.state.encoder,
        )
        preloading = None
        if owns_graph:  # a server's start (tests make many apps in one process)
            heap.settle()  # what the start loaded stays out of the collector's passes
            preloading = Preloading(app.state.graph, app.state.settings).start()
        app.state.preloading = preloading  # GET /health/ready: 503 until it is done
        # Tasks go to Redis when configured; without it they run here, on this graph.
        use_settings(app.state.settings)
        worker_runtime.configure(app.state.settings, app.state.graph, app.state.encoder)
        beat = None
        if app.state.settings.redis_url is None and app.state.settings.env != "test":
            beat = LocalBeat()  # no Celery beat without Redis: run the periodic jobs here
            beat.start()
        try:
            yield
        finally:
            if beat is not None:
                beat.stop()
            if preloading is not None:
                preloading.stop()
            if owns_graph:
                app.state.graph.close()

    app = FastAPI(
        title="Multaqa API",
        version="0.1.0",
        summary="Profiles, offers and accounts of the Multaqa youth networking service.",
        lifespan=lifespan,
        docs_url="/docs" if config.serves_docs else None,
        redoc_url="/redoc" if config.serves_docs else None,
        openapi_url="/openapi.json" if config.serves_docs else None,
    )
    app.state.throttle = Throttle(config)
    install_error_handlers(app)
    web.install(app, config)
    # The last added runs first: headers go on every answer, the 413 of the body cap included.
    app.add_middleware(
        BodyLimitMiddleware, limit=config.max_body_bytes, upload_limit=config.max_upload_bytes
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=config.env == "production")
    api = APIRouter(prefix=API_PREFIX, responses=COMMON_RESPONSES)
    for module in (
        auth,
        youths,
        mentor_availability,
        mentors,
        organizations,
        job_offers,
        recommendations,
        introductions,
        notifications,
        cohorts,
        outcomes,
        reports,
        events,
        privacy,
        audit,
    ):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(health.router)
    return app
