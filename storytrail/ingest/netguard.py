"""Which network addresses storytrail may fetch from, checked where the connection is made.

A feed or a page can name any URL, and a redirect can send a request anywhere:
to ``127.0.0.1``, to a router at ``192.168.1.1``, to a cloud metadata service at
``169.254.169.254``. So the check is not on the URL's text but on the addresses
its host resolves to, at the moment of connecting, for the first request and
for every redirect alike. ``GuardedBackend`` is an httpcore network backend that
resolves the host itself, refuses the connection when any address is not public,
and then connects to the very address it checked: a DNS answer that changes
between the check and the connection (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

import httpcore

from storytrail.settings import DEFAULTS, Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[str]]


class AddressRefused(Exception):
    """A host resolved to an address storytrail does not fetch from."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        self.host = host
        self.address = address
        self.kind = kind
        named = "" if host == address else f" ({host} resolves to it)"
        super().__init__(
            f"refused {kind} address {address}{named}; use --allow-private to fetch from it"
        )


def address_kind(address: Address) -> str | None:
    """What makes ``address`` non-public ("loopback", "private", ...), or None if it is public.

    An IPv4 address wrapped in IPv6 (``::ffff:127.0.0.1``, 6to4, Teredo) is judged
    by the IPv4 address inside.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if inner is not None:
            return address_kind(inner)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def system_resolver(host: str) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressPolicy:
    """Decides, from the settings, whether an address may be connected to."""

    def __init__(self, settings: Settings = DEFAULTS) -> None:
        self.allow_private = settings.allow_private_addresses
        self.allowed = [
            ipaddress.ip_network(net, strict=False) for net in settings.allowed_networks
        ]
        self.resolve: Resolver = settings.resolver or system_resolver

    def vetted(self, host: str) -> list[str]:
        """The addresses of ``host``, all of them allowed, or raise ``AddressRefused``.

        One bad address refuses the host: a name that resolves to both a public and
        a private address is exactly what a rebinding attack looks like.
        """
        addresses = self.resolve(host.strip("[]"))
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            kind = None if self.allow_private else address_kind(address)
            if kind and not any(address in net for net in self.allowed):
                raise AddressRefused(host.strip("[]"), str(address), kind)
        return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """The synchronous httpcore backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple[int, int, int | bytes]] | None = None,
    ) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address in self.policy.vetted(host):
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, *args, **kwargs) -> httpcore.NetworkStream:  # type: ignore[override]
        raise httpcore.ConnectError("unix sockets are not fetched from")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
