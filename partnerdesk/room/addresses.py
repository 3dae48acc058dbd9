"""Where the room's server may listen: one chosen address of this computer, never all at once.

The app lists interfaces with Qt's QNetworkInterface; the command line takes `--host`.
"""

from __future__ import annotations

import ipaddress


def check_host(host: str) -> str:
    """Refuse the all-interfaces addresses: the room listens on one chosen interface only."""
    parsed = ipaddress.ip_address(host)
    if parsed.is_unspecified:
        raise ValueError("Choose one address of this computer, not every interface at once.")
    return str(parsed)
