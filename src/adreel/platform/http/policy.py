"""Which addresses outbound requests may reach.

The product fetches URLs that users hand it, so by default it refuses every address that is not
globally routable: a user must not be able to make adreel read its own host, the operator's
network or a cloud metadata endpoint.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from adreel.platform.http.errors import BlockedAddressError, ResolveError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# A resolver maps (host, port) to every address the name has.
Resolver = Callable[[str, int], list[IPAddress]]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, through the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResolveError(f"The host name {host} could not be resolved.") from exc
    seen: dict[IPAddress, None] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        seen[ipaddress.ip_address(sockaddr[0].split("%", 1)[0])] = None
    if not seen:
        raise ResolveError(f"The host name {host} has no addresses.")
    return list(seen)


def parse_literal(host: str) -> IPAddress | None:
    """The address when `host` is an IP literal (with or without IPv6 brackets), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def classify_address(ip: IPAddress) -> str | None:
    """A short description of why `ip` is not public, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 inside IPv6 (mapped, 6to4, Teredo) is judged as the IPv4 it carries.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return classify_address(embedded)
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a carrier-grade NAT address"
    if isinstance(ip, ipaddress.IPv6Address) and ip in _UNIQUE_LOCAL:
        return "an IPv6 unique-local address"
    if ip.is_private:
        return "a private network address"
    if not ip.is_global or ip.is_reserved:
        return "a reserved address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Decides whether an address may be contacted.

    `allow_private` opens every address (operator setting for local use and tests);
    `allowed_networks` opens only the listed networks (e.g. one staging store on the LAN).
    """

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = field(default_factory=tuple)

    @classmethod
    def from_strings(cls, allow_private: bool, networks: Iterable[str] = ()) -> AddressPolicy:
        return cls(
            allow_private=allow_private,
            allowed_networks=tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks),
        )

    def check(self, ip: IPAddress, host: str) -> None:
        """Raise `BlockedAddressError` when `ip` (an address of `host`) may not be contacted."""
        if self.allow_private:
            return
        why = classify_address(ip)
        if why is None or any(ip in net for net in self.allowed_networks):
            return
        shown = host if parse_literal(host) == ip else f"{host} ({ip})"
        raise BlockedAddressError(
            f"Refused to contact {shown}: it is {why}, and adreel only fetches public "
            "internet addresses (an operator can allow private ones with "
            "ADREEL_ALLOW_PRIVATE_NETWORKS=1)."
        )

    def resolve_checked(self, host: str, port: int, resolver: Resolver) -> list[IPAddress]:
        """Every address of `host`, after checking all of them: one bad address refuses the host,
        so a name cannot hide a private address behind a public one."""
        literal = parse_literal(host)
        addresses = [literal] if literal is not None else resolver(host, port)
        for ip in addresses:
            self.check(ip, host)
        return addresses
