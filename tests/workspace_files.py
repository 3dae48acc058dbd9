"""Ways the tests look at and spoil a workspace file from outside the app."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from partnerdesk.store import Workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(path: Path) -> list[str]:
    with Workspace.open(path, create=False, read_only=True) as ws:
        return [r["title"] for r in ws.rows("programmes")]


def damaged_page(path: Path) -> None:
    """Spoil a table page in the middle of the file, leaving the header (WAL, version) intact."""
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page + 8: 3 * page + 200] = random.Random(1).randbytes(192)
    path.write_bytes(bytes(data))
