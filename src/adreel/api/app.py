"""The FastAPI application: built from `Settings`, state on `app.state`, no module globals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adreel import __version__
from adreel.api.errors import install_error_handlers
from adreel.api.routes import admin, generate, health, jobs, media, projects, voices
from adreel.app import (
    make_fetcher,
    make_secret_box,
    make_toolkit,
    make_voice_registry,
    open_database,
    register_pipeline,
)
from adreel.config import Settings
from adreel.engine.core import Engine, Limits, Ticker
from adreel.engine.queue import LocalQueue
from adreel.engine.stages import StageRegistry, load_plugins
from adreel.engine.webhooks import WebhookSender
from adreel.media.actors.provider import LipSyncSlot
from adreel.platform.storage import LocalStorage


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.database = open_database(settings)
        app.state.secrets = make_secret_box(settings)
        app.state.voices = make_voice_registry(settings)
        app.state.fetcher = make_fetcher(settings)
        app.state.storage = LocalStorage(settings.data_dir / "media")
        app.state.llm_available = bool(settings.llm_base_url and settings.llm_model)
        toolkit = app.state.toolkit = make_toolkit(settings, app.state.fetcher, app.state.voices)
        toolkit.lip_sync_slot = LipSyncSlot()
        stages = StageRegistry()
        register_pipeline(stages, toolkit)
        load_plugins(settings.plugin_modules, stages=stages, voices=app.state.voices,
                     lip_sync=toolkit.lip_sync_slot)
        queue = LocalQueue()
        app.state.engine = Engine(app.state.database, stages, queue,
                                  Limits(stall_s=settings.stall_timeout_s, job_s=settings.job_timeout_s,
                                         lease_s=settings.lease_s))
        webhooks = WebhookSender(app.state.database, app.state.secrets,
                                 allow_private=settings.allow_private_webhooks,
                                 ca_bundle=settings.webhook_ca_bundle, delays=settings.webhook_delays)
        ticker = Ticker(app.state.engine, webhooks)
        ticker.start()
        try:
            yield
        finally:
            ticker.stop()
            webhooks.close()
            queue.close()
            if toolkit.llm is not None:
                toolkit.llm.close()
            app.state.fetcher.close()
            app.state.voices.close()
            app.state.database.close()

    app = FastAPI(title="adreel", version=__version__, lifespan=lifespan,
                  description="Product page URLs in, short UGC-style video ads out. "
                              "Wire-compatible with the Nouvel video-ad API.")
    install_error_handlers(app)

    app.include_router(health.router)
    app.include_router(voices.router)
    app.include_router(generate.router)
    app.include_router(jobs.router)
    app.include_router(projects.router)
    app.include_router(media.router)
    app.include_router(admin.router)
    return app
