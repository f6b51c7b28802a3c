"""`POST /api/v1/generate` with the order of checks of spec/API.md §2:
401 → 403 → 413 / 400 → 429 → 402 → 422 (fetch and classify the pages) → 200."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from adreel.api.deps import authenticated, count_request
from adreel.api.errors import ApiError
from adreel.api.generate_request import GenerateContext, GenerateRequest, check_generate
from adreel.engine import idempotency
from adreel.engine.submit import QuotaExceeded, create_job
from adreel.media.extract import read_url
from adreel.media.write.override import split_sentences
from adreel.media.write.timing import estimate_seconds
from adreel.platform.http import FetchError

router = APIRouter()
MAX_BODY = 64 * 1024


def _check_pages(request: Request, urls: list[str]) -> None:
    """Fetch and classify every page at once; the first failure, in URL order, answers 422."""
    fetcher = request.app.state.fetcher

    def read(url: str) -> tuple[str, str | None, str | None]:
        try:
            page = read_url(url, fetcher)
        except FetchError as exc:
            return url, "fetch_failed", exc.message
        if not page.verdict.is_product:
            return url, "not_a_product", page.verdict.reason
        return url, None, None

    with ThreadPoolExecutor(max_workers=min(len(set(urls)), 3)) as pool:
        outcomes = dict((url, (code, reason)) for url, code, reason in pool.map(read, list(dict.fromkeys(urls))))
    for url in urls:
        code, reason = outcomes[url]
        if code is not None:
            raise ApiError(422, code, reason=reason)


def _check_avatar(request: Request, url: str) -> None:
    """The avatar photo is fetched and must show one clear face, before anything is created."""
    reason = avatar_problem(url, request.app.state.fetcher)
    if reason is not None:
        raise ApiError(422, reason[0], reason=reason[1])


def avatar_problem(url: str, fetcher) -> tuple[str, str] | None:
    """(`fetch_failed` | `no_face`, the reason) when the photo cannot be an avatar, else None."""
    from adreel.media.actors.photo import NoFace, find_face
    from adreel.pipeline.actors import portrait

    try:
        image = portrait(fetcher.image(url).body)
    except FetchError as exc:
        return "fetch_failed", f"The avatar photo could not be fetched: {exc.message}"
    except OSError:
        return "no_face", "The avatar URL is not a picture adreel can read."
    try:
        find_face(image)
    except NoFace as exc:
        return "no_face", exc.message
    return None


def _override_seconds(voices):
    """How long an override script takes at the measured rate of the voice that will say it."""

    def seconds(text: str, language: str) -> float:
        voice = voices.resolve(language)
        return estimate_seconds(split_sentences(text), language, voices.words_per_second(voice.info.id))

    return seconds


@router.post("/api/v1/generate")
async def generate(request: Request, response: Response) -> dict[str, Any]:
    caller = authenticated(request)
    if "generate" not in caller.permissions:
        raise ApiError(403, "This API key does not have the 'generate' permission")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiError(413, "Request body too large", reason=f"Bodies are limited to {MAX_BODY // 1024} KiB.")
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "The request body must be JSON") from exc
    state = request.app.state
    context = GenerateContext(voices=state.voices, llm_available=state.llm_available,
                              actor_ids=tuple(state.toolkit.actors),
                              allow_private_webhooks=state.settings.allow_private_webhooks,
                              override_seconds=_override_seconds(state.voices))
    checked: GenerateRequest = check_generate(body, context)
    key = request.headers.get("idempotency-key")
    database = state.database
    if key is not None:
        if not 1 <= len(key) <= 255:
            raise ApiError(400, "Idempotency-Key must be 1-255 characters")
        try:
            replay = await run_in_threadpool(idempotency.reserve, database, caller.account_id,
                                             key, idempotency.body_hash(body))
        except idempotency.Conflict as exc:
            raise ApiError(409, "idempotency_conflict", reason=str(exc)) from exc
        if replay is not None:
            return replay
    try:
        count_request(request, response, caller)
        answer = await _accept(request, caller.account_id, checked)
    except BaseException:
        if key is not None:
            await run_in_threadpool(idempotency.release, database, caller.account_id, key)
        raise
    if key is not None:
        await run_in_threadpool(idempotency.complete, database, caller.account_id, key, answer)
    return answer


async def _accept(request: Request, account_id: str, checked: GenerateRequest) -> dict[str, Any]:
    def quota_only() -> None:
        # 402 before the pages are fetched: a job that cannot be paid for costs nothing.
        from adreel.engine.submit import usage
        from adreel.platform.db import Account

        with request.app.state.database.session() as session:
            account = session.get(Account, account_id)
            assert account is not None
            current = usage(session, account)
            needed = checked.total_projects
            plan_left = needed if current.limit is None else max(0, current.limit - current.used)
            if needed - min(needed, plan_left) > account.credits:
                raise _quota_error(current, needed)

    def create() -> str:
        with request.app.state.database.session() as session:
            try:
                job = create_job(session, account_id, checked.urls, checked.variant_count,
                                 checked.model_dump(), checked.webhook_url)
            except QuotaExceeded as exc:
                raise _quota_error(exc.usage, exc.needed) from exc
            return job.id

    await run_in_threadpool(quota_only)
    await run_in_threadpool(_check_pages, request, checked.urls)
    if checked.avatar_image_url:
        await run_in_threadpool(_check_avatar, request, checked.avatar_image_url)
    job_id = await run_in_threadpool(create)
    await run_in_threadpool(request.app.state.engine.tick, job_id)
    return {"jobId": job_id, "totalProjects": checked.total_projects, "status": "running"}


def _quota_error(current, needed: int) -> ApiError:
    limit = current.limit if current.limit is not None else current.used
    return ApiError(402, "quota_exceeded",
                    reason=f"This job needs {needed} credits; the plan has "
                           f"{max((current.limit or 0) - current.used, 0)} left this month and "
                           f"{current.credits} purchased credits remain.",
                    usage={"used": current.used, "limit": limit})
