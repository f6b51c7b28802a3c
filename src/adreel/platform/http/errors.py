"""Typed refusals of the safe fetcher. Every one is `fetch_failed` to the API (spec/API.md §2)."""

from __future__ import annotations

from typing import ClassVar

from adreel.errors import AdreelError


class FetchError(AdreelError):
    """The resource could not be fetched; the message says why in plain words."""

    code: ClassVar[str] = "fetch_failed"


class UnsupportedURLError(FetchError):
    """Not an absolute http(s) URL, or one with credentials or a bad port."""


class BlockedAddressError(FetchError):
    """The host is, or resolves to, an address the fetcher may not reach."""


class ResolveError(FetchError):
    """The host name does not resolve."""



class ConnectError(FetchError):
    """The server could not be reached or the connection broke."""



class FetchTimeoutError(FetchError):
    """The server was too slow (connect, read or total time)."""



class TooLargeError(FetchError):
    """The body is larger than the cap for its kind; reading stopped at the cap."""


class TooManyRedirectsError(FetchError):
    """More redirects than allowed, or a redirect loop."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ContentTypeError(FetchError):
    """The server sent something other than what was asked for (e.g. a PDF for a page)."""
