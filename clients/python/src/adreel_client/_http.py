"""The client's one way to the API: the base URL, the key, pacing, retries, errors as exceptions.

The key goes only to the API (as `X-API-Key`), never to media URLs, which may live on another
host (a pre-signed object store).
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import httpx

from adreel_client.errors import error_for
from adreel_client.retry import Attempts, Pacer, RetryPolicy

API_PREFIX = "/api/v1"
USER_AGENT = "adreel-client/0.1"


def api_root(base_url: str) -> str:
    """The server's root, whether given as `https://host`, `https://host/` or `https://host/api/v1`."""
    root = base_url.strip().rstrip("/")
    if root.endswith(API_PREFIX):
        root = root[: -len(API_PREFIX)]
    if not root.startswith(("http://", "https://")):
        raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
    return root


def resolve_key(api_key: str | None) -> str:
    key = api_key or os.environ.get("ADREEL_API_KEY", "").strip()
    if not key:
        raise ValueError("No API key: pass api_key=... or set ADREEL_API_KEY.")
    return key


class _Settings:
    """What both flavours share: where, who, and how patiently."""

    def __init__(self, base_url: str, api_key: str | None, retry: RetryPolicy | None) -> None:
        self.root = api_root(base_url)
        self.headers = {"X-API-Key": resolve_key(api_key), "User-Agent": USER_AGENT}
        self.retry = retry or RetryPolicy()
        self.pacer = Pacer()

    def request(self, http: httpx.Client | httpx.AsyncClient, method: str, path: str,
                body: dict[str, Any] | None, params: dict[str, Any] | None,
                headers: dict[str, str] | None) -> tuple[httpx.Request, Attempts]:
        query = {k: v for k, v in (params or {}).items() if v is not None}
        request = http.build_request(method, f"{self.root}{API_PREFIX}{path}", json=body, params=query,
                                     headers={**self.headers, **(headers or {})})
        replayable = method == "GET" or "Idempotency-Key" in (headers or {})
        return request, Attempts(self.retry, replayable)

    def outcome(self, response: httpx.Response) -> Any:
        """The parsed JSON of a final answer, or its error raised."""
        if response.is_success:
            return response.json()
        raise error_for(response)


class SyncApi(_Settings):
    def __init__(self, base_url: str, api_key: str | None, retry: RetryPolicy | None, timeout: float) -> None:
        super().__init__(base_url, api_key, retry)
        self.http = httpx.Client(timeout=timeout, follow_redirects=False)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None,
             params: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
        request, attempts = self.request(self.http, method, path, body, params, headers)
        while True:
            while (hold := self.pacer.delay()) > 0:
                time.sleep(hold)
            try:
                response = self.http.send(request)
                response.read()
            except httpx.TransportError as exc:
                delay = attempts.after_error(exc)
            else:
                self.pacer.observe(response)
                again = attempts.after_response(response)
                if again is None:
                    return self.outcome(response)
                delay = again
            time.sleep(delay)

    def close(self) -> None:
        self.http.close()


class AsyncApi(_Settings):
    def __init__(self, base_url: str, api_key: str | None, retry: RetryPolicy | None, timeout: float) -> None:
        super().__init__(base_url, api_key, retry)
        self.http = httpx.AsyncClient(timeout=timeout, follow_redirects=False)

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None,
                   params: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
        request, attempts = self.request(self.http, method, path, body, params, headers)
        while True:
            while (hold := self.pacer.delay()) > 0:
                await asyncio.sleep(hold)
            try:
                response = await self.http.send(request)
                await response.aread()
            except httpx.TransportError as exc:
                delay = attempts.after_error(exc)
            else:
                self.pacer.observe(response)
                again = attempts.after_response(response)
                if again is None:
                    return self.outcome(response)
                delay = again
            await asyncio.sleep(delay)

    async def close(self) -> None:
        await self.http.aclose()

