"""Guarded outbound HTTP."""

from adreel.media.fetch.client import Fetched, Fetcher, check_url
from adreel.media.fetch.errors import (
    BlockedAddressError,
    ConnectError,
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    ResolveError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedURLError,
)
from adreel.media.fetch.policy import AddressPolicy, system_resolver

__all__ = [
    "AddressPolicy",
    "BlockedAddressError",
    "ConnectError",
    "ContentTypeError",
    "FetchError",
    "FetchTimeoutError",
    "Fetched",
    "Fetcher",
    "HTTPStatusError",
    "ResolveError",
    "TooLargeError",
    "TooManyRedirectsError",
    "UnsupportedURLError",
    "check_url",
    "system_resolver",
]
