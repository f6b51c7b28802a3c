"""The FastAPI application: built from `Settings`, state on `app.state`, no module globals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adreel import __version__
from adreel.api.errors import install_error_handlers
from adreel.api.routes import health, voices
from adreel.app import make_secret_box, make_voice_registry, open_database
from adreel.config import Settings


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.database = open_database(settings)
        app.state.secrets = make_secret_box(settings)
        app.state.voices = make_voice_registry(settings)
        try:
            yield
        finally:
            app.state.voices.close()
            app.state.database.close()

    app = FastAPI(title="adreel", version=__version__, lifespan=lifespan,
                  description="Product page URLs in, short UGC-style video ads out. "
                              "Wire-compatible with the Nouvel video-ad API.")
    install_error_handlers(app)

    app.include_router(health.router)
    app.include_router(voices.router)
    return app
