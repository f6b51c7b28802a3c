"""`Client` and `AsyncClient`: the API's calls as methods, jobs that know how to wait.

    client = Client("https://adreel.example.com")          # key from ADREEL_API_KEY
    job = client.generate(["https://shop.example/p/1"], ad_duration=30)
    done = job.wait(on_progress=lambda j: print(j.overall_progress))
    client.download(done, "videos")
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
from pydantic import PrivateAttr, ValidationError

from adreel_client._http import AsyncApi, SyncApi
from adreel_client.download import Downloader, Slug, default_slug, plan
from adreel_client.errors import DownloadError
from adreel_client.models import (
    Actor,
    CompletedDetail,
    GenerateRequest,
    JobBody,
    JobCreated,
    Project,
    ProjectDetail,
    Usage,
    Voices,
    WebhookAttempt,
)
from adreel_client.polling import DEFAULT_INTERVALS, PollSchedule, report
from adreel_client.retry import RetryPolicy

Downloadable = JobBody | CompletedDetail | Project
PAGE_SIZE = 100


class Job(JobBody):
    """A job's latest state, bound to the client that fetched it."""

    _client: Client = PrivateAttr()

    def refresh(self) -> Job:
        return self._client.get_job(self.job_id)

    def wait(self, on_progress: Callable[[Job], object] | None = None, timeout: float | None = None,
             intervals: Sequence[float] | None = None) -> Job:
        """Poll until the job is completed, partial, failed or cancelled (API.md §4: 10 s, 15 s,
        then every 20 s by default); `on_progress` sees every state polled. `WaitTimeout` after
        `timeout` seconds."""
        schedule = PollSchedule(intervals or self._client.poll_intervals, timeout)
        job = self
        while (delay := schedule.before_next(job)) is not None:
            time.sleep(delay)
            job = report(self._client.get_job(self.job_id), on_progress)
        return job

    def cancel(self) -> Job:
        return self._client.cancel(self.job_id)


class AsyncJob(JobBody):
    """A job's latest state, bound to the `AsyncClient` that fetched it."""

    _client: AsyncClient = PrivateAttr()

    async def refresh(self) -> AsyncJob:
        return await self._client.get_job(self.job_id)

    async def wait(self, on_progress: Callable[[AsyncJob], object] | None = None, timeout: float | None = None,
                   intervals: Sequence[float] | None = None) -> AsyncJob:
        """As `Job.wait`, without blocking the event loop."""
        schedule = PollSchedule(intervals or self._client.poll_intervals, timeout)
        job = self
        while (delay := schedule.before_next(job)) is not None:
            await asyncio.sleep(delay)
            job = report(await self._client.get_job(self.job_id), on_progress)
        return job

    async def cancel(self) -> AsyncJob:
        return await self._client.cancel(self.job_id)


def _generate_call(urls: Sequence[str], idempotency_key: str | None,
                   options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The body and headers of `POST /generate`. Every submit carries an Idempotency-Key, so the
    retries after a lost answer replay the first job instead of making a second."""
    if isinstance(urls, str):
        raise TypeError("urls must be a list of URLs, not one string")
    try:
        request = GenerateRequest(urls=list(urls), **options)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise TypeError(f"generate option {'.'.join(map(str, problem['loc']))}: {problem['msg']}") from None
    return request.wire(), {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}


def _unseen(body: dict[str, Any], key: str, ident: str, seen: set[str]) -> Iterator[dict[str, Any]]:
    """A page's items not met on an earlier page (an item created meanwhile shifts the pages)."""
    for item in body[key]:
        if item[ident] not in seen:
            seen.add(item[ident])
            yield item


def _numbered(client_job: JobBody | None, item: Downloadable) -> list[tuple[int, CompletedDetail]]:
    """The (folder number, detail) pairs to download: a job's finished videos numbered by their
    place in the job, as `adreel generate` numbers them."""
    if isinstance(item, CompletedDetail):
        return [(1, item)]
    job = client_job if client_job is not None else item
    if not isinstance(job, JobBody):
        raise DownloadError(f"Project {getattr(item, 'id', '?')} names no job to download it from.")
    if not job.finished:
        raise DownloadError(f"Job {job.job_id} is still {job.status}: wait() for it before downloading.")
    numbered = list(enumerate(job.completed_details, start=1))
    if isinstance(item, Project):
        numbered = [(n, d) for n, d in numbered if d.project_id == item.id]
    return numbered


class _Common:
    """Construction shared by both clients."""

    def __init__(self, retry: RetryPolicy | None, poll_intervals: Sequence[float], timeout: float) -> None:
        self.retry = retry or RetryPolicy()
        self.poll_intervals = tuple(poll_intervals)
        self.timeout = timeout

    def _downloader(self) -> Downloader:
        return Downloader(httpx.Client(timeout=self.timeout, follow_redirects=True), self.retry)


class Client(_Common):
    """The API, blocking. `base_url` is the server's root (a trailing `/api/v1` is fine); the key
    defaults to `ADREEL_API_KEY`. `retry` and `poll_intervals` tune the patience."""

    def __init__(self, base_url: str, api_key: str | None = None, *, retry: RetryPolicy | None = None,
                 poll_intervals: Sequence[float] = DEFAULT_INTERVALS, timeout: float = 60.0) -> None:
        super().__init__(retry, poll_intervals, timeout)
        self._api = SyncApi(base_url, api_key, self.retry, timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._api.close()

    def _job(self, body: dict[str, Any]) -> Job:
        job = Job.model_validate(body)
        job._client = self
        return job

    def generate(self, urls: Sequence[str], *, idempotency_key: str | None = None, **options: Any) -> Job:
        """Submit a job (API.md §3 fields in snake_case: `ad_duration=30`, `aspect_ratio="1:1"`, ...)."""
        body, headers = _generate_call(urls, idempotency_key, options)
        created = JobCreated.model_validate(self._api.call("POST", "/generate", body, headers=headers))
        return self._job({"jobId": created.job_id, "status": created.status,
                          "totalProjects": created.total_projects})

    def get_job(self, job_id: str) -> Job:
        return self._job(self._api.call("GET", f"/jobs/{job_id}"))

    def cancel(self, job: str | JobBody) -> Job:
        job_id = job.job_id if isinstance(job, JobBody) else job
        return self._job(self._api.call("POST", f"/jobs/{job_id}/cancel"))

    def _walk(self, path: str, key: str, ident: str, status: str | None, size: int) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        for page in itertools.count(1):
            body = self._api.call("GET", path, params={"page": page, "limit": size, "status": status})
            yield from _unseen(body, key, ident, seen)
            if not body["pagination"]["hasMore"]:
                return

    def list_jobs(self, status: str | None = None, page_size: int = PAGE_SIZE) -> Iterator[Job]:
        """Every job of the account, newest first, fetched page after page as the loop goes."""
        return (self._job(item) for item in self._walk("/jobs", "jobs", "jobId", status, page_size))

    def projects(self, status: str | None = None, page_size: int = PAGE_SIZE) -> Iterator[Project]:
        """Every project of the account, newest first, fetched page after page as the loop goes."""
        return (Project.model_validate(item) for item in self._walk("/projects", "projects", "id", status, page_size))

    def project(self, project_id: str) -> ProjectDetail:
        return ProjectDetail.model_validate(self._api.call("GET", f"/projects/{project_id}"))

    def webhook_attempts(self, job_id: str) -> list[WebhookAttempt]:
        """Every delivery attempt of the job's webhook, in order."""
        return [WebhookAttempt.model_validate(a) for a in self._api.call("GET", f"/jobs/{job_id}/webhooks")["webhooks"]]

    def usage(self) -> Usage:
        return Usage.model_validate(self._api.call("GET", "/usage"))

    def actors(self) -> list[Actor]:
        return [Actor.model_validate(a) for a in self._api.call("GET", "/actors")["actors"]]

    def voices(self) -> Voices:
        return Voices.model_validate(self._api.call("GET", "/voices"))

    def download(self, item: Downloadable, folder: str | Path, slug: Slug | None = None) -> list[Path]:
        """Each finished video of a job (or one project) into `folder/<nn>-<slug>/`; returns the
        folders written. `slug` turns a title into the folder name's tail."""
        job = self.get_job(item.job_id) if isinstance(item, Project) and item.job_id else None
        planned = plan(_numbered(job, item), slug or default_slug)
        downloader = self._downloader()
        try:
            return downloader.save(planned, Path(folder))
        finally:
            downloader.http.close()


class AsyncClient(_Common):
    """The API for asyncio; the same methods as `Client`, awaited (`list_jobs` and `projects` are
    async iterators). Downloads run in a worker thread: the file writes block anyway."""

    def __init__(self, base_url: str, api_key: str | None = None, *, retry: RetryPolicy | None = None,
                 poll_intervals: Sequence[float] = DEFAULT_INTERVALS, timeout: float = 60.0) -> None:
        super().__init__(retry, poll_intervals, timeout)
        self._api = AsyncApi(base_url, api_key, self.retry, timeout)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self._api.close()

    def _job(self, body: dict[str, Any]) -> AsyncJob:
        job = AsyncJob.model_validate(body)
        job._client = self
        return job

    async def generate(self, urls: Sequence[str], *, idempotency_key: str | None = None,
                       **options: Any) -> AsyncJob:
        body, headers = _generate_call(urls, idempotency_key, options)
        created = JobCreated.model_validate(await self._api.call("POST", "/generate", body, headers=headers))
        return self._job({"jobId": created.job_id, "status": created.status,
                          "totalProjects": created.total_projects})

    async def get_job(self, job_id: str) -> AsyncJob:
        return self._job(await self._api.call("GET", f"/jobs/{job_id}"))

    async def cancel(self, job: str | JobBody) -> AsyncJob:
        job_id = job.job_id if isinstance(job, JobBody) else job
        return self._job(await self._api.call("POST", f"/jobs/{job_id}/cancel"))

    async def _walk(self, path: str, key: str, ident: str, status: str | None,
                    size: int) -> AsyncIterator[dict[str, Any]]:
        seen: set[str] = set()
        for page in itertools.count(1):
            body = await self._api.call("GET", path, params={"page": page, "limit": size, "status": status})
            for item in _unseen(body, key, ident, seen):
                yield item
            if not body["pagination"]["hasMore"]:
                return

    async def list_jobs(self, status: str | None = None, page_size: int = PAGE_SIZE) -> AsyncIterator[AsyncJob]:
        async for item in self._walk("/jobs", "jobs", "jobId", status, page_size):
            yield self._job(item)

    async def projects(self, status: str | None = None, page_size: int = PAGE_SIZE) -> AsyncIterator[Project]:
        async for item in self._walk("/projects", "projects", "id", status, page_size):
            yield Project.model_validate(item)

    async def project(self, project_id: str) -> ProjectDetail:
        return ProjectDetail.model_validate(await self._api.call("GET", f"/projects/{project_id}"))

    async def webhook_attempts(self, job_id: str) -> list[WebhookAttempt]:
        body = await self._api.call("GET", f"/jobs/{job_id}/webhooks")
        return [WebhookAttempt.model_validate(a) for a in body["webhooks"]]

    async def usage(self) -> Usage:
        return Usage.model_validate(await self._api.call("GET", "/usage"))

    async def actors(self) -> list[Actor]:
        return [Actor.model_validate(a) for a in (await self._api.call("GET", "/actors"))["actors"]]

    async def voices(self) -> Voices:
        return Voices.model_validate(await self._api.call("GET", "/voices"))

    async def download(self, item: Downloadable, folder: str | Path, slug: Slug | None = None) -> list[Path]:
        job = await self.get_job(item.job_id) if isinstance(item, Project) and item.job_id else None
        planned = plan(_numbered(job, item), slug or default_slug)
        downloader = self._downloader()
        try:
            return await asyncio.to_thread(downloader.save, planned, Path(folder))
        finally:
            downloader.http.close()
