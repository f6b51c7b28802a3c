"""The FastAPI application: built from `Settings`, state on `app.state`, no module globals."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adreel import __version__
from adreel.api.errors import install_error_handlers
from adreel.api.routes import actors, admin, generate, health, jobs, media, projects, studio, usage, voices, web
from adreel.app import start_services
from adreel.config import Settings


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = start_services(settings)
        for name in ("settings", "database", "secrets", "storage", "voices", "actors", "admission",
                     "studio", "engine", "llm_available", "rate_limiter", "queue"):
            setattr(app.state, name, getattr(services, name))
        # What start-up built lives as long as the process: out of the collector's sight, a full
        # collection takes microseconds instead of tens of milliseconds in the middle of a request.
        gc.freeze()
        try:
            yield
        finally:
            services.close()

    app = FastAPI(title="adreel", version=__version__, lifespan=lifespan,
                  description="Product page URLs in, short UGC-style video ads out. "
                              "Wire-compatible with the Nouvel video-ad API.")
    install_error_handlers(app)
    for module in (health, voices, actors, generate, jobs, projects, usage, media, admin, studio, web):
        app.include_router(module.router)
    return app
