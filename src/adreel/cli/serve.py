"""`adreel serve`: the API. Embedded mode renders on its own threads; with a broker
(`ADREEL_QUEUE`) it serves, ticks and sends webhooks while `adreel worker` processes render."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the HTTP API on HOST:PORT (migrating the database first)."""
    import uvicorn

    from adreel.api import create_app
    from adreel.config import Settings

    settings = Settings()
    if settings.public_url is None:
        settings = settings.model_copy(update={"public_url": f"http://{host}:{port}"})
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning",
                server_header=False, proxy_headers=False)
