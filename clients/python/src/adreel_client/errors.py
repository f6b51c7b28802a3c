"""Exceptions named after the API's error bodies (API.md §2), each carrying the server's message.

Every non-2xx answer becomes an `ApiError` subclass chosen by status and, for 409 and 422, by
the machine code in the body's `error`. `str(exc)` is the sentence a user can act on.
"""

from __future__ import annotations

import json
import re

import httpx

from adreel_client.models import ErrorBody, ErrorUsage

_MACHINE_CODE = re.compile(r"[a-z][a-z0-9_]*")


class AdreelClientError(Exception):
    """Base of everything this package raises."""


class ConnectionFailed(AdreelClientError):
    """The server could not be reached (or kept failing) for the whole retry budget."""


class WaitTimeout(AdreelClientError, TimeoutError):
    """`Job.wait` ran out of time; `job` is the last state seen."""

    def __init__(self, message: str, job: object) -> None:
        super().__init__(message)
        self.job = job


class DownloadError(AdreelClientError):
    """A file could not be downloaded whole (wrong length, nothing finished to download)."""


class ApiError(AdreelClientError):
    """A non-2xx answer. `error` and `reason` are the body's fields; `message` the readable one."""

    def __init__(self, status_code: int, body: ErrorBody, headers: httpx.Headers | None = None) -> None:
        self.status_code = status_code
        self.body = body
        self.error = body.error
        self.reason = body.reason
        self.headers = headers or httpx.Headers()
        # Machine codes (`not_a_product`, ...) put the sentence in `reason`; others in `error`.
        self.message = (body.reason or body.error) if _MACHINE_CODE.fullmatch(body.error) else body.error
        super().__init__(self.message)


class InvalidRequest(ApiError):
    """400: the body or a parameter broke a rule; the message names the field."""


class PayloadTooLarge(InvalidRequest):
    """413: the request body is over the server's limit."""


class AuthenticationError(ApiError):
    """401: missing, unknown, revoked or expired key."""


class QuotaExceeded(ApiError):
    """402: plan quota and credits are used up; `usage` says how far."""

    @property
    def usage(self) -> ErrorUsage | None:
        return self.body.usage


class PermissionDenied(ApiError):
    """403: the key lacks the permission the call needs."""


class NotFound(ApiError):
    """404: unknown id, or another account's."""


class Conflict(ApiError):
    """409: e.g. cancelling a job that has already ended."""


class IdempotencyConflict(Conflict):
    """409 `idempotency_conflict`: the key was used with another body, or is still in flight."""


class Unprocessable(ApiError):
    """422: the server could not use what it was given."""


class NotAProduct(Unprocessable):
    """422 `not_a_product`: a URL is not a product page."""


class FetchFailed(Unprocessable):
    """422 `fetch_failed`: a page (or the avatar photo) could not be fetched."""


class NoFace(Unprocessable):
    """422 `no_face`: the avatar photo has no single clear face."""


class RateLimited(ApiError):
    """429: over the key's rate limit; `retry_after` in seconds."""

    @property
    def retry_after(self) -> float | None:
        asked = retry_after(self.headers)
        return self.body.retry_after if asked is None else asked


class ServerError(ApiError):
    """5xx after the retries were spent."""


_BY_STATUS: dict[int, type[ApiError]] = {400: InvalidRequest, 401: AuthenticationError, 402: QuotaExceeded,
                                         403: PermissionDenied, 404: NotFound, 409: Conflict,
                                         413: PayloadTooLarge, 422: Unprocessable, 429: RateLimited}
_BY_CODE: dict[str, type[ApiError]] = {"idempotency_conflict": IdempotencyConflict, "not_a_product": NotAProduct,
                                       "fetch_failed": FetchFailed, "no_face": NoFace}


def retry_after(headers: httpx.Headers) -> float | None:
    """`Retry-After` in seconds (delta-seconds form; an HTTP date is not sent by adreel)."""
    value = headers.get("retry-after")
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None


def error_for(response: httpx.Response) -> ApiError:
    """The exception for a non-2xx answer (the response must have been read)."""
    try:
        body = ErrorBody.model_validate(json.loads(response.content))
    except (ValueError, TypeError):
        body = ErrorBody(error=response.text[:300] or f"HTTP {response.status_code}")
    kind = _BY_CODE.get(body.error) or _BY_STATUS.get(response.status_code)
    if kind is None:
        kind = ServerError if response.status_code >= 500 else ApiError
    return kind(response.status_code, body, response.headers)
