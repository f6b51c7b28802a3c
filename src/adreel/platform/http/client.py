"""The safe fetcher: the only way adreel talks to the outside world.

Every request goes through `GuardedTransport` (address checks at connect time), follows at most
`max_redirects` redirects itself (re-checking each hop), and streams the body under a size cap
and a total deadline.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from email.message import Message
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from urllib.parse import urljoin

import httpx

from adreel.config import FetchLimits
from adreel.platform.http.decode import decode_text
from adreel.platform.http.errors import (
    ConnectError,
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedURLError,
)
from adreel.platform.http.policy import AddressPolicy, Resolver, system_resolver
from adreel.platform.http.transport import GuardedTransport

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 adreel/0.1"
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
JSON_TYPES = frozenset({"application/json", "text/javascript", "application/javascript"})


@dataclass(frozen=True)
class Resource:
    """A kind of resource the fetcher gets: what it asks for and what it accepts back."""

    accept: str                          # the Accept header
    types: Collection[str] | None        # acceptable content types (None: any)
    what: str                            # how errors name it ("web page", "image", ...)
    type_prefix: str | None = None       # and/or a required type prefix ("image/")


PAGE = Resource("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", HTML_TYPES, "web page")
IMAGE = Resource("image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8", None, "image", "image/")
JSON_DOCUMENT = Resource("application/json,text/javascript;q=0.9", JSON_TYPES, "JSON document")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: where it ended up, what it is, and its (decompressed) bytes."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        return decode_text(self.body, self.charset)


def _split_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    if isinstance(charset, tuple):   # RFC 2231 form
        charset = charset[2]
    return msg.get_content_type().lower(), charset if isinstance(charset, str) else None


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def _describe_status(status: int) -> str:
    try:
        return f"{status} {httpx.codes(status).phrase}"
    except ValueError:
        return str(status)


def check_url(url: str) -> httpx.URL:
    """Parse `url` and refuse anything but an absolute http(s) URL without credentials."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise UnsupportedURLError(f"{url!r} is not a valid URL.") from exc
    if parsed.scheme not in ("http", "https"):
        raise UnsupportedURLError(
            f"Only http and https URLs can be fetched, not {parsed.scheme or 'relative'} URLs."
        )
    if not parsed.host:
        raise UnsupportedURLError(f"{url!r} has no host name.")
    if parsed.userinfo:
        raise UnsupportedURLError("URLs with a user name or password are not fetched.")
    return parsed


class Fetcher:
    """Fetches pages, images and JSON under `FetchLimits` and an `AddressPolicy`.

    Use as a context manager, or call `close()`; one instance may serve many requests and
    threads (httpx clients are thread-safe).
    """

    def __init__(
        self,
        limits: FetchLimits | None = None,
        policy: AddressPolicy | None = None,
        *,
        resolver: Resolver = system_resolver,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.limits = limits or FetchLimits()
        self.policy = policy or AddressPolicy()
        self._client = httpx.Client(
            transport=GuardedTransport(self.policy, resolver),
            follow_redirects=False,
            trust_env=False,
            # One fetcher serves every user: it must never carry one site's cookies into
            # another request, so its jar accepts none.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            headers={
                "User-Agent": user_agent,
                "Accept-Language": "en-US,en;q=0.9,*;q=0.5",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the three kinds of resource -------------------------------------------------------

    def page(self, url: str, *, allow_statuses: Collection[int] = ()) -> Fetched:
        """An HTML page (text/html or XHTML), at most `max_page_bytes`."""
        return self.fetch(url, PAGE, self.limits.max_page_bytes, allow_statuses=allow_statuses)

    def image(self, url: str) -> Fetched:
        """An image (any image/* type), at most `max_image_bytes`."""
        return self.fetch(url, IMAGE, self.limits.max_image_bytes)

    def json(self, url: str) -> Fetched:
        """A JSON document (also served as JavaScript, as Shopify's `.js` endpoints are)."""
        return self.fetch(url, JSON_DOCUMENT, self.limits.max_page_bytes)

    # -- the general case ------------------------------------------------------------------

    def fetch(self, url: str, kind: Resource, max_bytes: int, *,
              allow_statuses: Collection[int] = ()) -> Fetched:
        deadline = time.monotonic() + self.limits.total_timeout_s
        current = check_url(url)
        hops: list[str] = []
        while True:
            response = self._send(current, kind.accept, deadline)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    if len(hops) >= self.limits.max_redirects:
                        raise TooManyRedirectsError(
                            f"{url} redirected more than {self.limits.max_redirects} times."
                        )
                    target = urljoin(str(current), response.headers["location"])
                    hops.append(str(current))
                    if target in hops:
                        raise TooManyRedirectsError(f"{url} redirects in a loop.")
                    current = check_url(target)
                    continue
                return self._read(response, current, hops, deadline, kind, max_bytes, allow_statuses)
            finally:
                response.close()

    def _send(self, url: httpx.URL, accept: str, deadline: float) -> httpx.Response:
        remaining = max(deadline - time.monotonic(), 0.001)
        timeout = httpx.Timeout(
            connect=min(self.limits.connect_timeout_s, remaining),
            read=min(self.limits.read_timeout_s, remaining),
            write=min(self.limits.read_timeout_s, remaining),
            pool=min(self.limits.connect_timeout_s, remaining),
        )
        request = self._client.build_request("GET", url, headers={"Accept": accept},
                                             timeout=timeout)
        try:
            return self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(
                f"{url.host} did not answer in time ({type(exc).__name__})."
            ) from exc
        except httpx.TransportError as exc:
            raise ConnectError(f"Could not connect to {url.host}: {exc or type(exc).__name__}.") from exc

    def _read(
        self,
        response: httpx.Response,
        url: httpx.URL,
        hops: list[str],
        deadline: float,
        kind: Resource,
        max_bytes: int,
        allow_statuses: Collection[int],
    ) -> Fetched:
        what = kind.what
        status = response.status_code
        if status >= 400 and status not in allow_statuses:
            raise HTTPStatusError(
                f"{url.host} answered {_describe_status(status)} for {url}.", status
            )
        if status >= 300 and status < 400:
            raise HTTPStatusError(f"{url.host} answered {status} without a usable redirect.",
                                  status)
        mime, charset = _split_content_type(response.headers.get("content-type"))
        ok_type = (kind.types is None or mime in kind.types) and (
            kind.type_prefix is None or mime.startswith(kind.type_prefix)
        )
        if not ok_type and status < 400:
            shown = mime or "no content type"
            raise ContentTypeError(f"{url} is not a {what}: the server sent {shown}.")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in response.headers:
            raise TooLargeError(
                f"{url} is {_size(int(declared))}, over the {_size(max_bytes)} "
                f"limit for a {what}."
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise TooLargeError(
                        f"{url} is larger than the {_size(max_bytes)} limit for a {what}; "
                        "reading stopped there."
                    )
                if time.monotonic() > deadline:
                    raise FetchTimeoutError(
                        f"{url.host} took longer than {self.limits.total_timeout_s:g} s "
                        f"to send the {what}."
                    )
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"{url.host} stopped sending the {what} (read timeout).") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"{url} sent a body that could not be decompressed.") from exc
        except httpx.TransportError as exc:
            raise ConnectError(f"The connection to {url.host} broke while reading.") from exc
        return Fetched(
            url=str(url),
            status=status,
            content_type=mime,
            charset=charset,
            body=b"".join(chunks),
            redirects=tuple(hops),
        )
