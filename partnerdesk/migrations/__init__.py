"""Ordered schema migrations: `mNNNN_name.py` modules, each with `migrate(db)`.

A released migration is never edited; a change to the schema is a new module with the next
number. Numbers are the schema version stored in ``PRAGMA user_version``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    migrate: Callable[[sqlite_utils.Database], None]


_NAME = re.compile(r"^m(\d{4})_(\w+)$")


@functools.cache
def _module_names() -> tuple[tuple[int, str, str], ...]:
    """(version, name, module) of every migration module, in order, checked to have no gaps.

    Listed once per process: opening a workspace asks several times, and each listing reads the
    package's folder."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if match:
            found.append((int(match.group(1)), match.group(2), info.name))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {versions}")
    return tuple(found)


def all_migrations() -> list[Migration]:
    return [Migration(version, name, importlib.import_module(f"{__name__}.{module}").migrate)
            for version, name, module in _module_names()]


def latest_version() -> int:
    """The schema version this code writes, found from the module names without importing them
    (the migrations import sqlite-utils, which opening an up-to-date workspace does not need)."""
    return len(_module_names())
