"""`POST /api/v1/generate` with the order of checks of spec/API.md §2:
401 → 403 → 413 / 400 → idempotency replay → 429 → 402 → 422 (fetch and classify the pages,
check the avatar photo) → 200. The engine admits the job; this route only keeps the order."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from adreel.api.deps import authenticated, check_permission, count_request
from adreel.engine import idempotency
from adreel.engine.request import GenerateContext, GenerateRequest, check_generate
from adreel.engine.states import JobStatus
from adreel.errors import BodyTooLarge, InvalidRequest

router = APIRouter()
MAX_BODY = 64 * 1024


async def json_body(request: Request) -> object:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BodyTooLarge("Request body too large", reason=f"Bodies are limited to {MAX_BODY // 1024} KiB.")
    try:
        return json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidRequest("The request body must be JSON") from exc


def generate_context(state: Any) -> GenerateContext:
    """What checking a generate body needs from start-up (the app's state)."""
    return GenerateContext(voices=state.voices, llm_available=state.llm_available, actor_ids=state.actors.ids(),
                           allow_private_webhooks=state.settings.allow_private_webhooks)


@router.post("/api/v1/generate")
async def generate(request: Request, response: Response) -> dict[str, Any]:
    caller = authenticated(request)
    check_permission(caller, "generate")
    body = await json_body(request)
    state = request.app.state
    checked: GenerateRequest = check_generate(body, generate_context(state))
    key = request.headers.get("idempotency-key")
    database = state.database
    if key is not None:
        if not 1 <= len(key) <= 255:
            raise InvalidRequest("Idempotency-Key must be 1-255 characters")
        replay = await run_in_threadpool(idempotency.reserve, database, caller.account_id,
                                         key, idempotency.body_hash(body))
        if replay is not None:
            return replay
    try:
        count_request(request, response, caller)
        job_id = await run_in_threadpool(state.admission.admit, caller.account_id, checked)
        await run_in_threadpool(state.engine.tick, job_id)
        answer = {"jobId": job_id, "totalProjects": checked.total_projects, "status": JobStatus.RUNNING}
    except BaseException:
        if key is not None:
            await run_in_threadpool(idempotency.release, database, caller.account_id, key)
        raise
    if key is not None:
        await run_in_threadpool(idempotency.complete, database, caller.account_id, key, answer)
    return answer
