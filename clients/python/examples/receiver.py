"""A receiver for adreel's `job.completed` webhooks (Starlette), verifying every delivery.

Run it (the secret is the account's, from `adreel webhooks secret show --account NAME`):

    ADREEL_WEBHOOK_SECRET=whsec_... uvicorn --factory receiver:create_app --port 8080

and submit jobs with `webhook_url="https://<your host>/hooks/adreel"`. A delivery that fails
verification answers 400; one already handled (the sender retries with the same event id when
it missed an answer) answers 200 and is not handled twice; one whose handling fails answers 500
so the sender tries again.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from adreel_client.models import WebhookEvent
from adreel_client.webhooks import Deduplicator, DuplicateEvent, WebhookError, verify
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def print_event(event: WebhookEvent) -> None:
    videos = [d.final_output_url for d in event.projects if d.final_output_url]
    print(f"job {event.job_id} {event.status}: {len(videos)} video(s)", *videos, sep="\n  ")


def create_app(secret: str | None = None, handle: Callable[[WebhookEvent], object] = print_event) -> Starlette:
    key = secret or os.environ["ADREEL_WEBHOOK_SECRET"]
    seen = Deduplicator()

    async def receive(request: Request) -> JSONResponse:
        body = await request.body()          # the raw bytes: the signature covers them exactly
        try:
            event = verify(request.headers, body, key, deduplicator=seen)
        except DuplicateEvent:
            return JSONResponse({"received": True, "duplicate": True})
        except WebhookError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        try:
            handle(event)
        except Exception:
            if event.event_id:
                seen.forget(event.event_id)   # let the sender's retry be handled afresh
            return JSONResponse({"error": "handling failed"}, status_code=500)
        return JSONResponse({"received": True})

    return Starlette(routes=[Route("/hooks/adreel", receive, methods=["POST"])])
