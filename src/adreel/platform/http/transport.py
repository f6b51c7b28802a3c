"""An httpx transport that checks addresses where the connection is made.

The host is resolved once, every address is checked, and the socket is opened to one of the
checked addresses (TLS still verifies against the host name). The peer of the open socket is
checked again. So there is no window between the check and the connect for DNS rebinding.
"""

from __future__ import annotations

import ssl
import time
import typing
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import httpcore
import httpx

from adreel.platform.http.errors import ConnectError, FetchTimeoutError
from adreel.platform.http.policy import AddressPolicy, Resolver, parse_literal


class GuardedNetworkBackend(httpcore.NetworkBackend):
    """Wraps httpcore's socket backend: resolve, check, connect to a checked address."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver) -> None:
        self._policy = policy
        self._resolver = resolver
        self._inner = httpcore.SyncBackend()
        # getaddrinfo has no timeout of its own: names are resolved on a worker thread so a
        # slow resolver cannot hold a fetch past its connect timeout.
        self._lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="adreel-dns")

    def close(self) -> None:
        self._lookups.shutdown(wait=False, cancel_futures=True)

    def _resolve(self, host: str, port: int, timeout: float | None) -> list:
        if parse_literal(host) is not None:
            return self._policy.resolve_checked(host, port, self._resolver)
        lookup = self._lookups.submit(self._policy.resolve_checked, host, port, self._resolver)
        try:
            return lookup.result(timeout=timeout)
        except FutureTimeout as exc:
            raise FetchTimeoutError(f"Looking up {host} took longer than {timeout:.1f} s.") from exc

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        deadline = None if timeout is None else time.monotonic() + timeout
        addresses = self._resolve(host, port, timeout)
        last_error: Exception | None = None
        for ip in addresses:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise FetchTimeoutError(f"Could not connect to {host} in time.")
            try:
                stream = self._inner.connect_tcp(
                    str(ip), port, remaining, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            peer = stream.get_extra_info("server_addr")
            peer_ip = parse_literal(str(peer[0])) if peer else None
            if peer_ip is None:
                stream.close()
                raise ConnectError(f"Could not confirm the address connected to for {host}.")
            try:
                self._policy.check(peer_ip, host)
            except Exception:
                stream.close()
                raise
            return stream
        assert last_error is not None
        raise last_error

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> httpcore.NetworkStream:
        raise ConnectError("Unix sockets are not reachable through the fetcher.")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """`httpx.HTTPTransport` whose connection pool connects through `GuardedNetworkBackend`.

    httpx 0.28 takes no network backend argument, so the pool it builds is replaced by an
    identical one (same TLS context) that uses the guarded backend; proxies from the
    environment are never used, since they would bypass the address check.
    """

    def __init__(self, policy: AddressPolicy, resolver: Resolver,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(trust_env=False, retries=0)
        ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
        self._backend = GuardedNetworkBackend(policy, resolver)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=self._backend,
        )

    def close(self) -> None:
        super().close()
        self._backend.close()
