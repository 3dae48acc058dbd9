"""This computer's own network addresses, for choosing where the room's server listens.

Found with the standard library only: the address the system would use for outside traffic
(a UDP socket "connected" to a private address sends nothing) and the host name's addresses.
The app lists interfaces with Qt's QNetworkInterface instead; this serves the command line.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket

LOOPBACK = "127.0.0.1"


def local_addresses() -> list[str]:
    """IPv4 addresses of this computer, private networks first, loopback last."""
    found: set[str] = set()
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))  # no packet is sent for a UDP connect
        found.add(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    found.add(LOOPBACK)
    return sorted(found, key=_rank)


def _rank(address: str) -> tuple[int, str]:
    parsed = ipaddress.ip_address(address)
    return (2 if parsed.is_loopback else 0 if parsed.is_private else 1, address)


def check_host(host: str) -> str:
    """Refuse the all-interfaces addresses: the room listens on one chosen interface only."""
    parsed = ipaddress.ip_address(host)
    if parsed.is_unspecified:
        raise ValueError("Choose one address of this computer, not every interface at once.")
    return str(parsed)
