"""Guarded outbound HTTP."""

from adreel.platform.http.client import Fetched, Fetcher, check_url
from adreel.platform.http.errors import (
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
from adreel.platform.http.policy import AddressPolicy, system_resolver

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
